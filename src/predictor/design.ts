import { pseudoInverse } from "../linalg/float-matrix.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Rng } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import type { GaussianDesign } from "./summary.ts";

/**
 * Number of Gaussian design points per task: N = max(2k, ⌈4n / d^|U|⌉), so that the
 * task's outputs (N·d^|U|) exceed the n parameters four times over. The predictor is
 * analytic in θ, so generic points lose no rank; four-fold oversampling keeps the
 * numerical rank well conditioned.
 */
export function designSize(spec: ModelSpec, task: Task, parameterCount: number): number {
  return Math.max(2 * spec.states, Math.ceil((4 * parameterCount) / spec.symbols ** task.predict.length));
}

/**
 * Every input of a discrete task (hmm): the d^|S| symbol tuples, each listing the given
 * tokens in ascending position order, in lexicographic order (first given position most
 * significant).
 */
export function allInputs(spec: ModelSpec, task: Task): number[][] {
  const d = spec.symbols;
  return Array.from({ length: d ** task.given.length }, (_, code) =>
    task.given.map((_, i) => Math.floor(code / d ** (task.given.length - 1 - i)) % d),
  );
}

/**
 * A seeded design of inputs for each task: sequences sampled from the model at `params`.
 * Realistic data, but at large d such inputs saturate the posteriors (mass ≈ 1 on one
 * state), so rank trials, witnesses and searches use `informativeDesign` instead.
 */
export function gaussianDesign(
  spec: ModelSpec,
  params: Parameters<number>,
  tasks: readonly Task[],
  parameterCount: number,
  rng: Rng,
): GaussianDesign {
  return tasks.map((task) =>
    Array.from({ length: designSize(spec, task, parameterCount) }, () => {
      const states = sampleStates(params, Math.max(...task.given), rng);
      return task.given.map((t) =>
        params.emission.map((row) => row[states[t - 1]] + spec.sigma * rng.normal()),
      );
    }),
  );
}

/** Spread (standard deviation) of the target log-odds of an informative design point. */
export const TARGET_LOGIT_SPREAD = 1.5;

/**
 * A seeded design of inputs at which the hidden states compete, for the Jacobian rank
 * (float-trial.ts). Samples of the model (`gaussianDesign`) saturate when the means are
 * far apart in units of σ: at d = 50 with means N(0, σ²), ‖μ_1 − μ_2‖²/σ² ≈ 100, so a
 * sampled input puts posterior mass 1 − e^(−50) on one state, the posterior's derivatives
 * vanish in float64 and the Jacobian loses rank numerically.
 *
 * Each given token is instead x = x₀ + w, where
 * - x₀ is the point nearest the centroid μ̄ of the means whose emission log-odds are random
 *   targets: (μ_h − μ_k)ᵀx₀/σ² − (‖μ_h‖² − ‖μ_k‖²)/(2σ²) = t_h − t_k with t_h ~ N(0, 1.5²)
 *   (least squares when d < k − 1), so the likelihood ratios are O(1) at every σ and
 *   every mean scale;
 * - w is Gaussian noise projected onto the orthogonal complement of span{μ_h − μ_k}, which
 *   leaves the log-odds unchanged while making the inputs span R^d (the derivatives with
 *   respect to the means involve x in every direction). Its per-coordinate scale is
 *   σ·max(r, 1/r), r the means' per-coordinate spread in units of σ, so that w is as large
 *   as x₀ − μ̄ whether the means are far apart (r ≫ 1) or close (r ≪ 1, x₀ ~ σ²/spread).
 *
 * The design is equivariant: scaling M, σ together scales every input, and a common shift
 * of the means shifts every input, so a verdict computed from it is scale-free.
 */
