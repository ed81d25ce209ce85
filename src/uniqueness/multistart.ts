import { type OnProgress, progressStep } from "../base/progress.ts";
import { DivisionByZero } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { jacobianAt } from "../identify/jacobian.ts";
import { fromCoordinates, toCoordinates } from "../model/chart.ts";
import { randomFloatPoint } from "../model/random-point.ts";
import { relabelledDistance } from "../model/relabel.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";
import { informativeDesign } from "../predictor/design.ts";
import { type GaussianDesign, exhaustiveSummary } from "../predictor/summary.ts";
import { type Task, formatTask } from "../task/task.ts";
import { streamRng } from "./seeds.ts";

/**
 * Multi-start search for other solutions of F(θ) = F(θ0) (docs/math.md §8.2, global
 * identifiability): from N seeded random valid starts, minimise ‖F(θ) − F(θ0)‖² by
 * Levenberg–Marquardt with the exact forward-mode Jacobian (`jacobianAt` over float
 * duals, all rows), and cluster the converged end points modulo relabelling of hidden
 * states.
 *
 * Validity: the search runs in log-ratio coordinates φ (each stochastic column is the
 * softmax of (φ, 0); Gaussian means unchanged), so every iterate is strictly inside the
 * parameter set and the Jacobian is ∂F/∂θ · ∂θ/∂φ, both exact. A step at which the
 * stationary law is not unique or a value is not finite is rejected (damping raised).
 * Measured at hmm k = 3, d = 5, stationary, `x2 -> x1 ⊗ x3`: plain step rejection in the θ
 * chart (with Marquardt's diag(JᵀJ) damping) stalled against the simplex boundary, 1 of 20
 * starts converged; log-ratio coordinates with the same damping, 8 of 40 (4 points × 10);
 * log-ratio with scalar damping λ·max diag(JᵀJ)·I (used here), 36 of 40. Starts that still
 * fail mostly run to the boundary (`atBoundary`), where the residual stays positive.
 *
 * Reading the result: a converged point far from every relabelling of θ0 is a numerical
 * counterexample to identifiability; no such point is evidence, never a proof (a local
 * search can miss solutions).
 */

export interface MultiStartOptions {
  readonly seed: number;
  /** Number of random starts. */
  readonly starts: number;
  /** LM iterations (accepted or rejected steps) per start, default 300. */
  readonly maxIterations?: number;
  /** A start counts as converged when its final ‖F(θ) − F(θ0)‖² is below this (default 1e-20). */
  readonly residualTolerance?: number;
  /** Two converged points are one solution when their relabelled L∞ distance is below this (default 1e-5). */
  readonly clusterTolerance?: number;
  /** Gaussian emissions: the fixed input design (default: `informativeDesign` at θ0 from the seed). */
  readonly design?: GaussianDesign;
  /** Stop launching new starts after this many seconds (default: no limit). */
  readonly maxSeconds?: number;
  /** Told which start runs, and once an iteration (for a status line). */
  readonly onProgress?: OnProgress;
}

export const DEFAULT_MAX_ITERATIONS = 300;
export const DEFAULT_RESIDUAL_TOLERANCE = 1e-20;
export const DEFAULT_CLUSTER_TOLERANCE = 1e-5;
/** An end point with a probability below this is reported as run into the boundary. */
const BOUNDARY_PROBABILITY = 1e-8;
/** LM keeps iterating below the convergence tolerance down to this, to sharpen the end point. */
const RESIDUAL_FLOOR = 1e-28;

/** How one start ended. */
export interface StartOutcome {
  readonly start: number;
  readonly converged: boolean;
  /** Final ‖F(θ) − F(θ0)‖². */
  readonly residual: number;
  readonly iterations: number;
  /** `residual below floor`, `step too small`, `damping exhausted`, `iteration limit`. */
  readonly stop: string;
  /**
   * The end point has a probability (entry of π, T, or O for hmm) below 1e-8: the start ran
   * towards the boundary of the parameter set (a minimum "at infinity" of the log-ratio
   * coordinates), not into an interior local minimum.
   */
  readonly atBoundary: boolean;
  /** Index into `solutions` for converged starts, else null. */
  readonly solution: number | null;
  /** Relabelled L∞ distance of the end point to θ0 (converged or not). */
  readonly distanceToTruth: number;
}

