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
import { LevelSet, POSITIVITY_MARGIN, RESIDUAL_TOLERANCE, isInside, walk } from "../../src/witness/continuation.ts";

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
