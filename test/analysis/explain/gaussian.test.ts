import { describe, expect, it } from "vitest";
import { disagreement, explainGaussian } from "../../../src/analysis/explain/gaussian.ts";
import { Undecided, stackedRank } from "../../../src/analysis/explain/gaussian-point.ts";
import { type GaussianLaw, gaussianLawValues } from "../../../src/analysis/explain/gaussian-laws.ts";
import { Rng } from "../../../src/base/random.ts";
import { floatField } from "../../../src/field/float.ts";
import { diag, matMul, matVec, transpose } from "../../../src/linalg/matrix.ts";
import { randomFloatPoint } from "../../../src/model/random-point.ts";
import { type ModelSpec, type Parameters, ghmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";
import { findWitness } from "../../../src/witness/witness.ts";

const moment = (...window: number[]): GaussianLaw => ({ kind: "moment", window });
const values = (spec: ModelSpec, p: Parameters<number>, law: GaussianLaw, points: number[][] = []) => gaussianLawValues(floatField, spec, p, law, points);
const mul = (a: number[][], b: number[][]) => matMul(floatField, a, b);

/** The exact mixture density Σ_h π_i(h) N(x; μ_h, σ²I), π_i = T^{i−1}π. */
function mixtureDensity(spec: ModelSpec, p: Parameters<number>, position: number, x: readonly number[]): number {
  let pi = p.pi;
  for (let t = 1; t < position; t++) pi = matVec(floatField, p.T, pi);
  const s2 = spec.sigma ** 2;
  return pi.reduce((sum, w, h) => sum + w * Math.exp(-x.reduce((q, xa, a) => q + (xa - p.emission[a][h]) ** 2, 0) / (2 * s2)) / (2 * Math.PI * s2) ** (x.length / 2), 0);
}

describe("Gaussian candidate laws", () => {
  it("match their closed forms: E[x1] = Mπ, E[x1 x2ᵀ] = M diag(π) Tᵀ Mᵀ (rows x1), E[x2 x3ᵀ] = M diag(Tπ) Tᵀ Mᵀ, E[x1 x1ᵀ] = M diag(π) Mᵀ + σ²I", () => {
    const spec = ghmmSpec(3, 2, "free", 0.7);
    const p = randomFloatPoint(spec, new Rng(5)).params;
    const M = p.emission;
    const flat = (m: number[][]) => m.flat();
    const expectClose = (a: readonly number[], b: readonly number[]) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i], 12));
    expectClose(values(spec, p, moment(1)), matVec(floatField, M, p.pi));
    expectClose(values(spec, p, moment(1, 2)), flat(mul(mul(mul(M, diag(floatField, p.pi)), transpose(p.T)), transpose(M))));
    const pi2 = matVec(floatField, p.T, p.pi);
    expectClose(values(spec, p, moment(2, 3)), flat(mul(mul(mul(M, diag(floatField, pi2)), transpose(p.T)), transpose(M))));
    const second = mul(mul(M, diag(floatField, p.pi)), transpose(M)).map((row, a) => row.map((x, b) => x + (a === b ? 0.49 : 0)));
    expectClose(values(spec, p, { kind: "second", position: 1 }), flat(second));
    // E[x1 x2ᵀ] is not symmetric at a generic point, so the row convention is tested too.
    expect(Math.abs(values(spec, p, moment(1, 2))[1] - values(spec, p, moment(1, 2))[2])).toBeGreaterThan(1e-3);
  });

  it("the mixture law is the density at each point up to a positive factor per point", () => {
    const spec = ghmmSpec(3, 2, "free", 0.7);
    const p = randomFloatPoint(spec, new Rng(6)).params;
    const x = [[0.3, -0.2], [1.1, 0.4]];
    const shown = values(spec, p, { kind: "mixture", position: 2 }, x);
    // The factor is exp(−top logit − ‖x‖²/2σ²)/(2πσ²): the density divided by it is recovered exactly.
    const other = randomFloatPoint(spec, new Rng(7)).params;
    const ratio = (q: Parameters<number>, i: number) => values(spec, q, { kind: "mixture", position: 2 }, [x[i]])[0] / mixtureDensity(spec, q, 2, x[i]);
    expect(shown[0] / mixtureDensity(spec, p, 2, x[0])).toBeCloseTo(ratio(p, 0), 12);
    // Same point x, another θ: the factor depends on θ only through the largest logit, never on π or T.
    const sameTop = { ...other, emission: p.emission };
    expect(ratio(sameTop, 1)).toBeCloseTo(ratio(p, 1), 10);
  });
});

