import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { rationalField as Q } from "../../src/field/rational.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomRationalCoordinates } from "../../src/model/rational-point.ts";
import { parameterCount } from "../../src/model/spec.ts";
import { arbSpec } from "../../src/testing/arbitraries.ts";

describe("randomRationalCoordinates", () => {
  it("gives n coordinates whose columns are (u_1, …, u_m)/Σu, u_i ∈ 1..9, and means in {−3/2, …, 3/2}", () => {
    fc.assert(
      fc.property(arbSpec, fc.integer({ min: 0, max: 1e6 }), (spec, seed) => {
        const theta = randomRationalCoordinates(spec, new Rng(seed));
        expect(theta).toHaveLength(parameterCount(spec));
        const p = fromCoordinates(Q, spec, theta);
        const stochastic = [p.T, ...(spec.family === "hmm" ? [p.emission] : [])];
        if (spec.init === "free") stochastic.push(p.pi.map((x) => [x]));
        for (const m of stochastic) {
          for (let j = 0; j < m[0].length; j++) {
            const col = m.map((row) => row[j]);
            // Each entry is u_i/Σu with 1 ≤ u_i ≤ 9: positive, summing to 1, at most 9 times another.
            const values = col.map((x) => Number(x.num) / Number(x.den));
            for (const x of values) expect(x).toBeGreaterThan(0);
            expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
            expect(Math.max(...values) / Math.min(...values)).toBeLessThanOrEqual(9 + 1e-9);
          }
        }
        if (spec.family === "ghmm") {
          for (const row of p.emission) for (const x of row) expect((Number(x.num) / Number(x.den)) * 2).toSatisfy((v: number) => Number.isInteger(v) && v >= -3 && v <= 3);
        }
        expect(randomRationalCoordinates(spec, new Rng(seed))).toEqual(theta);
      }),
      { seed: 5501, numRuns: 150 },
    );
  });

  it("draws negative Gaussian means as well as positive ones", () => {
    const theta = Array.from({ length: 20 }, (_, i) => randomRationalCoordinates({ family: "ghmm", states: 1, symbols: 3, init: "stationary", sigma: 1 }, new Rng(i))).flat();
    expect(theta.some((x) => x.num < 0n)).toBe(true);
    expect(theta.some((x) => x.num > 0n)).toBe(true);
  });
});
