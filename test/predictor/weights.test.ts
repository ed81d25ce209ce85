import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { floatField } from "../../src/field/float.ts";
import { primeField } from "../../src/field/prime.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import { predict } from "../../src/predictor/predict.ts";
import { gaussianWeights, observationWeights, taskWeights } from "../../src/predictor/weights.ts";

const hmm: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 0.5 };
const discrete: Parameters<number> = { pi: [0.4, 0.6], T: [[0.7, 0.4], [0.3, 0.6]], emission: [[0.2, 0.9], [0.8, 0.1]] };
const gaussian: Parameters<number> = { pi: [0.4, 0.6], T: [[0.7, 0.4], [0.3, 0.6]], emission: [[1, -1], [0.5, 2]] };

describe("observationWeights", () => {
  it("a discrete token weighs h by its row of O", () => {
    expect(observationWeights(floatField, hmm, discrete, 0)).toEqual([0.2, 0.9]);
    expect(observationWeights(floatField, hmm, discrete, 1)).toEqual([0.8, 0.1]);
  });

  it("a discrete HMM refuses vectors and symbols outside 0..d−1, saying which", () => {
    expect(() => observationWeights(floatField, hmm, discrete, [0])).toThrow(/^a discrete HMM observes symbol indices$/);
    for (const bad of [2, -1, 0.5]) expect(() => observationWeights(floatField, hmm, discrete, bad)).toThrow(new RegExp(`^symbol ${bad} is outside 0\\.\\.1$`));
  });

  it("a Gaussian HMM refuses numbers and vectors of the wrong length, and fields without exp", () => {
    for (const bad of [1, [1], [1, 2, 3]]) {
      expect(() => observationWeights(floatField, ghmm, gaussian, bad), JSON.stringify(bad)).toThrow(/^a Gaussian HMM observes vectors of length 2$/);
    }
    const F = primeField(1_000_003);
    expect(() => observationWeights(F, ghmm, { ...gaussian, emission: [[1, 2], [3, 4]] }, [1, 2])).toThrow(
      new RegExp(`^Gaussian emissions need exp, which ${F.name.replace(/[()]/g, "\\$&")} does not have$`),
    );
  });

  it("Gaussian weights are the density ratios exp(−‖x − μ_h‖²/2σ²), scaled so the largest is 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (k, d, sigma, seed) => {
        const spec: ModelSpec = { family: "ghmm", states: k, symbols: d, init: "free", sigma };
        const rng = new Rng(seed);
        const { params } = randomFloatPoint(spec, rng);
        const x = Array.from({ length: d }, () => 2 * rng.normal());
        const w = observationWeights(floatField, spec, params, x);
        expect(w).toEqual(gaussianWeights(floatField, params, sigma, x));
        const logDensity = (h: number) => -params.emission.reduce((s, row, a) => s + (x[a] - row[h]) ** 2, 0) / (2 * sigma * sigma);
        const top = Math.max(...w.map((_, h) => logDensity(h)));
        w.forEach((v, h) => expect(Math.abs(Math.log(v) - (logDensity(h) - top))).toBeLessThan(1e-9 * (1 + Math.abs(top))));
        expect(Math.max(...w)).toBe(1);
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});

describe("taskWeights", () => {
  it("lists the normaliser's and the joint's sites by ascending position, however the task lists its given tokens", () => {
    const weights = taskWeights(discrete, { given: [5, 2], predict: [3, 1] }, (position) => [[position, position]]);
    expect(weights.normaliser.length).toBe(5);
    expect(weights.joint.length).toBe(5);
    expect(weights.normaliser.sites.map((s) => s.position)).toEqual([2, 5]);
    expect(weights.normaliser.sites.map((s) => s.choices)).toEqual([[[2, 2]], [[5, 5]]]);
    expect(weights.joint.sites.map((s) => s.position)).toEqual([1, 2, 3, 5]);
    // Predicted sites weigh h by every row of the emission matrix.
    expect(weights.joint.sites[0].choices).toBe(discrete.emission);
  });

  it("the predictor is indifferent to the order the given positions are listed in", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 3, init: "free", sigma: 1 };
    const { params } = randomFloatPoint(spec, new Rng(4));
    const sorted = predict(floatField, spec, params, { given: [1, 4], predict: [2] }, [2, 0]);
    const listedBackwards = predict(floatField, spec, params, { given: [4, 1], predict: [2] }, [0, 2]);
    expect(listedBackwards).toEqual(sorted);
    expect(sorted.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
