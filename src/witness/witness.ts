import { compareSummaries, positiveRational, validityProblems } from "../families/check.ts";
import { type RationalPair, w1Example, w2Example } from "../families/examples.ts";
import { DivisionByZero } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { type Rational, rationalField, rationalToNumber, rationalToString } from "../field/rational.ts";
import { fromCoordinates, mapParameters, toCoordinates } from "../model/chart.ts";
import { toParameterFile } from "../model/params-file.ts";
import { type FloatPoint, randomFloatPoint } from "../model/random-point.ts";
import { relabelledDistance } from "../model/relabel.ts";
import { type ModelSpec, type Parameters, emissionName, parameterCount } from "../model/spec.ts";
import { allInputs, informativeDesign } from "../predictor/design.ts";
import { predict } from "../predictor/predict.ts";
import { type GaussianDesign, exhaustiveSummary } from "../predictor/summary.ts";
import type { Observation } from "../predictor/weights.ts";
import { Rng } from "../base/random.ts";
import { type Deadline, TimeBudgetReached } from "../base/budget.ts";
import type { Task } from "../task/task.ts";
import { jacobianAt } from "../identify/jacobian.ts";
import { column, svd } from "../linalg/float-matrix.ts";
import { numericalRank } from "../linalg/numerical-rank.ts";
import type { RationalParameterFile, Witness, WitnessSearch } from "./witness-pair.ts";
import { validateSpec } from "../identify/validate.ts";

/** The search for a numerical witness failed; the message says where and why. */
export class WitnessError extends Error {
  override readonly name = "WitnessError";
}

/** δ: the two points must be at least this far apart modulo relabelling (max-abs over entries). */
export const DEFAULT_WITNESS_DISTANCE = 0.05;
/** Both points' predictions, recomputed independently, must agree to within this. */
export const PREDICTION_TOLERANCE = 1e-10;
/** Newton projection stops when max |F(θ) − F(θ0)| < this · max(1, max |F(θ0)|). */
const RESIDUAL_TOLERANCE = 1e-13;
const INITIAL_STEP = 0.01;
const MAX_STEP = 0.05;
const MIN_STEP = 1e-6;
const MAX_STEPS = 2000;
const NEWTON_ITERATIONS = 12;
/** Probabilities along the path stay at least this large (strictly inside the simplex). */
const POSITIVITY_MARGIN = 1e-6;
/** Random directions tried (each both ways) before giving up. */
const DIRECTION_ATTEMPTS = 3;

export interface WitnessOptions {
  readonly seed: number;
  /** δ, default 0.05. */
  readonly distance?: number;
  /** Start here instead of at a random generic point. */
  readonly start?: Parameters<number>;
  /** Checked between continuation steps and between Jacobian rows (WitnessError when passed). */
  readonly deadline?: Deadline;
  /** Called once a Jacobian row (a sign of life for a status line). */
  readonly tick?: () => void;
}

/**
 * A second parameter point with the same predictions as a first, at least δ away from
 * every relabelling of it: a numerical counterexample to identifiability.
 *
 * Method (null-space continuation): from a generic valid point θ0 (or `start`), follow a
 * curve in the level set F(θ) = F(θ0) of the exhaustive summary. Each step moves h ≈ 0.01
 * along the numerical null space of J = ∂F/∂θ (the previous direction projected onto the
 * new null space, so the curve does not turn back), then projects back onto the level set
 * by Gauss–Newton with min-norm corrections Δ = −J⁺(F(θ) − F(θ0)) (J⁺ truncated at the
 * rank found at θ0) until the residual is below 1e-13; a step that fails to converge or
 * leaves the open simplex is halved. Gaussian emissions use one input design, drawn at
 * θ0 and kept for the whole path. The pair is then verified independently of the path:
 * both points' predictions are recomputed with `predict` on every discrete input (hmm)
 * or on a fresh random design (ghmm) and must agree to 1e-10. Throws WitnessError when
 * the Jacobian has no decided null space, the path cannot get δ away, or the check fails.
 */
