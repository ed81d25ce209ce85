import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Interval, point } from "../../src/field/interval.ts";
import { rationalField as Q, rational } from "../../src/field/rational.ts";
import { fieldRank } from "../../src/linalg/elimination.ts";
import { type IntervalRow, accumulate, pivotRows, verifyFullColumnRank } from "../../src/linalg/verified-rank.ts";
import { Q as fractions, contains, exact, intervalWithPoint } from "../helpers/exact-doubles.ts";

/** Small integer matrices: their exact rank over Q is the truth the verification must respect. */
const integerMatrix = fc
  .record({ rows: fc.integer({ min: 1, max: 9 }), columns: fc.integer({ min: 1, max: 6 }), rankCap: fc.integer({ min: 0, max: 6 }) })
  .chain(({ rows, columns, rankCap }) => {
    const r = Math.min(rankCap, rows, columns);
    // A product of rows×r and r×columns integer factors has rank ≤ r (often exactly r).
    const entries = (m: number, n: number) => fc.array(fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m });
    return fc.tuple(entries(rows, r), entries(r, columns)).map(([A, B]) =>
      A.map((row) => Array.from({ length: columns }, (_, j) => row.reduce((s, x, t) => s + x * B[t][j], 0))),
    );
  });

const asIntervals = (M: number[][]): IntervalRow[] => M.map((row) => ({ lo: row, hi: row }));
/** Rows of an interval matrix given entry by entry. */
const rows = (entries: Interval[][]): IntervalRow[] => entries.map((row) => ({ lo: row.map((e) => e.lo), hi: row.map((e) => e.hi) }));
const exactRank = (M: number[][]) => fieldRank(Q, M.map((row) => row.map((x) => rational(BigInt(x)))), M[0].length);

describe("verifyFullColumnRank", () => {
  it("never verifies a matrix whose exact rank is below n, and verifies well-conditioned full-rank ones", () => {
    let verifiedCount = 0;
    fc.assert(
      fc.property(integerMatrix, (M) => {
        const n = M[0].length;
        const check = verifyFullColumnRank(asIntervals(M), n);
        if (exactRank(M) < n) expect(check.verified).toBe(false);
        if (check.verified) {
          verifiedCount++;
          expect(check.normBound).toBeLessThan(1);
          expect(check.reason).toMatch(/< 1 over the whole enclosure/);
        }
      }),
      { seed: 51, numRuns: 400 },
    );
    expect(verifiedCount).toBeGreaterThan(50);
  });

  it("an enclosure wide enough to hold a singular matrix is not verified", () => {
    // [[1, 1], [1, 1 ± 0.5]] contains the singular [[1, 1], [1, 1]].
    const box = rows([
      [point(1), point(1)],
      [point(1), { lo: 0.5, hi: 1.5 }],
    ]);
    const check = verifyFullColumnRank(box, 2);
    expect(check.verified).toBe(false);
    expect(check.normBound).toBeGreaterThanOrEqual(1);
    // The same matrix with a narrow enclosure around [[1, 1], [1, 2]] is verified.
    expect(verifyFullColumnRank(rows([[point(1), point(1)], [point(1), { lo: 1.99, hi: 2.01 }]]), 2).verified).toBe(true);
  });

  it("refuses too few rows and infinite enclosures with a reason", () => {
    expect(verifyFullColumnRank(rows([[point(1), point(2)]]), 2)).toMatchObject({ verified: false, reason: "1 rows cannot have rank 2" });
    const infinite = verifyFullColumnRank(rows([[{ lo: -Infinity, hi: Infinity }]]), 1);
    expect(infinite.verified).toBe(false);
    expect(infinite.reason).toMatch(/infinite/);
    // One unbounded entry among finite ones is enough to refuse.
    const oneInfinite = verifyFullColumnRank(rows([[point(1), point(0)], [point(0), { lo: 1, hi: Infinity }]]), 2);
    expect(oneInfinite).toMatchObject({ verified: false, normBound: Infinity });
    expect(oneInfinite.reason).toMatch(/infinite/);
  });

  it("is blind to column scale: a full-rank matrix with columns 1e-12 and 1e12 apart verifies", () => {
    const M = [[1e-12, 1e12], [2e-12, 3e12], [0, 1e12]];
    expect(verifyFullColumnRank(asIntervals(M), 2).verified).toBe(true);
  });
});

