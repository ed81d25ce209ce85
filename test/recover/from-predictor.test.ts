import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/base/errors.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { Init, ModelSpec } from "../../src/model/spec.ts";
import { DEFAULT_SEED, Rng } from "../../src/base/random.ts";
import { alignToTruth } from "../../src/recover/align.ts";
import { recoverFromPredictor } from "../../src/recover/from-predictor.ts";
import { exactPredictorTensor, summaryRow } from "../../src/recover/tensor-task.ts";
import { parseTask } from "../../src/task/parse.ts";
import { predictByPaths } from "../helpers/enumerate.ts";

const hmm = (k: number, d: number, init: Init = "stationary"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });
const middle = parseTask("x2 -> x1 ⊗ x3");
const first = parseTask("x1 -> x2 ⊗ x3");

describe("exactPredictorTensor", () => {
  it("is E[x_p ⊗ x_q | x_g = s] with p < q, whatever order the task lists its targets in", () => {
    const spec = hmm(2, 3);
    const p = randomFloatPoint(spec, new Rng(1)).params;
    for (const text of ["x2 -> x1 ⊗ x3", "x2 -> x3 ⊗ x1", "x1 -> x2 ⊗ x3"]) {
      const task = parseTask(text);
      const f = exactPredictorTensor(spec, p, task);
      for (let s = 0; s < 3; s++) {
        const reference = predictByPaths(spec, p, task, [s]);
        for (let a = 0; a < 3; a++) for (let c = 0; c < 3; c++) expect(f[s][a][c]).toBeCloseTo(reference[summaryRow(task, 3, s, a, c) % 9], 14);
      }
    }
  });
});

describe("recoverFromPredictor", () => {
  it("recovers a random k = 3, d = 5 stationary HMM from its exact x2 -> x1 ⊗ x3 predictor to 1e-8", () => {
    const spec = hmm(3, 5);
    const truth = randomFloatPoint(spec, new Rng(DEFAULT_SEED)).params;
    const { estimate, algebraic } = recoverFromPredictor(spec, middle, exactPredictorTensor(spec, truth, middle));
    expect(alignToTruth(estimate, truth).error).toBeLessThan(1e-8);
    // The algebraic step alone (no refinement) is already exact up to rounding here.
    expect(alignToTruth(algebraic, truth).error).toBeLessThan(1e-8);
  });

  it("recovers stationary and free HMMs from either tensor task (property, fixed seed)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom<Init>("stationary", "free"),
        fc.constantFrom(middle, first),
        fc.integer({ min: 1, max: 0x7fffffff }),
        (k, extra, init, task, seed) => {
          const spec = hmm(k, k + extra, init);
          const truth = randomFloatPoint(spec, new Rng(seed)).params;
          const { estimate } = recoverFromPredictor(spec, task, exactPredictorTensor(spec, truth, task), { seed });
          // Random points can sit close to a degenerate one (k = d = 2 conditioning reaches 1e-9).
          expect(alignToTruth(estimate, truth).error).toBeLessThan(1e-6);
        },
      ),
      { seed: 20221128, numRuns: 12 },
    );
  });

  it("pins a free π from x2 -> x1 ⊗ x3 alone, even at k = d", () => {
    const spec = hmm(3, 3, "free");
    const truth = randomFloatPoint(spec, new Rng(11)).params;
    const { algebraic } = recoverFromPredictor(spec, middle, exactPredictorTensor(spec, truth, middle), { refine: false });
    expect(alignToTruth(algebraic, truth).errors.pi).toBeLessThan(1e-8);
  });

  it("refuses tasks, models and sizes it cannot handle, as input errors", () => {
    const spec = hmm(3, 5);
    const truth = randomFloatPoint(spec, new Rng(2)).params;
    const f = exactPredictorTensor(spec, truth, middle);
    expect(() => recoverFromPredictor(spec, parseTask("x1 -> x2"), f)).toThrow(InputError);
    expect(() => recoverFromPredictor({ ...spec, family: "ghmm" }, middle, f)).toThrow(InputError);
    expect(() => recoverFromPredictor(hmm(4, 3), middle, f)).toThrow(/k ≤ d/);
  });
});
