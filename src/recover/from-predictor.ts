import { floatField } from "../field/float.ts";
import { column, pseudoInverse, svd } from "../linalg/float-matrix.ts";
import { matMul, matVec } from "../linalg/matrix.ts";
import { stationaryLaw } from "../model/chart.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { DEFAULT_SEED, Rng } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import { type CpFactors, RecoveryError, jennrich } from "./jennrich.ts";
import { EXACT_FIT, REFINE_ENTRY_LIMIT, refineOnSummary, summaryMisfit } from "./refine.ts";
import { type PredictorTensor, checkRecoverable, rowsFromTensor } from "./tensor-task.ts";

export interface RecoverOptions {
  /** Per input value s: how much its slice f[s] is trusted (a count for empirical data); 0 = never observed. Default all 1. */
  readonly weights?: readonly number[];
  /** Polish by Levenberg–Marquardt on the (weighted) exhaustive summary. Default true. */
  readonly refine?: boolean;
  readonly seed?: number;
}

export interface PredictorRecovery {
  /** The estimate, states in the arbitrary order the decomposition found. */
  readonly estimate: Parameters<number>;
  /** The algebraic estimate the returned one was refined from. */
  readonly algebraic: Parameters<number>;
  readonly factors: CpFactors;
  /** Weighted squared misfit of the predictor, algebraic and final (equal when not refined). */
  readonly misfit: { readonly algebraic: number; readonly final: number };
}

/** Algebraic starts (decompositions from different random slices) refined; the best fit wins. */
const STARTS = 3;

/**
 * Recovers (π, T, O) up to relabelling from the optimal predictor of `x2 -> x1 ⊗ x3` or
 * `x1 -> x2 ⊗ x3` of a discrete HMM (docs/recovery.md has the derivation).
 *
 * 1. CP decomposition (Jennrich): f(e_s) = Σ_m C[s][m] a_m ⊗ b_m, unique up to relabelling
 *    when A, B have full column rank (k ≤ d, T invertible, O of full column rank).
 * 2. Reading back the parameters:
 *    - x2 -> x1 ⊗ x3: C[s][m] = P(h2=m | x2=s), a_m = P(x1 | h2=m), b_m = (OT)e_m. With
 *      q = law of x2 (not in the predictor), ρ = Cᵀq = law of h2 and Λ = diag(π/ρ):
 *          P(x1=a | x2=s)·q_s = P(x1=a, x2=s) = q_a·(C Λ Bᵀ)[a][s].
 *      The diagonal a = s is linear in Λ alone (q_a cancels); stationarity gives Λ = I.
 *      The off-diagonal is then linear homogeneous in q: its null vector is q. Then
 *      O = diag(q) C diag(ρ)⁻¹, T = O⁺B, π = Λρ (free) or the stationary law of T.
 *    - x1 -> x2 ⊗ x3: given h2, x2 and x3 are independent of each other and of x1, so
 *      C[s][m] = P(h2=m | x1=s), a_m = O e_m, b_m = (OT)e_m: O = A, T = O⁺B, and π is the
 *      stationary law of T or (free) the null vector of C[s]·(Oπ)_s = T·diag(O[s])·π.
 *    Equations are weighted by the counts behind them, so rarely seen inputs count little.
 * 3. Levenberg–Marquardt on the weighted exhaustive summary from the STARTS best separated
 *    decompositions (optional, default on); the estimate with the smallest misfit is returned.
 *
 * Throws RecoveryError when the data do not determine a decomposition (too few observed
 * inputs, rank below k, coinciding eigenvalues) and InputError for unsupported models/tasks.
 */
export function recoverFromPredictor(spec: ModelSpec, task: Task, f: PredictorTensor, options: RecoverOptions = {}): PredictorRecovery {
  const kind = checkRecoverable(spec, task);
  const { states: k, symbols: d } = spec;
  const weights = options.weights ?? new Array<number>(d).fill(1);
  const target = rowsFromTensor(task, d, f);
  const rowWeights = target.map((_, r) => weights[Math.floor(r / (d * d))]);
  const misfit = (p: Parameters<number>) => summaryMisfit(spec, task, target, rowWeights, p);
  const refine = options.refine !== false && target.length * (k * k + k * d) <= REFINE_ENTRY_LIMIT;
  const exact = EXACT_FIT * rowWeights.reduce((a, b) => a + b, 0);
  let best: PredictorRecovery | null = null;
  for (const factors of jennrich(f, k, weights, new Rng(options.seed ?? DEFAULT_SEED)).slice(0, STARTS)) {
    const algebraic = kind === "middle" ? fromMiddleFactors(spec, f, factors, weights) : fromFirstFactors(spec, factors, weights);
    const start = misfit(algebraic);
    const estimate = refine ? refineOnSummary(spec, task, target, rowWeights, algebraic).params : algebraic;
    const candidate = { estimate, algebraic, factors, misfit: { algebraic: start, final: refine ? misfit(estimate) : start } };
    if (!best || candidate.misfit.final < best.misfit.final) best = candidate;
    // An exact fit cannot be beaten: other starts would only repeat it.
    if (best.misfit.final <= exact) break;
  }
  return best!;
}

