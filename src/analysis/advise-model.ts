import { Rng } from "../base/random.ts";
import { applicableFamilies } from "../families/applies.ts";
import { validateSpec } from "../identify/validate.ts";
import { type ModelSpec, parameterCount } from "../model/spec.ts";
import { type Task, formatTask } from "../task/task.ts";
import { type Addition, adviseWindow, candidateTasks, identifyingAdditions } from "./advise.ts";
import { analyse } from "./analyse.ts";
import { type PairwiseSearch, pairwiseSearch, pairwiseTasks } from "./pairwise-search.ts";

/**
 * The sets of pairwise tasks the search may go through by default. It counts every set of
 * each size searched, though most are ruled out without a rank (k = 3, d = 2, free π, on 6
 * positions: 25 759 ranks for 213 196 sets in under a second, about 30 µs a rank), so at
 * that rate even a search that ruled out none would stay near half a minute.
 */
export const DEFAULT_MAX_SETS = 1_000_000;

/** Without a task set the window is 4 by default: pairwise sets often need a lag of 3 (k = 4, d = 3, free π). */
export const DEFAULT_MODEL_WINDOW = 4;

/** The smallest identifying set of pairwise tasks, with its evidence. */
export interface PairwiseSet {
  readonly tasks: readonly string[];
  /** The set's last position: after the number of tasks, what makes one set cheaper than another. */
  readonly window: number;
  /** rank mod `prime` of the set's Jacobian at the search's point: n proves local identifiability. */
  readonly rank: number;
  readonly prime: number;
  /** How many sets of this size on this window identify (this one is the cheapest). */
  readonly ties: number;
  /** The verdict of a full `analyse` (maskid check) of the set. */
  readonly confirmed: "identifiable" | "not identifiable" | "inconclusive";
}

/** What `maskid advise` returns for a model and size with no task set. */
export interface ModelAdviceResult {
  readonly kind: "model-advice";
  readonly model: ModelSpec;
  readonly seed: number;
  readonly parameterCount: number;
  /** Both families live on positions 1..window. */
  readonly window: number;
  readonly single: {
    /** Tasks with 1–2 given and 1–2 predicted tokens on 1..window. */
    readonly candidates: number;
    /** Exact trials run, cheapest candidate first, until one reached rank n. */
    readonly tried: number;
    /** Candidates left out under a stationary initial law: they miss position 1, and their shift to it, cheaper, was tried first. */
    readonly shifted: number;
    /** The cheapest task that identifies the model alone, or null when none of the family does. */
    readonly found: Addition | null;
  };
  readonly pairwise: Omit<PairwiseSearch, "found"> & {
    readonly found: PairwiseSet | null;
    /** When none is found: a family of docs/math.md §7 that keeps every pairwise predictor (a proof that none identifies), if one applies. */
    readonly keptBy: string | null;
  };
}

/**
 * The tasks that use position 1. With a stationary initial law, shifting every position
 * leaves the tokens' joint law, and so the answer, unchanged (docs/maps.md, "Symmetries");
 * candidates come cheapest first and a shift towards position 1 shortens the window, so a
 * task that misses position 1 comes after its shift, which was tried and did not identify.
 */
export function shiftRepresentatives(tasks: readonly Task[]): Task[] {
  return tasks.filter((t) => t.given.includes(1) || t.predict.includes(1));
}

/**
 * For a model and size with no task set: the cheapest single task of advise's family that
 * identifies the model on its own, and the smallest set of pairwise tasks xi -> xj on
 * 1..window that does (pairwise-search.ts), each confirmed by a full analyse.
 */
export function adviseModel(spec: ModelSpec, options: { seed: number; window?: number; maxSets?: number }): ModelAdviceResult {
  validateSpec(spec, [{ given: [1], predict: [2] }]);
  const window = adviseWindow(spec, options.window ?? DEFAULT_MODEL_WINDOW);
  const rng = new Rng(options.seed);
  const all = candidateTasks(window, []);
  const candidates = spec.init === "stationary" ? shiftRepresentatives(all) : all;
  const { additions, tried } = identifyingAdditions(spec, [], candidates, rng, options.seed, 1);
  const search = pairwiseSearch(spec, window, rng, options.maxSets ?? DEFAULT_MAX_SETS);
  const found = search.found && {
    tasks: search.found.tasks.map(formatTask),
    window: search.found.window,
    rank: search.found.rank,
    prime: search.prime,
    ties: search.found.ties,
    confirmed: analyse(spec, search.found.tasks, { seed: options.seed }).verdict,
  };
  const keptBy = found ? null : (applicableFamilies(spec, pairwiseTasks(window)).find((f) => f.dimension > 0)?.statement ?? null);
  return {
    kind: "model-advice",
    model: spec,
    seed: options.seed,
    parameterCount: parameterCount(spec),
    window,
    single: { candidates: all.length, tried, shifted: all.length - candidates.length, found: additions[0] ?? null },
    pairwise: { ...search, found, keptBy },
  };
}
