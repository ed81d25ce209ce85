import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { qr, singularValues } from "../../src/linalg/float-matrix.ts";
import { DEFAULT_MIN_GAP, NEGLIGIBLE_RELATIVE, numericalRank, projectOut } from "../../src/linalg/numerical-rank.ts";
import { Rng } from "../../src/base/random.ts";

const gaussian = (rng: Rng, m: number, n: number): number[][] =>
  Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));

/** a·b where b has `columns` columns (explicit, since b may have zero rows). */
const multiply = (a: number[][], b: number[][], columns: number): number[][] =>
  a.map((row) => Array.from({ length: columns }, (_, k) => row.reduce((s, x, t) => s + x * b[t]![k]!, 0)));

const apply = (rows: number[][], v: readonly number[]): number[] =>
  rows.map((r) => r.reduce((s, x, k) => s + x * v[k]!, 0));

const norm = (v: readonly number[]): number => Math.hypot(...v);

/** The number format of `reason`. */
const fmt = (x: number): string => x.toExponential(3);

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

describe("numericalRank: the stated rule and its evidence", () => {
  /** Spectra with planted gaps of assorted widths, so every branch of the rule is reached. */
  const spectrum = fc.record({
    columns: fc.integer({ min: 1, max: 8 }),
    extra: fc.integer({ min: -7, max: 20 }),
    exponents: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 8, maxLength: 8 }),
    minGap: fc.constantFrom(undefined, 1e2, 1e4, 1e10),
    vectors: fc.boolean(),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
  });

  it("chooses the first widest gap σ_r / max(σ_{r+1}, tol), decides it iff wide and negligible below, and reports exactly that", () => {
    fc.assert(
      fc.property(spectrum, ({ columns: n, extra, exponents, minGap, vectors, seed }) => {
        // σ_k = 10^-(e_1 + … + e_k): descending, with steps of 1 to 10^16 (some below the noise floor).
        // A wide matrix (m < n) is the transpose of a tall one with m planted values.
        const m = Math.max(1, n + extra);
        const sigma: number[] = [];
        let e = 0;
        for (let k = 0; k < Math.min(m, n); k++) sigma.push(10 ** -(e += k === 0 ? 0 : exponents[k]!));
        const tall = withSingularValues(new Rng(seed), Math.max(m, n), sigma);
        const M = m >= n ? tall : Array.from({ length: m }, (_, i) => tall.map((row) => row[i]!));
        const res = numericalRank(M, n, { minGap, vectors });
        const s = res.singularValues;
        expect(s).toHaveLength(n);
        expect(res.columns).toBe(n);
        expect(res.rowsUsed).toBe(m);
        expect(res.tolerance).toBe(Math.max(m, n) * 2 ** -52 * s[0]!);
        // The rule, recomputed from the reported values.
        const ratio = (r: number): number => s[r - 1]! / Math.max(r < n ? s[r]! : 0, res.tolerance);
        let rank = 1;
        for (let r = 2; r <= n; r++) if (ratio(r) > ratio(rank)) rank = r;
        expect(res.rank).toBe(rank);
        const below = rank < n ? s[rank]! : null;
        expect(res.cut).toEqual({ above: s[rank - 1]!, below, gapRatio: ratio(rank) });
        const gap = minGap ?? DEFAULT_MIN_GAP;
        const wide = ratio(rank) >= gap;
        const negligible = below === null || below <= NEGLIGIBLE_RELATIVE * s[0]!;
        expect(res.decided).toBe(wide && negligible);
        expect(res.nullSpace).toHaveLength(res.decided && vectors ? n - rank : 0);
        // The reason states the cut with its numbers, then the route taken.
        const cutText =
          below === null
            ? `σ_${rank} = ${fmt(s[rank - 1]!)} vs noise floor ${fmt(res.tolerance)}`
            : `σ_${rank} = ${fmt(s[rank - 1]!)}, σ_${rank + 1} = ${fmt(below)}`;
        const route =
          m > 2 * n ? `SVD of the ${n}×${n} R factor of the ${m}×${n} matrix` : `direct SVD of the ${m}×${n} matrix${m < n ? " (zero-padded)" : ""}`;
        const verdict = res.decided
          ? `rank ${rank}: gap ratio ${fmt(ratio(rank))} ≥ ${fmt(gap)}`
          : !wide
            ? `undecided: widest gap ratio ${fmt(ratio(rank))} < ${fmt(gap)}`
            : `undecided: gap ratio ${fmt(ratio(rank))} but σ_${rank + 1} = ${fmt(below!)} > ${fmt(NEGLIGIBLE_RELATIVE)}·σ_1; a gap between two large values is not a rank drop`;
        expect(res.reason).toBe(`${verdict} (${cutText}); ${route}`);
      }),
      { seed: 2024, numRuns: 300 },
    );
  });

  it("takes the first of two equal gaps, and decides a gap exactly at minGap with σ_{r+1} exactly at 1e-6·σ_1", () => {
    // Diagonal matrices with exactly representable singular values (the SVD returns them exactly).
    const diag = (s: number[]): number[][] => s.map((x, i) => s.map((_, j) => (i === j ? x : 0)));
    // σ_1/σ_2 = σ_2/σ_3 = 2^20 (σ_3 well above the noise floor): the first cut wins the tie;
    // a gap equal to minGap is wide enough.
    const tie = numericalRank(diag([1, 2 ** -20, 2 ** -40]), 3, { minGap: 2 ** 20 });
    expect(tie.rank).toBe(1);
    expect(tie.cut).toEqual({ above: 1, below: 2 ** -20, gapRatio: 2 ** 20 });
    expect(tie.decided).toBe(true);
    // σ = 1, 1e-6, 1e-10: gap ratio exactly the default 1e6, and σ_2 exactly 1e-6·σ_1.
    const edge = numericalRank(diag([1, 1e-6, 1e-10]), 3);
    expect(edge.rank).toBe(1);
    expect(edge.cut).toEqual({ above: 1, below: 1e-6, gapRatio: 1e6 });
    expect(edge.decided).toBe(true);
    // A wide matrix's noise floor scales with its column count: tol = max(m, n)·2^-52·σ_1.
    const wide = numericalRank([[1, 0, 0, 0, 0, 0]], 6);
    expect(wide.tolerance).toBe(6 * 2 ** -52);
  });

  it("spells out why a wide gap above non-negligible values is not a rank drop", () => {
    // σ_1/σ_2 = 1e4 passes minGap = 1e3, but σ_2 = 1e-4 is far above 1e-6·σ_1.
    const sigma = [1, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14];
    const res = numericalRank(withSingularValues(new Rng(13), 10, sigma), 7, { minGap: 1e3 });
    const [s1, s2] = res.singularValues;
    expect(res.reason).toBe(
      `undecided: gap ratio ${fmt(res.cut.gapRatio)} but σ_2 = ${fmt(s2!)} > 1.000e-6·σ_1; ` +
        `a gap between two large values is not a rank drop (σ_1 = ${fmt(s1!)}, σ_2 = ${fmt(s2!)}); direct SVD of the 10×7 matrix`,
    );
  });

  it("reduces through QR exactly when rows > 2·columns, wide inputs are zero-padded", () => {
    const n = 4;
    const at = (m: number): string => numericalRank(gaussian(new Rng(m), m, n), n).reason;
    expect(at(2 * n)).toMatch(/; direct SVD of the 8×4 matrix$/);
    expect(at(2 * n + 1)).toMatch(/; SVD of the 4×4 R factor of the 9×4 matrix$/);
    expect(numericalRank(gaussian(new Rng(3), 3, n), n).reason).toMatch(/; direct SVD of the 3×4 matrix \(zero-padded\)$/);
  });

  it("the QR reduction skips a column that is already zero below R: a zero column gives a zero σ, not NaN", () => {
    // Tall (7 > 2·3) with column 0 identically zero: the first reflector has nothing to annihilate.
    const M = Array.from({ length: 7 }, (_, i) => [0, i + 1, ((i * 3) % 5) - 2]);
    const direct = singularValues(M);
    for (const vectors of [true, false]) {
      const res = numericalRank(M, 3, { vectors });
      expect(res.reason).toContain("R factor");
      expect(res.rank).toBe(2);
      expect(res.decided).toBe(true);
      res.singularValues.forEach((x, i) => expect(Math.abs(x - direct[i]!)).toBeLessThanOrEqual(1e-12 * direct[0]!));
      expect(res.singularValues[2]).toBe(0);
      if (vectors) expect(res.nullSpace.map((v) => v.map(Math.abs))).toEqual([[1, 0, 0]]);
    }
    // Zero columns inside a block, after non-zero ones and in a second block of rows.
    const rng = new Rng(23);
    const wide = gaussian(rng, 150, 5).map((row) => row.map((x, k) => (k === 2 || k === 4 ? 0 : x)));
    const res = numericalRank(wide, 5);
    expect(res.rank).toBe(3);
    expect(res.decided).toBe(true);
    expect(res.singularValues.every(Number.isFinite)).toBe(true);
    const ref = singularValues(wide);
    res.singularValues.forEach((x, i) => expect(Math.abs(x - ref[i]!)).toBeLessThanOrEqual(1e-12 * ref[0]!));
  });

  it("the QR reduction keeps a tiny row of a later block: each reflection takes the sign that avoids cancellation", () => {
    // 64·b rows (1, 1), then (ε, 0): σ_2 = ε/√2 to first order. Reflecting the last block
    // with the cancelling sign would see v₀ = α − ‖x‖ round to 0 and drop the ε row.
    const eps = 1e-9;
    for (const blocks of [1, 2, 3]) {
      const rows = [...Array.from({ length: 64 * blocks }, () => [1, 1]), [eps, 0]];
      const { singularValues: s } = numericalRank(rows, 2);
      expect(Math.abs(s[1] / (eps / Math.SQRT2) - 1)).toBeLessThan(1e-9);
    }
  });

  it("rejects a bad column count before looking at the rows, naming it", () => {
    for (const columns of [-1, 1.5, NaN, -Infinity]) {
      for (const rows of [[], [[1]]]) {
        expect(() => numericalRank(rows, columns)).toThrow(
          new RangeError(`numericalRank: columns must be a non-negative integer, got ${columns}`),
        );
      }
    }
  });

  it("names the offending row and entry", () => {
    expect(() => numericalRank([[1, 2], [3]], 2)).toThrow(new RangeError("numericalRank: row 1 has length 1, expected 2"));
    expect(() => numericalRank([[1, 2], [3, 4, 5]], 2)).toThrow(new RangeError("numericalRank: row 1 has length 3, expected 2"));
    expect(() => numericalRank([[1, 2], [3, NaN]], 2)).toThrow(new RangeError("numericalRank: entry (1, 1) is NaN"));
    expect(() => numericalRank([[-Infinity, 2]], 2)).toThrow(new RangeError("numericalRank: entry (0, 0) is -Infinity"));
  });

  it("reports the zero matrix and no rows as decided rank 0 with an infinite gap", () => {
    const none = numericalRank([], 2);
    expect(none).toMatchObject({ rank: 0, columns: 2, rowsUsed: 0, tolerance: 0, decided: true, reason: "no rows: rank 0" });
    expect(none.cut).toEqual({ above: 0, below: 0, gapRatio: Infinity });
    const zero = numericalRank([[0, 0], [0, 0], [0, 0]], 2, { vectors: false });
    expect(zero).toMatchObject({ rank: 0, rowsUsed: 3, decided: true, reason: "zero matrix: rank 0", singularValues: [0, 0] });
    expect(zero.nullSpace).toEqual([[1, 0], [0, 1]]);
    const empty = numericalRank([[], []], 0);
    expect(empty).toMatchObject({ rank: 0, columns: 0, rowsUsed: 2, singularValues: [], nullSpace: [], reason: "zero matrix: rank 0" });
    expect(empty.cut).toEqual({ above: 0, below: null, gapRatio: Infinity });
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
