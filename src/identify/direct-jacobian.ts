import { dualField } from "../field/dual.ts";
import type { Field } from "../field/field.ts";
import { fromCoordinates } from "../model/chart.ts";
import { chartPullback } from "../model/chart-pullback.ts";
import { type EntryRef, type ModelSpec, type Parameters, allEntries, entryOf, parameterCount } from "../model/spec.ts";
import { discreteTaskRows, locateDiscreteRow } from "../predictor/summary-rows.ts";
import { type Task, taskLength } from "../task/task.ts";
import { chainAdjoint } from "./chain-adjoint.ts";
import type { Jacobian } from "./jacobian.ts";

/**
 * Tasks longer than this go through the dual-number Jacobian: a row here walks every
 * position (O(L·k²)), while ChainTensor crosses long hidden runs by powers of T.
 */
export const DIRECT_MAX_LENGTH = 64;

/** Whether `directJacobianAt` covers this model and task set (discrete emissions, short tasks). */
export function directJacobianSupported(spec: ModelSpec, tasks: readonly Task[]): boolean {
  return spec.family === "hmm" && tasks.every((t) => taskLength(t) <= DIRECT_MAX_LENGTH);
}

/**
 * The Jacobian of a discrete summary with each row's gradient computed on its own, by
 * reverse mode over the chain (chain-adjoint.ts) and the chart (chart-pullback.ts): a row
 * N/Z costs O(L·k² + n) and nothing is shared or stored between rows, so a caller that
 * reads a few rows of a huge summary pays only for those. Same values as `jacobianAt`
 * (exactly, over F_p). Entry gradients, needed only for per-entry verdicts below full
 * rank, come from dual numbers through the chart, built on first use.
 */
export function directJacobianAt(base: Field<number>, spec: ModelSpec, theta: readonly number[], tasks: readonly Task[]): Jacobian {
  if (!directJacobianSupported(spec, tasks)) throw new Error("directJacobianAt: discrete emissions and tasks of length ≤ 64 only");
  const n = parameterCount(spec);
  const params = fromCoordinates(base, spec, theta);
  const pullback = chartPullback(base, spec, params);
  const counts = discreteTaskRows(spec, tasks);
  let chart: Parameters<{ g: Float64Array | null }> | null = null;
  const zeros = new Float64Array(n);
  return {
    rows: counts.reduce((a, b) => a + b, 0),
    columns: n,
    row: (i) => {
      const out = new Float64Array(n);
      pullback(rowEntryGradients(base, spec, params, locateDiscreteRow(spec, tasks, counts, i)), out);
      return out;
    },
    label: (i) => locateDiscreteRow(spec, tasks, counts, i).label,
    entryGradient: (e: EntryRef) => {
      const dual = dualField(base, n);
      chart ??= fromCoordinates(dual, spec, theta.map((v, i) => dual.variable(v, i)));
      return entryOf(chart, e).g ?? zeros;
    },
    entries: allEntries(spec),
  };
}

/** ∇(N/Z) = (∇N − (N/Z)∇Z)/Z over the entries of π, T and the rows of O the row touches. */
function rowEntryGradients(
  field: Field<number>,
  spec: ModelSpec,
  params: Parameters<number>,
  row: { task: Task; given: readonly number[]; predicted: readonly number[] },
) {
  const L = taskLength(row.task);
  const jointSymbols = new Array<number>(L).fill(-1);
  row.task.given.forEach((t, i) => (jointSymbols[t - 1] = row.given[i]));
  const givenSymbols = jointSymbols.slice();
  row.task.predict.forEach((t, i) => (jointSymbols[t - 1] = row.predicted[i]));
  const O = params.emission;
  const weightsOf = (symbols: number[]) => symbols.map((a) => (a < 0 ? null : O[a]));
  const N = chainAdjoint(field, params.pi, params.T, weightsOf(jointSymbols));
  const Z = chainAdjoint(field, params.pi, params.T, weightsOf(givenSymbols));
  const invZ = field.div(field.one, Z.value);
  const c = field.neg(field.mul(field.mul(N.value, invZ), invZ));
  const combine = (x: number, y: number) => field.add(field.mul(invZ, x), field.mul(c, y));
  const emission = new Map<number, number[]>();
  const addTo = (a: number, g: readonly number[], scale: number) => {
    const row = emission.get(a) ?? new Array<number>(spec.states).fill(field.zero);
    for (let h = 0; h < row.length; h++) row[h] = field.add(row[h], field.mul(scale, g[h]));
    emission.set(a, row);
  };
  for (let t = 0; t < L; t++) {
    if (jointSymbols[t] >= 0) addTo(jointSymbols[t], N.weights[t]!, invZ);
    if (givenSymbols[t] >= 0) addTo(givenSymbols[t], Z.weights[t]!, c);
  }
  return {
    pi: N.pi.map((x, h) => combine(x, Z.pi[h])),
    T: N.T.map((row, i) => row.map((x, j) => combine(x, Z.T[i][j]))),
    emission,
  };
}
