import type { Field } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { columnSums, matVec } from "../linalg/matrix.ts";
import type { Rational } from "../field/rational.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { type GaussianDesign, exhaustiveSummary } from "../predictor/summary.ts";
import type { Task } from "../task/task.ts";

/** How two points' exhaustive summaries compare, row by row, in the field's own equality. */
export interface SummaryComparison {
  readonly rows: number;
  /** Labels of the rows that differ (at most `limit` of them). */
  readonly differing: string[];
}

/**
 * Compares the exhaustive summaries (docs/math.md §4) of two points exactly: over Q (or F_p, or
 * symbols) `isZero(a − b)` is equality, so an empty `differing` proves the two points make
 * the same predictions on every input the task set sees.
 */
export function compareSummaries<E>(
  field: Field<E>,
  spec: ModelSpec,
  p: Parameters<E>,
  q: Parameters<E>,
  tasks: readonly Task[],
  design?: GaussianDesign,
  limit = 5,
): SummaryComparison {
  const a = exhaustiveSummary(field, spec, p, tasks, design);
  const b = exhaustiveSummary(field, spec, q, tasks, design);
  const differing: string[] = [];
  for (let row = 0; row < a.rows && differing.length < limit; row++) {
    if (!field.isZero(field.sub(a.value(row), b.value(row)))) differing.push(a.label(row));
  }
  return { rows: a.rows, differing };
}

/** max |F(p) − F(q)| over the exhaustive summary, in floats. */
export function maxSummaryDifference(
  spec: ModelSpec,
  p: Parameters<number>,
  q: Parameters<number>,
  tasks: readonly Task[],
  design?: GaussianDesign,
): number {
  const a = exhaustiveSummary(floatField, spec, p, tasks, design);
  const b = exhaustiveSummary(floatField, spec, q, tasks, design);
  let max = 0;
  for (let row = 0; row < a.rows; row++) max = Math.max(max, Math.abs(a.value(row) - b.value(row)));
  return max;
}

/**
 * What keeps a point from being a valid parameter point of `spec`, in the field's own
 * equality: every entry of π, T (and O for hmm) positive by `positive`, columns of T and O
 * and π summing to exactly 1, and Tπ = π under stationary init. Empty when valid.
 */
export function validityProblems<E>(field: Field<E>, spec: ModelSpec, p: Parameters<E>, positive: (x: E) => boolean): string[] {
  const problems: string[] = [];
  const isOne = (x: E) => field.isZero(field.sub(x, field.one));
  const check = (name: string, m: readonly (readonly E[])[], stochastic: boolean) => {
    m.forEach((row, i) => row.forEach((x, j) => positive(x) || problems.push(`${name}[${i + 1},${j + 1}] is not positive`)));
    if (stochastic) columnSums(field, m).forEach((s, j) => isOne(s) || problems.push(`column ${j + 1} of ${name} does not sum to 1`));
  };
  p.pi.forEach((x, i) => positive(x) || problems.push(`pi[${i + 1}] is not positive`));
  if (!isOne(p.pi.reduce((s, x) => field.add(s, x), field.zero))) problems.push("pi does not sum to 1");
  check("T", p.T, true);
  if (spec.family === "hmm") check("O", p.emission, true);
  if (spec.init === "stationary") {
    const moved = matVec(field, p.T, p.pi);
    if (!moved.every((x, i) => field.isZero(field.sub(x, p.pi[i])))) problems.push("pi is not stationary for T");
  }
  return problems;
}

/** Sign test for exact rationals. */
export const positiveRational = (x: Rational): boolean => x.num > 0n;
