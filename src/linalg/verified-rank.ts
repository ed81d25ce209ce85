import { magnitude, midpoint, nextUp, roundDown, roundUp } from "../field/interval.ts";
import { solve } from "./float-matrix.ts";

/** One row of an interval matrix: entry j is [lo[j], hi[j]]. */
export interface IntervalRow {
  readonly lo: ArrayLike<number>;
  readonly hi: ArrayLike<number>;
}

/** A rigorous answer to "does every matrix in this interval matrix have full column rank?". */
export interface FullRankVerification {
  readonly verified: boolean;
  /**
   * An upper bound on ‖I − R·B‖∞ over the whole box, B = Pᵀ J D (n × n), R ≈ B⁻¹; below 1
   * proves B, hence J, of full column rank. Infinity when it could not be formed.
   */
  readonly normBound: number;
  /** The widest entry of J relative to its magnitude: how much the enclosure lost. */
  readonly widestRelativeWidth: number;
  readonly reason: string;
}

/**
 * Verifies that an m × n interval matrix J has full column rank n, for every real matrix in
 * it, by a standard argument: for any float matrices P (m × n) and R (n × n) and positive
 * diagonal D, if ‖I − R·Pᵀ J D‖ < 1 then R·PᵀJD is invertible, so JD and J have full column
 * rank (Jv = 0 ⇒ R PᵀJD(D⁻¹v) = 0). P, D and R are chosen in floats from J's midpoint only
 * to make the bound small: D from the column norms, R the inverse of the midpoint of PᵀJD,
 * and P a selection of n rows (LU with partial pivoting on the scaled midpoint). Projecting
 * on the first n left singular vectors instead never verified a box that the selected rows
 * could not, on the Gaussian trials of the tests and the claims catalogue: interval widths
 * add up under any projection, so it is not tried.
 * The bound itself is computed in interval arithmetic (every product and sum rounded
 * outward, as in field/interval.ts).
 */
export function verifyFullColumnRank(J: readonly IntervalRow[], n: number): FullRankVerification {
  const m = J.length;
  let widest = 0;
  for (const row of J) for (let j = 0; j < n; j++) widest = Math.max(widest, relativeWidth(row.lo[j], row.hi[j]));
  const fail = (reason: string, normBound = Infinity): FullRankVerification => ({ verified: false, normBound, widestRelativeWidth: widest, reason });
  if (m < n) return fail(`${m} rows cannot have rank ${n}`);
  const mid = J.map(midpointRow(n));
  if (!mid.every((row) => row.every(Number.isFinite))) return fail("the enclosure of J has an infinite or undefined entry");
  const scale = columnScale(mid, n);
  const JD = J.map((row) => scaleColumns(row, scale, n));
  // Partial pivoting picks the same rows whatever the column scale, so the midpoint will do.
  const selected = pivotRows(mid, n);
  const bound = selected === null ? Infinity : residualBound(selected.map((r) => JD[r]), n);
  return bound < 1
    ? { verified: true, normBound: bound, widestRelativeWidth: widest, reason: `‖I − R·PᵀJD‖∞ ≤ ${bound.toPrecision(3)} < 1 over the whole enclosure of J` }
    : fail(
        Number.isFinite(bound)
          ? `‖I − R·PᵀJD‖∞ ≤ ${bound.toPrecision(3)} is not below 1: the enclosure is too wide or J is (nearly) rank-deficient`
          : "no n × n block of J is invertible in floats",
        bound,
      );
}

/** ‖I − R·B‖∞ bounded over the box, R the float inverse of B's midpoint; Infinity when that is singular. */
function residualBound(B: readonly IntervalRow[], n: number): number {
  let R: number[][];
  try {
    R = solve(B.map(midpointRow(n)), identityRows(n));
  } catch {
    return Infinity;
  }
  // An infinite or NaN entry of R makes the bound NaN or Infinity, reported as Infinity.
  return residualNormBound(R, B, n);
}

/**
 * n rows of a float m × n matrix chosen by Gaussian elimination with partial pivoting (the
 * row of largest remaining entry in each column), or null when a column has no pivot.
 */
export function pivotRows(A: readonly ArrayLike<number>[], n: number): number[] | null {
  const work = A.map((row) => Float64Array.from(row));
  const order = work.map((_, i) => i);
  for (let j = 0; j < n; j++) {
    let best = j;
    for (let r = j + 1; r < work.length; r++) if (Math.abs(work[r][j]) > Math.abs(work[best][j])) best = r;
    if (work[best][j] === 0) return null;
    [work[j], work[best]] = [work[best], work[j]];
    [order[j], order[best]] = [order[best], order[j]];
    const pivot = work[j];
    for (let r = j + 1; r < work.length; r++) {
      const row = work[r];
      const f = row[j] / pivot[j];
      if (f === 0) continue;
      for (let c = j; c < n; c++) row[c] -= f * pivot[c];
    }
  }
  return order.slice(0, n);
}

/** (lo, hi) += c · x entrywise, for a float c and an interval row x, rounded outward. */
export function accumulate(lo: Float64Array, hi: Float64Array, c: number, x: IntervalRow, n: number): void {
  if (c === 0) return;
  for (let j = 0; j < n; j++) {
    const a = c * x.lo[j];
    const b = c * x.hi[j];
    lo[j] = roundDown(lo[j] + roundDown(Math.min(a, b)));
    hi[j] = roundUp(hi[j] + roundUp(Math.max(a, b)));
  }
}

/** An upper bound on max_i Σ_j |(I − R B)_ij| over every B in the box (rounded up at each step). */
function residualNormBound(R: readonly (readonly number[])[], B: readonly IntervalRow[], n: number): number {
  let worst = 0;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Row i of −R·B, then + e_i.
    lo.fill(0);
    hi.fill(0);
    for (let l = 0; l < n; l++) accumulate(lo, hi, -R[i][l], B[l], n);
    lo[i] = roundDown(lo[i] + 1);
    hi[i] = roundUp(hi[i] + 1);
    let rowSum = 0;
    for (let j = 0; j < n; j++) rowSum = nextUp(rowSum + magnitude({ lo: lo[j], hi: hi[j] }));
    worst = Math.max(worst, rowSum);
  }
  return Number.isNaN(worst) ? Infinity : worst;
}

/** Row × diag(scale), rounded outward (scale is a positive float). */
function scaleColumns(row: IntervalRow, scale: readonly number[], n: number): IntervalRow {
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    lo[j] = roundDown(row.lo[j] * scale[j]);
    hi[j] = roundUp(row.hi[j] * scale[j]);
  }
  return { lo, hi };
}

/**
 * 1 / (Euclidean norm of each midpoint column), or 1 where that is not a positive double (a
 * zero or subnormal column, a norm that overflows): any positive D is valid.
 */
function columnScale(mid: readonly (readonly number[])[], n: number): number[] {
  return Array.from({ length: n }, (_, j) => {
    let norm = 0;
    for (const row of mid) norm = Math.hypot(norm, row[j]);
    const inverse = 1 / norm;
    return inverse > 0 && Number.isFinite(inverse) ? inverse : 1;
  });
}

function midpointRow(n: number): (row: IntervalRow) => number[] {
  return (row) => Array.from({ length: n }, (_, j) => midpoint({ lo: row.lo[j], hi: row.hi[j] }));
}

function relativeWidth(lo: number, hi: number): number {
  const size = Math.max(Math.abs(lo), Math.abs(hi));
  return size === 0 ? 0 : (hi - lo) / size;
}

function identityRows(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
