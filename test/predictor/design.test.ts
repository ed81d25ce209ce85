import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import { TARGET_LOGIT_SPREAD, allInputs, designSize, gaussianDesign, informativeDesign, sampleStates } from "../../src/predictor/design.ts";
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

  it("meets random log-odds targets: with d ≥ k − 1, l_h − l_k = t_h − t_k has mean 0 and standard deviation 1.5·√2", () => {
    for (const [k, d, sigma] of [[3, 5, 0.5], [4, 3, 2]]) {
      const spec = ghmm(k, d, sigma);
      const { params } = randomFloatPoint(spec, new Rng(21));
      const design = informativeDesign(spec, params, parseTaskSet("x1 -> x2"), 300, new Rng(22));
      const odds = design[0].flatMap(([x]) => logOdds(params, sigma, x).slice(0, k - 1));
      const mean = odds.reduce((a, b) => a + b, 0) / odds.length;
      const sd = Math.sqrt(odds.reduce((a, b) => a + (b - mean) ** 2, 0) / odds.length);
      // Hundreds of draws: the sample mean is within ±0.15 and the sd within ±10% at 1σ.
      expect(Math.abs(mean), `k = ${k}, d = ${d}`).toBeLessThan(0.5);
      expect(sd / (TARGET_LOGIT_SPREAD * Math.SQRT2), `k = ${k}, d = ${d}`).toBeGreaterThan(0.75);
      expect(sd / (TARGET_LOGIT_SPREAD * Math.SQRT2), `k = ${k}, d = ${d}`).toBeLessThan(1.3);
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

describe("designSize", () => {
  it("is max(2k, ⌈4n / d^|U|⌉): outputs exceed the n parameters four times over, with at least 2k points", () => {
    const [single, pair] = parseTaskSet("x1 -> x2; x1 -> x2 ⊗ x3");
    expect(designSize(ghmm(3, 2), pair, 10)).toBe(10); // ⌈40/4⌉ = 10 > 6
    expect(designSize(ghmm(3, 2), pair, 11)).toBe(11); // ⌈44/4⌉ = 11
    expect(designSize(ghmm(3, 2), pair, 5)).toBe(6); // ⌈20/4⌉ = 5 < 2k
    expect(designSize(ghmm(5, 3), single, 7)).toBe(10); // ⌈28/3⌉ = 10 = 2k
    expect(designSize(ghmm(2, 3), single, 7)).toBe(10); // ⌈28/3⌉ = 10 > 4
  });
});

describe("allInputs", () => {
  it("lists the d^|S| symbol tuples in lexicographic order, the first given position most significant", () => {
    const hmm: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
    const [two, one] = parseTaskSet("x1, x3 -> x2; x2 -> x1");
    expect(allInputs(hmm, two)).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]]);
    expect(allInputs(hmm, one)).toEqual([[0], [1], [2]]);
  });
});

