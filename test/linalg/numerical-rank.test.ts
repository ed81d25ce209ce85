import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { qr, singularValues } from "../../src/linalg/float-matrix.ts";
import { numericalRank, projectOut } from "../../src/linalg/numerical-rank.ts";
import { Rng } from "../../src/base/random.ts";

const gaussian = (rng: Rng, m: number, n: number): number[][] =>
  Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));

/** a·b where b has `columns` columns (explicit, since b may have zero rows). */
const multiply = (a: number[][], b: number[][], columns: number): number[][] =>
  a.map((row) => Array.from({ length: columns }, (_, k) => row.reduce((s, x, t) => s + x * b[t]![k]!, 0)));

const apply = (rows: number[][], v: readonly number[]): number[] =>
  rows.map((r) => r.reduce((s, x, k) => s + x * v[k]!, 0));

const norm = (v: readonly number[]): number => Math.hypot(...v);

/** A random m×n matrix (m ≥ n) with exactly the given singular values: U·diag(σ)·Vᵀ. */
function withSingularValues(rng: Rng, m: number, sigma: readonly number[]): number[][] {
  const n = sigma.length;
  const U = qr(gaussian(rng, m, n)).Q; // m×m
  const V = qr(gaussian(rng, n, n)).Q;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, k) => sigma.reduce((s, sj, j) => s + U[i]![j]! * sj * V[k]![j]!, 0)),
  );
}

/** Low-rank case: rows×r times r×columns, Gaussian factors. */
const lowRank = fc
  .record({
    rows: fc.integer({ min: 1, max: 40 }),
    columns: fc.integer({ min: 1, max: 20 }),
    r: fc.nat(),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  })
  .map(({ rows, columns, r, seed }) => ({ rows, columns, seed, r: r % (Math.min(rows, columns) + 1) }));

