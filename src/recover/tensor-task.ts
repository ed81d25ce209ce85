import { InputError } from "../base/errors.ts";
import { floatField } from "../field/float.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { exhaustiveSummary } from "../predictor/summary.ts";
import { type Task, formatTask } from "../task/task.ts";

/**
 * The two tensor-target tasks recovery handles (docs/math.md §3 and §8.1):
 * `middle` is x2 -> x1 ⊗ x3, `first` is x1 -> x2 ⊗ x3 (targets in either order).
 */
export type TensorTaskKind = "middle" | "first";

/** A predictor of a tensor task as f[s][a][c] = E[x_p ⊗ x_q | x_g = e_s], p < q the predicted positions. */
export type PredictorTensor = number[][][];

export function tensorTaskKind(task: Task): TensorTaskKind {
  const predicted = [...task.predict].sort((a, b) => a - b).join(",");
  if (task.given.length === 1 && task.given[0] === 2 && predicted === "1,3") return "middle";
  if (task.given.length === 1 && task.given[0] === 1 && predicted === "2,3") return "first";
  throw new InputError(`recovery handles "x2 -> x1 ⊗ x3" and "x1 -> x2 ⊗ x3", not "${formatTask(task)}"`);
}

/**
 * Checks that recovery applies: a tensor task, discrete emissions, k ≤ d (the factors need
 * full column rank), and every symbol of positive probability at the given position (else
 * the predictor is undefined there). Returns the task's kind; throws InputError otherwise.
 */
export function checkRecoverable(spec: ModelSpec, task: Task, truth?: Parameters<number>): TensorTaskKind {
  const kind = tensorTaskKind(task);
  if (spec.family !== "hmm") throw new InputError("recovery is implemented for discrete emissions (--model hmm) only");
  if (spec.states > spec.symbols) {
    throw new InputError(`recovery needs k ≤ d (the tensor factors must have full column rank); got k = ${spec.states} > d = ${spec.symbols}`);
  }
  if (truth) {
    const zero = givenTokenLaw(truth, task).flatMap((p, s) => (p > 0 ? [] : [`x${task.given[0]}=${s + 1}`]));
    if (zero.length > 0) throw new InputError(`${zero.join(", ")} has probability 0 under these parameters: the predictor is undefined there`);
  }
  return kind;
}

/** The law of the task's given token x_g: O·T^(g−1)·π. */
export function givenTokenLaw(p: Parameters<number>, task: Task): number[] {
  let h = [...p.pi];
  for (let t = 1; t < task.given[0]; t++) h = p.T.map((row) => row.reduce((sum, x, j) => sum + x * h[j], 0));
  return p.emission.map((row) => row.reduce((sum, o, j) => sum + o * h[j], 0));
}

/**
 * Row index in the task's exhaustive summary (input-major, outputs in the task's own
 * predicted order, first most significant) of the tensor entry f[s][a][c] (a the earlier
 * predicted position). Ties the tensor to `exhaustiveSummary` and to the empirical rows.
 */
export function summaryRow(task: Task, d: number, s: number, a: number, c: number): number {
  const earlierFirst = task.predict[0] < task.predict[1];
  return s * d * d + (earlierFirst ? a * d + c : c * d + a);
}

/** Reshapes summary rows (length d³) into the tensor f[s][a][c]. */
export function tensorFromRows(task: Task, d: number, rows: ArrayLike<number>): PredictorTensor {
  return Array.from({ length: d }, (_, s) =>
    Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, c) => rows[summaryRow(task, d, s, a, c)])),
  );
}

/** Flattens a tensor back into summary row order. */
export function rowsFromTensor(task: Task, d: number, f: PredictorTensor): number[] {
  const rows = new Array<number>(d * d * d);
  for (let s = 0; s < d; s++) for (let a = 0; a < d; a++) for (let c = 0; c < d; c++) rows[summaryRow(task, d, s, a, c)] = f[s][a][c];
  return rows;
}

/** The exact optimal predictor of a tensor task at a float point, from the exhaustive summary (forward–backward). */
export function exactPredictorTensor(spec: ModelSpec, params: Parameters<number>, task: Task): PredictorTensor {
  tensorTaskKind(task);
  const summary = exhaustiveSummary(floatField, spec, params, [task]);
  const rows = Array.from({ length: summary.rows }, (_, i) => summary.value(i));
  return tensorFromRows(task, spec.symbols, rows);
}
