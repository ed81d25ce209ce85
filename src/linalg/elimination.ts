import { type Field, DivisionByZero } from "../field/field.ts";
import { type Mat, identity } from "./matrix.ts";

/**
 * Gaussian elimination over any `Field<E>` (Q, F_p, symbols, floats, dual numbers): the one
 * elimination behind every solve, inverse, rank, kernel and echelon form of the library
 * (ModPEchelon is the specialised incremental path for Jacobian ranks mod p; SVD-based
 * numerical ranks are in numerical-rank.ts). Matrices are arrays of rows.
 *
 * Pivoting: in each column, the remaining row with the largest `field.pivotWeight` (first
 * one on ties): partial pivoting by magnitude over floats and duals, any non-zero entry over
 * exact fields. Over exact fields nothing rounds, so ranks, kernels and solutions are exact.
 */

/** Reduced row echelon form of a copy of A: the rows, the pivot column of each pivot row, and the rank. */
export interface Echelon<E> {
  readonly rows: E[][];
  readonly pivots: number[];
  readonly rank: number;
}

interface EliminationOptions {
  /** Pivots are searched in columns 0..pivotColumns−1 only; further columns (right-hand sides) just follow. */
  readonly pivotColumns: number;
  /**
   * true: Gauss–Jordan (each pivot row divided by its pivot, the column cleared above and
   * below); false: forward elimination only (row echelon form, pivots kept), for back substitution.
   */
  readonly reduced: boolean;
  /** Throw DivisionByZero at the first column without a pivot instead of skipping it. */
  readonly requirePivots: boolean;
}

/**
 * Eliminates the rows `m` in place (rows are swapped, not copied) and returns the pivot
 * columns; pivot row i ends up at index i.
 */
function eliminate<E>(field: Field<E>, m: E[][], { pivotColumns, reduced, requirePivots }: EliminationOptions): number[] {
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < pivotColumns && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (field.pivotWeight(m[i][c]) > field.pivotWeight(m[best][c])) best = i;
    if (field.pivotWeight(m[best][c]) === 0) {
      if (requirePivots) throw new DivisionByZero(field.name);
      continue;
    }
    [m[r], m[best]] = [m[best], m[r]];
    const pivotRow = m[r];
    const pivot = pivotRow[c];
    const width = pivotRow.length;
    if (reduced) {
      for (let j = 0; j < width; j++) pivotRow[j] = field.div(pivotRow[j], pivot);
      for (let i = 0; i < m.length; i++) {
        if (i === r || field.isZero(m[i][c])) continue;
        const row = m[i];
        const factor = row[c];
        for (let j = 0; j < width; j++) row[j] = field.sub(row[j], field.mul(factor, pivotRow[j]));
      }
    } else {
      for (let i = r + 1; i < m.length; i++) {
        if (field.isZero(m[i][c])) continue;
        const row = m[i];
        const factor = field.div(row[c], pivot);
        for (let j = c; j < width; j++) row[j] = field.sub(row[j], field.mul(factor, pivotRow[j]));
      }
    }
    pivots.push(c);
    r++;
  }
  return pivots;
}

/** Copies of A's rows, each checked to have `columns` entries. */
function copyRows<E>(A: Mat<E>, columns: number, what: string): E[][] {
  return A.map((row) => {
    if (row.length !== columns) throw new RangeError(`${what}: row of length ${row.length}, expected ${columns}`);
    return row.slice();
  });
}

/** Gauss–Jordan elimination of a copy of A to reduced row echelon form. */
export function reducedEchelon<E>(field: Field<E>, A: Mat<E>, columns = A.length === 0 ? 0 : A[0].length): Echelon<E> {
  const rows = copyRows(A, columns, "reducedEchelon");
  const pivots = eliminate(field, rows, { pivotColumns: columns, reduced: true, requirePivots: false });
  return { rows, pivots, rank: pivots.length };
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

/**
 * Solves the square system A x = b by forward elimination and back substitution. Throws
 * DivisionByZero when A is singular in the field, RangeError when it is not square.
 */
export function solveSquare<E>(field: Field<E>, A: Mat<E>, b: readonly E[]): E[] {
  const n = A.length;
  if (b.length !== n) throw new RangeError(`solveSquare: ${n} rows but ${b.length} right-hand sides`);
  const m = copyRows(A, n, "solveSquare");
  m.forEach((row, i) => row.push(b[i]));
  eliminate(field, m, { pivotColumns: n, reduced: false, requirePivots: true });
  const x: E[] = new Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s = field.sub(s, field.mul(m[r][c], x[c]));
    x[r] = field.div(s, m[r][r]);
  }
  return x;
}

/** A⁻¹ by Gauss–Jordan elimination of [A | I]. Throws DivisionByZero when A is singular in the field. */
export function inverse<E>(field: Field<E>, A: Mat<E>): E[][] {
  const k = A.length;
  const I = identity(field, k);
  const m = copyRows(A, k, "inverse").map((row, i) => [...row, ...I[i]]);
  eliminate(field, m, { pivotColumns: k, reduced: true, requirePivots: true });
  return m.map((row) => row.slice(k));
}
