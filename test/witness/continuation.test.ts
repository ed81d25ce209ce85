import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { numericalRank } from "../../src/linalg/numerical-rank.ts";
import { toCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../../src/model/spec.ts";
import { informativeDesign } from "../../src/predictor/design.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { PassedDeadline } from "../helpers/passed-deadline.ts";
import { relabelledDistance } from "../../src/model/relabel.ts";
import { LevelSet, MAX_STEP, POSITIVITY_MARGIN, RESIDUAL_TOLERANCE, isInside, randomCombination, walk } from "../../src/witness/continuation.ts";

const hmm22: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const ghmm22: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const x1x2 = parseTaskSet("x1 -> x2");

describe("LevelSet: the residual tolerance scales with the target", () => {
  it("is RESIDUAL_TOLERANCE · max(1, max |F(θ0)|): exactly RESIDUAL_TOLERANCE for probabilities, larger for Gaussian means beyond 1", () => {
    const hmmPoint = randomFloatPoint(hmm22, new Rng(1));
    const discrete = new LevelSet(hmm22, x1x2, undefined, hmmPoint.theta);
    expect(Math.max(...Array.from(discrete.target, Math.abs))).toBeLessThanOrEqual(1);
    expect(discrete.tolerance).toBe(RESIDUAL_TOLERANCE);
    // Means of size 3–4 put predicted means above 1, so the tolerance must grow with them (relative accuracy).
    const params: Parameters<number> = { pi: [0.4, 0.6], T: [[0.7, 0.3], [0.2, 0.8]], emission: [[3, -1], [-2, 4]] };
    const design = informativeDesign(ghmm22, params, x1x2, parameterCount(ghmm22), new Rng(2));
    const gaussian = new LevelSet(ghmm22, x1x2, design, toCoordinates(ghmm22, params));
    const largest = Math.max(...Array.from(gaussian.target, Math.abs));
    expect(largest).toBeGreaterThan(1);
    expect(gaussian.tolerance).toBe(RESIDUAL_TOLERANCE * largest);
    expect(gaussian.tolerance).toBeGreaterThan(RESIDUAL_TOLERANCE);
  });
});

describe("LevelSet: residual, Jacobian rows and SVD", () => {
  const start = randomFloatPoint(hmm22, new Rng(3));

  it("the residual is exactly 0 at θ0 and the tick is called once per Jacobian row", () => {
    let ticks = 0;
    const level = new LevelSet(hmm22, x1x2, undefined, start.theta, undefined, () => ticks++);
    expect(Array.from(level.residual(start.theta))).toEqual(new Array(level.target.length).fill(0));
    const rows = level.jacobianRows(start.theta);
    expect(ticks).toBe(rows.length);
    expect(rows.length).toBe(level.target.length);
    rows.forEach((row) => expect(row.length).toBe(level.n));
  });

  it("decompose: n right singular vectors, orthonormal, singular values descending", () => {
    const level = new LevelSet(hmm22, x1x2, undefined, start.theta);
    const { sigma, v } = level.decompose(start.theta);
    expect(v.length).toBe(level.n);
    sigma.slice(1).forEach((s, i) => expect(s).toBeLessThanOrEqual(sigma[i]));
    v.forEach((a, i) => v.forEach((b, j) => expect(a.reduce((sum, x, l) => sum + x * b[l], 0)).toBeCloseTo(i === j ? 1 : 0, 12)));
  });
});

describe("isInside: every probability at least POSITIVITY_MARGIN", () => {
  const base = (): Parameters<number> => ({ pi: [0.5, 0.5], T: [[0.6, 0.4], [0.3, 0.7]], emission: [[0.2, 0.8], [0.9, 0.1]] });
  const at = (where: "pi" | "T" | "emission", x: number): Parameters<number> => {
    const p = base();
    if (where === "pi") p.pi[1] = x;
    else p[where][1][0] = x;
    return p;
  };

  it("the margin itself is inside; anything below it, in π, T or O, is outside", () => {
    expect(isInside(hmm22, base())).toBe(true);
    for (const where of ["pi", "T", "emission"] as const) {
      expect(isInside(hmm22, at(where, POSITIVITY_MARGIN)), where).toBe(true);
      expect(isInside(hmm22, at(where, POSITIVITY_MARGIN * (1 - 1e-9))), where).toBe(false);
      expect(isInside(hmm22, at(where, 0)), where).toBe(false);
    }
  });

  it("ghmm means are not probabilities: any sign is inside, while π and T still count", () => {
    expect(isInside(ghmm22, at("emission", -5))).toBe(true);
    expect(isInside(ghmm22, at("pi", 0))).toBe(false);
    expect(isInside(ghmm22, at("T", 0))).toBe(false);
  });

  it("law: inside iff the smallest probability is ≥ the margin", () => {
    const probability = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(probability, { minLength: 6, maxLength: 6 }), fc.constantFrom(...([hmm22, ghmm22] as const)), (xs, spec) => {
        const p: Parameters<number> = { pi: [xs[0], 1], T: [[xs[1], 1], [1, xs[2]]], emission: [[xs[3], 1], [xs[4], xs[5]]] };
        const probabilities = spec.family === "hmm" ? xs : xs.slice(0, 3);
        expect(isInside(spec, p)).toBe(Math.min(...probabilities) >= POSITIVITY_MARGIN);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});

describe("walk: steps stay in the null space of J", () => {
  const start = randomFloatPoint(hmm22, new Rng(7));
  const level = new LevelSet(hmm22, x1x2, undefined, start.theta);
  const rank = numericalRank(level.jacobianRows(start.theta), level.n);

  it("a direction in the row space of J has no null component: the walk stops at once, with no point", () => {
    expect(rank.decided).toBe(true);
    expect(rank.rank).toBeGreaterThan(0);
    expect(rank.rank).toBeLessThan(level.n);
    const rowDirection = level.decompose(start.theta).v[0];
    const w = walk(level, start, rowDirection, rank.rank, 0.2);
    expect(w).toEqual({ farthest: null, stopped: "the direction of travel left the null space" });
  });

  it("a passed deadline stops the walk before its first step, with the deadline's reason", () => {
    // check() lets the Jacobian at the start be computed; the walk polls passed() before each step.
    const passed = new PassedDeadline();
    const timed = new LevelSet(hmm22, x1x2, undefined, start.theta, passed);
    expect(walk(timed, start, rank.nullSpace[0], rank.rank, 0.2)).toEqual({ farthest: null, stopped: passed.reason });
  });

  it("a null direction walks to points with the same summary (to the tolerance), strictly inside", () => {
    const w = walk(level, start, rank.nullSpace[0], rank.rank, 0.05);
    expect(w.stopped).toBe("");
    expect(w.farthest!.distance).toBeGreaterThanOrEqual(0.05);
    expect(isInside(hmm22, w.farthest!.params)).toBe(true);
    const residual = Math.max(...Array.from(level.residual(w.farthest!.theta), Math.abs));
    expect(residual).toBeLessThan(level.tolerance);
  });
});

describe("walk: step sizes and where paths end", () => {
  const start = randomFloatPoint(hmm22, new Rng(7));
  const level = new LevelSet(hmm22, x1x2, undefined, start.theta);
  const rank = numericalRank(level.jacobianRows(start.theta), level.n);

  /** Runs a walk on a level set that records the θ of every accepted step (decompose is called once per step). */
  const recorded = (direction: readonly number[], target: number) => {
    const thetas: number[][] = [];
    const spy = new LevelSet(hmm22, x1x2, undefined, start.theta);
    const decompose = spy.decompose.bind(spy);
    spy.decompose = (theta) => {
      thetas.push([...theta]);
      return decompose(theta);
    };
    const w = walk(spy, start, direction, rank.rank, target);
    return { w, thetas };
  };

  it("the first step is 0.01 along the direction, and unhalved steps grow by 1.5 up to 0.05", () => {
    // Away from the boundary no step is halved, so step i has length min(0.01 · 1.5^(i−1), 0.05) up to the small chord correction.
    const { w, thetas } = recorded(rank.nullSpace[0], 0.3);
    expect(w.stopped).toBe("");
    const lengths = thetas.slice(1).map((t, i) => Math.hypot(...t.map((x, j) => x - thetas[i][j])));
    expect(lengths.length).toBeGreaterThanOrEqual(5);
    lengths.forEach((length, i) => expect(length / Math.min(0.01 * 1.5 ** i, MAX_STEP)).toBeCloseTo(1, 2));
    // The first step moves along the given direction, not against it.
    const first = thetas[1].map((x, j) => x - start.theta[j]);
    expect(first.reduce((s, x, j) => s + x * rank.nullSpace[0][j], 0)).toBeGreaterThan(0.0099);
    expect(w.farthest!.steps).toBe(lengths.length + 1);
  });

  it("law: an unreachable target ends where the step shrank at the boundary, at a point strictly inside and on the level set", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.boolean(), (seed, backwards) => {
        const p = randomFloatPoint(hmm22, new Rng(seed));
        const set = new LevelSet(hmm22, x1x2, undefined, p.theta);
        const r = numericalRank(set.jacobianRows(p.theta), set.n);
        const direction = randomCombination(r.nullSpace, new Rng(seed + 1)).map((x) => (backwards ? -x : x));
        const w = walk(set, p, direction, r.rank, 5);
        expect(w.stopped).toMatch(/^the step shrank below 0\.000001 |^2000 steps without getting 5 away$/);
        expect(isInside(hmm22, w.farthest!.params)).toBe(true);
        expect(Math.max(...Array.from(set.residual(w.farthest!.theta), Math.abs))).toBeLessThan(set.tolerance);
        // The farthest point is the farthest of the path: not less than where the path went first.
        expect(w.farthest!.distance).toBeGreaterThan(0);
        expect(w.farthest!.distance).toBe(relabelledDistance(p.params, w.farthest!.params).distance);
      }),
      { seed: 42, numRuns: 6 },
    );
  });
});

describe("randomCombination: a random unit vector in the span of the basis", () => {
  it("with the unit basis it is the rng's normals, normalised (same seed, same vector)", () => {
    const basis = [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0)));
    const normals = [0, 1, 2].map(() => 0).map(((r) => () => r.normal())(new Rng(11)));
    const norm = Math.hypot(...normals);
    const v = randomCombination(basis, new Rng(11));
    v.slice(0, 3).forEach((x, i) => expect(x).toBeCloseTo(normals[i] / norm, 14));
    expect(v[3]).toBe(0);
  });

  it("law: unit length and inside the span of an orthonormal basis", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const basis = numericalRank(new LevelSet(hmm22, x1x2, undefined, randomFloatPoint(hmm22, new Rng(seed)).theta).jacobianRows(randomFloatPoint(hmm22, new Rng(seed)).theta), 5).nullSpace;
        const v = randomCombination(basis, new Rng(seed));
        expect(Math.hypot(...v)).toBeCloseTo(1, 12);
        const back = basis.reduce((acc, b) => {
          const c = b.reduce((s, x, i) => s + x * v[i], 0);
          return acc.map((a, i) => a + c * b[i]);
        }, new Array<number>(v.length).fill(0));
        back.forEach((x, i) => expect(x).toBeCloseTo(v[i], 12));
      }),
      { seed: 42, numRuns: 20 },
    );
  });
});

describe("walk: the step budget", () => {
  it("a path that never meets the boundary nor the target takes exactly 2000 steps, and its farthest point is the 2000th", () => {
    // A flat level set (residual 0 everywhere, the whole space null) walked along one Gaussian
    // mean: means are unbounded, so no step is ever refused and the distance grows every step.
    const start = randomFloatPoint(ghmm22, new Rng(1));
    const n = parameterCount(ghmm22);
    const identity = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
    const flat = {
      spec: ghmm22,
      tolerance: 1,
      residual: () => new Float64Array(1),
      decompose: () => ({ sigma: [], u: [], v: identity }),
    } as unknown as LevelSet;
    const w = walk(flat, start, identity[n - 1], 0, 1e9);
    expect(w.stopped).toBe("2000 steps without getting 1000000000 away");
    expect(w.farthest!.steps).toBe(2000);
  });
});
