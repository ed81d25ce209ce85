import { applicableFamilies } from "../families/applies.ts";
import { floatField } from "../field/float.ts";
import { fromCoordinates, toCoordinates } from "../model/chart.ts";
import { toParameterFile } from "../model/params-file.ts";
import { type FloatPoint, randomFloatPoint } from "../model/random-point.ts";
import { relabelledDistance } from "../model/relabel.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";
import { allInputs, informativeDesign } from "../predictor/design.ts";
import { predict } from "../predictor/predict.ts";
import type { Observation } from "../predictor/weights.ts";
import { Rng } from "../base/random.ts";
import { type Deadline, TimeBudgetReached } from "../base/budget.ts";
import type { Task } from "../task/task.ts";
import { numericalRank } from "../linalg/numerical-rank.ts";
import { validateSpec } from "../identify/validate.ts";
import { LevelSet, MAX_STEP, POSITIVITY_MARGIN, RESIDUAL_TOLERANCE, isInside, randomCombination, walk } from "./continuation.ts";
import { findExactWitness } from "./exact-witness.ts";
import { w3LinePair } from "./w3-line.ts";
import type { Witness, WitnessSearch } from "./witness-pair.ts";

export { findExactWitness } from "./exact-witness.ts";

/** The search for a numerical witness failed; the message says where and why. */
export class WitnessError extends Error {
  override readonly name = "WitnessError";
}

/** δ: the two points must be at least this far apart modulo relabelling (max-abs over entries). */
export const DEFAULT_WITNESS_DISTANCE = 0.05;
/** The search goes on until the pair is this far apart, or no path gets farther (docs/math.md §7.5). */
export const WITNESS_TARGET = 0.2;
/** Both points' predictions, recomputed independently, must agree to within this. */
export const PREDICTION_TOLERANCE = 1e-10;
/** Random null directions tried (each both ways) from each start point. */
const DIRECTION_ATTEMPTS = 3;
/** Further walks from where a path met the boundary, each along a fresh null direction. */
const BOUNCES = 2;
/** Further start points (columns blended halfway towards uniform) tried when the first point's paths stay short of the target. */
const RESTARTS = 2;

export interface WitnessOptions {
  readonly seed: number;
  /** δ, default 0.05: the least distance accepted. */
  readonly distance?: number;
  /** How far apart the search tries to get, default WITNESS_TARGET (at least δ). */
  readonly target?: number;
  /** Start here instead of at a random generic point (then no restarts elsewhere). */
  readonly start?: Parameters<number>;
  /** Checked between continuation steps and between Jacobian rows (WitnessError when passed). */
  readonly deadline?: Deadline;
  /** Called once a Jacobian row (a sign of life for a status line). */
  readonly tick?: () => void;
}

/** A pair found by one route, before the independent check. */
interface Candidate {
  readonly first: Parameters<number>;
  readonly second: Parameters<number>;
  readonly distance: number;
  readonly steps: number;
  readonly method: string;
}

/**
 * A second parameter point with the same predictions as a first, at least δ away from
 * every relabelling of it, and as far as the search gets up to WITNESS_TARGET: a
 * numerical counterexample to identifiability.
 *
 * Routes, in order, until one reaches the target: where the fiber is a known straight
 * family (W3), that line followed exactly to near the boundary; null-space continuation
 * from the start point along DIRECTION_ATTEMPTS random null directions, each both ways;
 * then (without a given start) the same from RESTARTS other points. The farthest pair of
 * all is verified independently (`checkWitnessPair`); when it is short of the target,
 * `shortfall` says where the paths stopped. Throws WitnessError when the Jacobian has no
 * decided null space at the start, no route gets δ away, or the check fails.
 */
