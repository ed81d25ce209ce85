import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { primeField } from "../../src/field/prime.ts";
import { diag, matMul, transpose } from "../../src/linalg/matrix.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { predict } from "../../src/predictor/predict.ts";
import { floatField } from "../../src/field/float.ts";
import { MAX_POSITION } from "../../src/task/task.ts";

const F = primeField(33_554_393);

/** T^g by g − 1 plain products: the slow, obviously right reference. */
function slowPower(T: number[][], g: number): number[][] {
  let out = T;
  for (let i = 1; i < g; i++) out = matMul(F, out, T);
  return out;
}

describe("chain contraction across long hidden runs (powers of T by squaring)", () => {
  it("x1 -> x(1+g) equals O T^g diag(π) Oᵀ / (Oπ) mod p, for gaps on both sides of the stepwise limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.constantFrom("stationary" as const, "free" as const),
        fc.constantFrom(1, 2, 16, 17, 31, 64, 257),
        fc.integer({ min: 0, max: 1000 }),
        (k, d, init, g, seed) => {
          const spec: ModelSpec = { family: "hmm", states: k, symbols: d, init, sigma: 1 };
          const p = fromCoordinates(F, spec, randomPrimeCoordinates(spec, F, new Rng(seed)));
          const joint = matMul(F, matMul(F, matMul(F, p.emission, slowPower(p.T, g)), diag(F, p.pi)), transpose(p.emission));
          for (let b = 0; b < d; b++) {
            const marginal = p.emission[b].reduce((s, o, h) => F.add(s, F.mul(o, p.pi[h])), F.zero);
            if (F.isZero(marginal)) continue;
            const forward = predict(F, spec, p, { given: [1], predict: [1 + g] }, [b]);
            expect(forward).toEqual(joint.map((row) => F.div(row[b], marginal)));
            // The reverse task reads the same joint law by rows.
            const backward = predict(F, spec, p, { given: [1 + g], predict: [1] }, [b]);
            const marginalLate = joint[b].reduce((s, x) => F.add(s, x), F.zero);
            if (!F.isZero(marginalLate)) expect(backward).toEqual(joint[b].map((x) => F.div(x, marginalLate)));
          }
        },
      ),
      { numRuns: 60, seed: 20221128 },
    );
  });

  it("reaches position 10^6 (the largest a task may name) in floats and lands on the stationary prediction O π", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
    const p = randomFloatPoint(spec, new Rng(5)).params;
    const far = predict(floatField, spec, p, { given: [1], predict: [MAX_POSITION] }, [2]);
    const stationary = p.emission.map((row) => row.reduce((s, o, h) => s + o * p.pi[h], 0));
    far.forEach((x, a) => expect(x).toBeCloseTo(stationary[a], 12));
  });
});
