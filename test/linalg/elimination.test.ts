import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { type Field, DivisionByZero } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { primeField } from "../../src/field/prime.ts";
import { rational, rationalField as Q } from "../../src/field/rational.ts";
import { fieldRank, inverse, kernel, reducedEchelon, solveFullColumnRank, solveSquare } from "../../src/linalg/elimination.ts";
import { identity, matEqual, matMul, matVec, vectorsEqual, zeros } from "../../src/linalg/matrix.ts";
import { PRIMES } from "../../src/testing/arbitraries.ts";

/** A field with an arbitrary of its elements: small fractions over Q, residues over F_p. */
interface Case<E> {
  readonly name: string;
  readonly field: Field<E>;
  readonly entry: fc.Arbitrary<E>;
}

const small = (p: number) => ({ name: `F_${p}`, field: primeField(p), entry: fc.integer({ min: 0, max: p - 1 }) });
const CASES: Case<unknown>[] = [
  {
    name: "Q",
    field: Q,
    // Mostly small integers (so rank drops happen), sometimes fractions.
    entry: fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 3 })).map(([n, d]) => rational(BigInt(n), BigInt(d))),
  } as Case<unknown>,
  small(5) as Case<unknown>, // tiny p: singular matrices are common
  small(PRIMES[1]) as Case<unknown>,
];

const matrix = <E>(entry: fc.Arbitrary<E>, rows: number, cols: number): fc.Arbitrary<E[][]> =>
  fc.array(fc.array(entry, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

const square = <E>(entry: fc.Arbitrary<E>) =>
  fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(matrix(entry, n, n), fc.array(entry, { minLength: n, maxLength: n })));

const shaped = <E>(entry: fc.Arbitrary<E>) =>
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })).chain(([r, c]) => fc.tuple(matrix(entry, r, c), fc.constant(c)));

/** The 3×3 matrix of `entries` with its (0,0) entry zero: elimination must swap rows first. */
const zeroLead = <E>(field: Field<E>, entries: readonly E[]): E[][] => [
  [field.zero, entries[0], entries[1]],
  [entries[2], entries[3], entries[4]],
  [entries[5], entries[6], entries[7]],
];

const RUNS = { seed: 7, numRuns: 200 };

for (const { name, field, entry } of CASES) {
  describe(`Gaussian elimination over ${name}`, () => {
    it("solve then multiply gives b; a singular A throws DivisionByZero", () => {
      fc.assert(
        fc.property(square(entry), ([A, b]) => {
          if (fieldRank(field, A) < A.length) {
            expect(() => solveSquare(field, A, b)).toThrow(DivisionByZero);
          } else {
            expect(vectorsEqual(field, matVec(field, A, solveSquare(field, A, b)), b)).toBe(true);
          }
        }),
        RUNS,
      );
    });

    it("A · inverse(A) = inverse(A) · A = I; a singular A throws DivisionByZero", () => {
      fc.assert(
        fc.property(square(entry), ([A]) => {
          const I = identity(field, A.length);
          if (fieldRank(field, A) < A.length) {
            expect(() => inverse(field, A)).toThrow(DivisionByZero);
          } else {
            const Ainv = inverse(field, A);
            expect(matEqual(field, matMul(field, A, Ainv), I)).toBe(true);
            expect(matEqual(field, matMul(field, Ainv, A), I)).toBe(true);
          }
        }),
        RUNS,
      );
    });

    it("rank + kernel dimension = columns, A · kernel = 0, and the kernel basis is independent", () => {
      fc.assert(
        fc.property(shaped(entry), ([A, columns]) => {
          const rank = fieldRank(field, A, columns);
          const K = kernel(field, A, columns);
          expect(rank).toBeLessThanOrEqual(Math.min(A.length, columns));
          expect(rank + K.length).toBe(columns);
          for (const v of K) expect(vectorsEqual(field, matVec(field, A, v), zeros(field, 1, A.length)[0])).toBe(true);
          expect(fieldRank(field, K, columns)).toBe(K.length);
        }),
        RUNS,
      );
    });

    it("the reduced echelon form has unit pivots alone in their columns, in increasing column order", () => {
      fc.assert(
        fc.property(shaped(entry), ([A, columns]) => {
          const { rows, pivots, rank } = reducedEchelon(field, A, columns);
          expect(pivots.length).toBe(rank);
          pivots.forEach((c, i) => {
            if (i > 0) expect(c).toBeGreaterThan(pivots[i - 1]);
            rows.forEach((row, r) => expect(field.isZero(field.sub(row[c], r === i ? field.one : field.zero))).toBe(true));
            for (let j = 0; j < c; j++) expect(field.isZero(rows[i][j])).toBe(true);
          });
          for (const row of rows.slice(rank)) expect(row.every((x) => field.isZero(x))).toBe(true);
        }),
        RUNS,
      );
    });

    it("solveFullColumnRank recovers X from A X, and refuses a Y outside the column space", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(matrix(entry, k + 1, k), matrix(entry, k, 2))),
          ([A, X]) => {
            const k = X.length;
            const solved = solveFullColumnRank(field, A, matMul(field, A, X));
            if (fieldRank(field, A, k) < k) {
              expect(solved).toBeNull();
              return;
            }
            expect(matEqual(field, solved!, X)).toBe(true);
            // Each unit vector e_i: solvable exactly when it lies in A's column space.
            for (const e of identity(field, k + 1)) {
              const inSpan = fieldRank(field, A.map((row, i) => [...row, e[i]]), k + 1) === k;
              expect(solveFullColumnRank(field, A, e.map((x) => [x])) !== null).toBe(inSpan);
            }
          },
        ),
        RUNS,
      );
    });

    it("solves and inverts a matrix whose leading entry is zero (a row swap is needed)", () => {
      fc.assert(
        fc.property(fc.array(entry, { minLength: 8, maxLength: 8 }), fc.array(entry, { minLength: 3, maxLength: 3 }), (entries, b) => {
          const A = zeroLead(field, entries);
          fc.pre(fieldRank(field, A) === 3);
          expect(vectorsEqual(field, matVec(field, A, solveSquare(field, A, b)), b)).toBe(true);
          expect(matEqual(field, matMul(field, A, inverse(field, A)), identity(field, 3))).toBe(true);
        }),
        RUNS,
      );
    });
  });
}

