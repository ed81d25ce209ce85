import { Matrix, inverse } from "ml-matrix";
import { floatField } from "../field/float.ts";
import { jacobianAt } from "../identify/jacobian.ts";
import { toCoordinates } from "../model/chart.ts";
import { type EntryRef, type ModelSpec, type Parameters, entryName } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import { exactPredictorTensor, givenTokenLaw, rowsFromTensor } from "./tensor-task.ts";

/** Asymptotic standard deviations of the recovered entries, scaled by √N. */
export interface StandardErrors {
  /** sd × √N of every entry of π, T, O (derived ones included), in `allEntries` order. */
  readonly scaled: readonly { readonly entry: EntryRef; readonly name: string; readonly sdRootN: number }[];
  /** The largest of them: the max-abs error is of order this over √N. */
  readonly maxSdRootN: number;
}

/**
 * The delta-method standard errors of the count-weighted least-squares fit that recovery
 * ends with (refineOnSummary, weights n_s = N·q_s): with J_s the Jacobian block of input s,
 * f_s its predictor slice and q the law of the given token,
 *     N·Cov(θ̂) → A⁻¹ B A⁻¹,  A = Σ_s q_s J_sᵀJ_s,  B = Σ_s q_s J_sᵀ (diag f_s − f_s f_sᵀ) J_s,
 * the middle factor being the multinomial covariance of one empirical slice. Entries follow by
 * the chain rule. These are what the slope −1/2 of a sweep converges to; the max-abs error over
 * all entries is typically 1–3 times the largest sd. Null when A is singular (not identifiable).
 */
export function asymptoticStandardErrors(spec: ModelSpec, task: Task, truth: Parameters<number>): StandardErrors | null {
  const d = spec.symbols;
  const J = jacobianAt(floatField, spec, toCoordinates(spec, truth), [task]);
  const f = rowsFromTensor(task, d, exactPredictorTensor(spec, truth, task));
  const q = givenTokenLaw(truth, task);
  const n = J.columns;
  const A = Matrix.zeros(n, n);
  const B = Matrix.zeros(n, n);
  const outputs = d * d;
  for (let s = 0; s < d; s++) {
    const rows = Array.from({ length: outputs }, (_, i) => s * outputs + i);
    const Js = new Matrix(rows.map((r) => Array.from(J.row(r))));
    const fs = rows.map((r) => f[r]);
    const cov = new Matrix(outputs, outputs);
    for (let i = 0; i < outputs; i++) for (let j = 0; j < outputs; j++) cov.set(i, j, (i === j ? fs[i] : 0) - fs[i] * fs[j]);
    A.add(Js.transpose().mmul(Js).mul(q[s]));
    B.add(Js.transpose().mmul(cov).mmul(Js).mul(q[s]));
  }
  let Ainv: Matrix;
  try {
    Ainv = inverse(A);
  } catch {
    return null;
  }
  const covariance = Ainv.mmul(B).mmul(Ainv);
  const scaled = J.entries.map((entry) => {
    const g = Matrix.columnVector(Array.from(J.entryGradient(entry)));
    return { entry, name: entryName(entry), sdRootN: Math.sqrt(Math.max(0, g.transpose().mmul(covariance).mmul(g).get(0, 0))) };
  });
  const maxSdRootN = Math.max(...scaled.map((e) => e.sdRootN));
  return Number.isFinite(maxSdRootN) ? { scaled, maxSdRootN } : null;
}
