import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type ModelSpec, entryName, freeCoordinates, parameterCount } from "../../src/model/spec.ts";
import { COLUMN_NORM_FLOOR, SUBSET_TRIGGER, floatEvidence, floatRankTrial, scaledRank } from "../../src/identify/float-trial.ts";
import type { Jacobian } from "../../src/identify/jacobian.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

// The float trial's row choice, units and column scaling: fast laws, kept apart from the
// σ sweeps of float-trial.test.ts so that mutation runs include them.
const ghmm = (k: number, d: number, sigma = 1): ModelSpec => ({ family: "ghmm", states: k, symbols: d, init: "stationary", sigma });

describe("floatRankTrial: which rows it uses and in which units", () => {
  const hmm = (k: number, d: number): ModelSpec => ({ family: "hmm", states: k, symbols: d, init: "stationary", sigma: 1 });
  const trialOf = (spec: ModelSpec, text: string, seed: number, subsetFirst?: boolean) => {
    const rng = new Rng(seed);
    return floatRankTrial(spec, parseTaskSet(text), randomFloatPoint(spec, rng), "random point 1", rng, undefined, { subsetFirst });
  };

  it(`uses every row of a summary with at most ${SUBSET_TRIGGER}·n rows, and 3n rows of a taller one at full rank`, () => {
    const spec = hmm(3, 2); // n = 9
    const n = parameterCount(spec);
    const short = trialOf(spec, "x1, x2, x3, x4 -> x5", 1); // 32 rows: 3n < 32 ≤ 6n
    expect(short.evidence.rows).toBe(32);
    expect(short.evidence).toMatchObject({ rank: n, decided: true, rowsUsed: 32 });
    expect(short.at.rowsUsed).toEqual(Array.from({ length: 32 }, (_, i) => i));
    const tall = trialOf(spec, "x1, x2, x3, x4, x5 -> x6", 1); // 64 rows > 6n
    expect(tall.evidence).toMatchObject({ rank: n, decided: true, rows: 64, rowsUsed: 3 * n });
    expect(new Set(tall.at.rowsUsed).size).toBe(3 * n);
    // Without the subset first, all rows are read.
    expect(trialOf(spec, "x1, x2, x3, x4, x5 -> x6", 1, false).evidence.rowsUsed).toBe(64);
  });

  it(`uses every row at exactly ${SUBSET_TRIGGER}·n rows`, () => {
    const spec = hmm(2, 2); // n = 4: 16 + 8 = 24 rows
    const trial = trialOf(spec, "x1, x2, x3 -> x4; x1, x2 -> x3", 1);
    expect(trial.evidence).toMatchObject({ rank: 4, decided: true, rows: SUBSET_TRIGGER * 4, rowsUsed: SUBSET_TRIGGER * 4 });
  });

  it("does not trust a drop on the subset: a tall summary whose rank drops is read in full", () => {
    const spec = hmm(2, 14); // n = 28, 196 rows, rank n − 2 (W1)
    const trial = trialOf(spec, "x1 -> x2", 1);
    expect(trial.evidence).toMatchObject({ rank: 26, decided: true, rows: 196, rowsUsed: 196 });
  });

  it("reads each row once (one tick a row) when no subset was taken, even at a drop", () => {
    const spec = hmm(2, 3); // x1 -> x2: rank n − 2 (W1), 9 rows ≤ 6n
    const rng = new Rng(1);
    let ticks = 0;
    const trial = floatRankTrial(spec, parseTaskSet("x1 -> x2"), randomFloatPoint(spec, rng), "random point 1", rng, undefined, { tick: () => ticks++ });
    expect(trial.evidence).toMatchObject({ rank: parameterCount(spec) - 2, decided: true, rows: 9, rowsUsed: 9 });
    expect(ticks).toBe(9);
  });

  it("takes a Gaussian Jacobian in units of σ: σ = 1 and the mean coordinates divided by σ", () => {
    const sigma = 1000;
    const spec = ghmm(2, 3, sigma);
    const rng = new Rng(4);
    const point = randomFloatPoint(spec, rng);
    const trial = floatRankTrial(spec, parseTaskSet("x1 -> x2"), point, "random point 1", rng);
    expect(trial.at.spec).toEqual({ ...spec, sigma: 1 });
    const coordinates = freeCoordinates(spec);
    trial.at.theta.forEach((v, i) => expect(v).toBe(coordinates[i].matrix === "M" ? point.theta[i] / sigma : point.theta[i]));
    expect(trial.evidence.sigmaUnits).toBe(true);
  });

  it("takes a discrete Jacobian in the model's own coordinates and spec, whatever σ the spec carries", () => {
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 7 };
    const rng = new Rng(4);
    const point = randomFloatPoint(spec, rng);
    const trial = floatRankTrial(spec, parseTaskSet("x1 -> x2"), point, "random point 1", rng);
    expect(trial.at.spec).toBe(spec);
    expect(trial.at.theta).toBe(point.theta);
    expect(trial.evidence.sigmaUnits).toBe(false);
  });
});