export function findWitness(spec: ModelSpec, tasks: readonly Task[], options: WitnessOptions): Witness {
  validateSpec(spec, tasks);
  const delta = options.distance ?? DEFAULT_WITNESS_DISTANCE;
  const target = Math.max(delta, options.target ?? WITNESS_TARGET);
  const rng = new Rng(options.seed);
  const startRng = rng.fork();
  const designRng = rng.fork();
  const directionRng = rng.fork();
  const verifyRng = rng.fork();
  const restartRng = rng.fork();
  const start: FloatPoint = options.start
    ? { theta: toCoordinates(spec, options.start), params: options.start }
    : randomFloatPoint(spec, startRng);
  if (!isInside(spec, start.params)) {
    throw new WitnessError(`the start point has a probability below ${POSITIVITY_MARGIN}: the continuation needs a point strictly inside the parameter set`);
  }
  const candidates: Candidate[] = [];
  const stops: Stop[] = [];
  const reached = () => candidates.some((c) => c.distance >= target);
  if (spec.family === "ghmm" && applicableFamilies(spec, tasks).some((f) => f.family === "W3")) {
    const line = w3LinePair(spec, start.params);
    if (line) candidates.push({ first: start.params, second: line.second, distance: line.distance, steps: 1, method: line.method });
  }
  const points = [start];
  for (let i = 0; i < (options.start ? 0 : RESTARTS); i++) points.push(centredPoint(spec, restartRng));
  for (const [index, point] of points.entries()) {
    if (reached()) break;
    const route = continueFrom(spec, tasks, point, { index, given: options.start !== undefined, target, designRng, directionRng, deadline: options.deadline, tick: options.tick });
    if ("failure" in route) {
      if (index === 0) throw new WitnessError(route.failure);
      stops.push({ reason: `at restart point ${index}, ${route.failure}`, distance: null });
      continue;
    }
    candidates.push(...route.candidates);
    stops.push(...route.stops);
    if (options.deadline?.passed()) break;
  }
  const why = summariseStops(stops);
  // Farthest first; a pair that fails the independent check gives way to the next one.
  const ranked = candidates.filter((c) => c.distance >= delta).sort((a, b) => b.distance - a.distance);
  if (ranked.length === 0) throw new WitnessError(`no path reached distance ${delta} modulo relabelling: ${why}`);
  const refused: string[] = [];
  for (const found of ranked) {
    const check = checkWitnessPair(spec, tasks, found.first, found.second, verifyRng);
    if (!check.accepted) {
      refused.push(`a pair ${found.distance.toExponential(2)} apart was refused: ${check.reason}`);
      continue;
    }
    return {
      first: toParameterFile(spec, found.first),
      second: toParameterFile(spec, found.second),
      distance: check.distance,
      maxPredictionDifference: check.maxDifference,
      method: found.method,
      steps: found.steps,
      exact: false,
      verification: check.verification,
      ...(check.distance < target ? { shortfall: `the farthest valid pair found is ${check.distance.toFixed(3)} apart, short of the ${target} target: ${[why, ...refused].filter(Boolean).join("; ")}` } : {}),
    };
  }
  throw new WitnessError(refused.join("; "));
}

/** Why one path (or one start point) stopped, and how far its farthest point got. */
interface Stop {
  readonly reason: string;
  readonly distance: number | null;
}

/** `the step shrank below 1e-6 (…): 4 paths, farthest points 0.383, 0.573, 0.361, 0.294 away; …`, one clause per reason. */
function summariseStops(stops: readonly Stop[]): string {
  const byReason = new Map<string, (number | null)[]>();
  for (const s of stops) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.distance]);
  return [...byReason]
    .map(([reason, ds]) => {
      const far = ds.filter((d): d is number => d !== null).map((d) => d.toFixed(3));
      return `${reason}: ${ds.length} path${ds.length === 1 ? "" : "s"}${far.length ? `, farthest points ${far.join(", ")} away` : ""}`;
    })
    .join("; ");
}