/** x2 -> x1 ⊗ x3: C = P(h2 | x2), A = P(x1 | h2), B = OT. */
function fromMiddleFactors(spec: ModelSpec, f: PredictorTensor, { B, C }: CpFactors, weights: readonly number[]): Parameters<number> {
  const { states: k, symbols: d } = spec;
  const observed = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  // An equation mixing slices a and s has variance ∝ 1/w_a + 1/w_s: weigh it by the inverse root.
  const trust = (...slices: number[]) => 1 / Math.sqrt(slices.reduce((t, s) => t + 1 / weights[s], 0));
  // M1[a][s] = P(x1 = a | x2 = s), read off the predictor directly.
  const M1 = (a: number, s: number) => f[s][a].reduce((x, y) => x + y, 0);
  let lambda = new Array<number>(k).fill(1);
  if (spec.init === "free") {
    // Σ_m C[a][m] B[a][m] Λ_m = M1[a][a], one equation per observed a.
    const design = observed.map((a) => C[a].map((c, m) => trust(a) * c * B[a][m]));
    const rhs = observed.map((a) => trust(a) * M1(a, a));
    lambda = matVec(floatField, pseudoInverse(design), rhs);
  }
  const R = (a: number, s: number) => C[a].reduce((t, c, m) => t + c * lambda[m] * B[s][m], 0);
  // M1[a][s]·q_s − R[a][s]·q_a = 0 for observed a ≠ s: q spans the null space.
  const rows: number[][] = [];
  for (const a of observed) {
    for (const s of observed) {
      if (a === s) continue;
      const row = new Array<number>(observed.length).fill(0);
      row[observed.indexOf(s)] += trust(a, s) * M1(a, s);
      row[observed.indexOf(a)] -= trust(a, s) * R(a, s);
      rows.push(row);
    }
  }
  const qObserved = nullVector(rows);
  const q = new Array<number>(d).fill(0);
  observed.forEach((s, i) => (q[s] = qObserved[i]));
  const rho = Array.from({ length: k }, (_, m) => q.reduce((t, qs, s) => t + qs * C[s][m], 0));
  const O = stochasticColumns(q.map((qs, s) => C[s].map((c, m) => (qs * c) / rho[m])));
  const T = stochasticColumns(leastSquaresMatrix(O, B));
  const pi = spec.init === "free" ? distribution(rho.map((r, m) => r * lambda[m])) : stationaryOr(T, rho);
  return { pi, T, emission: O };
}

/** x1 -> x2 ⊗ x3: C = P(h2 | x1), A = O, B = OT. */
function fromFirstFactors(spec: ModelSpec, { A, B, C }: CpFactors, weights: readonly number[]): Parameters<number> {
  const { states: k } = spec;
  const O = stochasticColumns(A);
  const T = stochasticColumns(leastSquaresMatrix(O, B));
  if (spec.init === "stationary") return { pi: stationaryOr(T, new Array(k).fill(1 / k)), T, emission: O };
  // P(h2 | x1 = s) = T·(O[s] ∘ π)/(Oπ)_s: C[s][m]·Σ_j O[s][j]π_j − Σ_j T[m][j]·O[s][j]·π_j = 0.
  const rows: number[][] = [];
  weights.forEach((w, s) => {
    if (!(w > 0)) return;
    for (let m = 0; m < k; m++) rows.push(O[s].map((o, j) => Math.sqrt(w) * (C[s][m] - T[m][j]) * o));
  });
  return { pi: distribution(nullVector(rows)), T, emission: O };
}

/** The right singular vector of the smallest singular value, signed to have a positive sum. */
function nullVector(m: number[][]): number[] {
  if (m.length === 0) throw new RecoveryError("too few observed inputs to pin the law of the given token");
  // A wide m is zero-padded by the SVD: zero rows change neither σ nor V.
  const { values: sigma, V } = svd(m, { right: true });
  let at = 0;
  for (let i = 1; i < sigma.length; i++) if (sigma[i] < sigma[at]) at = i;
  const v = column(V, at);
  const total = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x * Math.sign(total || 1));
}

/** The least-squares X = design⁺ rhs. */
function leastSquaresMatrix(design: number[][], rhs: number[][]): number[][] {
  return matMul(floatField, pseudoInverse(design), rhs);
}

/** Clips negatives (estimation noise) and rescales to a probability vector; all-zero becomes uniform. */
function distribution(v: readonly number[]): number[] {
  const clipped = v.map((x) => (x > 0 ? x : 0));
  const total = clipped.reduce((a, b) => a + b, 0);
  return total > 0 && Number.isFinite(total) ? clipped.map((x) => x / total) : v.map(() => 1 / v.length);
}

function stochasticColumns(m: readonly (readonly number[])[]): number[][] {
  const cols = m[0].map((_, j) => distribution(m.map((row) => row[j])));
  return m.map((_, i) => cols.map((col) => col[i]));
}

/** The stationary law of T, or `fallback` (normalised) when T has none that is unique. */
function stationaryOr(T: number[][], fallback: readonly number[]): number[] {
  try {
    return distribution(stationaryLaw(floatField, T));
  } catch {
    return distribution(fallback);
  }
}