describe("scaledRank: columns scaled to unit norm, tiny columns floored", () => {
  const jacobianOf = (rows: number[][]): Jacobian => ({
    rows: rows.length,
    columns: rows[0].length,
    row: (i) => Float64Array.from(rows[i]),
    label: (i) => `row ${i}`,
    entryGradient: () => new Float64Array(rows[0].length),
    entries: [],
  });

  it("scale_j = 1 / max(‖column j‖, floor · largest norm), and 1 for an all-zero Jacobian", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const { scale, norms } = scaledRank(jacobianOf(rows), rows.map((_, i) => i), undefined, false);
        const largest = Math.max(...norms);
        norms.forEach((norm, j) => {
          expect(norm).toBeCloseTo(Math.hypot(...rows.map((r) => r[j])), 9);
          expect(scale[j]).toBe(largest === 0 ? 1 : 1 / Math.max(norm, COLUMN_NORM_FLOOR * largest));
        });
      }),
      { seed: 42, numRuns: 100 },
    );
    expect([...scaledRank(jacobianOf([[0, 0], [0, 0]]), [0, 1], undefined, false).scale]).toEqual([1, 1]);
    const { scale } = scaledRank(jacobianOf([[3, 0, 4e-14], [4, 0, 0]]), [0, 1], undefined, false);
    expect([...scale]).toEqual([1 / 5, 1 / (5 * COLUMN_NORM_FLOOR), 1 / (5 * COLUMN_NORM_FLOOR)]);
  });
});

