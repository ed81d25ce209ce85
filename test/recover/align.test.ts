import { describe, expect, it } from "vitest";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { relabel } from "../../src/model/relabel.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { alignToTruth } from "../../src/recover/align.ts";

const spec = (k: number, d: number): ModelSpec => ({ family: "hmm", states: k, symbols: d, init: "stationary", sigma: 1 });

describe("alignToTruth", () => {
  it("undoes any relabelling exactly", () => {
    const truth = randomFloatPoint(spec(4, 5), new Rng(3)).params;
    const perm = [2, 0, 3, 1];
    const a = alignToTruth(relabel(truth, perm), truth);
    expect(a.error).toBe(0);
    expect(relabel(relabel(truth, perm), a.permutation)).toEqual(truth);
  });

  it("reports the max-abs error of the best relabelling, split by matrix", () => {
    const truth = randomFloatPoint(spec(3, 4), new Rng(4)).params;
    const moved = relabel(truth, [1, 2, 0]);
    const nudged = { ...moved, emission: moved.emission.map((r, a) => r.map((x, j) => (a === 0 && j === 0 ? x + 1e-3 : x))) };
    const a = alignToTruth(nudged, truth);
    expect(a.error).toBeCloseTo(1e-3, 12);
    expect(a.errors.pi).toBe(0);
    expect(a.errors.T).toBe(0);
    expect(a.errors.emission).toBeCloseTo(1e-3, 12);
  });

  it("is exact above k = 8 too (no greedy fallback)", () => {
    const truth = randomFloatPoint(spec(9, 12), new Rng(5)).params;
    const perm = [8, 3, 5, 0, 7, 1, 2, 6, 4];
    const a = alignToTruth(relabel(truth, perm), truth);
    expect(a.error).toBe(0);
  });

  it("never reports NaN estimates as accurate", () => {
    const truth = randomFloatPoint(spec(2, 3), new Rng(6)).params;
    const broken = { ...truth, pi: [Number.NaN, 1] };
    expect(alignToTruth(broken, truth).error).toBeNaN();
  });
});
