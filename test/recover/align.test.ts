import { describe, expect, it } from "vitest";
import type { ModelSpec } from "../../src/model/spec.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { Rng } from "../../src/random.ts";
import { alignToTruth, permuteStates } from "../../src/recover/align.ts";

const spec = (k: number, d: number): ModelSpec => ({ family: "hmm", states: k, symbols: d, init: "stationary", sigma: 1 });

describe("alignToTruth", () => {
  it("undoes any relabelling exactly (exhaustive search, k ≤ 8)", () => {
    const truth = randomFloatPoint(spec(4, 5), new Rng(3)).params;
    const perm = [2, 0, 3, 1];
    const a = alignToTruth(permuteStates(truth, perm), truth);
    expect(a.error).toBe(0);
    expect(permuteStates(permuteStates(truth, perm), a.permutation)).toEqual(truth);
  });

  it("reports the max-abs error of the best relabelling, split by matrix", () => {
    const truth = randomFloatPoint(spec(3, 4), new Rng(4)).params;
    const moved = permuteStates(truth, [1, 2, 0]);
    const nudged = { ...moved, emission: moved.emission.map((r, a) => r.map((x, j) => (a === 0 && j === 0 ? x + 1e-3 : x))) };
    const a = alignToTruth(nudged, truth);
    expect(a.error).toBeCloseTo(1e-3, 12);
    expect(a.errors.pi).toBe(0);
    expect(a.errors.T).toBe(0);
    expect(a.errors.emission).toBeCloseTo(1e-3, 12);
  });

  it("matches greedily above k = 8 when the estimate is close", () => {
    const truth = randomFloatPoint(spec(9, 12), new Rng(5)).params;
    const perm = [8, 3, 5, 0, 7, 1, 2, 6, 4];
    const a = alignToTruth(permuteStates(truth, perm), truth);
    expect(a.error).toBe(0);
  });

  it("never reports NaN estimates as accurate", () => {
    const truth = randomFloatPoint(spec(2, 3), new Rng(6)).params;
    const broken = { ...truth, pi: [Number.NaN, 1] };
    expect(alignToTruth(broken, truth).error).toBeNaN();
  });
});
