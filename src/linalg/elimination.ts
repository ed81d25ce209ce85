import { type Field, DivisionByZero } from "../field/field.ts";
import { type Mat, identity, matMul } from "./matrix.ts";

/**
 * Small dense linear algebra over any `Field<E>` (Q, F_p, floats), for the global
 * identifiability checks: elimination, ranks, kernels and solves, on top of the products
 * and sums of field/matrix.ts. Matrices are arrays of rows. Over exact fields nothing rounds,
 * so a rank or kernel computed here is exact; over floats these are plain Gaussian
 * elimination with partial pivoting by `pivotWeight` (use the SVD-based code for
 * numerical ranks instead).
 */

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

export function rowSums<E>(field: Field<E>, A: Mat<E>): E[] {
  return A.map((row) => row.reduce((s, x) => field.add(s, x), field.zero));
}

export function vectorsEqual<E>(field: Field<E>, a: readonly E[], b: readonly E[]): boolean {
  return a.length === b.length && a.every((x, i) => field.isZero(field.sub(x, b[i])));
}

/** The columns `indices` of A, in that order. */
export function selectColumns<E>(A: Mat<E>, indices: readonly number[]): E[][] {
  return A.map((row) => indices.map((j) => row[j]));
}

/** Reduced row echelon form of a copy of A: the rows, the pivot column of each pivot row, and the rank. */
export interface Echelon<E> {
  readonly rows: E[][];
  readonly pivots: number[];
  readonly rank: number;
}

/**
 * Gauss–Jordan elimination to reduced row echelon form, choosing in each column the
 * remaining row with the largest `pivotWeight` (any non-zero entry over exact fields,
 * the largest magnitude over floats).
 */
export function reducedEchelon<E>(field: Field<E>, A: Mat<E>, columns = A.length === 0 ? 0 : A[0].length): Echelon<E> {
  const m = A.map((row) => {
    if (row.length !== columns) throw new RangeError(`reducedEchelon: row of length ${row.length}, expected ${columns}`);
    return row.slice();
  });
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (field.pivotWeight(m[i][c]) > field.pivotWeight(m[best][c])) best = i;
    if (field.pivotWeight(m[best][c]) === 0) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const inv = field.div(field.one, m[r][c]);
    m[r] = m[r].map((x) => field.mul(x, inv));
    for (let i = 0; i < m.length; i++) {
      if (i === r || field.isZero(m[i][c])) continue;
      const f = m[i][c];
      m[i] = m[i].map((x, j) => field.sub(x, field.mul(f, m[r][j])));
    }
    pivots.push(c);
    r++;
  }
  return { rows: m, pivots, rank: pivots.length };
}

/** The rank of A (exact over Q and F_p). */
export function fieldRank<E>(field: Field<E>, A: Mat<E>, columns?: number): number {
  return reducedEchelon(field, A, columns).rank;
}

/**
 * A basis of the right kernel { x : A x = 0 }: `columns − rank` vectors, vector i having
 * a 1 in the i-th free (non-pivot) column and 0 in the other free columns.
 */
export function kernel<E>(field: Field<E>, A: Mat<E>, columns: number): E[][] {
  const { rows, pivots } = reducedEchelon(field, A, columns);
  const isPivot = new Array<boolean>(columns).fill(false);
  for (const c of pivots) isPivot[c] = true;
  const basis: E[][] = [];
  for (let free = 0; free < columns; free++) {
    if (isPivot[free]) continue;
    const v = new Array<E>(columns).fill(field.zero);
    v[free] = field.one;
    pivots.forEach((c, i) => (v[c] = field.neg(rows[i][free])));
    basis.push(v);
  }
  return basis;
}

/**
 * The unique X with A X = Y, for A (m×k) of full column rank k: null when rank A < k or
 * when the system is inconsistent (Y's columns not in A's column space).
 */
export function solveFullColumnRank<E>(field: Field<E>, A: Mat<E>, Y: Mat<E>): E[][] | null {
  const k = A.length === 0 ? 0 : A[0].length;
  const c = Y.length === 0 ? 0 : Y[0].length;
  const augmented = A.map((row, i) => [...row, ...Y[i]]);
  const { rows, pivots } = reducedEchelon(field, augmented, k + c);
  // Full column rank: the first k pivots are columns 0..k−1; consistency: no pivot beyond.
  if (pivots.length !== k || pivots.some((p, i) => p !== i)) return null;
  return rows.slice(0, k).map((row) => row.slice(k));
}

/** Solves a square system A x = b; throws DivisionByZero when A is singular in the field. */
export function solveSquare<E>(field: Field<E>, A: Mat<E>, b: readonly E[]): E[] {
  const X = solveFullColumnRank(field, A, b.map((x) => [x]));
  if (X === null || A.length !== (A[0]?.length ?? 0)) throw new DivisionByZero(field.name);
  return X.map((row) => row[0]);
}