describe("pivotRows (the rows the verification tries first)", () => {
  it("takes the row of largest entry in each column, the first one on ties", () => {
    expect(pivotRows([[1, 0], [2, 0], [0, 1]], 2)).toEqual([1, 2]);
    expect(pivotRows([[1, 0], [1, 0], [0, 1]], 2)).toEqual([0, 2]);
    // After eliminating column 0, the second column's largest remaining entry wins.
    expect(pivotRows([[4, 1], [2, 1], [1, 3]], 2)).toEqual([0, 2]);
  });

  it("returns null when a column has no pivot", () => {
    expect(pivotRows([[0, 1], [0, 2]], 2)).toBeNull();
    expect(pivotRows([[1, 2], [2, 4], [3, 6]], 2)).toBeNull();
  });

  it("picks n rows of full exact rank from any full-rank integer matrix", () => {
    fc.assert(
      fc.property(integerMatrix, (M) => {
        const n = M[0].length;
        if (exactRank(M) < n) return;
        const selected = pivotRows(M, n);
        expect(selected).not.toBeNull();
        expect(new Set(selected).size).toBe(n);
        expect(exactRank(selected!.map((r) => M[r]))).toBe(n);
      }),
      { seed: 52, numRuns: 300 },
    );
  });
});

describe("verifyFullColumnRank: what makes the bound small", () => {
  /** Each entry x widened to [x − w|x|, x + w|x|]. */
  const widened = (M: number[][], w: number): IntervalRow[] =>
    M.map((row) => ({ lo: row.map((x) => x - w * Math.abs(x)), hi: row.map((x) => x + w * Math.abs(x)) }));

  it("reports the widest entry relative to its magnitude", () => {
    const box = rows([
      [point(2), { lo: 0.5, hi: 1.5 }],
      [{ lo: 0, hi: 0 }, { lo: 3.9, hi: 4.1 }],
    ]);
    expect(verifyFullColumnRank(box, 2).widestRelativeWidth).toBeCloseTo(1 / 1.5, 12);
  });

  it("inverts the midpoint: a box centred on I whose lower corner is near-singular verifies", () => {
    // diag(1, [0.05, 1.95]): every matrix in it is invertible and ‖I − B‖ ≤ 0.95 at the centre.
    const box = rows([
      [point(1), point(0)],
      [point(0), { lo: 0.05, hi: 1.95 }],
    ]);
    const check = verifyFullColumnRank(box, 2);
    expect(check.verified).toBe(true);
    expect(check.normBound).toBeGreaterThan(0.94);
    expect(check.normBound).toBeLessThan(0.96);
  });

  it("scales columns: relative widths 1e-10 on columns 1e-12 and 1e12 apart still verify", () => {
    const M = [[1e-12, 1e12], [2e-12, 3e12], [0, 1e12]];
    const check = verifyFullColumnRank(widened(M, 1e-10), 2);
    expect(check.verified).toBe(true);
    expect(check.normBound).toBeLessThan(1e-6);
  });

  it("verifies on the well-conditioned rows among near-parallel ones", () => {
    // Rows 0 and 1 are nearly parallel: a box of relative width 1e-4 around them holds a
    // singular matrix, while rows 0 and 2 are far from singular; pivoting must pick those.
    const M = [[1, 1], [1, 1 + 1e-6], [0, 1]];
    expect(verifyFullColumnRank(widened(M.slice(0, 2), 1e-4), 2).verified).toBe(false);
    const check = verifyFullColumnRank(widened(M, 1e-4), 2);
    expect(check.verified).toBe(true);
    expect(check.normBound).toBeLessThan(1e-3);
  });

  it("a column whose norm overflows keeps scale 1 and still verifies", () => {
    // ‖column 0‖ = 2e308 is not a double; scaling by 1/∞ = 0 would erase the column.
    const M = [[1e308, 0], [1e308, 0], [1e308, 0], [1e308, 0], [0, 1]];
    expect(verifyFullColumnRank(asIntervals(M), 2).verified).toBe(true);
  });

  it("a zero column is never verified, with the reason that no block is invertible", () => {
    const check = verifyFullColumnRank(asIntervals([[1, 0], [2, 0], [3, 0]]), 2);
    expect(check.verified).toBe(false);
    expect(check.reason).toMatch(/no n × n block/);
    expect(check.normBound).toBe(Infinity);
  });
});

describe("accumulate (the products and sums inside the bound)", () => {
  it("for y ∈ acc and x ∈ row, y + c·x lies in the updated acc (checked over Q)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(intervalWithPoint, intervalWithPoint), { minLength: 1, maxLength: 4 }),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
        (entries, c) => {
          const n = entries.length;
          const lo = Float64Array.from(entries.map(([acc]) => acc.interval.lo));
          const hi = Float64Array.from(entries.map(([acc]) => acc.interval.hi));
          const row = { lo: entries.map(([, x]) => x.interval.lo), hi: entries.map(([, x]) => x.interval.hi) };
          accumulate(lo, hi, c, row, n);
          entries.forEach(([acc, x], j) => {
            expect(contains({ lo: lo[j], hi: hi[j] }, fractions.add(exact(acc.x), fractions.mul(exact(c), exact(x.x))))).toBe(true);
            expect(lo[j]).toBeLessThanOrEqual(hi[j]);
          });
        },
      ),
      { seed: 53, numRuns: 300 },
    );
  });
});
