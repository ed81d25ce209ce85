import { floatField as F } from "../field/float.ts";
import { solve } from "../linalg/float-matrix.ts";
import { dot, identity, matAdd, matMul, matScale, matVec, transpose, zeros } from "../linalg/matrix.ts";
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
  const J = jacobianAt(F, spec, toCoordinates(spec, truth), [task]);
  const f = rowsFromTensor(task, d, exactPredictorTensor(spec, truth, task));
  const q = givenTokenLaw(truth, task);
  const n = J.columns;
  let A = zeros(F, n, n);
  let B = zeros(F, n, n);
  const outputs = d * d;
  for (let s = 0; s < d; s++) {
    const rows = Array.from({ length: outputs }, (_, i) => s * outputs + i);
    const Js = rows.map((r) => Array.from(J.row(r)));
    const JsT = transpose(Js);
    const fs = rows.map((r) => f[r]);
    const cov = fs.map((fi, i) => fs.map((fj, j) => (i === j ? fi : 0) - fi * fj));
    A = matAdd(F, A, matScale(F, q[s], matMul(F, JsT, Js)));
    B = matAdd(F, B, matScale(F, q[s], matMul(F, matMul(F, JsT, cov), Js)));
  }
  let Ainv: number[][];
  try {
    Ainv = solve(A, identity(F, n));
  } catch {
    return null;
  }
  const covariance = matMul(F, matMul(F, Ainv, B), Ainv);
  const covarianceT = transpose(covariance);
  const scaled = J.entries.map((entry) => {
    const g = Array.from(J.entryGradient(entry));
    return { entry, name: entryName(entry), sdRootN: Math.sqrt(Math.max(0, dot(F, matVec(F, covarianceT, g), g))) };
  });
  const maxSdRootN = Math.max(...scaled.map((e) => e.sdRootN));
  return Number.isFinite(maxSdRootN) ? { scaled, maxSdRootN } : null;
}