export function informativeDesign(
  spec: ModelSpec,
  params: Parameters<number>,
  tasks: readonly Task[],
  parameterCount: number,
  rng: Rng,
): GaussianDesign {
  const d = spec.symbols;
  const k = spec.states;
  const sigma = spec.sigma;
  const M = params.emission; // d×k
  const mean = Array.from({ length: d }, (_, a) => M[a].reduce((s, x) => s + x, 0) / k);
  let spread2 = 0;
  for (let a = 0; a < d; a++) for (let h = 0; h < k; h++) spread2 += (M[a][h] - mean[a]) ** 2;
  const r = Math.sqrt(spread2 / (k * d)) / sigma;
  const noise = sigma * (r > 0 && Number.isFinite(r) ? Math.max(r, 1 / r) : 1);
  // Rows μ_h − μ_k (h < k) in coordinates centred at μ̄: A (x − μ̄) = b(t).
  const A = Array.from({ length: Math.max(k - 1, 1) }, () => new Array<number>(d).fill(0));
  const offset = new Array<number>(k - 1).fill(0);
  for (let h = 0; h < k - 1; h++) {
    let norm = 0;
    for (let a = 0; a < d; a++) {
      const ch = M[a][h] - mean[a];
      const ck = M[a][k - 1] - mean[a];
      A[h][a] = ch - ck;
      norm += ch * ch - ck * ck;
    }
    offset[h] = norm / 2;
  }
  const pinv = k > 1 ? pseudoInverse(A) : Array.from({ length: d }, () => [0]); // d×(k−1)
  const applyPinv = (b: readonly number[]) =>
    Array.from({ length: d }, (_, a) => b.reduce((s, bh, h) => s + pinv[a][h] * bh, 0));
  const point = (): number[] => {
    const b = Array.from({ length: k - 1 }, (_, h) => offset[h]);
    const t = Array.from({ length: k }, () => TARGET_LOGIT_SPREAD * rng.normal());
    for (let h = 0; h < k - 1; h++) b[h] += sigma * sigma * (t[h] - t[k - 1]);
    const x0 = applyPinv(b);
    const z = Array.from({ length: d }, () => noise * rng.normal());
    const Az = Array.from({ length: k - 1 }, (_, h) => z.reduce((s, za, a) => s + A[h][a] * za, 0));
    const back = applyPinv(Az);
    return Array.from({ length: d }, (_, a) => mean[a] + x0[a] + (k > 1 ? z[a] - back[a] : z[a]));
  };
  if (d === 1) return lineDesign(spec, params, tasks, parameterCount, rng);
  return tasks.map((task) => Array.from({ length: designSize(spec, task, parameterCount) }, () => task.given.map(() => point())));
}

/** Margin, in units of σ, of the line design beyond the outermost means. */
const LINE_MARGIN = 3;

/**
 * The informative design for one-dimensional observations, where random log-odds cannot be
 * met (one input, k − 1 ratios): inputs spread over [min μ − 3σ, max μ + 3σ], the first
 * given token stratified (one input per N-th of the interval, at a random place in it), the
 * others uniform. Every state then dominates somewhere and every pair of neighbours competes
 * somewhere. At k = 4, d = 1 (x1 -> x2) this widened the gap from 1e5–1e8 to 2e9–2e11 at
 * 8 of 8 seeds; at k = 5 (x2 -> x1 ⊗ x3) it decided 8 of 8 points where the log-odds design
 * decided none.
 */
function lineDesign(spec: ModelSpec, params: Parameters<number>, tasks: readonly Task[], parameterCount: number, rng: Rng): GaussianDesign {
  const means = params.emission[0];
  const lo = Math.min(...means) - LINE_MARGIN * spec.sigma;
  const hi = Math.max(...means) + LINE_MARGIN * spec.sigma;
  return tasks.map((task) => {
    const size = designSize(spec, task, parameterCount);
    return Array.from({ length: size }, (_, i) =>
      task.given.map((_, j) => [lo + (hi - lo) * (j === 0 ? (i + rng.uniform()) / size : rng.uniform())]),
    );
  });
}

/** A hidden path h_1..h_L from π and T. */
export function sampleStates(params: Parameters<number>, length: number, rng: Rng): number[] {
  const draw = (weights: readonly number[]) => {
    let u = rng.uniform();
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  };
  const states = [draw(params.pi)];
  for (let t = 1; t < length; t++) states.push(draw(params.T.map((row) => row[states[t - 1]])));
  return states;
}