describe("numericalRank", () => {
  it("finds the rank of random products A·B, with a wide gap and a true null space", () => {
    fc.assert(
      fc.property(lowRank, ({ rows, columns, r, seed }) => {
        const rng = new Rng(seed);
        const M = multiply(gaussian(rng, rows, r), gaussian(rng, r, columns), columns);
        const res = numericalRank(M, columns);
        expect(res.rank).toBe(r);
        expect(res.decided).toBe(true);
        expect(res.cut.gapRatio).toBeGreaterThanOrEqual(1e6);
        expect(res.columns).toBe(columns);
        expect(res.rowsUsed).toBe(rows);
        expect(res.singularValues.length).toBe(columns);
        for (let i = 1; i < columns; i++) {
          expect(res.singularValues[i]!).toBeLessThanOrEqual(res.singularValues[i - 1]!);
        }
        const sigma1 = res.singularValues[0]!;
        expect(res.nullSpace.length).toBe(columns - r);
        res.nullSpace.forEach((v, i) => {
          expect(v.length).toBe(columns);
          expect(norm(apply(M, v))).toBeLessThanOrEqual(1e-9 * sigma1);
          res.nullSpace.forEach((w, j) => {
            const d = v.reduce((s, x, k) => s + x * w[k]!, 0);
            expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThan(1e-10);
          });
        });
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("gives rank = columns for random full-rank matrices", () => {
    const shape = fc.record({
      columns: fc.integer({ min: 1, max: 25 }),
      extra: fc.integer({ min: 0, max: 60 }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    });
    fc.assert(
      fc.property(shape, ({ columns, extra, seed }) => {
        const M = gaussian(new Rng(seed), columns + extra, columns);
        const res = numericalRank(M, columns);
        expect(res.rank).toBe(columns);
        expect(res.decided).toBe(true);
        expect(res.cut.below).toBeNull();
        expect(res.nullSpace).toEqual([]);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("pads wide matrices: rows < columns", () => {
    const rng = new Rng(5);
    const M = gaussian(rng, 5, 12);
    const res = numericalRank(M, 12);
    expect(res.rank).toBe(5);
    expect(res.decided).toBe(true);
    expect(res.nullSpace.length).toBe(7);
    for (const v of res.nullSpace) expect(norm(apply(M, v))).toBeLessThan(1e-12 * res.singularValues[0]!);
    expect(res.reason).toContain("zero-padded");
  });

  it("is undecided when singular values decay evenly into the noise with no wide gap", () => {
    // 1 .. 1e-14 geometrically over 10 values: consecutive ratios ~36, σ_10 / tol ~ 50.
    const sigma = Array.from({ length: 10 }, (_, i) => 10 ** (-14 * (i / 9)));
    const res = numericalRank(withSingularValues(new Rng(11), 20, sigma), 10);
    expect(res.decided).toBe(false);
    expect(res.cut.gapRatio).toBeLessThan(1e6);
    expect(res.nullSpace).toEqual([]);
    expect(res.reason).toMatch(/undecided/);
  });

  it("under the stated rule, a graded spectrum 1..1e-4 far above the noise floor is decided full rank", () => {
    // The only candidate gap is σ_10 / tol ≈ 1e-4 / (20·2^-52) ≈ 2e10; every σ is far from noise.
    const sigma = Array.from({ length: 10 }, (_, i) => 10 ** (-4 * (i / 9)));
    const M = withSingularValues(new Rng(12), 20, sigma);
    const res = numericalRank(M, 10);
    expect(res.rank).toBe(10);
    expect(res.decided).toBe(true);
    res.singularValues.forEach((s, i) => expect(Math.abs(s - sigma[i]!)).toBeLessThan(1e-12));
  });

  it("is undecided when the gap passes a small minGap but the values below it are not negligible", () => {
    // Widest gap is σ_1/σ_2 = 1e4; below it the spectrum decays by 100 per step into the
    // noise, so no later cut beats it. With the default minGap = 1e6 the negligibility
    // condition is implied by the gap, so it can only bite with a smaller minGap.
    const sigma = [1, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14];
    const M = withSingularValues(new Rng(13), 10, sigma);
    const res = numericalRank(M, 7, { minGap: 1e3 });
    expect(res.rank).toBe(1);
    expect(res.cut.gapRatio).toBeGreaterThanOrEqual(1e3);
    expect(res.decided).toBe(false);
    expect(res.reason).toMatch(/not a rank drop/);
    const strict = numericalRank(M, 7);
    expect(strict.rank).toBe(1);
    expect(strict.decided).toBe(false);
    expect(strict.reason).toMatch(/widest gap ratio/);
  });

  it("reduces tall inputs through QR without changing the singular values", () => {
    const rng = new Rng(17);
    const [m, n, r] = [2000, 50, 30];
    const M = multiply(gaussian(rng, m, r), gaussian(rng, r, n), n);
    const res = numericalRank(M, n);
    expect(res.reason).toContain("R factor");
    expect(res.rank).toBe(r);
    expect(res.decided).toBe(true);
    const direct = singularValues(M);
    const s1 = direct[0]!;
    for (let i = 0; i < n; i++) {
      // Relative to each σ for the non-zero ones; relative to σ_1 for the (roundoff) rest.
      const scale = i < r ? direct[i]! : s1;
      expect(Math.abs(res.singularValues[i]! - direct[i]!)).toBeLessThanOrEqual(1e-9 * scale);
    }
    for (const v of res.nullSpace) expect(norm(apply(M, v))).toBeLessThanOrEqual(1e-9 * s1);
  });

  it("handles the zero matrix and no rows", () => {
    for (const rows of [[], [[0, 0, 0], [0, 0, 0]]]) {
      const res = numericalRank(rows, 3);
      expect(res.rank).toBe(0);
      expect(res.decided).toBe(true);
      expect(res.singularValues).toEqual([0, 0, 0]);
      expect(res.nullSpace).toEqual([
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]);
    }
  });

  it("is invariant to scaling, including extreme magnitudes", () => {
    const rng = new Rng(19);
    const M = multiply(gaussian(rng, 15, 3), gaussian(rng, 3, 6), 6);
    for (const c of [1e-200, 1, 1e200]) {
      const res = numericalRank(
        M.map((row) => row.map((x) => x * c)),
        6,
      );
      expect(res.rank).toBe(3);
      expect(res.decided).toBe(true);
    }
  });

  it("rejects ragged rows and non-finite entries", () => {
    expect(() => numericalRank([[1, 2], [3]], 2)).toThrow(RangeError);
    expect(() => numericalRank([[1, NaN]], 2)).toThrow(RangeError);
    expect(() => numericalRank([[1, Infinity]], 2)).toThrow(RangeError);
  });
});

describe("projectOut", () => {
  it("is ~0 on the row space, 1 on the null space, 0 for g = 0, and Pythagorean in between", () => {
    fc.assert(
      fc.property(lowRank, fc.integer({ min: 0, max: 0x7fffffff }), ({ rows, columns, r, seed }, gseed) => {
        const rng = new Rng(seed);
        const M = multiply(gaussian(rng, rows, r), gaussian(rng, r, columns), columns);
        const { nullSpace } = numericalRank(M, columns);
        expect(projectOut(nullSpace, new Array<number>(columns).fill(0))).toBe(0);
        // A row-space vector: a combination of the rows.
        const coef = gaussian(new Rng(gseed), 1, rows)[0]!;
        const inRow = Array.from({ length: columns }, (_, k) => M.reduce((s, row, i) => s + coef[i]! * row[k]!, 0));
        if (norm(inRow) > 0) expect(projectOut(nullSpace, inRow)).toBeLessThan(1e-9);
        for (const v of nullSpace) expect(Math.abs(projectOut(nullSpace, v) - 1)).toBeLessThan(1e-12);
        // A generic vector: its null-space part and its residual part are orthogonal.
        const g = gaussian(new Rng(gseed + 1), 1, columns)[0]!;
        const f = projectOut(nullSpace, g);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1 + 1e-12);
        const coeffs = nullSpace.map((v) => v.reduce((s, x, k) => s + x * g[k]!, 0));
        const residual = g.map((x, k) => x - nullSpace.reduce((s, v, j) => s + coeffs[j]! * v[k]!, 0));
        const rel = norm(residual) / norm(g);
        expect(Math.abs(f * f + rel * rel - 1)).toBeLessThan(1e-9);
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
