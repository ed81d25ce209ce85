import { describe, expect, it } from "vitest";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import { designSize, informativeDesign } from "../../src/predictor/design.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const ghmm = (k: number, d: number, sigma = 1): ModelSpec => ({ family: "ghmm", states: k, symbols: d, init: "stationary", sigma });

/** Emission log-odds l_h − l_k at x, in units of 1 (the quantity the design targets). */
function logOdds(params: Parameters<number>, sigma: number, x: readonly number[]): number[] {
  const M = params.emission;
  const k = M[0].length;
  const l = Array.from({ length: k }, (_, h) => M.reduce((s, row, a) => s + row[h] * x[a] - (row[h] * row[h]) / 2, 0) / (sigma * sigma));
  return l.map((v) => v - l[k - 1]);
}

describe("informativeDesign", () => {
  it("keeps the states competing at large d: log-odds O(1), where model samples give ~d", () => {
    for (const [k, d] of [[2, 100], [3, 50], [4, 30]]) {
      const spec = ghmm(k, d);
      const { params } = randomFloatPoint(spec, new Rng(7));
      const tasks = parseTaskSet("x2 -> x1 ⊗ x3; x1, x3 -> x2");
      const design = informativeDesign(spec, params, tasks, 40, new Rng(8));
      expect(design.map((points) => points.length)).toEqual(tasks.map((t) => designSize(spec, t, 40)));
      for (const [i, points] of design.entries()) {
        for (const point of points) {
          expect(point.length).toBe(tasks[i].given.length);
          for (const x of point) {
            expect(x.length).toBe(d);
            // Targets are N(0, 1.5²) differences: |l_h − l_k| beyond 15 would be a 5σ event.
            for (const v of logOdds(params, 1, x)) expect(Math.abs(v)).toBeLessThan(15);
          }
        }
      }
    }
  });

  it("is seeded and equivariant: scaling σ and the means together scales every input", () => {
    const spec = ghmm(3, 5);
    const { params } = randomFloatPoint(spec, new Rng(3));
    const tasks = parseTaskSet("x1 -> x2");
    const a = informativeDesign(spec, params, tasks, 30, new Rng(4));
    expect(informativeDesign(spec, params, tasks, 30, new Rng(4))).toEqual(a);
    for (const c of [1e-6, 1e6]) {
      const scaled: Parameters<number> = { ...params, emission: params.emission.map((row) => row.map((v) => v * c)) };
      const b = informativeDesign(ghmm(3, 5, c), scaled, tasks, 30, new Rng(4));
      b[0].forEach((point, p) =>
        point[0].forEach((v, j) => expect(Math.abs(v / c - a[0][p][0][j])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(a[0][p][0][j])))),
      );
    }
  });

  it("spans R^d: the inputs are not confined to the span of the mean differences", () => {
    const spec = ghmm(2, 6);
    const { params } = randomFloatPoint(spec, new Rng(5));
    const design = informativeDesign(spec, params, parseTaskSet("x1 -> x2"), 40, new Rng(6));
    const mu = params.emission.map((row) => row[0] - row[1]);
    const unit = mu.map((v) => v / Math.hypot(...mu));
    // Components orthogonal to μ_1 − μ_2 are O(1), not zero.
    for (const [x] of design[0]) {
      const along = x.reduce((s, v, a) => s + v * unit[a], 0);
      const orthogonal = Math.hypot(...x.map((v, a) => v - along * unit[a]));
      expect(orthogonal).toBeGreaterThan(0.1);
    }
  });
});