/** One solution class (modulo relabelling) reached by converged starts. */
export interface SearchSolution {
  /** The representative end point with the smallest residual. */
  readonly params: Parameters<number>;
  readonly residual: number;
  /** Converged starts that ended in this class. */
  readonly count: number;
  /** Relabelled L∞ distance to θ0. */
  readonly distanceToTruth: number;
  /** distanceToTruth < clusterTolerance. */
  readonly isTruth: boolean;
}

export interface MultiStartResult {
  readonly kind: "multistart";
  readonly tasks: readonly string[];
  readonly seed: number;
  readonly requestedStarts: number;
  /** Starts actually run (fewer than requested only when maxSeconds ran out). */
  readonly starts: number;
  readonly converged: number;
  readonly distinctSolutionsModuloRelabelling: number;
  /** Solution classes that are not θ0 (up to relabelling). */
  readonly otherSolutions: number;
  readonly solutions: readonly SearchSolution[];
  /** Max over converged starts of the relabelled L∞ distance to θ0; null when none converged. */
  readonly maxDistanceToTruthModRelabelling: number | null;
  /** Final ‖F(θ) − F(θ0)‖² of every start, in start order. */
  readonly residuals: readonly number[];
  readonly outcomes: readonly StartOutcome[];
  readonly truth: Parameters<number>;
  readonly residualTolerance: number;
  readonly clusterTolerance: number;
  readonly summaryRows: number;
  readonly method: string;
  readonly seconds: number;
}

/**
 * Runs the search around the true point `truth` (a valid float point). Deterministic
 * for a given seed apart from `seconds` (and from which starts run, if `maxSeconds` bites).
 */
export function multiStart(spec: ModelSpec, tasks: readonly Task[], truth: Parameters<number>, options: MultiStartOptions): MultiStartResult {
  const began = performance.now();
  const n = parameterCount(spec);
  const designRng = streamRng(options.seed, 0);
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const residualTolerance = options.residualTolerance ?? DEFAULT_RESIDUAL_TOLERANCE;
  const clusterTolerance = options.clusterTolerance ?? DEFAULT_CLUSTER_TOLERANCE;
  const design = spec.family === "ghmm" ? (options.design ?? informativeDesign(spec, truth, tasks, n, designRng)) : undefined;
  const problem = new Problem(spec, tasks, design, toCoordinates(spec, truth));
  if (problem.paramsIfValid(problem.theta0) === null) throw new Error("multiStart: the true point is not a valid point strictly inside the parameter set");

  const outcomes: StartOutcome[] = [];
  const classes: { params: Parameters<number>; residual: number; count: number }[] = [];
  for (let s = 0; s < options.starts; s++) {
    if (options.maxSeconds !== undefined && s > 0 && (performance.now() - began) / 1000 > options.maxSeconds) break;
    const start = randomFloatPoint(spec, streamRng(options.seed, 1 + s));
    const tick = progressStep(options.onProgress, "multistart", s + 1, options.starts);
    const end = levenbergMarquardt(problem, problem.chart.fromTheta(start.theta), maxIterations, tick);
    const params = fromCoordinates(floatField, spec, problem.chart.toTheta(end.phi));
    const converged = end.cost < residualTolerance;
    let solution: number | null = null;
    if (converged) {
      solution = classes.findIndex((c) => relabelledDistance(c.params, params).distance < clusterTolerance);
      if (solution < 0) {
        classes.push({ params, residual: end.cost, count: 1 });
        solution = classes.length - 1;
      } else {
        const c = classes[solution];
        c.count++;
        if (end.cost < c.residual) [c.params, c.residual] = [params, end.cost];
      }
    }
    outcomes.push({
      start: s,
      converged,
      residual: end.cost,
      iterations: end.iterations,
      stop: end.stop,
      atBoundary: smallestProbability(spec, params) < BOUNDARY_PROBABILITY,
      solution,
      distanceToTruth: relabelledDistance(truth, params).distance,
    });
  }
  const solutions: SearchSolution[] = classes.map((c) => {
    const distanceToTruth = relabelledDistance(truth, c.params).distance;
    return { params: c.params, residual: c.residual, count: c.count, distanceToTruth, isTruth: distanceToTruth < clusterTolerance };
  });
  const convergedOutcomes = outcomes.filter((o) => o.converged);
  return {
    kind: "multistart",
    tasks: tasks.map(formatTask),
    seed: options.seed,
    requestedStarts: options.starts,
    starts: outcomes.length,
    converged: convergedOutcomes.length,
    distinctSolutionsModuloRelabelling: solutions.length,
    otherSolutions: solutions.filter((s) => !s.isTruth).length,
    solutions,
    maxDistanceToTruthModRelabelling: convergedOutcomes.length === 0 ? null : Math.max(...convergedOutcomes.map((o) => o.distanceToTruth)),
    residuals: outcomes.map((o) => o.residual),
    outcomes,
    truth,
    residualTolerance,
    clusterTolerance,
    summaryRows: problem.target.length,
    method:
      `Levenberg–Marquardt (scalar damping, Nielsen update) on ‖F(θ) − F(θ0)‖² over ${n} log-ratio coordinates ` +
      `(every iterate strictly inside the parameter set), exact forward-mode Jacobian of all ${problem.target.length} summary rows; ` +
      `≤ ${maxIterations} iterations per start from random valid points; converged: residual < ${residualTolerance}; ` +
      `solutions clustered by relabelled L∞ distance < ${clusterTolerance}` +
      (design ? `; one fixed Gaussian design of ${design.reduce((s, d) => s + d.length, 0)} points drawn at θ0` : ""),
    seconds: (performance.now() - began) / 1000,
  };
}

