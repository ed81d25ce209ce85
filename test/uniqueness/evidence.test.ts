import { beforeAll, describe, expect, it } from "vitest";
import { PROOF_STRENGTH, globalEvidence } from "../../src/uniqueness/evidence.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import type { ProgressEvent } from "../../src/base/progress.ts";
import { Rng } from "../../src/base/random.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { kruskalEvidence } from "../../src/uniqueness/kruskal-evidence.ts";
import { subSeed } from "../../src/uniqueness/seeds.ts";

const hmm = (k: number, d: number, init: "stationary" | "free"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });

describe("globalEvidence", () => {
  it("x2 -> x1 ⊗ x3 (hmm k=3, d=5, stationary): proof (Kruskal, exact), and the search agrees", () => {
    const e = globalEvidence(hmm(3, 5, "stationary"), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 11, starts: 6 });
    expect(e.level).toBe("proof");
    expect(e.strength).toBe(PROOF_STRENGTH);
    expect(e.kruskal).toHaveLength(1);
    expect(e.kruskal[0].proven).toBe(true);
    expect(e.search!.otherSolutions).toBe(0);
    expect(e.statement).toMatch(/generic global identifiability is proven/);
    expect(e.statement).toMatch(/A search is evidence only/);
    expect(e.statement).toContain(`; max relabelled L∞ distance to θ0 ${e.search!.maxDistanceToTruthModRelabelling!.toExponential(2)}. `);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it("a proof from one tensor task carries the whole set", () => {
    const e = globalEvidence(hmm(2, 3, "free"), parseTaskSet("x1 -> x2; x1 -> x2 ⊗ x3"), { seed: 12, starts: 0 });
    expect(e.level).toBe("proof");
    expect(e.search).toBeNull();
  });

  it("x1 -> x2 (hmm k=2, d=3): the search finds other solutions, reported as a numerical counterexample, not a proof", () => {
    const e = globalEvidence(hmm(2, 3, "stationary"), parseTaskSet("x1 -> x2"), { seed: 13, starts: 8 });
    expect(e.level).toBe("search-counterexample");
    expect(e.strength).toBe("search: other solutions found (numerical counterexample, not a proof)");
    expect(e.kruskal).toHaveLength(0);
    expect(e.notes.join(" ")).toMatch(/no tensor task/);
  });

  it("free init, d = k, x2 -> x1 ⊗ x3: factors unique but no read-back, so only search strength", () => {
    const starts = 6;
    const e = globalEvidence(hmm(3, 3, "free"), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 14, starts });
    expect(e.kruskal[0].factorsUnique).toBe(true);
    expect(e.kruskal[0].proven).toBe(false);
    expect(e.level).toBe("search-unique");
    expect(e.strength).toBe(`search: no other solution found from ${starts} starts (not a proof)`);
    expect(e.notes.join(" ")).toMatch(/read-back to \(π, T, O\) is not established/);
  });

  it("Gaussian emissions never get a proof", () => {
    const spec: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
    const e = globalEvidence(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 15, starts: 3 });
    expect(e.level).not.toBe("proof");
    expect(e.strength).not.toMatch(/^proof/);
    expect(e.kruskal[0].exact).toBeNull();
  });

  it("is deterministic for a seed (apart from the search timing)", () => {
    const run = () => globalEvidence(hmm(2, 2, "stationary"), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 16, starts: 2 });
    const a = run();
    const b = run();
    expect({ ...a, search: { ...a.search!, seconds: 0 } }).toEqual({ ...b, search: { ...b.search!, seconds: 0 } });
  });
});

