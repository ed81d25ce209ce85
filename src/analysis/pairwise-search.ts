import { binomial } from "../base/combinatorics.ts";
import { InputError } from "../base/errors.ts";
import type { Rng } from "../base/random.ts";
import type { PrimeField } from "../field/prime.ts";
import { directJacobianAt } from "../identify/direct-jacobian.ts";
import { exactRankTrial } from "../identify/exact-trial.ts";
import { ModPEchelon } from "../linalg/modp-echelon.ts";
import { type ModelSpec, parameterCount } from "../model/spec.ts";
import { type Task, taskLength } from "../task/task.ts";

/** The tasks xi -> xj, i ≠ j in 1..window, by last position, then given, then predicted position. */
export function pairwiseTasks(window: number): Task[] {
  const out: Task[] = [];
  for (let last = 2; last <= window; last++) {
    for (let other = 1; other < last; other++) out.push({ given: [other], predict: [last] });
    for (let other = 1; other < last; other++) out.push({ given: [last], predict: [other] });
  }
  return out;
}

/** What the search over sets of pairwise tasks found, and how much of the family it looked at. */
export interface PairwiseSearch {
  readonly window: number;
  /** How many pairwise tasks there are on 1..window: window·(window − 1). */
  readonly familySize: number;
  /** Rank mod `prime` of all of them together: below n, no set of them reaches n at the point. */
  readonly familyRank: number;
  readonly prime: number;
  /** Sets of the sizes searched whose rank was computed; the others were ruled out without it (see `pairwiseSearch`). */
  readonly tried: number;
  /** Every set of the sizes the search went through (up to the window where it stopped), or the whole family's 2^N − 1 when their union falls short of n. */
  readonly covered: number;
  /** The largest number of sets the search may go through, besides those the rank count rules out. */
  readonly budget: number;
  /** The smallest identifying set, the cheapest of its size; null when no set in the family is. */
  readonly found: { readonly tasks: readonly Task[]; readonly rank: number; readonly window: number; readonly ties: number } | null;
}

/**
 * The smallest set of pairwise tasks whose Jacobian has rank n mod p at one random point,
 * cheapest first: fewest tasks, then last position, then the sum of the tasks' last
 * positions. Every task's rows are reduced once at the shared point; a set's rank is that
 * of its tasks' rows stacked, so rank n is a proof for that set (§6.1) and a lower rank is
 * evidence. Sets are searched by size, each size window by window (sets on 1..ℓ that use
 * position ℓ), stopping at the first window of the first size that holds an identifying
 * set. A size whose sets would take the search past `budget` sets is refused (an InputError)
 * before it starts, instead of running for hours. Sets are ruled out without a rank
 * when the s largest task ranks cannot reach n, when the rank of the tasks chosen so far
 * plus the largest task rank for each slot left cannot, and when a member adds no rank to
 * those before it (the set's rank is then a smaller set's, already tried). With k ≥ 2 and
 * a stationary initial law the whole family falls short of n (the W2 family of docs/math.md §7.3 keeps every
 * pairwise predictor), so the search ends at its first trial and needs no shift symmetry.
 */
export function pairwiseSearch(spec: ModelSpec, window: number, rng: Rng, budget: number): PairwiseSearch {
  const n = parameterCount(spec);
  const tasks = pairwiseTasks(window);
  const whole = exactRankTrial(spec, tasks, rng);
  const base = { window, familySize: tasks.length, familyRank: whole.echelon.rank, prime: whole.field.p, budget };
  if (whole.echelon.rank < n) return { ...base, tried: 0, covered: 2 ** tasks.length - 1, found: null };
  const blocks = tasks.map((t) => rowBlock(whole.field, spec, whole.theta, t));
  const sorted = blocks.map((b) => b.rank).sort((a, b) => b - a);
  const state = { tried: 0, covered: 0 };
  let counted = 0;
  for (let size = 1; size <= tasks.length; size++) {
    if (sorted.slice(0, size).reduce((a, b) => a + b, 0) < n) {
      counted += binomial(tasks.length, size);
      state.covered += binomial(tasks.length, size);
      continue;
    }
    if (state.covered - counted + binomial(tasks.length, size) > budget) {
      throw new InputError(
        `the ${binomial(tasks.length, size)} sets of ${size} pairwise tasks on positions 1..${window} would take the search past its budget of ${budget} sets ` +
          `(no set of up to ${size - 1} tasks identifies the model): give a smaller --window or a larger --max-sets`,
        { field: "budget" },
      );
    }
    for (let last = 2; last <= window; last++) {
      const hits = setsOfSize(whole.field, blocks, { size, last, n, largest: sorted[0] }, state);
      state.covered += binomial(last * (last - 1), size) - binomial((last - 1) * (last - 2), size);
      if (hits.length === 0) continue;
      const cost = (set: readonly number[]) => set.reduce((sum, i) => sum + taskLength(tasks[i]), 0);
      const best = hits.reduce((a, b) => (cost(b) < cost(a) ? b : a));
      return { ...base, ...state, found: { tasks: best.map((i) => tasks[i]), rank: n, window: last, ties: hits.length } };
    }
  }
  throw new Error("pairwiseSearch: the whole family has rank n, yet no set of it reached n");
}

interface RowBlock {
  readonly rank: number;
  /** Rows spanning the task's row space: those that raised the rank when reduced in order. */
  readonly rows: readonly Float64Array[];
}

function rowBlock(field: PrimeField, spec: ModelSpec, theta: readonly number[], task: Task): RowBlock {
  const jacobian = directJacobianAt(field, spec, theta, [task]);
  const echelon = new ModPEchelon(field, jacobian.columns);
  const all = Array.from({ length: jacobian.rows }, (_, i) => jacobian.row(i));
  for (const row of all) echelon.addRow(row);
  return { rank: echelon.rank, rows: echelon.pivotRows().map((i) => all[i]) };
}

/**
 * The sets of `size` tasks on 1..last that use position `last` (tasks are ordered by last
 * position, so the largest index chosen lies in the block of tasks ending at `last`) and
 * reach rank n, as lists of task indices in increasing order.
 */
function setsOfSize(
  field: PrimeField,
  blocks: readonly RowBlock[],
  shape: { readonly size: number; readonly last: number; readonly n: number; readonly largest: number },
  state: { tried: number },
): number[][] {
  const { size, last, n, largest } = shape;
  const end = last * (last - 1);
  const firstOfLast = (last - 1) * (last - 2);
  const hits: number[][] = [];
  const grow = (echelon: ModPEchelon, chosen: number[], start: number): void => {
    const left = size - chosen.length;
    if (echelon.rank + left * largest < n) return;
    for (let i = Math.max(start, left === 1 ? firstOfLast : 0); i <= end - left; i++) {
      const next = echelon.copy();
      let raised = false;
      for (const row of blocks[i].rows) raised = next.addRow(row) || raised;
      if (left > 1) {
        if (raised) grow(next, [...chosen, i], i + 1);
        continue;
      }
      state.tried++;
      if (next.rank === n) hits.push([...chosen, i]);
    }
  };
  grow(new ModPEchelon(field, n), [], 0);
  return hits;
}