/** The least-squares problem F(θ) − F(θ0) with validity checks. */
class Problem {
  readonly target: Float64Array;
  readonly theta0: number[];
  readonly chart: LogRatioChart;

  constructor(
    readonly spec: ModelSpec,
    readonly tasks: readonly Task[],
    readonly design: GaussianDesign | undefined,
    theta0: number[],
  ) {
    this.theta0 = theta0;
    this.chart = new LogRatioChart(spec);
    this.target = this.values(fromCoordinates(floatField, spec, theta0));
  }

  private values(params: Parameters<number>): Float64Array {
    const summary = exhaustiveSummary(floatField, this.spec, params, this.tasks, this.design);
    return Float64Array.from({ length: summary.rows }, (_, i) => summary.value(i));
  }

  /** The point, or null when it is outside the open parameter set (or π is not unique). */
  paramsIfValid(theta: readonly number[]): Parameters<number> | null {
    if (!theta.every(Number.isFinite)) return null;
    let p: Parameters<number>;
    try {
      p = fromCoordinates(floatField, this.spec, theta);
    } catch (e) {
      if (e instanceof DivisionByZero) return null;
      throw e;
    }
    const positive = (x: number) => x > 0 && Number.isFinite(x);
    const ok = p.pi.every(positive) && p.T.every((r) => r.every(positive)) && (this.spec.family === "ghmm" ? p.emission.every((r) => r.every(Number.isFinite)) : p.emission.every((r) => r.every(positive)));
    return ok ? p : null;
  }

  /** F(θ(φ)) − F(θ0), or null at an invalid point or a non-finite value. */
  residual(phi: readonly number[]): Float64Array | null {
    const p = this.paramsIfValid(this.chart.toTheta(phi));
    if (p === null) return null;
    const v = this.values(p);
    for (let i = 0; i < v.length; i++) {
      v[i] -= this.target[i];
      if (!Number.isFinite(v[i])) return null;
    }
    return v;
  }