describe("globalEvidence: notes and the strength when nothing is proven", () => {
  const NO_TENSOR = "no tensor task (one given, two predicted tokens) in the set: Kruskal's theorem is not applied";
  const GENERIC_ONLY = "the proof is about generic parameters; it covers the given point only if that point avoids a proper algebraic subset (not checked)";

  it("a proof at a random point with no search carries no notes at all", () => {
    const e = globalEvidence(hmm(2, 3, "free"), parseTaskSet("x1 -> x2 ⊗ x3"), { seed: 12, starts: 0 });
    expect(e.level).toBe("proof");
    expect(e.notes).toEqual([]);
  });

  it("a proof at a given point notes that it is about generic parameters, and every non-converged start is counted, boundary runs apart", () => {
    // A valid point with an emission entry of 1e-12: some starts run towards that face of the simplex.
    const eps = 1e-12;
    const params = { pi: [0.4, 0.6], T: [[0.7, 0.2], [0.3, 0.8]], emission: [[eps, 0.5], [0.6, 0.3], [0.4 - eps, 0.2]] };
    const e = globalEvidence(hmm(2, 3, "free"), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 13, starts: 6, maxIterations: 40, params });
    expect(e.level).toBe("proof");
    expect(e.pointSource).toBe("the given point");
    const search = e.search!;
    const failed = search.starts - search.converged;
    const boundary = search.outcomes.filter((o) => !o.converged && o.atBoundary).length;
    expect(failed).toBeGreaterThan(0);
    expect(boundary).toBeGreaterThan(0); // both kinds of failure occur, so the split is checked
    expect(boundary).toBeLessThan(failed);
    expect(e.notes).toEqual([
      `${failed} of ${search.starts} starts did not converge (${boundary} ran to the boundary of the parameter set, ` +
        `${failed - boundary} stopped at an interior local minimum or the iteration limit)`,
      GENERIC_ONLY,
    ]);
  });

  it("no proof and no converged start: level none, and the strength says how many starts were tried", () => {
    const e = globalEvidence(hmm(2, 3, "free"), parseTaskSet("x1 -> x2"), { seed: 13, starts: 6, maxIterations: 20 });
    expect(e.search!.converged).toBe(0);
    expect(e.level).toBe("none");
    expect(e.strength).toBe("none: no proof, and none of 6 starts converged");
    expect(e.notes[0]).toBe(NO_TENSOR);
    expect(e.notes[1]).toMatch(/^6 of 6 starts did not converge \(/);
    expect(e.notes).toHaveLength(2);
    expect(e.statement).toBe(
      "No proof: no tensor task in the set. Search at a random generic point: 0 of 6 starts converged (‖F(θ) − F(θ0)‖² < 1e-20), " +
        "into 0 class(es) modulo relabelling, 0 of them not θ0. A search is evidence only: it can miss solutions, and its converged points are not exact.",
    );
  });

  it("without a proof, the statement quotes every tensor task's Kruskal statement", () => {
    // k = 4 > d = 3: Kruskal's sum stays below 2k + 2 for both tensor tasks.
    const e = globalEvidence(hmm(4, 3, "stationary"), parseTaskSet("x1 -> x2; x2 -> x1 ⊗ x3; x1 -> x2 ⊗ x3"), { seed: 14, starts: 0 });
    expect(e.level).toBe("none");
    expect(e.kruskal.map((k) => [k.task, k.proven])).toEqual([["x2 -> x1 ⊗ x3", false], ["x1 -> x2 ⊗ x3", false]]);
    expect(e.statement).toBe(`No proof: x2 -> x1 ⊗ x3: ${e.kruskal[0].statement} x1 -> x2 ⊗ x3: ${e.kruskal[1].statement} No search was run.`);
  });

  it("no proof and no search: level none, said in so many words", () => {
    const e = globalEvidence(hmm(2, 3, "free"), parseTaskSet("x1 -> x2"), { seed: 13, starts: 0 });
    expect(e.level).toBe("none");
    expect(e.strength).toBe("none: no proof and no search");
    expect(e.notes).toEqual([NO_TENSOR]);
    expect(e.statement).toBe("No proof: no tensor task in the set. No search was run.");
  });
});