export function findWitness(spec: ModelSpec, tasks: readonly Task[], options: WitnessOptions): Witness {
  validateSpec(spec, tasks);
  const n = parameterCount(spec);
  const delta = options.distance ?? DEFAULT_WITNESS_DISTANCE;
  const rng = new Rng(options.seed);
  const startRng = rng.fork();
  const designRng = rng.fork();
  const directionRng = rng.fork();
  const verifyRng = rng.fork();
  const start: FloatPoint = options.start
    ? { theta: toCoordinates(spec, options.start), params: options.start }
    : randomFloatPoint(spec, startRng);
  if (!isInside(spec, start.params)) {
    throw new WitnessError(`the start point has a probability below ${POSITIVITY_MARGIN}: the continuation needs a point strictly inside the parameter set`);
  }
  const design = spec.family === "ghmm" ? informativeDesign(spec, start.params, tasks, n, designRng) : undefined;
  const level = new LevelSet(spec, tasks, design, start.theta, options.deadline, options.tick);

  const jacobian = level.jacobianRows(start.theta);
  const rank = numericalRank(jacobian, n);
  if (!rank.decided) throw new WitnessError(`the Jacobian's rank is undecided at the start point (${rank.reason})`);
  if (rank.rank === n) throw new WitnessError("the Jacobian has full rank at the start point: no direction keeps the predictions");

  const failures: string[] = [];
  for (let attempt = 0; attempt < DIRECTION_ATTEMPTS; attempt++) {
    const direction = randomCombination(rank.nullSpace, directionRng);
    for (const sign of [1, -1]) {
      const path = walk(level, start, direction.map((x) => sign * x), rank.rank, delta);
      if ("failure" in path) {
        failures.push(path.failure);
        continue;
      }
      const check = checkWitnessPair(spec, tasks, start.params, path.params, verifyRng);
      if (!check.accepted) throw new WitnessError(`the path ended ${path.distance.toExponential(2)} away, but ${check.reason}`);
      const { maxDifference, verification } = check;
      return {
        first: toParameterFile(spec, start.params),
        second: toParameterFile(spec, path.params),
        distance: check.distance,
        maxPredictionDifference: maxDifference,
        method:
          `null-space continuation from ${options.start ? "the given point" : "a random generic point"}: steps of ≤ ${MAX_STEP} along the ` +
          `${n - rank.rank}-dimensional null space of J, each projected back onto F(θ) = F(θ0) by min-norm Gauss–Newton ` +
          `(residual < ${RESIDUAL_TOLERANCE}${design ? ", on one Gaussian design drawn at the first point" : ""}), until ≥ ${delta} away modulo relabelling`,
        steps: path.steps,
        exact: false,
        verification,
      };
    }
  }
  throw new WitnessError(`no path reached distance ${delta} modulo relabelling: ${[...new Set(failures)].join("; ")}`);
}

