import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { w3Transform } from "../../src/families/w3.ts";
import { floatField } from "../../src/field/float.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { relabelledDistance } from "../../src/model/relabel.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { w3LinePair } from "../../src/witness/w3-line.ts";

describe("w3LinePair: the farthest W3 line pair, and a method naming its line", () => {
  it("law: v = t(e_a − e_b) read back from the method (1-based, a ≠ b) reproduces the second point, with t = 0.9 · min T[a]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 4 }), (seed, k) => {
        const spec: ModelSpec = { family: "ghmm", states: k, symbols: 2, init: "free", sigma: 1 };
        const first = randomFloatPoint(spec, new Rng(seed)).params;
        const line = w3LinePair(spec, first)!;
        const m = /along v = t\(e(\d+) − e(\d+)\), t = (\S+) /.exec(line.method);
        expect(m, line.method).not.toBeNull();
        const [a, b] = [Number(m![1]) - 1, Number(m![2]) - 1];
        expect(a).not.toBe(b);
        for (const i of [a, b]) expect(i >= 0 && i < k, line.method).toBe(true);
        const t = 0.9 * Math.min(...first.T[a]);
        expect(m![3]).toBe(t.toPrecision(4));
        const v = Array.from({ length: k }, (_, i) => (i === a ? t : i === b ? -t : 0));
        expect(w3Transform(floatField, first, v, spec.sigma)).toEqual(line.second);
        expect(line.distance).toBe(relabelledDistance(first, line.second).distance);
        // …and it is the farthest of all k(k − 1) lines' pairs.
        for (let a2 = 0; a2 < k; a2++) {
          for (let b2 = 0; b2 < k; b2++) {
            if (a2 === b2) continue;
            const t2 = 0.9 * Math.min(...first.T[a2]);
            const other = w3Transform(floatField, first, Array.from({ length: k }, (_, i) => (i === a2 ? t2 : i === b2 ? -t2 : 0)), spec.sigma);
            expect(relabelledDistance(first, other).distance).toBeLessThanOrEqual(line.distance);
          }
        }
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it("a line that would leave the positivity margin is skipped: with every row's smallest T entry at 5e-6, no line stays inside and there is no pair", () => {
    // 0.9 of the way lowers that entry to 5e-7, below the 1e-6 margin.
    const spec: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const first = { pi: [0.5, 0.5], T: [[5e-6, 1 - 5e-6], [1 - 5e-6, 5e-6]], emission: [[1, -1], [-1, 1]] };
    expect(w3LinePair(spec, first)).toBeNull();
    // One row with room: the only line left lowers that row (a = 2, b = 1).
    const roomy = { ...first, T: [[5e-6, 1 - 5e-6], [0.5, 0.5]] };
    expect(w3LinePair(spec, roomy)!.method).toMatch(/along v = t\(e2 − e1\), t = 0\.4500 /);
  });
});
