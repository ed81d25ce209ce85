import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { primeField } from "../../src/field/prime.ts";
import { toCoordinates } from "../../src/model/chart.ts";
import { MIN_MEAN_SEPARATION, randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { ghmmSpec, hmmSpec, parameterCount } from "../../src/model/spec.ts";
import { arbSpec } from "../../src/testing/arbitraries.ts";

describe("randomFloatPoint", () => {
  it("gives n coordinates, the chart image of them, strictly positive stochastic columns, from the seed alone", () => {
    fc.assert(
      fc.property(arbSpec, fc.integer({ min: 0, max: 1e6 }), (spec, seed) => {
        const { theta, params } = randomFloatPoint(spec, new Rng(seed));
        expect(theta).toHaveLength(parameterCount(spec));
        expect(toCoordinates(spec, params)).toEqual(theta);
        const k = spec.states;
        const columns = [...(spec.family === "hmm" ? [params.emission] : []), params.T];
        for (const m of columns) {
          for (let j = 0; j < k; j++) {
            const col = m.map((row) => row[j]);
            for (const x of col) expect(x).toBeGreaterThan(0);
            expect(Math.abs(col.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
          }
        }
        for (const x of params.pi) expect(x).toBeGreaterThan(0);
        expect(randomFloatPoint(spec, new Rng(seed))).toEqual({ theta, params });
      }),
      { seed: 4401, numRuns: 150 },
    );
  });

  it("places Gaussian means at least MIN_MEAN_SEPARATION·σ apart, also where redrawing rarely succeeds (d = 1, many states)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0.3, 1, 4), fc.integer({ min: 0, max: 1e6 }), (k, d, sigma, seed) => {
        const { params } = randomFloatPoint(ghmmSpec(k, d, "free", sigma), new Rng(seed));
        const M = params.emission;
        for (let g = 0; g < k; g++) {
          for (let h = g + 1; h < k; h++) {
            const distance = Math.hypot(...M.map((row) => row[g] - row[h]));
            expect(distance).toBeGreaterThanOrEqual(MIN_MEAN_SEPARATION * sigma * (1 - 1e-12));
          }
        }
      }),
      { seed: 4402, numRuns: 150 },
    );
  });

  it("scales with σ: the same seed at σ = 4 gives the same T and 4× the means (the separation test is in units of σ)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1e6 }), (k, d, seed) => {
        const unit = randomFloatPoint(ghmmSpec(k, d, "free", 1), new Rng(seed)).params;
        const wide = randomFloatPoint(ghmmSpec(k, d, "free", 4), new Rng(seed)).params;
        expect(wide.T).toEqual(unit.T);
        expect(wide.emission).toEqual(unit.emission.map((row) => row.map((x) => 4 * x)));
      }),
      { seed: 4404, numRuns: 60 },
    );
  });

  it("keeps the first draw of means that is separated, redrawing close ones, and spreads only after every attempt failed", () => {
    const scripted = (normals: number[]) => {
      let i = 0;
      return { uniform: () => 0.5, normal: () => normals[i++ % normals.length] } as unknown as Rng;
    };
    // k = 3, d = 1: the first draw (0, 1, 2) is separated and kept as drawn.
    expect(randomFloatPoint(ghmmSpec(3, 1, "free"), scripted([0, 1, 2])).params.emission).toEqual([[0, 1, 2]]);
    // A close first draw (0, 0.1) is redrawn: the second (5, -5) is kept.
    expect(randomFloatPoint(ghmmSpec(2, 1, "free"), scripted([0, 0.1, 5, -5, 0, 0.1])).params.emission).toEqual([[5, -5]]);
    // Draws that never separate are spread by 0.5σ per rank of the first coordinate.
    expect(randomFloatPoint(ghmmSpec(2, 1, "free"), scripted([0.1, 0])).params.emission).toEqual([[0.6, 0]]);
    // Exactly 20 attempts: a separated 21st draw is never made, the 20th is spread.
    const twentyClose = Array.from({ length: 20 }, () => [0.1, 0]).flat();
    expect(randomFloatPoint(ghmmSpec(2, 1, "free"), scripted([...twentyClose, 5, -5])).params.emission).toEqual([[0.6, 0]]);
    // …and a separated 20th draw is kept as drawn.
    expect(randomFloatPoint(ghmmSpec(2, 1, "free"), scripted([...twentyClose.slice(2), 5, -5])).params.emission).toEqual([[5, -5]]);
  });

  it("a uniform draw of 0 gives a column its floor weight, not an infinite one", () => {
    const zero = { uniform: () => 0, normal: () => 0 } as unknown as Rng;
    expect(randomFloatPoint(hmmSpec(2, 2, "free"), zero).params).toEqual({ pi: [0.5, 0.5], T: [[0.5, 0.5], [0.5, 0.5]], emission: [[0.5, 0.5], [0.5, 0.5]] });
  });

  it("a free-init point draws π; a stationary one computes it from T (so has k − 1 fewer coordinates)", () => {
    expect(randomFloatPoint(hmmSpec(3, 2, "free"), new Rng(1)).theta).toHaveLength(2 + 6 + 3);
    expect(randomFloatPoint(hmmSpec(3, 2, "stationary"), new Rng(1)).theta).toHaveLength(6 + 3);
  });
});

describe("randomPrimeCoordinates", () => {
  it("draws n residues in 0..p−1", () => {
    const F = primeField(7);
    fc.assert(
      fc.property(arbSpec, fc.integer({ min: 0, max: 1e6 }), (spec, seed) => {
        const theta = randomPrimeCoordinates(spec, F, new Rng(seed));
        expect(theta).toHaveLength(parameterCount(spec));
        for (const x of theta) expect(Number.isInteger(x) && x >= 0 && x < 7).toBe(true);
      }),
      { seed: 4403, numRuns: 60 },
    );
    // Over 600 draws every residue, 0 and p − 1 included, appears.
    const seen = new Set(Array.from({ length: 50 }, (_, i) => randomPrimeCoordinates(hmmSpec(2, 6), F, new Rng(i))).flat());
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
