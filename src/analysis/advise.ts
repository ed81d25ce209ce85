import { subsets } from "../base/combinatorics.ts";
import { InputError } from "../base/errors.ts";
import { Rng } from "../base/random.ts";
import { exactRankTrial } from "../identify/exact-trial.ts";
import { validateSpec } from "../identify/validate.ts";
import { type ModelSpec, parameterCount } from "../model/spec.ts";
import { type Task, formatTask, taskLength } from "../task/task.ts";
import { analyse } from "./analyse.ts";

/** One task to add (or, for a model with no task set, to use alone), its cost, and the evidence that the set it makes identifies the model. */
export interface Addition {
  readonly task: string;
  /** Ranked by predicted tokens, then given tokens, then window length (last position). */
  readonly cost: { readonly predicted: number; readonly given: number; readonly length: number };
  /** rank mod `prime` of the enlarged set's Jacobian at a random point: n proves local identifiability. */
  readonly rank: number;
  readonly prime: number;
  /** The verdict of a full `analyse` (maskid check) of that set. */
  readonly confirmed: "identifiable" | "not identifiable" | "inconclusive";
}

/** What `maskid advise` returns (issue 10 item 4, its simplest form: one added task). */
export interface AdviceResult {
  readonly kind: "advice";
  readonly model: ModelSpec;
  readonly tasks: readonly string[];
  readonly seed: number;
  readonly parameterCount: number;
  /** Rank mod p of the given task set (n: already identifying, nothing to add). */
  readonly rank: number;
  /** The candidate family: tasks on positions 1..window with 1–2 given and 1–2 predicted tokens. */
  readonly window: number;
  readonly candidates: number;
  /** The cheapest single additions that reach rank n, at most `limit`, cheapest first. */
  readonly additions: readonly Addition[];
  readonly note: string;
}

/** Tasks of the family on 1..window not already in the set, cheapest first. */
export function candidateTasks(window: number, present: readonly Task[]): Task[] {
  const seen = new Set(present.map(formatTask));
  const positions = Array.from({ length: window }, (_, i) => i + 1);
  const out: Task[] = [];
  for (const predict of subsets(positions, 2)) {
    for (const given of subsets(positions.filter((t) => !predict.includes(t)), 2)) {
      const task = { given, predict };
      if (!seen.has(formatTask(task))) out.push(task);
    }
  }
  const key = (t: Task) => [t.predict.length, t.given.length, taskLength(t)];
  return out.sort((a, b) => compareKeys(key(a), key(b)) || formatTask(a).localeCompare(formatTask(b)));
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The cheapest single tasks whose addition makes the set locally identifiable: each
 * candidate, cheapest first, gets one exact rank trial (rank n mod p is a proof, §6.1);
 * those that reach n are confirmed by a full analyse, until `limit` are found.
 */
export function advise(spec: ModelSpec, tasks: readonly Task[], options: { seed: number; window?: number; limit?: number }): AdviceResult {
  validateSpec(spec, tasks);
  const window = adviseWindow(spec, options.window ?? Math.max(3, ...tasks.map(taskLength)));
  const n = parameterCount(spec);
  const rng = new Rng(options.seed);
  const rank = exactRankTrial(spec, tasks, rng).echelon.rank;
  const base = { kind: "advice" as const, model: spec, tasks: tasks.map(formatTask), seed: options.seed, parameterCount: n, rank, window };
  if (rank === n) return { ...base, candidates: 0, additions: [], note: "the task set already identifies the model locally (rank n mod p is a proof)" };
  const candidates = candidateTasks(window, tasks);
  const { additions } = identifyingAdditions(spec, tasks, candidates, rng, options.seed, options.limit ?? 5);
  const note = additions.length
    ? `the ${additions.length} cheapest single additions of ${candidates.length} candidates that reach rank ${n}`
    : `no single task on positions 1..${window} (1–2 given, 1–2 predicted) makes the set identifying: a rank below ${n} at a random point is evidence, not proof`;
  return { ...base, candidates: candidates.length, additions, note };
}

/** What advise can search: discrete emissions, and a window of at most 6 positions. */
export function adviseWindow(spec: ModelSpec, window: number): number {
  if (spec.family !== "hmm") throw new InputError("advise supports discrete emissions (--model hmm); Gaussian emissions are planned", { field: "spec.family" });
  if (window > 6) throw new InputError(`--window must be at most 6, got ${window}`, { field: "window" });
  return window;
}

/**
 * The first `limit` candidates, in the order given, that make `present` (possibly empty)
 * reach rank n mod p at a fresh random point each, each confirmed by a full analyse;
 * `tried` counts the exact trials run.
 */
export function identifyingAdditions(
  spec: ModelSpec,
  present: readonly Task[],
  candidates: readonly Task[],
  rng: Rng,
  seed: number,
  limit: number,
): { additions: Addition[]; tried: number } {
  const n = parameterCount(spec);
  const additions: Addition[] = [];
  let tried = 0;
  for (const task of candidates) {
    if (additions.length >= limit) break;
    const enlarged = [...present, task];
    const trial = exactRankTrial(spec, enlarged, rng);
    tried++;
    if (trial.echelon.rank < n) continue;
    const confirmed = analyse(spec, enlarged, { seed }).verdict;
    additions.push({ task: formatTask(task), cost: taskCost(task), rank: trial.echelon.rank, prime: trial.field.p, confirmed });
  }
  return { additions, tried };
}

function taskCost(task: Task): Addition["cost"] {
  return { predicted: task.predict.length, given: task.given.length, length: taskLength(task) };
}
