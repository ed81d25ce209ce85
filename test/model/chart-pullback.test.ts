import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { dualField } from "../../src/field/dual.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import type { PrimeField } from "../../src/field/prime.ts";
import { chartPullback, type EntryGradients } from "../../src/model/chart-pullback.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { ghmmSpec, parameterCount } from "../../src/model/spec.ts";
import { arbHmmSpec, arbPrimeField } from "../../src/testing/arbitraries.ts";
import { floatField } from "../../src/field/float.ts";

describe("chartPullback", () => {
  it("is the chain rule: out = gᵀ ∂(π, T, O)/∂θ exactly mod p, the dual-number Jacobian of fromCoordinates", () => {
    fc.assert(
      fc.property(arbHmmSpec, arbPrimeField, fc.integer({ min: 1, max: 1e6 }), (spec, F: PrimeField, seed) => {
        const rng = new Rng(seed);
        const theta = randomPrimeCoordinates(spec, F, rng);
        const n = parameterCount(spec);
        const D = dualField(F, n);
        let dual;
        try {
          dual = fromCoordinates(D, spec, theta.map((v, i) => D.variable(v, i)));
        } catch (e) {
          if (e instanceof DivisionByZero) return; // no unique stationary law at this point
          throw e;
        }
        // Where the stationary law is unique, the matrix the pullback inverts is invertible.
        const pullback = chartPullback(F, spec, fromCoordinates(F, spec, theta));
        const { states: k, symbols: d } = spec;
        const draw = () => rng.int(0, F.p - 1);
        // A random gradient; emission rows absent from the map (each symbol with probability ½)
        // count as zero, and the rows are inserted in a random order (the map's order is no contract).
        const emission = new Map<number, number[]>();
        const symbols = Array.from({ length: d }, (_, a) => a);
        if (rng.int(0, 1) === 1) symbols.reverse();
        for (const a of symbols) if (rng.int(0, 1) === 1) emission.set(a, Array.from({ length: k }, draw));
        const g: EntryGradients = {
          pi: Array.from({ length: k }, draw),
          T: Array.from({ length: k }, () => Array.from({ length: k }, draw)),
          emission,
        };
        const expected = new Array<number>(n).fill(F.zero);
        const add = (gradient: number, entry: { g: Float64Array | null }) => {
          if (entry.g) for (let c = 0; c < n; c++) expected[c] = F.add(expected[c], F.mul(gradient, entry.g[c]));
        };
        for (let i = 0; i < k; i++) add(g.pi[i], dual.pi[i]);
        for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) add(g.T[i][j], dual.T[i][j]);
        for (const [a, row] of emission) for (let j = 0; j < k; j++) add(row[j], dual.emission[a][j]);
        // Stale values in `out` must be overwritten, not accumulated; entries past the n
        // coordinates are not the pullback's (a caller may pass a longer buffer).
        const out = new Float64Array(n + 2).fill(7);
        pullback(g, out);
        expect(Array.from(out)).toEqual([...expected, 7, 7]);
      }),
      { seed: 2207, numRuns: 120 },
    );
  });

  it("refuses Gaussian emissions", () => {
    const p = { pi: [0.5, 0.5], T: [[0.5, 0.5], [0.5, 0.5]], emission: [[1, 2]] };
    expect(() => chartPullback(floatField, ghmmSpec(2, 1, "free"), p)).toThrow(/^chartPullback covers discrete emissions only$/);
  });
});
