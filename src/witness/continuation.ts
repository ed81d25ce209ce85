import { DivisionByZero } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import type { Deadline } from "../base/budget.ts";
import type { Rng } from "../base/random.ts";
import { fromCoordinates } from "../model/chart.ts";
import type { FloatPoint } from "../model/random-point.ts";
import { relabelledDistance } from "../model/relabel.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";
import { type GaussianDesign, exhaustiveSummary } from "../predictor/summary.ts";
import type { Task } from "../task/task.ts";
import { jacobianAt } from "../identify/jacobian.ts";
import { column, svd } from "../linalg/float-matrix.ts";

/** Newton projection stops when max |F(θ) − F(θ0)| < this · max(1, max |F(θ0)|). */
export const RESIDUAL_TOLERANCE = 1e-13;
const INITIAL_STEP = 0.01;
export const MAX_STEP = 0.05;
const MIN_STEP = 1e-6;
const MAX_STEPS = 2000;
/** Chord iterations (the Jacobian of the step's base point reused): cheap, and linear convergence suffices for short steps. */
const CHORD_ITERATIONS = 25;
/** Probabilities along the path stay at least this large (strictly inside the simplex). */
export const POSITIVITY_MARGIN = 1e-6;

/** The exhaustive summary as a function of θ, with its target value F(θ0). */
export class LevelSet {
  readonly target: Float64Array;
  readonly tolerance: number;
  readonly n: number;

  constructor(
    readonly spec: ModelSpec,
    readonly tasks: readonly Task[],
    readonly design: GaussianDesign | undefined,
    theta0: readonly number[],
    readonly deadline?: Deadline,
    readonly tick?: () => void,
  ) {
    this.n = parameterCount(spec);
    this.target = this.values(theta0);
    this.tolerance = RESIDUAL_TOLERANCE * Math.max(1, ...Array.from(this.target, Math.abs));
  }

  values(theta: readonly number[]): Float64Array {
    const summary = exhaustiveSummary(floatField, this.spec, fromCoordinates(floatField, this.spec, theta), this.tasks, this.design);
    return Float64Array.from({ length: summary.rows }, (_, i) => summary.value(i));
  }

  residual(theta: readonly number[]): Float64Array {
    const v = this.values(theta);
    for (let i = 0; i < v.length; i++) v[i] -= this.target[i];
    return v;
  }

  jacobianRows(theta: readonly number[]): Float64Array[] {
    const J = jacobianAt(floatField, this.spec, theta, this.tasks, this.design);
    return Array.from({ length: J.rows }, (_, i) => {
      this.deadline?.check();
      this.tick?.();
      return J.row(i);
    });
  }

  /** SVD of J at θ (zero-padded to at least n rows, so V is n×n), singular values descending. */
  decompose(theta: readonly number[]): Decomposition {
    const { values, U, V } = svd(this.jacobianRows(theta), { left: true, right: true });
    return { sigma: values, u: values.map((_, i) => column(U, i)), v: values.map((_, i) => column(V, i)) };
  }
}

interface Decomposition {
  /** Descending; u[i], v[i] are the matching left and right singular vectors. */
  readonly sigma: number[];
  readonly u: number[][];
  readonly v: number[][];
}

/** The farthest point a walk reached (modulo relabelling from its start), and why it stopped. */
export interface Walk {
  readonly farthest: { readonly theta: number[]; readonly params: Parameters<number>; readonly distance: number; readonly steps: number } | null;
  /** Why the walk stopped short of the target (empty when it reached it). */
  readonly stopped: string;
}

/**
 * Predictor–corrector continuation along the level set, from `from` (default `start`) along
 * `direction0`, until `target` away from `start` modulo relabelling; keeps the farthest point
 * reached, so a path that meets the boundary still yields its best point.
 */