describe("explain for Gaussian emissions (numerical)", () => {
  it("x1 -> x2 (k=3, d=2, stationary): rank 12 of 12 at two decided points, ≡ E[x1 x2ᵀ] plus the law of x1", () => {
    const r = explainGaussian(ghmmSpec(3, 2), parseTaskSet("x1 -> x2"), 20221128);
    expect(r).toMatchObject({ conclusive: true, rank: 12, fiberDimension: 0, fiber: null, families: [] });
    expect(r.observables).toMatchObject({ equivalent: true, taskRank: 12, explainedRank: 12, smallest: ["E[x1 x2ᵀ]", "law of x1"], notImplied: [] });
    expect(r.points).toHaveLength(2);
    for (const p of r.points) {
      expect(p.undecided).toBeNull();
      expect(p.taskRank.gapRatio).toBeGreaterThanOrEqual(1e6);
      const rank = Object.fromEntries(p.candidates.map((c) => [c.law, c.rank.rank]));
      // Mπ: d; M P(h1, h2) Mᵀ: d²; the mixture: π and M, k − 1 + kd.
      expect(rank).toMatchObject({ "E[x1]": 2, "E[x1 x2ᵀ]": 4, "E[x1 x1ᵀ]": 3, "law of x1": 8 });
      for (const c of p.candidates) expect(Math.min(c.rank.gapRatio, c.stacked.gapRatio)).toBeGreaterThanOrEqual(1e6);
    }
    expect(r.familiesNote).toContain("W3 needs a free initial law");
  });

  it("x1 -> x2 (k=3, d=1, stationary): the determined laws explain 6 of rank 7 and stay constant along a witness path, while T[1,1] moves", () => {
    const spec = ghmmSpec(3, 1);
    const tasks = parseTaskSet("x1 -> x2");
    const r = explainGaussian(spec, tasks, 20221128);
    expect(r).toMatchObject({ conclusive: true, rank: 7, fiberDimension: 2 });
    expect(r.observables).toMatchObject({ equivalent: false, explainedRank: 6, maximal: ["E[x1 x2ᵀ]", "law of x1", "law of x2"] });
    const f = r.fiber!;
    expect(f.basis).toHaveLength(2);
    // The echelon rows: 1 at their own free coordinate, 0 at the other, inside the orthonormal basis's span.
    f.echelon.forEach((v, i) => {
      f.free.forEach((name, j) => expect(v[f.coordinates.indexOf(name)]).toBeCloseTo(i === j ? 1 : 0, 12));
      const projected = f.basis.reduce((acc, u) => {
        const c = u.reduce((s, x, j) => s + x * v[j], 0);
        return acc.map((x, j) => x - c * u[j]);
      }, [...v]);
      expect(Math.hypot(...projected)).toBeLessThan(1e-10);
      // The law of x1 is implied, so M (its means, up to relabelling) is fixed along the fiber: only T moves.
      f.coordinates.forEach((name, j) => name.startsWith("M") && expect(Math.abs(v[j])).toBeLessThan(1e-8));
    });
    const w = findWitness(spec, tasks, { seed: 3 });
    const ends = [w.first, w.second].map((f) => ({ pi: f.pi!, T: f.T, emission: f.M! }));
    expect(Math.abs(ends[0].T[0][0] - ends[1].T[0][0])).toBeGreaterThan(0.01);
    const xs = [[-1.3], [-0.2], [0.4], [1.7]];
    for (const law of [moment(1), moment(2), moment(1, 2), { kind: "second", position: 1 } as GaussianLaw]) {
      const [a, b] = ends.map((p) => values(spec, p, law));
      a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(1e-8));
    }
    for (const position of [1, 2]) for (const x of xs) expect(mixtureDensity(spec, ends[0], position, x)).toBeCloseTo(mixtureDensity(spec, ends[1], position, x), 8);
  });

  it("free π: nothing is determined, the 2 fiber directions are W3, and E[x1] moves along the W3 witness", () => {
    const spec = ghmmSpec(3, 2, "free");
    const tasks = parseTaskSet("x1 -> x2");
    const r = explainGaussian(spec, tasks, 20221128);
    expect(r).toMatchObject({ conclusive: true, rank: 12, fiberDimension: 2, familiesNote: null });
    expect(r.observables!.implied).toEqual([]);
    expect(r.families).toMatchObject([{ family: "W3", fiber: 2, isFiber: true, dimension: { rank: 2, decided: true } }]);
    const w = findWitness(spec, tasks, { seed: 3 });
    const [a, b] = [w.first, w.second].map((f) => values(spec, { pi: f.pi!, T: f.T, emission: f.M! }, moment(1)));
    expect(Math.max(...a.map((x, i) => Math.abs(x - b[i])))).toBeGreaterThan(1e-3);
  });

  it("is inconclusive, with the reason, where the gap rule cannot decide: a drop across a mixed chain (x1 -> x40)", () => {
    const r = explainGaussian(ghmmSpec(3, 3), parseTaskSet("x1 -> x40"), 20221128);
    expect(r.conclusive).toBe(false);
    expect(r).toMatchObject({ rank: null, observables: null, fiber: null });
    expect(r.reason).toMatch(/0 of \d float points decided every rank, 2 are needed/);
    expect(r.reason).toMatch(/chain mixes|undecided/);
    expect(r.points.length).toBeGreaterThanOrEqual(2);
  });
});

describe("the numerical rules behind a Gaussian explain", () => {
  it("a stacked rank without a gap of 1e6 is undecided and stops the comparison (singular values 1, 1e-2, …, 1e-10)", () => {
    const rows = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 10 ** (-2 * i) : 0)));
    expect(() => stackedRank([rows], 6, "a test")).toThrow(Undecided);
    expect(() => stackedRank([rows], 6, "a test")).toThrow(/a test: undecided: widest gap ratio/);
    // Block scaling: a block 1e-9 times smaller still counts as much as the other.
    expect(stackedRank([[[1, 0]], [[0, 1e-9]]], 2, "scaled").rank).toBe(2);
  });

  it("two decided points that differ make the answer inconclusive, as does a single decided point", () => {
    const r = explainGaussian(ghmmSpec(2, 2), parseTaskSet("x1 -> x2"), 1);
    const [a, b] = r.points;
    expect(disagreement(r.points, [a, b])).toBeNull();
    const lower = { ...b, taskRank: { ...b.taskRank, rank: b.taskRank.rank - 1 } };
    expect(disagreement([a, lower], [a, lower])).toMatch(/the decided points disagree \(random point 1 and random point 2\)/);
    const flipped = { ...b, candidates: b.candidates.map((c, i) => (i === 0 ? { ...c, implied: !c.implied } : c)) };
    expect(disagreement([a, flipped], [a, flipped])).toMatch(/disagree/);
    expect(disagreement([a, { ...b, undecided: "why" }], [a])).toMatch(/1 of 2 float points decided every rank, 2 are needed \(random point 2: why\)/);
  });
});
