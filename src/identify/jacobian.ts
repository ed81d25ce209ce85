import { type Dual, type DualField, dualField, floatDualField } from "../field/dual.ts";
import type { Field } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { fromCoordinates } from "../model/chart.ts";
import { type EntryRef, type ModelSpec, type Parameters, allEntries, entryOf, parameterCount } from "../model/spec.ts";
import { type GaussianDesign, type Summary, exhaustiveSummary } from "../predictor/summary.ts";
import type { Task } from "../task/task.ts";
import { designSize } from "../predictor/design.ts";

/**
 * The Jacobian J = ∂F/∂θ of the exhaustive summary at one point, by forward-mode dual
 * numbers over `base` (float64, or F_p for exact certificates). Rows are computed on
 * demand; `entryGradient` gives ∂(entry)/∂θ for every entry of π, T, O|M, derived ones
 * included, for per-parameter verdicts.
 */
export interface Jacobian {
  readonly rows: number;
  readonly columns: number;
  row(i: number): Float64Array;
  label(i: number): string;
  entryGradient(e: EntryRef): Float64Array;
  readonly entries: readonly EntryRef[];
}

export function jacobianAt(
  base: Field<number>,
  spec: ModelSpec,
  theta: readonly number[],
  tasks: readonly Task[],
  design?: GaussianDesign,
): Jacobian {
  const n = parameterCount(spec);
  const { field, params } = dualParameters(base, spec, theta);
  const summary: Summary<Dual> = exhaustiveSummary(field, spec, params, tasks, design);
  const zeros = new Float64Array(n);
  return {
    rows: summary.rows,
    columns: n,
    row: (i) => summary.value(i).g ?? zeros,
    label: (i) => summary.label(i),
    entryGradient: (e) => entryOf(params, e).g ?? zeros,
    entries: allEntries(spec),
  };
}

/** The parameters at θ as dual numbers over `base` (float duals for floats), one tangent component per coordinate. */
export function dualParameters(base: Field<number>, spec: ModelSpec, theta: readonly number[]): { field: DualField; params: Parameters<Dual> } {
  const n = parameterCount(spec);
  const field: DualField = base === floatField ? floatDualField(n) : dualField(base, n);
  return { field, params: fromCoordinates(field, spec, theta.map((v, i) => field.variable(v, i))) };
}

/** Rows of the exhaustive summary, without building it. */
export function summaryRowCount(spec: ModelSpec, tasks: readonly Task[], n: number): number {
  const d = spec.symbols;
  return tasks.reduce((rows, task) => {
    const outputs = d ** task.predict.length;
    const inputs = spec.family === "hmm" ? d ** task.given.length : designSize(spec, task, n);
    return rows + inputs * outputs;
  }, 0);
}
