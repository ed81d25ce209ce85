import type { Field } from "../field/field.ts";
import { type Mat, selectColumns } from "../linalg/matrix.ts";
import { fieldRank } from "../linalg/elimination.ts";
import { singularValues } from "../linalg/float-matrix.ts";

/**
 * Kruskal rank (docs/math.md §8.1): the largest r such that EVERY set of r columns of a matrix is
 * linearly independent. It is at most min(rows, columns); a zero column gives 0, two
 * proportional columns give at most 1. "Every r columns independent" implies the same for
 * r − 1, so the rank is found by testing r = 1, 2, … and stopping at the first r with a
 * dependent r-subset. Cost: at most 2^k subset ranks (k = columns), fine for k ≤ 8.
 */

/** Column subsets of size r of 0..k−1, in lexicographic order. */
export function* columnSubsets(k: number, r: number): Generator<number[]> {
  if (r > k || r < 0) return;
  const s = Array.from({ length: r }, (_, i) => i);
  while (true) {
    yield s.slice();
    let i = r - 1;
    while (i >= 0 && s[i] === k - r + i) i--;
    if (i < 0) return;
    s[i]++;
    for (let j = i + 1; j < r; j++) s[j] = s[j - 1] + 1;
  }
}

/** The Kruskal rank computed exactly over an exact field (Q, F_p). */
export interface ExactKruskalRank {
  readonly rank: number;
  readonly rows: number;
  readonly columns: number;
  /**
   * A dependent set of rank + 1 columns (0-based), the first one found; null when
   * rank = columns (every subset is independent) or when rank = rows < columns (then every
   * rows + 1 columns are dependent for dimension reasons alone).
   */
  readonly dependentSubset: number[] | null;
  /** Column subsets whose rank was computed. */
  readonly subsetsChecked: number;
}

/**
 * Exact Kruskal rank of A (rows × columns) over `field`, by the rank (Gaussian
 * elimination, field-generic) of every column subset of increasing size. Over Q or F_p
 * the result is exact; a subset of r columns counted independent has a non-zero r×r minor.
 */
export function kruskalRankExact<E>(field: Field<E>, A: Mat<E>): ExactKruskalRank {
  const rows = A.length;
  const columns = rows === 0 ? 0 : A[0].length;
  let checked = 0;
  const top = Math.min(rows, columns);
  for (let r = 1; r <= top; r++) {
    for (const subset of columnSubsets(columns, r)) {
      checked++;
      if (fieldRank(field, selectColumns(A, subset), r) < r) {
        return { rank: r - 1, rows, columns, dependentSubset: subset, subsetsChecked: checked };
      }
    }
  }
  return { rank: top, rows, columns, dependentSubset: null, subsetsChecked: checked };
}

/** Default relative tolerance of the numerical Kruskal rank: σ_min(subset) ≥ tol · σ_1(A). */
export const DEFAULT_KRUSKAL_TOLERANCE = 1e-9;

/** A column subset with the smallest singular value of the submatrix it selects. */
export interface SubsetSigma {
  /** 0-based column indices. */
  readonly subset: number[];
  /** σ_min of the selected rows × |subset| submatrix. */
  readonly sigmaMin: number;
  /** sigmaMin / σ_1(A). */
  readonly relative: number;
}

/** The Kruskal rank of a float matrix, with the subsets that decide it. */
export interface NumericalKruskalRank {
  readonly rank: number;
  readonly rows: number;
  readonly columns: number;
  /** σ_1 of the whole matrix: the scale tolerances are relative to. */
  readonly largestSingularValue: number;
  readonly relativeTolerance: number;
  /**
   * Among the subsets of size `rank` (all counted independent), the one with the
   * smallest σ_min: how close the rank is to dropping. Null when rank = 0.
   */
  readonly weakestIndependent: SubsetSigma | null;
  /**
   * Among the subsets of size rank + 1, the first whose σ_min fell below the tolerance
   * (not necessarily the smallest: the scan stops there). Null when rank = min(rows,
   * columns): no subset of size rank + 1 can be independent, or there is none.
   */
  readonly firstDependent: SubsetSigma | null;
}

/**
 * Numerical Kruskal rank of a float matrix: the largest r such that every r-column
 * submatrix has σ_min ≥ relativeTolerance · σ_1(A). σ_min over r-subsets is
 * non-increasing in r (interlacing: adding a column cannot raise σ_min), so r is scanned
 * upward and the scan stops at the first failing subset. Evidence, not proof: exact
 * Kruskal ranks come from `kruskalRankExact`.
 */
export function kruskalRankNumerical(A: Mat<number>, options: { relativeTolerance?: number } = {}): NumericalKruskalRank {
  const tol = options.relativeTolerance ?? DEFAULT_KRUSKAL_TOLERANCE;
  const rows = A.length;
  const columns = rows === 0 ? 0 : A[0].length;
  for (const row of A) {
    for (const x of row) if (!Number.isFinite(x)) throw new RangeError(`kruskalRankNumerical: entry ${x}`);
  }
  const sigma1 = rows === 0 || columns === 0 ? 0 : singularValues(A)[0] ?? 0;
  const top = Math.min(rows, columns);
  let weakest: SubsetSigma | null = null;
  if (sigma1 === 0) {
    return { rank: 0, rows, columns, largestSingularValue: 0, relativeTolerance: tol, weakestIndependent: null, firstDependent: null };
  }
  for (let r = 1; r <= top; r++) {
    let weakestAtR: SubsetSigma | null = null;
    for (const subset of columnSubsets(columns, r)) {
      const s = singularValues(selectColumns(A, subset));
      const sigmaMin = s[r - 1] ?? 0;
      const entry = { subset, sigmaMin, relative: sigmaMin / sigma1 };
      if (entry.relative < tol) {
        return { rank: r - 1, rows, columns, largestSingularValue: sigma1, relativeTolerance: tol, weakestIndependent: weakest, firstDependent: entry };
      }
      if (weakestAtR === null || sigmaMin < weakestAtR.sigmaMin) weakestAtR = entry;
    }
    weakest = weakestAtR;
  }
  return { rank: top, rows, columns, largestSingularValue: sigma1, relativeTolerance: tol, weakestIndependent: weakest, firstDependent: null };
}