describe("floatRankTrial: what its evidence reports", () => {
  const spec23 = (family: "hmm" | "ghmm"): ModelSpec => ({ family, states: 2, symbols: 3, init: "stationary", sigma: 1 });
  const trialAt = (spec: ModelSpec, text: string, seed: number) => {
    const rng = new Rng(seed);
    return floatRankTrial(spec, parseTaskSet(text), randomFloatPoint(spec, rng), "random point 1", rng);
  };

  it("names the fiber directions of a decided drop: the rank's null space over the free coordinates", () => {
    const spec = spec23("hmm"); // x1 -> x2: rank n − 2 (W1)
    const trial = trialAt(spec, "x1 -> x2", 1);
    expect(trial.rank).toMatchObject({ rank: parameterCount(spec) - 2, decided: true });
    expect(trial.rank.nullSpace).toHaveLength(2);
    expect(trial.evidence.nullSpace).toEqual({ coordinates: freeCoordinates(spec).map(entryName), basis: trial.rank.nullSpace });
  });

  it("reports no fiber directions at full rank", () => {
    const trial = trialAt(spec23("hmm"), "x1, x2 -> x3", 1);
    expect(trial.rank).toMatchObject({ rank: parameterCount(spec23("hmm")), decided: true });
    expect(trial.evidence.nullSpace).toBeNull();
  });

  it("reports the spectrum: two singular values each side of the cut (clipped at the ends), all of them, σ₁, and the column norms' range", () => {
    const rank = {
      rank: 4,
      columns: 7,
      rowsUsed: 9,
      singularValues: [9, 8, 7, 6, 1e-14, 1e-15, 0],
      cut: { above: 6, below: 1e-14, gapRatio: 6e14 },
      tolerance: 2e-15,
      decided: true,
      reason: "a wide gap",
      nullSpace: [],
    };
    const e = floatEvidence(spec23("hmm"), rank, "p", 9, 12, Float64Array.from([3, 0.5, 2]));
    expect(e).toMatchObject({ point: "p", rank: 4, decided: true, reason: "a wide gap", rowsUsed: 9, rows: 12, gapRatio: 6e14, tolerance: 2e-15, sigmaUnits: false });
    expect(e.singularValuesAroundCut).toEqual([
      { index: 3, value: 7 },
      { index: 4, value: 6 },
      { index: 5, value: 1e-14 },
      { index: 6, value: 1e-15 },
    ]);
    expect(e.singularValues).toEqual(rank.singularValues);
    expect(e.singularValues).not.toBe(rank.singularValues);
    expect(e.largestSingularValue).toBe(9);
    expect(e.columnNorms).toEqual({ smallest: 0.5, largest: 3 });
    const low = floatEvidence(spec23("ghmm"), { ...rank, rank: 1 }, "p", 9, 12, Float64Array.from([1]));
    expect(low.singularValuesAroundCut.map((v) => v.index)).toEqual([1, 2, 3]);
    expect(low.sigmaUnits).toBe(true);
    const empty = floatEvidence(spec23("hmm"), { ...rank, rank: 0, singularValues: [] }, "p", 0, 0, new Float64Array(0));
    expect(empty).toMatchObject({ singularValuesAroundCut: [], singularValues: [], largestSingularValue: 0, columnNorms: { smallest: 0, largest: 0 } });
  });

  it("reports no fiber directions for a drop decided without vectors (an empty null space)", () => {
    // Rank 1 of 2, decided, but `vectors: false` leaves the null space empty: nothing to name.
    const jacobian: Jacobian = { rows: 2, columns: 2, row: (i) => Float64Array.from([1, 2].map((v) => v * (i + 1))), label: (i) => `row ${i}`, entryGradient: () => new Float64Array(2), entries: [] };
    const { rank, norms } = scaledRank(jacobian, [0, 1], undefined, false);
    expect(rank).toMatchObject({ rank: 1, decided: true, nullSpace: [] });
    expect(floatEvidence(spec23("hmm"), rank, "p", 2, 2, norms).nullSpace).toBeNull();
  });

  it("turns a drop across a mixed gap into an undecided rank with no null space and no fiber", () => {
    const spec = spec23("hmm"); // x1 -> x30: |λ₂|^29 far below MIXING_LIMIT at this point
    const trial = trialAt(spec, "x1 -> x30", 3);
    expect(trial.rank.rank).toBeLessThan(parameterCount(spec));
    expect(trial.rank).toMatchObject({ decided: false, nullSpace: [] });
    expect(trial.rank.reason).toMatch(/across 29 transitions the chain mixes/);
    expect(trial.evidence).toMatchObject({ decided: false, nullSpace: null });
  });

  it("keeps a full rank decided across a mixed gap: a full rank is a lower bound whatever the rounding", () => {
    const spec = spec23("ghmm"); // x1 -> x30 at this point: |λ₂|^29 ≈ 6e-6 < MIXING_LIMIT, rank n
    const trial = trialAt(spec, "x1 -> x30", 2);
    expect(trial.rank).toMatchObject({ rank: parameterCount(spec), decided: true });
    expect(trial.rank.reason).not.toMatch(/mixes/);
  });

  it("counts the Gaussian design points (the sum over tasks), and none for a discrete model", () => {
    const trial = trialAt(spec23("ghmm"), "x1 -> x2; x1, x2 -> x3", 1);
    const design = trial.at.design ?? [];
    expect(design.length).toBeGreaterThan(1);
    expect(trial.designPoints).toBe(design.reduce((s, points) => s + points.length, 0));
    expect(trial.designPoints).toBeGreaterThan(0);
    expect(trialAt(spec23("hmm"), "x1 -> x2", 1).designPoints).toBeNull();
  });
});
