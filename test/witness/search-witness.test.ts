import { describe, expect, it } from "vitest";
import { Deadline } from "../../src/base/budget.ts";
import { Rng } from "../../src/base/random.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { WitnessError, findWitness, searchWitness } from "../../src/witness/witness.ts";

const hmm34: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
const ghmm22: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const free23: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
const x1x2 = parseTaskSet("x1 -> x2");
const NO_FAMILY = "no exact family of docs/math.md §7 (W1, W2) applies to this task set";

describe("searchWitness: a numerical witness, an exact one where a family applies, and notes on what is missing", () => {
  it("W1 applies (hmm x1 -> x2): both witnesses, no notes, and the numerical one is findWitness's for the same seed", () => {
    const search = searchWitness(hmm34, x1x2, 5);
    expect(search.notes).toEqual([]);
    expect(search.numerical).toEqual(findWitness(hmm34, x1x2, { seed: 5 }));
    expect(search.exact?.exact).toBe(true);
    expect(search.exact?.method).toContain("W1");
  });

  it("no exact family (ghmm): the numerical witness, no exact pair, and one note saying no family applies", () => {
    const search = searchWitness(ghmm22, x1x2, 1);
    expect(search.numerical).not.toBeNull();
    expect(search.exact).toBeNull();
    expect(search.notes).toEqual([NO_FAMILY]);
  });

  it("at a given start point: no exact pair is looked for, so no note about families either", () => {
    // An exact family's fixed rational point is not the given point: it would not witness anything there.
    const start = randomFloatPoint(hmm34, new Rng(4)).params;
    const search = searchWitness(hmm34, x1x2, 2, start);
    expect(search.exact).toBeNull();
    expect(search.notes).toEqual([]);
    expect(search.numerical).toEqual(findWitness(hmm34, x1x2, { seed: 2, start }));
  });

  it("a WitnessError becomes a note, not a throw: full rank gives no numerical witness and says why", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 5, init: "stationary", sigma: 1 };
    const search = searchWitness(spec, parseTaskSet("x2 -> x1 ⊗ x3"), 1);
    expect(search.numerical).toBeNull();
    expect(search.exact).toBeNull();
    expect(search.notes).toEqual([
      "no numerical witness: the Jacobian has full rank at the start point: no direction keeps the predictions",
      NO_FAMILY,
    ]);
  });

  it("a time budget reached while computing the start point's Jacobian becomes a note with the budget's reason", () => {
    // Deadline(0) throws TimeBudgetReached from its first check(), between Jacobian rows.
    const deadline = new Deadline(0);
    const search = searchWitness(free23, x1x2, 1, undefined, deadline);
    expect(search.numerical).toBeNull();
    expect(search.notes[0]).toBe(`no numerical witness: ${deadline.reason}`);
  });

  it("any other error is not swallowed: an invalid task set throws from searchWitness itself", () => {
    // With a start point only the numerical search runs, so its error must come through as thrown.
    const start = randomFloatPoint(hmm34, new Rng(4)).params;
    for (const at of [undefined, start]) {
      expect(() => searchWitness(hmm34, [], 1, at)).toThrow("give at least one task (--task)");
      expect(() => searchWitness(hmm34, [], 1, at)).not.toThrow(WitnessError);
    }
  });

  it("the tick is passed on: it is called once per Jacobian row of the search", () => {
    let ticks = 0;
    searchWitness(free23, x1x2, 3, undefined, undefined, () => ticks++);
    expect(ticks).toBeGreaterThan(0);
  });
});
