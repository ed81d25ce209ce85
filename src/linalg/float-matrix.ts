import { createRequire } from "node:module";
import type * as MlMatrix from "ml-matrix";
import type { Matrix } from "ml-matrix";

/**
 * ml-matrix, loaded on first use through its CommonJS build: its import is ~60 ms of a
 * ~170 ms `check` start-up, and a discrete check whose proof is corroborated by
 * singular-values.ts never needs it.
 */
let library: typeof MlMatrix | null = null;
function ml(): typeof MlMatrix {
  library ??= createRequire(import.meta.url)("ml-matrix") as typeof MlMatrix;
  return library;
}

/**
 * The float decompositions of the library (SVD, QR, eigen-decomposition, pseudo-inverse,
 * LU/QR solves), on plain float matrices: arrays of rows, as everywhere else in maskid. This
 * is the one file that talks to ml-matrix; everything here is a thin, exact translation (the
 * numbers are ml-matrix's own, only copied in and out). Exact-field elimination is in
 * elimination.ts, products and sums in matrix.ts (with `floatField`).
 */

/** A float matrix given as rows; Float64Array rows (Jacobian rows) are accepted as they are. */
export type FloatRows = readonly ArrayLike<number>[];

function toMatrix(A: FloatRows, rows = A.length, columns = A.length === 0 ? 0 : A[0].length): Matrix {
  const m = new (ml().Matrix)(rows, columns);
  A.forEach((row, i) => {
    if (row.length !== columns) throw new RangeError(`float matrix: row ${i} has length ${row.length}, expected ${columns}`);
    for (let j = 0; j < columns; j++) m.set(i, j, row[j]);
  });
  return m;
}

/** Column j of A (arrays of rows). */
export function column(A: readonly (readonly number[])[], j: number): number[] {
  return A.map((row) => row[j]);
}

/** A = U diag(values) Vᵀ. U and V are arrays of rows; their column i goes with values[i]. */
export interface SingularValues {
  /** Descending and non-negative. */
  readonly values: number[];
  /** Left singular vectors as columns (empty when not asked for). */
  readonly U: number[][];
  /** Right singular vectors as columns (empty when not asked for). */
  readonly V: number[][];
}

export interface SvdOptions {
  /** Compute U (default false). */
  readonly left?: boolean;
  /** Compute V (default false). */
  readonly right?: boolean;
  /**
   * How a wide matrix (fewer rows than columns) is handled: "pad" (default) appends zero
   * rows, which change neither the singular values nor V (U then has `columns` rows);
   * "transpose" decomposes Aᵀ and swaps U and V.
   */
  readonly wide?: "pad" | "transpose";
}

/** The singular value decomposition of a non-empty float matrix (Golub–Kahan, ml-matrix). */
export function svd(A: FloatRows, options: SvdOptions = {}): SingularValues {
  const { left = false, right = false, wide = "pad" } = options;
  const columns = A.length === 0 ? 0 : A[0].length;
  const padded = wide === "pad" ? Math.max(A.length, columns) : A.length;
  const decomposition = new (ml().SingularValueDecomposition)(toMatrix(A, padded, columns), {
    computeLeftSingularVectors: left,
    computeRightSingularVectors: right,
    autoTranspose: wide === "transpose",
  });
  // ml-matrix returns them sorted and non-negative; enforce it anyway, carrying the vectors.
  const sigma = decomposition.diagonal.map(Math.abs);
  const order = sigma.map((_, i) => i).sort((a, b) => sigma[b] - sigma[a]);
  const sorted = order.every((i, at) => i === at);
  const vectors = (M: Matrix) => {
    const rows = M.to2DArray();
    return sorted ? rows : rows.map((row) => order.map((i) => row[i]));
  };
  return {
    values: order.map((i) => sigma[i]),
    U: left ? vectors(decomposition.leftSingularVectors) : [],
    V: right ? vectors(decomposition.rightSingularVectors) : [],
  };
}

/** The min(rows, columns) singular values of A, descending. */
export function singularValues(A: FloatRows): number[] {
  return svd(A, { wide: "transpose" }).values;
}

/** A = Q R with Q orthogonal (rows × rows) and R upper triangular (rows × columns), by Householder reflections. */
export function qr(A: FloatRows): { Q: number[][]; R: number[][] } {
  const decomposition = new (ml().QrDecomposition)(toMatrix(A));
  return { Q: decomposition.orthogonalMatrix.to2DArray(), R: decomposition.upperTriangularMatrix.to2DArray() };
}

/**
 * X with A X = B: by LU with partial pivoting when A is square (throws when A is singular),
 * by QR least squares otherwise.
 */
export function solve(A: FloatRows, B: FloatRows): number[][] {
  return ml().solve(toMatrix(A), toMatrix(B)).to2DArray();
}

/** The Moore–Penrose pseudo-inverse A⁺ by SVD (singular values below max(m, n)·eps·σ_1 dropped). */
export function pseudoInverse(A: FloatRows): number[][] {
  return ml().pseudoInverse(toMatrix(A)).to2DArray();
}

/** Eigenvalues (real and imaginary parts) and eigenvectors (columns of `vectors`) of a square matrix. */
export function eigen(A: FloatRows): { real: number[]; imaginary: number[]; vectors: number[][] } {
  const decomposition = new (ml().EigenvalueDecomposition)(toMatrix(A));
  return {
    real: decomposition.realEigenvalues,
    imaginary: decomposition.imaginaryEigenvalues,
    vectors: decomposition.eigenvectorMatrix.to2DArray(),
  };
}