/** The continuation routes from one start point: every walk's farthest point, and why each stopped. */
function continueFrom(
  spec: ModelSpec,
  tasks: readonly Task[],
  start: FloatPoint,
  o: { index: number; given: boolean; target: number; designRng: Rng; directionRng: Rng; deadline?: Deadline; tick?: () => void },
): { candidates: Candidate[]; stops: Stop[] } | { failure: string } {
  const n = parameterCount(spec);
  const design = spec.family === "ghmm" ? informativeDesign(spec, start.params, tasks, n, o.designRng) : undefined;
  const level = new LevelSet(spec, tasks, design, start.theta, o.deadline, o.tick);
  const rank = numericalRank(level.jacobianRows(start.theta), n);
  if (!rank.decided) return { failure: `the Jacobian's rank is undecided at the start point (${rank.reason})` };
  if (rank.rank === n) return { failure: "the Jacobian has full rank at the start point: no direction keeps the predictions" };
  const from = o.given ? "the given point" : o.index === 0 ? "a random generic point" : `restart point ${o.index} (a random point with columns blended halfway towards uniform)`;
  const method =
    `null-space continuation from ${from}: steps of ≤ ${MAX_STEP} along the ${n - rank.rank}-dimensional null space of J, each projected back onto ` +
    `F(θ) = F(θ0) by min-norm chord corrections (residual < ${RESIDUAL_TOLERANCE}${design ? ", on one Gaussian design drawn at the first point" : ""}), ` +
    `until ${o.target} away modulo relabelling or the path stops; the farthest point of all paths tried`;
  const candidates: Candidate[] = [];
  const stops: Stop[] = [];
  // A one-dimensional null space has one direction (both ways): repeating it would walk the same path.
  const attempts = rank.nullSpace.length === 1 ? 1 : DIRECTION_ATTEMPTS;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const direction = randomCombination(rank.nullSpace, o.directionRng);
    for (const sign of [1, -1]) {
      let path = walk(level, start, direction.map((x) => sign * x), rank.rank, o.target);
      let steps = 0;
      // Where a path meets the boundary, bounce: go on from its farthest point along another null direction, away from the start.
      for (let bounce = 0; ; bounce++) {
        if (path.farthest) candidates.push({ first: start.params, second: path.farthest.params, distance: path.farthest.distance, steps: steps + path.farthest.steps, method });
        if (path.stopped === "") return { candidates, stops };
        if (o.deadline?.passed() || !path.farthest || bounce === BOUNCES) break;
        steps += path.farthest.steps;
        const from = path.farthest.theta;
        const away = awayFrom(randomCombination(level.decompose(from).v.slice(rank.rank), o.directionRng), from, start.theta);
        path = walk(level, start, away, rank.rank, o.target, from);
      }
      stops.push({ reason: path.stopped, distance: path.farthest?.distance ?? null });
      if (o.deadline?.passed()) return { candidates, stops };
    }
  }
  return { candidates, stops };
}

/** `direction` or its negative, whichever moves θ away from θ0. */
function awayFrom(direction: number[], theta: readonly number[], theta0: readonly number[]): number[] {
  const along = direction.reduce((sum, x, i) => sum + x * (theta[i] - theta0[i]), 0);
  return along >= 0 ? direction : direction.map((x) => -x);
}

/** A generic point nearer the middle of the simplex: each stochastic column of a random point averaged with the uniform one. */
function centredPoint(spec: ModelSpec, rng: Rng): FloatPoint {
  const { params } = randomFloatPoint(spec, rng);
  const blend = (m: readonly (readonly number[])[]) => m.map((row) => row.map((x) => (x + 1 / m.length) / 2));
  const centred = { pi: params.pi.map((x) => (x + 1 / params.pi.length) / 2), T: blend(params.T), emission: spec.family === "hmm" ? blend(params.emission) : params.emission };
  const theta = toCoordinates(spec, centred);
  return { theta, params: fromCoordinates(floatField, spec, theta) };
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
