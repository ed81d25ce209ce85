import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Interval, point } from "../../src/field/interval.ts";
import { rationalField as Q, rational } from "../../src/field/rational.ts";
import { fieldRank } from "../../src/linalg/elimination.ts";
import { type IntervalRow, verifyFullColumnRank } from "../../src/linalg/verified-rank.ts";

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
  });

  it("is blind to column scale: a full-rank matrix with columns 1e-12 and 1e12 apart verifies", () => {
    const M = [[1e-12, 1e12], [2e-12, 3e12], [0, 1e12]];
    expect(verifyFullColumnRank(asIntervals(M), 2).verified).toBe(true);
  });
});