  /**
   * JᵀJ and Jᵀr (n×n row-major and n) in the search coordinates φ: the exact dual-number
   * Jacobian ∂F/∂θ times the exact ∂θ/∂φ of the log-ratio map (block diagonal).
   */
  normalEquations(phi: readonly number[], r: Float64Array): { H: Float64Array; g: Float64Array } {
    const theta = this.chart.toTheta(phi);
    const J = jacobianAt(floatField, this.spec, theta, this.tasks, this.design);
    const n = J.columns;
    const H = new Float64Array(n * n);
    const g = new Float64Array(n);
    const blocks = this.chart.blocks(phi);
    const row = new Float64Array(n);
    for (let i = 0; i < J.rows; i++) {
      chainRule(J.row(i), blocks, row);
      const ri = r[i];
      for (let a = 0; a < n; a++) {
        const x = row[a];
        if (x === 0) continue;
        g[a] += x * ri;
        for (let b = a; b < n; b++) H[a * n + b] += x * row[b];
      }
    }
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) H[a * n + b] = H[b * n + a];
    return { H, g };
  }
}

interface LmEnd {
  /** End point in the search coordinates φ. */
  readonly phi: number[];
  readonly cost: number;
  readonly iterations: number;
  readonly stop: string;
}

/** Levenberg–Marquardt in the search coordinates φ from `start`, cost = ‖r‖². */
function levenbergMarquardt(problem: Problem, start: readonly number[], maxIterations: number, tick?: () => void): LmEnd {
  let phi = [...start];
  let r = problem.residual(phi);
  if (r === null) throw new Error("internal: a random start is not a valid point");
  let cost = sumSquares(r);
  const n = phi.length;
  let { H, g } = problem.normalEquations(phi, r);
  let lambda = 1e-3;
  let nu = 2;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    tick?.();
    if (cost < RESIDUAL_FLOOR) return { phi, cost, iterations: iteration - 1, stop: "residual below floor" };
    let maxDiag = 0;
    for (let a = 0; a < n; a++) maxDiag = Math.max(maxDiag, H[a * n + a]);
    // Scalar damping λ·max diag(JᵀJ)·I (see the module comment for why not Marquardt's diag(JᵀJ)).
    const D = new Array<number>(n).fill(Math.max(maxDiag, 1e-300));
    const delta = choleskySolve(H, D, lambda, g, n);
    if (delta === null) {
      lambda *= nu;
      nu *= 2;
      continue;
    }
    const stepNorm = Math.hypot(...delta);
    if (stepNorm <= 1e-15 * (Math.hypot(...phi) + 1e-15)) return { phi, cost, iterations: iteration, stop: "step too small" };
    const candidate = phi.map((t, i) => t + delta[i]);
    const rNew = problem.residual(candidate);
    let accepted = false;
    if (rNew !== null) {
      const costNew = sumSquares(rNew);
      // Model decrease m(0) − m(δ) = −2δᵀg − δᵀHδ for m(δ) = ‖r + Jδ‖².
      let dg = 0;
      let dHd = 0;
      for (let a = 0; a < n; a++) {
        dg += delta[a] * g[a];
        let s = 0;
        for (let b = 0; b < n; b++) s += H[a * n + b] * delta[b];
        dHd += delta[a] * s;
      }
      const predicted = -2 * dg - dHd;
      const ratio = predicted > 0 ? (cost - costNew) / predicted : costNew < cost ? 1 : -1;
      if (costNew < cost && ratio > 0) {
        phi = candidate;
        r = rNew;
        cost = costNew;
        ({ H, g } = problem.normalEquations(phi, r));
        lambda *= Math.max(1 / 3, 1 - (2 * ratio - 1) ** 3);
        nu = 2;
        accepted = true;
      }
    }
    if (!accepted) {
      lambda *= nu;
      nu *= 2;
      if (lambda > 1e30) return { phi, cost, iterations: iteration, stop: "damping exhausted" };
    }
  }
  return { phi, cost, iterations: maxIterations, stop: "iteration limit" };
}