/** The exhaustive summary as a function of θ, with its target value F(θ0). */
class LevelSet {
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

type Path = { theta: number[]; params: Parameters<number>; steps: number; distance: number } | { failure: string };

/** Predictor–corrector continuation along the level set until δ away modulo relabelling. */
function walk(level: LevelSet, start: FloatPoint, direction0: readonly number[], rank: number, delta: number): Path {
  let theta = [...start.theta];
  let direction = [...direction0];
  let decomposition = level.decompose(theta);
  let h = INITIAL_STEP;
  for (let steps = 1; steps <= MAX_STEPS; steps++) {
    if (level.deadline?.passed()) return { failure: `${level.deadline.reason} after ${steps - 1} steps` };
    // Keep the direction continuous: project the previous one onto the current null space.
    const nullSpace = decomposition.v.slice(rank);
    const projected = projectOnto(direction, nullSpace);
    const norm = Math.hypot(...projected);
    if (norm < 1e-8) return { failure: "the direction of travel left the null space" };
    direction = projected.map((x) => x / norm);
    let accepted: { theta: number[]; params: Parameters<number> } | null = null;
    let halved = false;
    while (h >= MIN_STEP) {
      accepted = correct(level, theta.map((t, i) => t + h * direction[i]), rank);
      if (accepted && isInside(level.spec, accepted.params)) break;
      accepted = null;
      h /= 2;
      halved = true;
    }
    if (!accepted) {
      return { failure: `the step shrank below ${MIN_STEP} after ${steps - 1} steps (the fiber runs into the boundary of the parameter set, or the rank drops)` };
    }
    theta = accepted.theta;
    const { distance } = relabelledDistance(start.params, accepted.params);
    if (distance >= delta) return { theta, params: accepted.params, steps, distance };
    if (!halved) h = Math.min(1.5 * h, MAX_STEP);
    decomposition = level.decompose(theta);
  }
  return { failure: `${MAX_STEPS} steps without getting ${delta} away` };
}

/** Gauss–Newton with min-norm steps, J⁺ truncated to the top `rank` singular values. */
function correct(level: LevelSet, theta0: number[], rank: number): { theta: number[]; params: Parameters<number> } | null {
  let theta = theta0;
  try {
    for (let iteration = 0; iteration <= NEWTON_ITERATIONS; iteration++) {
      const r = level.residual(theta);
      if (!r.every(Number.isFinite)) return null;
      if (maxAbs(r) < level.tolerance) return { theta, params: fromCoordinates(floatField, level.spec, theta) };
      if (iteration === NEWTON_ITERATIONS) return null;
      const { sigma, u, v } = level.decompose(theta);
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
function isInside(spec: ModelSpec, p: Parameters<number>): boolean {
  const ok = (x: number) => x >= POSITIVITY_MARGIN;
  return p.pi.every(ok) && p.T.every((row) => row.every(ok)) && (spec.family === "ghmm" || p.emission.every((row) => row.every(ok)));
}

/** Two points closer than this modulo relabelling are the same point for a witness. */
export const MIN_WITNESS_DISTANCE = 1e-6;

export interface WitnessCheck {
  readonly accepted: boolean;
  /** Why the pair is refused (empty when accepted). */
  readonly reason: string;
  /** Max-abs difference of the two points over π, T and O|M, minimised over relabellings. */
  readonly distance: number;
  readonly maxDifference: number;
  readonly verification: string;
}

/**
 * Whether two points are a witness pair: not relabellings of each other (distance modulo
 * relabelling ≥ MIN_WITNESS_DISTANCE) and with predictions equal to PREDICTION_TOLERANCE,
 * recomputed independently of any summary (see `verifyPair`). Every numerical witness
 * maskid prints passed this check.
 */
export function checkWitnessPair(
  spec: ModelSpec,
  tasks: readonly Task[],
  first: Parameters<number>,
  second: Parameters<number>,
  rng: Rng,
): WitnessCheck {
  const { distance } = relabelledDistance(first, second);
  const { maxDifference, verification } = verifyPair(spec, tasks, first, second, rng);
  let reason = "";
  if (!(distance >= MIN_WITNESS_DISTANCE)) {
    reason = `the points are relabellings of each other (distance ${distance.toExponential(2)} < ${MIN_WITNESS_DISTANCE} modulo relabelling)`;
  } else if (!(maxDifference < PREDICTION_TOLERANCE)) {
    reason = `the independent check found predictions differing by ${maxDifference.toExponential(2)} ≥ ${PREDICTION_TOLERANCE} (${verification})`;
  }
  return { accepted: reason === "", reason, distance, maxDifference, verification };
}

/**
 * Recomputes both points' predictions with `predict`, independently of the summary the
 * path was traced on: hmm at every discrete input of every task; ghmm at a fresh random
 * design (inputs where each point's states compete, drawn afresh).
 */
function verifyPair(
  spec: ModelSpec,
  tasks: readonly Task[],
  first: Parameters<number>,
  second: Parameters<number>,
  rng: Rng,
): { maxDifference: number; verification: string } {
  let max = 0;
  let inputs = 0;
  const compare = (task: Task, given: readonly Observation[]) => {
    const a = predict(floatField, spec, first, task, given);
    const b = predict(floatField, spec, second, task, given);
    a.forEach((x, i) => {
      const difference = Math.abs(x - b[i]);
      max = Number.isNaN(difference) ? Infinity : Math.max(max, difference);
    });
    inputs++;
  };
  if (spec.family === "hmm") {
    for (const task of tasks) for (const given of allInputs(spec, task)) compare(task, given);
    return { maxDifference: max, verification: `predict() at all ${inputs} discrete inputs of the task set, both points recomputed from their parameters` };
  }
  const n = parameterCount(spec);
  const designs = [informativeDesign(spec, first, tasks, n, rng), informativeDesign(spec, second, tasks, n, rng)];
  for (const design of designs) tasks.forEach((task, t) => design[t].forEach((point) => compare(task, point)));
  return {
    maxDifference: max,
    verification: `predict() at ${inputs} fresh random inputs (where each point's states compete, drawn afresh: not the design the path was traced on)`,
  };
}

/**
 * An exact rational witness from a family of docs/math.md §7, when one applies to the task set:
 * W1 (hmm, every task a pairwise task on positions {1, 2}, or on adjacent positions under
 * stationary init) or W2 (hmm, stationary init, every task pairwise). Both points are
 * rational; the whole exhaustive summary of both is evaluated in exact arithmetic and
 * must agree entry by entry (maxPredictionDifference is then exactly 0). Returns null when
 * no family applies (ghmm needs exp, so W3 has no rational form).
 */
export function findExactWitness(spec: ModelSpec, tasks: readonly Task[]): Witness | null {
  validateSpec(spec, tasks);
  const family = exactFamily(spec, tasks);
  if (family === null) return null;
  const pair: RationalPair = family === "W1" ? w1Example(spec) : w2Example(spec);
  const problems = validityProblems(rationalField, spec, pair.second, positiveRational);
  if (problems.length > 0) throw new Error(`internal: the ${family} example is not a valid point: ${problems.join("; ")}`);
  const comparison = compareSummaries(rationalField, spec, pair.first, pair.second, tasks);
  if (comparison.differing.length > 0) throw new Error(`internal: the ${family} example changes predictions at ${comparison.differing.join(", ")}`);
  const first = mapParameters(pair.first, rationalToNumber);
  const second = mapParameters(pair.second, rationalToNumber);
  const { distance } = relabelledDistance(first, second);
  if (!(distance > 0)) throw new Error(`internal: the ${family} example is a relabelling of its first point`);
  return {
    first: toParameterFile(spec, first),
    second: toParameterFile(spec, second),
    distance,
    maxPredictionDifference: 0,
    method: `${pair.move} (docs/math.md §7), applied to a fixed rational point`,
    steps: 1,
    exact: true,
    verification: `exact rational evaluation of all ${comparison.rows} entries of both exhaustive summaries (every input of every task): all equal`,
    rational: { first: rationalFile(spec, pair.first), second: rationalFile(spec, pair.second) },
  };
}

/** Which exact family, if any, keeps every task's predictions (see findExactWitness). */
function exactFamily(spec: ModelSpec, tasks: readonly Task[]): "W1" | "W2" | null {
  if (spec.family !== "hmm" || spec.states < 2) return null;
  if (!tasks.every((t) => t.given.length === 1 && t.predict.length === 1)) return null;
  const pairs = tasks.map((t) => [t.given[0], t.predict[0]].sort((a, b) => a - b));
  if (pairs.every(([a, b]) => a === 1 && b === 2)) return "W1";
  if (spec.init !== "stationary") return null;
  return pairs.every(([a, b]) => b - a === 1) ? "W1" : "W2";
}

function rationalFile(spec: ModelSpec, p: Parameters<Rational>): RationalParameterFile {
  const s = mapParameters(p, rationalToString);
  return { pi: s.pi, T: s.T, [emissionName(spec)]: s.emission };
}

/**
 * The witness evidence for a non-identifiable verdict (what `analyse(…, { witness: true })`
 * attaches): a numerical witness from the analysis's seed (at the given point when there
 * is one) and, for generic verdicts, an exact pair where a family applies.
 */
export function searchWitness(
  spec: ModelSpec,
  tasks: readonly Task[],
  seed: number,
  start?: Parameters<number>,
  deadline?: Deadline,
  tick?: () => void,
): WitnessSearch {
  const notes: string[] = [];
  let numerical: Witness | null = null;
  try {
    numerical = findWitness(spec, tasks, { seed, start, deadline, tick });
  } catch (e) {
    if (!(e instanceof WitnessError) && !(e instanceof TimeBudgetReached)) throw e;
    notes.push(`no numerical witness: ${e.message}`);
  }
  const exact = start ? null : findExactWitness(spec, tasks);
  if (!start && !exact) notes.push("no exact family of docs/math.md §7 (W1, W2) applies to this task set");
  return { numerical, exact, notes };
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

function randomCombination(basis: readonly number[][], rng: Rng): number[] {
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
