import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { MIXING_LIMIT, mixing } from "../../src/identify/mixing.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const ghmm = (k: number, d: number, init: "stationary" | "free" = "stationary"): ModelSpec => ({ family: "ghmm", states: k, symbols: d, init, sigma: 1 });

describe("mixing across the widest gap", () => {
  it("is |λ₂|^gap, with λ₂ = a + b − 1 for a two-state chain", () => {
    const T = [[0.9, 0.3], [0.1, 0.7]]; // λ₂ = 0.6
    const m = mixing(ghmm(2, 2), T, parseTaskSet("x1 -> x2; x3 -> x1 ⊗ x7"));
    expect(m.gap).toBe(4);
    expect(m.secondEigenvalue).toBeCloseTo(0.6, 12);
    expect(m.factor).toBeCloseTo(0.6 ** 4, 12);
  });

  it("a one-state chain has no second eigenvalue: λ₂ = 0 and nothing fades", () => {
    const m = mixing(ghmm(1, 2), [[1]], parseTaskSet("x1 -> x5"));
    expect(m).toEqual({ secondEigenvalue: 0, gap: 4, factor: 0 });
  });

  it("counts the run from position 1 under free init only", () => {
    const T = [[0.9, 0.3], [0.1, 0.7]];
    expect(mixing(ghmm(2, 2, "free"), T, parseTaskSet("x9 -> x10")).gap).toBe(8);
    expect(mixing(ghmm(2, 2, "stationary"), T, parseTaskSet("x9 -> x10")).gap).toBe(1);
  });
});

describe("a rank drop across a mixed gap is not a verdict", () => {
  it("Gaussian x1 -> x50 (k = d = 3) is never called not identifiable; x1 -> x8 is decided identifiable", () => {
    for (const seed of [0, 1, 2]) {
      const far = analyse(ghmm(3, 3), parseTaskSet("x1 -> x50"), { seed });
      // In exact arithmetic the rank is the same as at short range; in floats the drop is rounding.
      expect(far.verdict, far.reason).not.toBe("not identifiable");
      const drops = far.evidence.float.filter((f) => f.rank < far.parameterCount);
      for (const f of drops) {
        expect(f.decided).toBe(false);
        expect(f.reason).toMatch(/across 49 transitions the chain mixes/);
      }
      if (far.verdict === "inconclusive") expect(drops.length).toBeGreaterThan(0);
    }
    const near = analyse(ghmm(3, 3), parseTaskSet("x1 -> x8"), { seed: 0 });
    expect(near.verdict).toBe("identifiable");
  });

  it("a genuine drop at short range stays decided (W3: free π, x1 -> x2, fiber k − 1)", () => {
    const r = analyse(ghmm(3, 3, "free"), parseTaskSet("x1 -> x2"), { seed: 0 });
    expect(r).toMatchObject({ verdict: "not identifiable", fiberDimension: 2 });
    expect(MIXING_LIMIT).toBeLessThan(1e-3);
  });
});
