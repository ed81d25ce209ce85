import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { analyseLocally } from "../../src/identify/local-analysis.ts";
import { type FloatTrial, floatRankTrial } from "../../src/identify/float-trial.ts";
import { toCoordinates } from "../../src/model/chart.ts";
import { verifiedRankTrial } from "../../src/identify/verified-trial.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { CATALOGUE } from "../../src/claims/catalogue.ts";

const ghmm = (states: number, symbols: number, init: "stationary" | "free", sigma = 1): ModelSpec => ({ family: "ghmm", states, symbols, init, sigma });

/** A float trial at a seeded random point, as the analysis makes it. */
function trialAt(spec: ModelSpec, tasks: string, seed: number) {
  const rng = new Rng(seed);
  return floatRankTrial(spec, parseTaskSet(tasks), randomFloatPoint(spec, rng), "random point 1", rng);
}

describe("full rank verified in interval arithmetic (Gaussian emissions)", () => {
  it.each([
    [ghmm(3, 3, "stationary"), "x1 -> x2"],
    [ghmm(2, 2, "stationary", 1e6), "x2 -> x1 ⊗ x3"],
    [ghmm(3, 2, "free"), "x1 -> x2; x1 -> x3"],
  ])("verifies where the floats see full rank: %o %s", (spec, tasks) => {
    for (const seed of [1, 2, 3]) {
      const trial = trialAt(spec, tasks, seed);
      expect(trial.rank.rank).toBe(trial.jacobian.columns);
      const v = verifiedRankTrial(trial, parseTaskSet(tasks));
      expect(v.verified).toBe(true);
      expect(v.normBound!).toBeLessThan(1);
      expect(v.widestRelativeWidth!).toBeLessThan(1e-6);
      expect(v.rowsUsed).toBeGreaterThanOrEqual(trial.jacobian.columns);
      expect(v.rowsUsed).toBeLessThanOrEqual(trial.at.rowsUsed.length);
    }
  });

  it.each([
    [ghmm(2, 2, "free"), "x1 -> x2"], // W3: fiber k − 1
    [ghmm(3, 3, "free"), "x1 -> x2"],
  ])("never verifies a Jacobian whose rank drops: %o %s", (spec, tasks) => {
    for (const seed of [1, 2, 3]) {
      const v = verifiedRankTrial(trialAt(spec, tasks, seed), parseTaskSet(tasks));
      expect(v.verified).toBe(false);
      expect(v.reason).toMatch(/not below 1|no n × n block/);
    }
  });

  it("the analysis reports the proof, its bound and the point it holds at", () => {
    const r = analyseLocally(ghmm(3, 3, "stationary"), parseTaskSet("x1 -> x2"), { seed: 7 });
    expect(r.verdict).toBe("identifiable");
    expect(r.proof).toBe("verified numerics");
    expect(r.reason).toMatch(/^verified numerics: at random point \d/);
    const proof = r.evidence.verified.find((v) => v.verified)!;
    expect(proof.normBound!).toBeLessThan(1);
    expect(r.reason).toContain(proof.point);
    // A not-identifiable model has no proof and tries no verification at agreeing drops.
    const w3 = analyseLocally(ghmm(3, 3, "free"), parseTaskSet("x1 -> x2"), { seed: 7 });
    expect(w3.verdict).toBe("not identifiable");
    expect(w3.proof).toBeNull();
    expect(w3.evidence.verified).toEqual([]);
  });

  it("every identifiable Gaussian claim of the catalogue is proven, at each of its sizes up to n = 40", () => {
    const claims = CATALOGUE.filter((c) => c.family === "ghmm" && c.expected === "identifiable");
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      for (const size of claim.sizes) {
        const spec = ghmm(size.states, size.symbols, claim.init);
        if (parameterCount(spec) > 40) continue; // kept fast; the claims run covers the rest
        const r = analyseLocally(spec, parseTaskSet(claim.tasks), { seed: 1 });
        expect(r.proof, `${claim.id} at k=${size.states}, d=${size.symbols}: ${r.reason}`).toBe("verified numerics");
      }
    }
  });
});

describe("what a verification reports", () => {
  it.each([
    [ghmm(3, 3, "stationary"), "x1 -> x2"],
    [ghmm(2, 2, "stationary", 1e6), "x2 -> x1 ⊗ x3"],
  ])("the n pivot rows of the float Jacobian verify on their own: %o %s", (spec, tasks) => {
    for (const seed of [1, 2]) {
      const trial = trialAt(spec, tasks, seed);
      const n = trial.jacobian.columns;
      expect(trial.at.rowsUsed.length).toBeGreaterThan(n);
      expect(verifiedRankTrial(trial, parseTaskSet(tasks))).toMatchObject({ verified: true, rowsUsed: n, columns: n, point: "random point 1" });
    }
  });

  it("a pivot block that does not verify is followed by all the rows the float trial used", () => {
    for (const seed of [1, 2]) {
      const trial = trialAt(ghmm(3, 3, "free"), "x1 -> x2", seed); // W3: rank drops, nothing verifies
      const v = verifiedRankTrial(trial, parseTaskSet("x1 -> x2"));
      expect(v).toMatchObject({ verified: false, rowsUsed: trial.at.rowsUsed.length, columns: trial.jacobian.columns });
      // An unbounded norm is reported as null (JSON has no Infinity).
      if (v.normBound !== null) expect(Number.isFinite(v.normBound)).toBe(true);
    }
  });

  it("a point where a denominator vanishes (T = I: no unique stationary law) is reported, not thrown", () => {
    const spec = ghmm(2, 2, "stationary");
    const params = { pi: [0.5, 0.5], T: [[1, 0], [0, 1]], emission: [[0, 1], [0, 1]] };
    const trial = { evidence: { point: "a reducible point" }, at: { spec, theta: toCoordinates(spec, params), rowsUsed: [0, 1, 2] } } as unknown as FloatTrial;
    expect(verifiedRankTrial(trial, parseTaskSet("x1 -> x2"))).toEqual({
      point: "a reducible point",
      rowsUsed: 0,
      columns: parameterCount(spec),
      verified: false,
      normBound: null,
      widestRelativeWidth: null,
      reason: "a denominator's enclosure contains 0 at this point",
    });
  });
});