describe("globalEvidence: a given point where the two hidden states emit alike", () => {
  // O's two columns are equal: the observations are iid, so every (π, T) fits (the search finds
  // other solutions) and the numerical Kruskal rank of A drops, while the exact ranks at a random
  // point still prove generic identifiability. Both disagreements must be reported, not hidden.
  const params = { pi: [0.4, 0.6], T: [[0.7, 0.2], [0.3, 0.8]], emission: [[0.2, 0.2], [0.3, 0.3], [0.5, 0.5]] };
  let e: ReturnType<typeof globalEvidence>;
  beforeAll(() => {
    e = globalEvidence(hmm(2, 3, "free"), parseTaskSet("x1 -> x2 ⊗ x3"), { seed: 5, starts: 3, params });
  });

  it("a proof together with a search counterexample is a conflict, and the strength names the task and the count", () => {
    expect(e.kruskal[0].proven).toBe(true);
    expect(e.search!.otherSolutions).toBe(3);
    expect(e.level).toBe("conflict");
    expect(e.strength).toBe("conflict: Kruskal proof for x1 -> x2 ⊗ x3, yet the search found 3 other solution(s): one of them is wrong");
  });

  it("a numerical Kruskal condition that differs from the exact one is noted with both values", () => {
    expect(e.kruskal[0].numerical!.holds).toBe(false);
    expect(e.kruskal[0].exact!.holds).toBe(true);
    expect(e.notes).toEqual([
      "x1 -> x2 ⊗ x3: the numerical Kruskal condition at the float point (false) differs from the exact one (true)",
      "the proof is about generic parameters; it covers the given point only if that point avoids a proper algebraic subset (not checked)",
    ]);
  });
});

describe("globalEvidence: what it passes on and records", () => {
  const TWO = "x2 -> x1 ⊗ x3; x1 -> x2 ⊗ x3";

  it("each tensor task's Kruskal evidence uses its own sub-seed 100 + i and the requested exact field", () => {
    const spec = hmm(2, 3, "stationary");
    const tasks = parseTaskSet(TWO);
    // Over F_p the prime drawn shows which stream a task's exact point came from.
    const e = globalEvidence(spec, tasks, { seed: 21, starts: 0 });
    expect(e.kruskal).toEqual(tasks.map((t, i) => kruskalEvidence(spec, e.point, t, { seed: subSeed(21, 100 + i) })));
    expect(e.kruskal[0].exact!.prime).not.toBe(e.kruskal[1].exact!.prime);
    const q = globalEvidence(spec, tasks, { seed: 21, starts: 0, exactField: "rational" });
    expect(q.kruskal.map((k) => k.exact!.field)).toEqual(["Q", "Q"]);
  });

  it("reports one Kruskal progress step per tensor task, counting from 1", () => {
    const events: ProgressEvent[] = [];
    globalEvidence(hmm(2, 3, "stationary"), parseTaskSet(TWO), { seed: 21, starts: 0, onProgress: (ev) => events.push(ev) });
    expect(events).toEqual([
      { phase: "Kruskal ranks", done: 1, total: 2 },
      { phase: "Kruskal ranks", done: 2, total: 2 },
    ]);
  });

  it("records the task set and the seed", () => {
    const e = globalEvidence(hmm(2, 3, "stationary"), parseTaskSet(`x1 -> x2; ${TWO}`), { seed: 22, starts: 0 });
    expect(e.kind).toBe("global-evidence");
    expect(e.tasks).toEqual(["x1 -> x2", "x2 -> x1 ⊗ x3", "x1 -> x2 ⊗ x3"]);
    expect(e.seed).toBe(22);
  });

  it("at a given point, one proven tensor task is enough for the note that the proof is about generic parameters", () => {
    // x1 -> x2 ⊗ x4 has non-consecutive positions: no read-back, so it is not proven; x1 -> x2 ⊗ x3 is.
    const spec = hmm(2, 3, "stationary");
    const params = randomFloatPoint(spec, new Rng(4)).params;
    const e = globalEvidence(spec, parseTaskSet("x1 -> x2 ⊗ x3; x1 -> x2 ⊗ x4"), { seed: 23, starts: 0, params });
    expect(e.kruskal.map((k) => k.proven)).toEqual([true, false]);
    expect(e.level).toBe("proof");
    expect(e.notes).toContain("the proof is about generic parameters; it covers the given point only if that point avoids a proper algebraic subset (not checked)");
  });
});