describe("Gaussian elimination: fixed cases", () => {
  const q = (rows: number[][]) => rows.map((row) => row.map((x) => rational(BigInt(x))));

  it("swaps a zero leading entry away", () => {
    const A = q([[0, 1], [1, 0]]);
    expect(solveSquare(Q, A, q([[2, 3]])[0])).toEqual(q([[3, 2]])[0]);
    expect(inverse(Q, A)).toEqual(A);
  });

  it("throws DivisionByZero for a planted dependent row, over Q and F_p", () => {
    const A = q([[1, 2, 3], [4, 5, 6], [5, 7, 9]]); // row 3 = row 1 + row 2
    expect(() => solveSquare(Q, A, q([[1, 1, 1]])[0])).toThrow(DivisionByZero);
    expect(() => inverse(Q, A)).toThrow(DivisionByZero);
    const F = primeField(7);
    const B = [[1, 2], [3, 6]]; // row 2 = 3 · row 1
    expect(() => solveSquare(F, B, [1, 0])).toThrow(DivisionByZero);
    expect(() => inverse(F, B)).toThrow(DivisionByZero);
    expect(fieldRank(F, B)).toBe(1);
  });

  it("rejects a row of the wrong length, naming the function, the length found and the one expected", () => {
    const F = primeField(7);
    const ragged = [[1, 2], [3]];
    expect(() => reducedEchelon(F, ragged)).toThrow(new RangeError("reducedEchelon: row of length 1, expected 2"));
    expect(() => fieldRank(F, [[1, 2]], 3)).toThrow(new RangeError("reducedEchelon: row of length 2, expected 3"));
    expect(() => kernel(F, [[1, 2, 3]], 2)).toThrow(new RangeError("reducedEchelon: row of length 3, expected 2"));
    // solveSquare and inverse need n entries in each of the n rows.
    expect(() => solveSquare(F, [[1, 2], [3, 4, 5]], [1, 1])).toThrow(new RangeError("solveSquare: row of length 3, expected 2"));
    expect(() => solveSquare(F, [[1, 2], [3, 4]], [1])).toThrow(new RangeError("solveSquare: 2 rows but 1 right-hand sides"));
    expect(() => inverse(F, [[1], [2]])).toThrow(new RangeError("inverse: row of length 1, expected 2"));
  });

  it("pivots on the largest magnitude over floats", () => {
    // Without partial pivoting, 1e-20 as pivot loses the answer (1, 1) entirely.
    const x = solveSquare(floatField, [[1e-20, 1], [1, 1]], [1, 2]);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(1, 12);
  });

  it("on equal pivot weights takes the first candidate row (Q weighs every non-zero entry alike)", () => {
    // A field that records each divisor: the first one is the pivot chosen in column 0.
    const divisors: string[] = [];
    const logging: Field<ReturnType<typeof rational>> = { ...Q, div: (a, b) => (divisors.push(`${b.num}/${b.den}`), Q.div(a, b)) };
    solveSquare(logging, q([[2, 1], [3, 1]]), q([[1, 1]])[0]);
    expect(divisors[0]).toBe("2/1");
    divisors.length = 0;
    reducedEchelon(logging, q([[0, 1], [5, 1], [7, 1]]));
    expect(divisors[0]).toBe("5/1");
  });

  it("empty matrices: rank 0, an empty solution, no kernel vectors beyond the free columns", () => {
    expect(fieldRank(Q, [])).toBe(0);
    expect(reducedEchelon(Q, [])).toEqual({ rows: [], pivots: [], rank: 0 });
    expect(solveFullColumnRank(Q, [], [])).toEqual([]);
    expect(kernel(Q, [], 2)).toEqual(q([[1, 0], [0, 1]]));
  });

  it("solveFullColumnRank returns null for a rank-deficient A even when the pivot count equals its columns", () => {
    // [A | Y] = [[1, 0, 1], [0, 0, 1]]: pivots 0 and 2, two of them like A's two columns, but
    // column 1 of A has none (rank 1) and the pivot in Y's column says the system is inconsistent.
    expect(solveFullColumnRank(Q, q([[1, 0], [0, 0]]), q([[1], [1]]))).toBeNull();
    expect(solveFullColumnRank(Q, q([[1, 0], [0, 1], [1, 1]]), q([[2], [3], [5]]))).toEqual(q([[2], [3]]));
  });
});
