import { type Field, DivisionByZero } from "../field/field.ts";

/**
 * Small dense matrix helpers over any field (Q, F_p, symbols, floats, dual numbers): the
 * one home of identity, transpose, products and sums, used by the constructions of MATH §5,
 * the closed forms, the chart and the global checks (whose eliminations, ranks and kernels
 * are in global/field-linear.ts). Matrices are arrays of rows; nothing here rounds, so over
 * the rationals every identity is exact.
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

/**
 * A⁻¹ by Gauss–Jordan elimination, pivoting on the largest `pivotWeight` (any non-zero
 * entry for exact fields). Throws DivisionByZero when A is singular in the field.
 */
export function inverse<E>(field: Field<E>, A: Mat<E>): E[][] {
  const k = A.length;
  const m = A.map((row, i) => [...row, ...identity(field, k)[i]]);
  for (let col = 0; col < k; col++) {
    let best = col;
    for (let r = col + 1; r < k; r++) if (field.pivotWeight(m[r][col]) > field.pivotWeight(m[best][col])) best = r;
    if (field.pivotWeight(m[best][col]) === 0) throw new DivisionByZero(field.name);
    [m[col], m[best]] = [m[best], m[col]];
    const pivot = m[col][col];
    for (let c = 0; c < 2 * k; c++) m[col][c] = field.div(m[col][c], pivot);
    for (let r = 0; r < k; r++) {
      if (r === col || field.isZero(m[r][col])) continue;
      const factor = m[r][col];
      for (let c = 0; c < 2 * k; c++) m[r][c] = field.sub(m[r][c], field.mul(factor, m[col][c]));
    }
  }
  return m.map((row) => row.slice(k));
}

/** A rational constant num/den in the field (shorthand for the constructions' small constants). */
export function q<E>(field: Field<E>, num: number | bigint, den: number | bigint = 1): E {
  return field.fromRational(BigInt(num), BigInt(den));
}