export function walk(level: LevelSet, start: FloatPoint, direction0: readonly number[], rank: number, target: number, from: readonly number[] = start.theta): Walk {
  let theta = [...from];
  let direction = [...direction0];
  let decomposition = level.decompose(theta);
  let h = INITIAL_STEP;
  let farthest: Walk["farthest"] = null;
  const done = (stopped: string): Walk => ({ farthest, stopped });
  for (let steps = 1; steps <= MAX_STEPS; steps++) {
    if (level.deadline?.passed()) return done(level.deadline.reason);
    // Keep the direction continuous: project the previous one onto the current null space.
    const nullSpace = decomposition.v.slice(rank);
    const projected = projectOnto(direction, nullSpace);
    const norm = Math.hypot(...projected);
    if (norm < 1e-8) return done("the direction of travel left the null space");
    direction = projected.map((x) => x / norm);
    let accepted: { theta: number[]; params: Parameters<number> } | null = null;
    let halved = false;
    while (h >= MIN_STEP) {
      accepted = correct(level, theta.map((t, i) => t + h * direction[i]), rank, decomposition);
      if (accepted && isInside(level.spec, accepted.params)) break;
      accepted = null;
      h /= 2;
      halved = true;
    }
    if (!accepted) return done(`the step shrank below ${MIN_STEP} (the fiber meets the boundary of the parameter set, or the rank drops)`);
    theta = accepted.theta;
    const { distance } = relabelledDistance(start.params, accepted.params);
    if (!farthest || distance > farthest.distance) farthest = { theta, params: accepted.params, distance, steps };
    if (distance >= target) return done("");
    if (!halved) h = Math.min(1.5 * h, MAX_STEP);
    decomposition = level.decompose(theta);
  }
  return done(`${MAX_STEPS} steps without getting ${target} away`);
}

/**
 * Chord corrections Δ = −J⁺(F(θ) − F(θ0)) with J⁺ from the step's base point, truncated to
 * its top `rank` singular values; null when the residual does not fall below tolerance.
 */
function correct(level: LevelSet, theta0: number[], rank: number, { sigma, u, v }: Decomposition): { theta: number[]; params: Parameters<number> } | null {
  let theta = theta0;
  try {
    for (let iteration = 0; iteration <= CHORD_ITERATIONS; iteration++) {
      const r = level.residual(theta);
      if (!r.every(Number.isFinite)) return null;
      if (maxAbs(r) < level.tolerance) return { theta, params: fromCoordinates(floatField, level.spec, theta) };
      const next = [...theta];
      for (let i = 0; i < rank; i++) {
        let c = 0;
        for (let j = 0; j < r.length; j++) c += u[i][j] * r[j];
        c /= sigma[i];
        for (let j = 0; j < next.length; j++) next[j] -= c * v[i][j];
      }
      theta = next;
    }
  } catch (e) {
    if (e instanceof DivisionByZero) return null;
    throw e;
  }
  return null;
}

/** Every probability (π, T, and O for hmm) at least POSITIVITY_MARGIN. */
export function isInside(spec: ModelSpec, p: Parameters<number>): boolean {
  const ok = (x: number) => x >= POSITIVITY_MARGIN;
  return p.pi.every(ok) && p.T.every((row) => row.every(ok)) && (spec.family === "ghmm" || p.emission.every((row) => row.every(ok)));
}

function projectOnto(x: readonly number[], basis: readonly number[][]): number[] {
  const out = new Array<number>(x.length).fill(0);
  for (const b of basis) {
    let c = 0;
    for (let i = 0; i < x.length; i++) c += b[i] * x[i];
    for (let i = 0; i < x.length; i++) out[i] += c * b[i];
  }
  return out;
}

/** A random unit vector in the span of `basis`. */
export function randomCombination(basis: readonly number[][], rng: Rng): number[] {
  const combined = new Array<number>(basis[0].length).fill(0);
  for (const b of basis) {
    const c = rng.normal();
    b.forEach((x, i) => (combined[i] += c * x));
  }
  const norm = Math.hypot(...combined);
  return combined.map((x) => x / norm);
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}
