import { describe, expect, it } from "vitest";
import { floatField as F } from "../../src/field/float.ts";
import { maxSummaryDifference } from "../../src/families/check.ts";
import { w3Direction, w3Transform } from "../../src/families/w3.ts";
import { stationaryLaw } from "../../src/model/chart.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { gaussianDesign } from "../../src/predictor/design.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const ghmm = (init: "free" | "stationary", sigma = 1): ModelSpec => ({ family: "ghmm", states: 3, symbols: 3, init, sigma });
const x1x2 = parseTaskSet("x1 -> x2");
const x1x3 = parseTaskSet("x1 -> x3");

describe("W3 (Gaussian, one pairwise task, free π; floats)", () => {
  for (const sigma of [1, 0.7]) {
    it(`leaves x1 -> x2 unchanged to 1e-12 on a random design and changes x1 -> x3 (σ = ${sigma})`, () => {
      const spec = ghmm("free", sigma);
      const rng = new Rng(11);
      for (let trial = 0; trial < 3; trial++) {
        const { params } = randomFloatPoint(spec, rng);
        const v = w3Direction(F, [0.03 * (rng.uniform() - 0.5), 0.03 * (rng.uniform() - 0.5)]);
        const moved = w3Transform(F, params, v, sigma);
        expect(moved.T.flat().every((x) => x > 0)).toBe(true);
        expect(Math.abs(moved.pi.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-15);
        const n = parameterCount(spec);
        const design12 = gaussianDesign(spec, params, x1x2, n, rng);
        expect(maxSummaryDifference(spec, params, moved, x1x2, design12)).toBeLessThan(1e-12);
        const design13 = gaussianDesign(spec, params, x1x3, n, rng);
        expect(maxSummaryDifference(spec, params, moved, x1x3, design13)).toBeGreaterThan(1e-5);
      }
    });
  }

  it("mutation: v with 1ᵀv ≠ 0 breaks the invariance", () => {
    const spec = ghmm("free");
    const rng = new Rng(12);
    const { params } = randomFloatPoint(spec, rng);
    const moved = w3Transform(F, params, [0.01, 0.005, 0.004], 1);
    const design = gaussianDesign(spec, params, x1x2, parameterCount(spec), rng);
    expect(maxSummaryDifference(spec, params, moved, x1x2, design)).toBeGreaterThan(1e-5);
  });

  it("stationarity breaks the family: with π' the stationary law of T', x1 -> x2 changes", () => {
    const spec = ghmm("stationary");
    const rng = new Rng(13);
    const { params } = randomFloatPoint(spec, rng);
    const moved = w3Transform(F, params, w3Direction(F, [0.01, -0.004]), 1);
    const stationary = { ...moved, pi: stationaryLaw(F, moved.T) };
    const design = gaussianDesign(spec, params, x1x2, parameterCount(spec), rng);
    expect(maxSummaryDifference(spec, params, stationary, x1x2, design)).toBeGreaterThan(1e-5);
  });
});