/** Solves (H + λ diag(D)) x = −g by Cholesky; null when not positive definite. */
function choleskySolve(H: Float64Array, D: readonly number[], lambda: number, g: Float64Array, n: number): number[] | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = H[i * n + j] + (i === j ? lambda * D[i] : 0);
      for (let t = 0; t < j; t++) s -= L[i * n + t] * L[j * n + t];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = -g[i];
    for (let t = 0; t < i; t++) s -= L[i * n + t] * y[t];
    y[i] = s / L[i * n + i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let t = i + 1; t < n; t++) s -= L[t * n + i] * x[t];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/**
 * The search coordinates φ: each stochastic column (π when free, every column of T, and
 * of O for hmm) is the softmax of (φ_1, …, φ_{m−1}, 0), i.e. φ_j = log(c_j / c_m);
 * Gaussian means are their own coordinates. Every φ ∈ R^n is a point strictly inside the
 * parameter set, so the search never stalls against the boundary of the simplex (the
 * boundary is at infinity); the map to the chart θ is smooth with an exact Jacobian.
 */
class LogRatioChart {
  /** Segments of θ in chart order: simplex columns (m − 1 coordinates of an m-simplex) or free blocks. */
  private readonly segments: { offset: number; size: number; simplex: boolean }[] = [];

  constructor(spec: ModelSpec) {
    const { states: k, symbols: d } = spec;
    let offset = 0;
    const add = (size: number, simplex: boolean) => {
      this.segments.push({ offset, size, simplex });
      offset += size;
    };
    if (spec.init === "free") add(k - 1, true);
    for (let j = 0; j < k; j++) add(k - 1, true);
    for (let j = 0; j < k; j++) add(spec.family === "hmm" ? d - 1 : d, spec.family === "hmm");
    if (offset !== parameterCount(spec)) throw new Error("internal: LogRatioChart size");
  }

  toTheta(phi: readonly number[]): number[] {
    const theta = [...phi];
    for (const s of this.segments) {
      if (!s.simplex) continue;
      const z = phi.slice(s.offset, s.offset + s.size);
      const top = Math.max(0, ...z);
      const e = z.map((x) => Math.exp(x - top));
      const total = e.reduce((a, b) => a + b, 0) + Math.exp(-top);
      e.forEach((x, i) => (theta[s.offset + i] = x / total));
    }
    return theta;
  }

  fromTheta(theta: readonly number[]): number[] {
    const phi = [...theta];
    for (const s of this.segments) {
      if (!s.simplex) continue;
      const c = theta.slice(s.offset, s.offset + s.size);
      const last = 1 - c.reduce((a, b) => a + b, 0);
      if (!(last > 0) || !c.every((x) => x > 0)) throw new Error("LogRatioChart: the point is not strictly inside the simplex");
      c.forEach((x, i) => (phi[s.offset + i] = Math.log(x / last)));
    }
    return phi;
  }

  /** What the chain rule needs at φ: the simplex entries c (null for free blocks). */
  blocks(phi: readonly number[]): { offset: number; size: number; c: number[] | null }[] {
    const theta = this.toTheta(phi);
    return this.segments.map((s) => ({ offset: s.offset, size: s.size, c: s.simplex ? theta.slice(s.offset, s.offset + s.size) : null }));
  }
}

/**
 * out = row · ∂θ/∂φ. For a softmax block, ∂c_i/∂φ_j = c_i(δ_ij − c_j), so
 * out_j = c_j (row_j − Σ_i row_i c_i).
 */
function chainRule(row: ArrayLike<number>, blocks: readonly { offset: number; size: number; c: number[] | null }[], out: Float64Array): void {
  for (const b of blocks) {
    if (b.c === null) {
      for (let i = 0; i < b.size; i++) out[b.offset + i] = row[b.offset + i];
      continue;
    }
    let s = 0;
    for (let i = 0; i < b.size; i++) s += row[b.offset + i] * b.c[i];
    for (let j = 0; j < b.size; j++) out[b.offset + j] = b.c[j] * (row[b.offset + j] - s);
  }
}

function smallestProbability(spec: ModelSpec, p: Parameters<number>): number {
  const all = [...p.pi, ...p.T.flat(), ...(spec.family === "hmm" ? p.emission.flat() : [])];
  return Math.min(...all);
}

function sumSquares(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return s;
}
