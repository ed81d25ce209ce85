import type { Field } from "../../field/field.ts";
import type { PrimeField } from "../../field/prime.ts";
import { dualParameters } from "../../identify/jacobian.ts";
import type { ModPEchelon } from "../../linalg/modp-echelon.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../../model/spec.ts";
import { ChainTensor } from "../../predictor/chain.ts";
import { allSymbolWeights } from "../../predictor/weights.ts";
import type { Task } from "../../task/task.ts";
import { echelonOf } from "./modp.ts";

/** A marginal law P(x_A) of the tokens at positions A (ascending). */
export type Window = readonly number[];

/** What the task set says about the candidate observable laws, at the random point (docs/math.md §11.3). */
export interface ObservableEquivalence extends LawEquivalence {
  /** Every candidate: the windows of at most MAX_WINDOW of the task set's positions. */
  readonly candidates: readonly LawRank[];
  /** Rank computations the statements rest on (for the Schwartz–Zippel union bound). */
  readonly matrices: number;
}

/** Which candidate laws a task set is locally equivalent to (docs/math.md §11.3, §11.7). */
export interface LawEquivalence {
  /** The implied laws that no other implied law contains. */
  readonly maximal: readonly string[];
  /** Rank of the maximal laws together, of the task set's rank. */
  readonly explainedRank: number;
  readonly taskRank: number;
  /** True when the maximal laws together carry exactly the task set's local information. */
  readonly equivalent: boolean;
  /** A fewest-laws subset of `maximal` that is still equivalent (null when none is). */
  readonly smallest: readonly string[] | null;
}

export interface LawRank {
  readonly law: string;
  readonly rank: number;
  /** Its Jacobian's row space lies in the task set's: the task set determines it locally. */
  readonly implied: boolean;
}

/** Largest window size considered (d^3 rows per law). */
export const MAX_WINDOW = 3;
/** Subsets of the maximal laws tried when looking for the smallest equivalent one. */
const MAX_SUBSETS = 4096;

export function lawName(window: Window): string {
  return `P(${window.map((t) => `x${t}`).join(", ")})`;
}

/** A law as a task with nothing given, for degree bounds. */
export function lawAsTask(window: Window): Task {
  return { given: [], predict: window };
}

/**
 * Rows of ∂/∂θ of the chain contraction with one row of the emission matrix at each position
 * of the window, over `field` (mod p, or floats) at θ: for O this is P(x_A), one row per
 * outcome; for Gaussian means M it is the moment E[⊗_{t∈A} x_t], one row per coordinate.
 */
export function lawJacobianRows(field: Field<number>, spec: ModelSpec, theta: readonly number[], window: Window): Float64Array[] {
  const { field: dual, params } = dualParameters(field, spec, theta);
  const zeros = new Float64Array(parameterCount(spec));
  return windowLaw(dual, params, window).map((x) => x.g ?? zeros);
}

/** The chain contraction with the emission rows at the window's positions: P(x_A) for O, E[⊗ x_A] for M. */
export function windowLaw<E>(field: Field<E>, params: Parameters<E>, window: Window): E[] {
  const sites = window.map((position) => ({ position, choices: allSymbolWeights(params) }));
  return new ChainTensor(field, params.pi, params.T, { length: window[window.length - 1], sites }).entries();
}

/** Every window of 1..MAX_WINDOW of the task set's positions, smallest first. */
export function candidateWindows(tasks: readonly Task[]): Window[] {
  const positions = [...new Set(tasks.flatMap((t) => [...t.given, ...t.predict]))].sort((a, b) => a - b);
  const out: Window[] = [];
  const grow = (start: number, window: number[]) => {
    if (window.length > 0) out.push(window);
    if (window.length === MAX_WINDOW) return;
    for (let i = start; i < positions.length; i++) grow(i + 1, [...window, positions[i]]);
  };
  grow(0, []);
  return out.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

/**
 * Compares row spaces mod p at one point: a law is implied when its rows lie in the task
 * set's row space; the maximal implied laws are equivalent to the task set when together
 * they reach its rank (their span is inside the task set's, so equal rank is equal span).
 */
export function observableEquivalence(
  field: PrimeField,
  spec: ModelSpec,
  theta: readonly number[],
  tasks: readonly Task[],
  taskEchelon: ModPEchelon,
  lawRows: (window: Window) => ArrayLike<number>[] = (w) => lawJacobianRows(field, spec, theta, w),
): ObservableEquivalence {
  const n = parameterCount(spec);
  const windows = candidateWindows(tasks);
  const rows = new Map(windows.map((w) => [w, lawRows(w)]));
  const candidates = windows.map((w) => {
    const laws = rows.get(w)!;
    return { window: w, rank: echelonOf(field, n, laws).rank, implied: laws.every((r) => taskEchelon.inRowSpace(r)) };
  });
  const rankOf = (set: readonly Window[]) => echelonOf(field, n, set.flatMap((w) => rows.get(w)!)).rank;
  const contains = (outer: Window, inner: Window) => outer.length > inner.length && inner.every((t) => outer.includes(t));
  const found = equivalentLaws(candidates, contains, rankOf, taskEchelon.rank);
  return {
    candidates: candidates.map((c) => ({ law: lawName(c.window), rank: c.rank, implied: c.implied })),
    maximal: found.maximal.map(lawName),
    explainedRank: found.explainedRank,
    taskRank: taskEchelon.rank,
    equivalent: found.equivalent,
    smallest: found.smallest?.map(lawName) ?? null,
    // The task set, each candidate alone and stacked on it, the maximal laws, each subset tried.
    matrices: 1 + 2 * candidates.length + 1 + found.tried,
  };
}

/**
 * From candidates marked implied (rows in the task set's row space): the maximal ones (no
 * implied candidate `contains` them), their rank together, whether that reaches the task
 * set's rank (their span lies in the task set's, so equal rank is equal span), and then a
 * fewest-laws equivalent subset. `rankOf` ranks the rows of a set of laws.
 */
export function equivalentLaws<L>(
  candidates: readonly { readonly window: L; readonly implied: boolean }[],
  contains: (outer: L, inner: L) => boolean,
  rankOf: (set: readonly L[]) => number,
  taskRank: number,
): { maximal: L[]; explainedRank: number; equivalent: boolean; smallest: readonly L[] | null; tried: number } {
  const implied = candidates.filter((c) => c.implied).map((c) => c.window);
  const maximal = implied.filter((w) => !implied.some((v) => contains(v, w)));
  const explainedRank = maximal.length > 0 ? rankOf(maximal) : 0;
  const equivalent = maximal.length > 0 && explainedRank === taskRank;
  const search = equivalent ? smallestEquivalent(maximal, taskRank, rankOf) : { subset: null, tried: 0 };
  return { maximal, explainedRank, equivalent, smallest: search.subset, tried: search.tried };
}

/** Subsets of `laws` by increasing size; the first that reaches `rank` (all of them if the budget runs out). */
function smallestEquivalent<L>(laws: readonly L[], rank: number, rankOf: (set: readonly L[]) => number): { subset: readonly L[]; tried: number } {
  let tried = 0;
  for (let size = 1; size < laws.length; size++) {
    for (const subset of combinations(laws, size)) {
      if (++tried > MAX_SUBSETS) return { subset: laws, tried };
      if (rankOf(subset) === rank) return { subset, tried };
    }
  }
  return { subset: laws, tried };
}

function* combinations<T>(items: readonly T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) for (const rest of combinations(items, size - 1, i + 1)) yield [items[i], ...rest];
}