describe("informativeDesign's noise scale", () => {
  /** Mean square per coordinate of the inputs' components orthogonal to μ_1 − μ_2 (k = 2, μ̄ = 0). */
  function orthogonalMeanSquare(spec: ModelSpec, params: Parameters<number>): number {
    const design = informativeDesign(spec, params, parseTaskSet("x1 -> x2"), 200, new Rng(11));
    const mu = params.emission.map((row) => row[0] - row[1]);
    const norm = Math.hypot(...mu);
    const unit = norm > 0 ? mu.map((v) => v / norm) : mu;
    let total = 0;
    for (const [x] of design[0]) {
      const along = x.reduce((s, v, a) => s + v * unit[a], 0);
      total += x.reduce((s, v, a) => s + (v - along * unit[a]) ** 2, 0);
    }
    const free = norm > 0 ? spec.symbols - 1 : spec.symbols;
    return total / (design[0].length * free);
  }

  it("is σ·max(r, 1/r), r the means' per-coordinate spread in units of σ, whether the means are far apart or close", () => {
    const d = 6;
    for (const [r, sigma] of [[100, 1], [0.01, 1], [100, 0.5], [2, 3]]) {
      // μ_{1,2} = ±c·e_1: spread² = 2c² over k·d = 12 coordinates, so r = c/(σ√6).
      const c = r * sigma * Math.sqrt(6);
      const params: Parameters<number> = { pi: [0.5, 0.5], T: [[0.9, 0.2], [0.1, 0.8]], emission: Array.from({ length: d }, (_, a) => (a === 0 ? [c, -c] : [0, 0])) };
      const expected = (sigma * Math.max(r, 1 / r)) ** 2;
      const measured = orthogonalMeanSquare(ghmm(2, d, sigma), params);
      // 134 points × 5 free coordinates: the estimate is within ±6% at 1σ.
      expect(measured / expected, `r = ${r}, σ = ${sigma}`).toBeGreaterThan(0.6);
      expect(measured / expected, `r = ${r}, σ = ${sigma}`).toBeLessThan(1.6);
    }
  });

  it("is σ when all means coincide (r = 0): the inputs stay finite", () => {
    const params: Parameters<number> = { pi: [0.5, 0.5], T: [[0.9, 0.2], [0.1, 0.8]], emission: Array.from({ length: 4 }, () => [1, 1]) };
    const design = informativeDesign(ghmm(2, 4, 2), params, parseTaskSet("x1 -> x2"), 200, new Rng(3));
    for (const [x] of design[0]) for (const v of x) expect(Number.isFinite(v)).toBe(true);
    // Around the common mean 1, with per-coordinate variance σ² = 4.
    const ms = design[0].reduce((s, [x]) => s + x.reduce((t, v) => t + (v - 1) ** 2, 0), 0) / (design[0].length * 4);
    expect(ms).toBeGreaterThan(4 * 0.6);
    expect(ms).toBeLessThan(4 * 1.6);
  });
});

