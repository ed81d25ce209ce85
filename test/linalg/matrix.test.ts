import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatField as F } from "../../src/field/float.ts";
import { rationalField as Q } from "../../src/field/rational.ts";
import {
  columnSums,
  diag,
  dot,
  identity,
  matAdd,
  matEqual,
  matMul,
  matPow,
  matScale,
  matSub,
  matVec,
  outer,
  q,
  rowSums,
  scaleRowsCols,
  selectColumns,
  transpose,
  vectorsEqual,
  zeros,
} from "../../src/linalg/matrix.ts";
import { r } from "../helpers/rational-points.ts";

/**
 * The dense helpers, with exact expectations over small integers in float64 (exact there)
 * and laws over random integer matrices. Empty and non-square shapes are included, since
 * the constructions call these with 0 symbols or 0 steps.
 */
const A = [
  [1, 2, 3],
  [4, 5, 6],
];
const B = [
  [7, 8],
  [9, 10],
  [11, 12],
];

describe("matrix helpers: exact values", () => {
  it("identity, diag and zeros put the given entries on the diagonal and zero elsewhere", () => {
    expect(identity(F, 3)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(identity(F, 0)).toEqual([]);
    expect(diag(F, [2, 3])).toEqual([
      [2, 0],
      [0, 3],
    ]);
    expect(zeros(F, 2, 3)).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it("transpose swaps rows and columns; the empty matrix is its own transpose", () => {
    expect(transpose(A)).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(transpose([])).toEqual([]);
  });

  it("matMul is the row-by-column product, also for empty shapes", () => {
    expect(matMul(F, A, B)).toEqual([
      [58, 64],
      [139, 154],
    ]);
    expect(matMul(F, [], B)).toEqual([]);
    // 1×0 times 0×(no columns): one row of nothing.
    expect(matMul(F, [[]], [])).toEqual([[]]);
  });

  it("matMul rejects mismatched shapes, naming both sizes", () => {
    expect(() => matMul(F, A, A)).toThrow(new RangeError("matMul: 3 columns times 2 rows"));
  });

  it("matVec, dot and outer", () => {
    expect(matVec(F, A, [1, -1, 2])).toEqual([5, 11]);
    expect(dot(F, [1, 2, 3], [4, 5, 6])).toBe(32);
    expect(dot(F, [], [])).toBe(0);
    expect(outer(F, [1, 2], [3, 4, 5])).toEqual([
      [3, 4, 5],
      [6, 8, 10],
    ]);
  });

  it("matAdd, matSub and matScale act entry by entry", () => {
    expect(matAdd(F, A, [[1, 1, 1], [2, 2, 2]])).toEqual([
      [2, 3, 4],
      [6, 7, 8],
    ]);
    expect(matSub(F, A, [[1, 1, 1], [2, 2, 2]])).toEqual([
      [0, 1, 2],
      [2, 3, 4],
    ]);
    expect(matScale(F, 3, A)).toEqual([
      [3, 6, 9],
      [12, 15, 18],
    ]);
  });

  it("columnSums and rowSums add down columns and along rows", () => {
    expect(columnSums(F, A)).toEqual([5, 7, 9]);
    expect(columnSums(F, [])).toEqual([]);
    expect(rowSums(F, A)).toEqual([6, 15]);
    expect(rowSums(F, [[]])).toEqual([0]);
  });

  it("matEqual needs the same shape and the same entries; vectorsEqual likewise", () => {
    expect(matEqual(F, A, A.map((row) => [...row]))).toBe(true);
    expect(matEqual(F, A, [[1, 2, 3], [4, 5, 7]])).toBe(false);
    expect(matEqual(F, A, [[1, 2, 3]])).toBe(false);
    expect(matEqual(F, [[1, 2, 3]], A)).toBe(false);
    expect(matEqual(F, [[1, 2]], [[1, 2, 3]])).toBe(false);
    expect(matEqual(F, [], [])).toBe(true);
    expect(vectorsEqual(F, [1, 2], [1, 2])).toBe(true);
    expect(vectorsEqual(F, [1, 2], [2, 1])).toBe(false);
    expect(vectorsEqual(F, [1, 2], [1, 2, 0])).toBe(false);
  });

  it("matPow: A^0 = I, A^1 = A, A^3 = A·A·A", () => {
    const M = [
      [1, 1],
      [1, 0],
    ];
    expect(matPow(F, M, 0)).toEqual(identity(F, 2));
    expect(matPow(F, M, 1)).toEqual(M);
    // Fibonacci: M^n = [[F(n+1), F(n)], [F(n), F(n−1)]].
    expect(matPow(F, M, 3)).toEqual([
      [3, 2],
      [2, 1],
    ]);
  });

  it("scaleRowsCols is diag(left)·A·diag(right), with either side optional", () => {
    expect(scaleRowsCols(F, A, [2, 3], [1, 10, 100])).toEqual([
      [2, 40, 600],
      [12, 150, 1800],
    ]);
    expect(scaleRowsCols(F, A, [2, 3], null)).toEqual([
      [2, 4, 6],
      [12, 15, 18],
    ]);
    expect(scaleRowsCols(F, A, null, [1, 10, 100])).toEqual([
      [1, 20, 300],
      [4, 50, 600],
    ]);
    expect(scaleRowsCols(F, A, null, null)).toEqual(A);
  });

  it("selectColumns picks columns in the order given, repeats allowed", () => {
    expect(selectColumns(A, [2, 0, 2])).toEqual([
      [3, 1, 3],
      [6, 4, 6],
    ]);
  });

  it("q is num/den in the field, den defaulting to 1", () => {
    expect(q(Q, 3)).toEqual(r(3));
    expect(q(Q, 3n, 6n)).toEqual(r(1, 2));
  });
});

describe("matrix helpers: laws over random integer matrices", () => {
  const entry = fc.integer({ min: -5, max: 5 });
  const square = (k: number) => fc.array(fc.array(entry, { minLength: k, maxLength: k }), { minLength: k, maxLength: k });
  const options = { seed: 20261129, numRuns: 60 };

  it("(AB)ᵀ = BᵀAᵀ, AI = A, and A^(m+n) = A^m·A^n", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(square(k), square(k))), fc.nat(3), fc.nat(3), ([X, Y], m, n) => {
        expect(transpose(matMul(F, X, Y))).toEqual(matMul(F, transpose(Y), transpose(X)));
        expect(matMul(F, X, identity(F, X.length))).toEqual(X);
        expect(matPow(F, X, m + n)).toEqual(matMul(F, matPow(F, X, m), matPow(F, X, n)));
      }),
      options,
    );
  });

  it("column sums are 1ᵀA and row sums are A1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }).chain((k) => square(k)), (X) => {
        const ones = X.map(() => 1);
        expect(columnSums(F, X)).toEqual(matMul(F, [ones], X)[0]);
        expect(rowSums(F, X)).toEqual(matVec(F, X, ones));
      }),
      options,
    );
  });
});
