import type { Field } from "../field/field.ts";

/**
 * Small dense matrix helpers over any field (Q, F_p, symbols, floats, dual numbers): the
 * one home of identity, transpose, products, powers and sums, used by the constructions of
 * docs/math.md §7, the closed forms, the chart and the global checks (solves, inverses, ranks and
 * kernels are in elimination.ts; float decompositions in float-matrix.ts). Matrices are
 * arrays of rows; nothing here rounds, so over the rationals every identity is exact.
 */
export type Mat<E> = readonly (readonly E[])[];

export function identity<E>(field: Field<E>, k: number): E[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? field.one : field.zero)));
}

export function diag<E>(field: Field<E>, v: readonly E[]): E[][] {
  return v.map((x, i) => v.map((_, j) => (i === j ? x : field.zero)));
}

export function transpose<E>(A: Mat<E>): E[][] {
  return A.length === 0 ? [] : A[0].map((_, j) => A.map((row) => row[j]));
}

export function matMul<E>(field: Field<E>, A: Mat<E>, B: Mat<E>): E[][] {
  if (A.length > 0 && A[0].length !== B.length) throw new RangeError(`matMul: ${A[0].length} columns times ${B.length} rows`);
  const cols = B.length === 0 ? 0 : B[0].length;
  return A.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let s = field.zero;
      for (let t = 0; t < row.length; t++) s = field.add(s, field.mul(row[t], B[t][j]));
      return s;
    }),
  );
}

export function matVec<E>(field: Field<E>, A: Mat<E>, v: readonly E[]): E[] {
  return A.map((row) => dot(field, row, v));
}

export function dot<E>(field: Field<E>, a: readonly E[], b: readonly E[]): E {
  let s = field.zero;
  for (let i = 0; i < a.length; i++) s = field.add(s, field.mul(a[i], b[i]));
  return s;
}

export function outer<E>(field: Field<E>, a: readonly E[], b: readonly E[]): E[][] {
  return a.map((x) => b.map((y) => field.mul(x, y)));
}

export function matAdd<E>(field: Field<E>, A: Mat<E>, B: Mat<E>): E[][] {
  return A.map((row, i) => row.map((x, j) => field.add(x, B[i][j])));
}

export function matSub<E>(field: Field<E>, A: Mat<E>, B: Mat<E>): E[][] {
  return A.map((row, i) => row.map((x, j) => field.sub(x, B[i][j])));
}

export function matScale<E>(field: Field<E>, c: E, A: Mat<E>): E[][] {
  return A.map((row) => row.map((x) => field.mul(c, x)));
}

/** Column sums 1ᵀA. */
export function columnSums<E>(field: Field<E>, A: Mat<E>): E[] {
  if (A.length === 0) return [];
  return A[0].map((_, j) => A.reduce((s, row) => field.add(s, row[j]), field.zero));
}

/** Whether A = B entry by entry, in the field's own equality (exact over Q, F_p and symbols). */
export function matEqual<E>(field: Field<E>, A: Mat<E>, B: Mat<E>): boolean {
  return A.length === B.length && A.every((row, i) => row.length === B[i].length && row.every((x, j) => field.isZero(field.sub(x, B[i][j]))));
}

/** A rows × cols matrix of zeros. */
export function zeros<E>(field: Field<E>, rows: number, cols: number): E[][] {
  return Array.from({ length: rows }, () => new Array<E>(cols).fill(field.zero));
}

/** A^e for a square A and e ≥ 0 (repeated multiplication: exponents here are tiny). */
export function matPow<E>(field: Field<E>, A: Mat<E>, e: number): E[][] {
  let out = identity(field, A.length);
  for (let i = 0; i < e; i++) out = matMul(field, out, A);
  return out;
}

/** diag(left) · A · diag(right) (either may be omitted). */
export function scaleRowsCols<E>(field: Field<E>, A: Mat<E>, left: readonly E[] | null, right: readonly E[] | null): E[][] {
  return A.map((row, i) => row.map((x, j) => {
    let y = left ? field.mul(left[i], x) : x;
    if (right) y = field.mul(y, right[j]);
    return y;
  }));
}

/** Row sums A1. */
export function rowSums<E>(field: Field<E>, A: Mat<E>): E[] {
  return A.map((row) => row.reduce((s, x) => field.add(s, x), field.zero));
}

/** Whether a = b entry by entry, in the field's own equality. */
export function vectorsEqual<E>(field: Field<E>, a: readonly E[], b: readonly E[]): boolean {
  return matEqual(field, [a], [b]);
}

/** The columns `indices` of A, in that order. */
export function selectColumns<E>(A: Mat<E>, indices: readonly number[]): E[][] {
  return A.map((row) => indices.map((j) => row[j]));
}

/** A rational constant num/den in the field (shorthand for the constructions' small constants). */
export function q<E>(field: Field<E>, num: number | bigint, den: number | bigint = 1): E {
  return field.fromRational(BigInt(num), BigInt(den));
}