describe("informativeDesign for one-dimensional observations (d = 1)", () => {
  it("spreads inputs over [min μ − 3σ, max μ + 3σ], the first given token stratified (point i in the i-th of N slices)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (k, sigma, seed) => {
        const spec = ghmm(k, 1, sigma);
        const { params } = randomFloatPoint(spec, new Rng(seed));
        const tasks = parseTaskSet("x2 -> x1; x1, x3 -> x2 ⊗ x4");
        const design = informativeDesign(spec, params, tasks, 12, new Rng(seed + 1));
        const lo = Math.min(...params.emission[0]) - 3 * sigma;
        const hi = Math.max(...params.emission[0]) + 3 * sigma;
        const slack = 1e-9 * (hi - lo);
        expect(design.map((points) => points.length)).toEqual(tasks.map((t) => designSize(spec, t, 12)));
        design.forEach((points, i) => {
          const size = points.length;
          points.forEach((point, p) => {
            expect(point.length).toBe(tasks[i].given.length);
            for (const x of point) {
              expect(x.length).toBe(1);
              expect(x[0]).toBeGreaterThanOrEqual(lo - slack);
              expect(x[0]).toBeLessThanOrEqual(hi + slack);
            }
            expect(point[0][0]).toBeGreaterThanOrEqual(lo + ((hi - lo) * p) / size - slack);
            expect(point[0][0]).toBeLessThanOrEqual(lo + ((hi - lo) * (p + 1)) / size + slack);
          });
        });
        expect(informativeDesign(spec, params, tasks, 12, new Rng(seed + 1))).toEqual(design);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it("draws the later given tokens uniformly, not stratified: some fall outside their point's slice", () => {
    const spec = ghmm(2, 1, 1);
    const params: Parameters<number> = { pi: [0.5, 0.5], T: [[0.5, 0.5], [0.5, 0.5]], emission: [[-1, 1]] };
    const [points] = informativeDesign(spec, params, parseTaskSet("x1, x2 -> x3"), 10, new Rng(3));
    // With N = 40 points, all second tokens landing in their own slice has probability N^−N.
    const lo = -4;
    const width = 8 / points.length;
    const outside = points.filter((point, p) => point[1][0] < lo + width * p || point[1][0] > lo + width * (p + 1));
    expect(points.length).toBe(40);
    expect(outside.length).toBeGreaterThan(points.length / 2);
  });
});

describe("gaussianDesign", () => {
  it("is a model sample: x_t = μ_{h_t} + σ·ε_t along a hidden path drawn from π and T, from the same seeded draws", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (k, d, sigma, seed) => {
        const spec = ghmm(k, d, sigma);
        const { params } = randomFloatPoint(spec, new Rng(seed));
        const tasks = parseTaskSet("x2 -> x1; x1, x3 -> x2");
        const design = gaussianDesign(spec, params, tasks, 10, new Rng(seed + 1));
        const replay = new Rng(seed + 1);
        design.forEach((points, i) => {
          expect(points.length).toBe(designSize(spec, tasks[i], 10));
          for (const point of points) {
            const states = sampleStates(params, Math.max(...tasks[i].given), replay);
            tasks[i].given.forEach((t, j) => {
              expect(point[j]).toEqual(params.emission.map((row) => row[states[t - 1]] + sigma * replay.normal()));
            });
          }
        });
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe("sampleStates", () => {
  it("follows π at the first step and the columns of T after it: deterministic chains give their one path", () => {
    // π = e_2 and T a cyclic shift (h → h + 1 mod 3) leave one path with probability 1.
    const params: Parameters<number> = { pi: [0, 1, 0], T: [[0, 0, 1], [1, 0, 0], [0, 1, 0]], emission: [[0, 0, 0]] };
    expect(sampleStates(params, 7, new Rng(1))).toEqual([1, 2, 0, 1, 2, 0, 1]);
    expect(sampleStates(params, 1, new Rng(1))).toEqual([1]);
  });

  it("never draws a state of probability zero: a column short of 1 leaves the remainder to the last state", () => {
    // Validation allows columns 1e-9 short of 1; a grossly short one makes the remainder visible.
    const params: Parameters<number> = { pi: [0, 0.5], T: [[0, 0], [0.5, 0.5]], emission: [[0, 0]] };
    const rng = new Rng(2);
    for (let i = 0; i < 50; i++) expect(sampleStates(params, 3, rng)).toEqual([1, 1, 1]);
  });

  it("a uniform draw u is state i when u < w_1 + … + w_i, strictly: u = 0 never picks a state of weight 0", () => {
    const at = (u: number) => ({ uniform: () => u }) as unknown as Rng;
    const params: Parameters<number> = { pi: [0, 0.25, 0.75], T: [[0, 0, 0], [0, 0, 0], [1, 1, 1]], emission: [[0, 0, 0]] };
    expect(sampleStates(params, 1, at(0))).toEqual([1]);
    expect(sampleStates(params, 1, at(0.25))).toEqual([2]);
    expect(sampleStates(params, 1, at(0.2499))).toEqual([1]);
    expect(sampleStates(params, 2, at(0))).toEqual([1, 2]);
  });

  it("draws each state with its probability (π, then T's columns)", () => {
    const params: Parameters<number> = { pi: [0.2, 0.8], T: [[0.9, 0.5], [0.1, 0.5]], emission: [[0, 0]] };
    const rng = new Rng(9);
    const n = 4000;
    let first = 0;
    let stayed = 0;
    let fromZero = 0;
    for (let i = 0; i < n; i++) {
      const [a, b] = sampleStates(params, 2, rng);
      if (a === 0) {
        first++;
        fromZero++;
        if (b === 0) stayed++;
      }
    }
    // Binomial standard deviations: √(n·0.16) ≈ 25 and √(800·0.09) ≈ 8.5.
    expect(Math.abs(first - 0.2 * n)).toBeLessThan(100);
    expect(Math.abs(stayed / fromZero - 0.9)).toBeLessThan(0.05);
  });
});
