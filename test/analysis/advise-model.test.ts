import { describe, expect, it } from "vitest";
import { adviseModel, shiftRepresentatives } from "../../src/analysis/advise-model.ts";
import { candidateTasks } from "../../src/analysis/advise.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import { pairwiseSearch, pairwiseTasks } from "../../src/analysis/pairwise-search.ts";
import { subsets } from "../../src/base/combinatorics.ts";
import { InputError } from "../../src/base/errors.ts";
import { Rng } from "../../src/base/random.ts";
import { exactRankTrial } from "../../src/identify/exact-trial.ts";
import { type ModelSpec, hmmSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { type Task, formatTask, taskLength } from "../../src/task/task.ts";

/** Rank mod p of a task set at a fresh random point of its own: the brute-force reference. */
const rankOf = (spec: ModelSpec, tasks: readonly Task[], seed: number) => exactRankTrial(spec, tasks, new Rng(seed)).echelon.rank;

/** Every set of pairwise tasks on 1..window of at most `size` tasks that reaches rank n, by brute force, cheapest first. */
function identifyingPairwiseSets(spec: ModelSpec, window: number, size: number): Task[][] {
  const n = parameterCount(spec);
  const cost = (set: readonly Task[]) => [set.length, Math.max(...set.map(taskLength)), set.reduce((s, t) => s + taskLength(t), 0)];
  const byCost = (a: readonly Task[], b: readonly Task[]) => cost(a).map((x, i) => x - cost(b)[i]).find((x) => x !== 0) ?? 0;
  // subsets lists sets in the search's order within a cost, and sort is stable: the first is the search's pick.
  return subsets(pairwiseTasks(window), size).filter((set, i) => rankOf(spec, set, 100 + i) === n).sort(byCost);
}

describe("advise for a model with no task set", () => {
  it("pairwise tasks: xi -> xj on 1..L, by last position", () => {
    expect(pairwiseTasks(3).map(formatTask)).toEqual(["x1 -> x2", "x2 -> x1", "x1 -> x3", "x2 -> x3", "x3 -> x1", "x3 -> x2"]);
    expect(pairwiseTasks(6)).toHaveLength(30);
  });

  it("stationary candidates: those on position 1; every other one comes after its shift to position 1", () => {
    const all = candidateTasks(4, []);
    const kept = shiftRepresentatives(all);
    expect(kept.length).toBe(30);
    for (const t of kept) expect(Math.min(...t.given, ...t.predict)).toBe(1);
    const text = all.map(formatTask);
    for (const t of all.filter((t) => !kept.includes(t))) {
      const by = Math.min(...t.given, ...t.predict) - 1;
      const shifted = formatTask({ given: t.given.map((p) => p - by), predict: t.predict.map((p) => p - by) });
      expect(text.indexOf(shifted)).toBeGreaterThanOrEqual(0);
      expect(text.indexOf(shifted)).toBeLessThan(text.indexOf(formatTask(t)));
    }
  });

  it("k=3, d=5, stationary: the cheapest single task identifies (rank n, check agrees), every cheaper one does not; no pairwise set does (W2)", () => {
    const spec = hmmSpec(3, 5);
    const r = adviseModel(spec, { seed: 7 });
    expect(r.window).toBe(4);
    expect(r.single.found).toMatchObject({ task: "x1, x2 -> x3", rank: 18, confirmed: "identifiable" });
    expect(analyse(spec, parseTaskSet("x1, x2 -> x3"), { seed: 99 }).verdict).toBe("identifiable");
    const all = candidateTasks(4, []);
    const cheaper = all.slice(0, all.findIndex((t) => formatTask(t) === "x1, x2 -> x3"));
    expect(cheaper.map(formatTask)).toContain("x1 -> x2");
    for (const [i, t] of cheaper.entries()) expect(rankOf(spec, [t], 200 + i)).toBeLessThan(18);
    // The left-out tasks miss position 1; their shifts were tried (x2 -> x3 is x1 -> x2 moved by one).
    const touching = all.filter((t) => t.given.includes(1) || t.predict.includes(1));
    expect(r.single.shifted).toBe(all.length - touching.length);
    expect(r.single.tried).toBe(touching.findIndex((t) => formatTask(t) === "x1, x2 -> x3") + 1);
    expect(r.pairwise.found).toBeNull();
    expect(r.pairwise.familyRank).toBe(15);
    expect(r.pairwise.covered).toBe(2 ** 12 - 1);
    expect(r.pairwise.keptBy).toMatch(/^W2 \(docs\/math\.md §7\.3\)/);
    // Brute force on 3 positions: none of the 63 sets reaches 18.
    for (const [i, set] of subsets(pairwiseTasks(3), 6).entries()) expect(rankOf(spec, set, 300 + i)).toBeLessThan(18);
  });

  it("k=3, d=5, free π: the smallest pairwise set is the cheapest identifying one of brute force, and check confirms it", () => {
    const spec = hmmSpec(3, 5, "free");
    const r = adviseModel(spec, { seed: 7, window: 3 });
    expect(r.pairwise.found).toMatchObject({ tasks: ["x1 -> x2", "x2 -> x3"], window: 3, rank: 20, confirmed: "identifiable" });
    expect(analyse(spec, parseTaskSet("x1 -> x2; x2 -> x3"), { seed: 99 }).verdict).toBe("identifiable");
    const brute = identifyingPairwiseSets(spec, 3, 2);
    expect(brute.map((s) => s.map(formatTask))[0]).toEqual(["x1 -> x2", "x2 -> x3"]);
    expect(brute.every((s) => s.length === 2)).toBe(true);
    expect(r.pairwise.found?.ties).toBe(brute.length);
  });

  it("k=2, d=2, free π: three tasks are needed, and no set of two identifies (brute force over all 78 sets of up to 2)", () => {
    const spec = hmmSpec(2, 2, "free");
    const found = pairwiseSearch(spec, 4, new Rng(5), 1e6).found;
    expect(found?.tasks.map(formatTask)).toEqual(["x1 -> x2", "x2 -> x1", "x2 -> x3"]);
    expect(identifyingPairwiseSets(spec, 4, 2)).toEqual([]);
    expect(identifyingPairwiseSets(spec, 3, 3).map((s) => s.map(formatTask))[0]).toEqual(["x1 -> x2", "x2 -> x1", "x2 -> x3"]);
  });

  it("k=3, d=2, free π: six tasks on 5 positions; on 4 positions none (all twelve together reach rank 10 of 11)", () => {
    const spec = hmmSpec(3, 2, "free");
    const none = pairwiseSearch(spec, 4, new Rng(5), 1e6);
    expect(none).toMatchObject({ found: null, familyRank: 10, tried: 0 });
    expect(rankOf(spec, pairwiseTasks(4), 11)).toBe(10);
    const six = pairwiseSearch(spec, 5, new Rng(5), 1e6);
    expect(six.found?.tasks).toHaveLength(6);
    expect(six.found?.window).toBe(5);
    expect(rankOf(spec, six.found!.tasks, 12)).toBe(11);
  });

  it("refuses a size whose sets exceed the budget, saying what was searched", () => {
    expect(() => pairwiseSearch(hmmSpec(3, 2, "free"), 6, new Rng(5), 100_000)).toThrow(InputError);
    expect(() => pairwiseSearch(hmmSpec(3, 2, "free"), 6, new Rng(5), 100_000)).toThrow(
      "the 593775 sets of 6 pairwise tasks on positions 1..6 would take the search past its budget of 100000 sets (no set of up to 5 tasks identifies the model)",
    );
  });
});
