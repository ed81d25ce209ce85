import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { svd } from "../../src/linalg/float-matrix.ts";
import { numericalRank } from "../../src/linalg/numerical-rank.ts";
import { singularValuesOnly } from "../../src/linalg/singular-values.ts";

const arbMatrix = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 8 }))
  .chain(([n, extra]) => fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n + extra, maxLength: n + extra }));

describe("singularValuesOnly", () => {
  it("agrees with ml-matrix's SVD to O(eps·σ1)", () => {
    fc.assert(
      fc.property(arbMatrix, (rows) => {
        const n = rows[0].length;
        const ours = singularValuesOnly(rows, n);
        const ref = svd(rows).values;
        expect(ours.length).toBe(n);
        for (let i = 0; i < n; i++) expect(Math.abs(ours[i] - ref[i])).toBeLessThanOrEqual(1e-12 * Math.max(ref[0], 1e-300) + 1e-300);
        for (let i = 1; i < n; i++) expect(ours[i]).toBeLessThanOrEqual(ours[i - 1]);
      }),
      { seed: 1405, numRuns: 200 },
    );
  });

  it("finds an exact rank drop and the zero matrix", () => {
    const rows = [
      [1, 2, 3],
      [2, 4, 6],
      [0, 1, 1],
      [1, 3, 4],
    ];
    const s = singularValuesOnly(rows, 3);
    expect(s[2]).toBeLessThan(1e-14 * s[0]);
    expect(s[1]).toBeGreaterThan(0.1);
    expect(singularValuesOnly([[0, 0], [0, 0]], 2)).toEqual([0, 0]);
  });

  it("counts a zero pivot of the Sturm sequence once: exact binary entries where a bisection midpoint hits one", () => {
    // σ = √5 and √5/4: a bisection midpoint hits a zero pivot exactly, and a count that lost it returned 2σ₂.
    const s = singularValuesOnly([[-0.5, 0.25], [1, 2]], 2);
    expect(s[0]).toBeCloseTo(Math.sqrt(5), 14);
    expect(s[1]).toBeCloseTo(Math.sqrt(5) / 4, 14);
    // Rank 2, and a zero row and column: the third value is 0, not 0.35.
    const t = singularValuesOnly([[0, 0, 0], [0.25, 1, -1], [0.25, 0, 1]], 3);
    expect(t[2]).toBeLessThan(1e-15);
    // Binary entries in small shapes, against ml-matrix: no value may be off.
    const values = [0, 1, -1, 0.5, -0.5, 0.25, 2];
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((n) => fc.array(fc.array(fc.constantFrom(...values), { minLength: n, maxLength: n }), { minLength: n, maxLength: n + 1 })),
        (rows) => {
          const ours = singularValuesOnly(rows, rows[0].length);
          svd(rows).values.forEach((x, i) => expect(Math.abs(ours[i] - x)).toBeLessThanOrEqual(1e-12 * Math.max(1, x)));
        },
      ),
      { seed: 1407, numRuns: 2000 },
    );
  });

  it("rejects fewer rows than columns, naming both counts (callers must zero-pad)", () => {
    expect(() => singularValuesOnly([[1, 2]], 2)).toThrow(new RangeError("singularValuesOnly: 1 rows < 2 columns (pad first)"));
    expect(() => singularValuesOnly([], 1)).toThrow(RangeError);
    // m = n is accepted.
    expect(singularValuesOnly([[1, 0], [0, 1]], 2)).toHaveLength(2);
  });

  it("returns the midpoint of a final bracket [σ(1 − 2^-51), σ] when a bisection midpoint hits σ exactly", () => {
    // A 1×1 matrix ±2^k has σ = 1 at unit scale, a dyadic midpoint of the first bracket [0, 2].
    // A zero Sturm pivot counts as an eigenvalue below the midpoint, so the hit becomes the
    // top of the bracket; bisection stops once the bracket is 2·eps relative and returns its
    // midpoint, which lies just below σ: exactly |c|·(1 − 2^-52), never above |c|.
    for (const c of [1, -1, 2 ** -30, -(2 ** 40), 0.5]) {
      expect(singularValuesOnly([[c]], 1)).toEqual([Math.abs(c) * (1 - 2 ** -52)]);
    }
  });

  it("reports values below 1e-19 of the largest entry as exactly 0 and keeps those above", () => {
    // Bisection would only halve towards such a value; below the cut it is returned as 0.
    expect(singularValuesOnly([[1, 0], [0, 1e-21]], 2)).toEqual([1 * (1 - 2 ** -52), 0]);
    const kept = singularValuesOnly([[1, 0], [0, 1e-17]], 2)[1]!;
    expect(Math.abs(kept - 1e-17)).toBeLessThanOrEqual(4 * Number.EPSILON * 1e-17);
  });

  it("scales exactly with a power of two", () => {
    // Entries are divided by the largest one first, so 2^k·A has bit-identical unit-scale work.
    fc.assert(
      fc.property(arbMatrix, fc.integer({ min: -300, max: 300 }), (rows, k) => {
        // Dyadic entries (multiples of 2^-30), so that 2^k·A stays exactly representable.
        const dyadic = rows.map((r) => r.map((x) => Math.round(x * 2 ** 30) / 2 ** 30));
        const n = rows[0].length;
        const base = singularValuesOnly(dyadic, n);
        const scaled = singularValuesOnly(dyadic.map((r) => r.map((x) => x * 2 ** k)), n);
        scaled.forEach((x, i) => expect(x).toBe(base[i]! * 2 ** k));
      }),
      { seed: 1408, numRuns: 100 },
    );
  });

  it("gives numericalRank the same rank and decision without vectors", () => {
    fc.assert(
      fc.property(arbMatrix, fc.integer({ min: 0, max: 3 }), (rows, drop) => {
        const n = rows[0].length;
        // Make the last `drop` columns copies of the first: rank n − drop (at most).
        const planted = rows.map((r) => r.map((x, j) => (j >= n - drop ? r[0] * (j + 1) : x)));
        const a = numericalRank(planted, n);
        const b = numericalRank(planted, n, { vectors: false });
        expect(b.nullSpace).toEqual([]);
        if (a.decided && a.cut.gapRatio > 1e8) {
          expect(b.rank).toBe(a.rank);
          expect(b.decided).toBe(true);
        }
      }),
      { seed: 1406, numRuns: 200 },
    );
  });
});
