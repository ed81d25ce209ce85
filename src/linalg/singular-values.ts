/**
 * Singular values only (no vectors) of an m×n float matrix, m ≥ n: Householder
 * bidiagonalisation on a column-major Float64Array (~4mn² − 4n³/3 flops, every inner loop
 * contiguous), then the bidiagonal's values by bisection on its Golub–Kahan form.
 *
 * Why not ml-matrix: its SVD walks arrays of arrays across rows, ~4 s for 736×736 without
 * vectors on the 2-core machine; this runs the same size in a fraction of that. Accuracy:
 * both steps are backward stable, so each σ is exact to O(max(m, n)·eps·σ_1), the order
 * of the noise floor `numericalRank` already allows.
 */
export function singularValuesOnly(rows: readonly ArrayLike<number>[], n: number): number[] {
  const m = rows.length;
  if (m < n) throw new RangeError(`singularValuesOnly: ${m} rows < ${n} columns (pad first)`);
  let largest = 0;
  for (const row of rows) for (let j = 0; j < n; j++) largest = Math.max(largest, Math.abs(row[j]!));
  if (largest === 0) return new Array<number>(n).fill(0);
  // At unit scale a norm can only underflow for entries below ~1e-140 of the largest, which
  // are then dropped (UNDERFLOW): far below any noise floor.
  const a = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = rows[i]!;
    for (let j = 0; j < n; j++) a[j * m + i] = row[j]! / largest;
  }
  const { diagonal, superdiagonal } = bidiagonalise(a, m, n);
  return bidiagonalValues(diagonal, superdiagonal).map((x) => x * largest);
}

/** Squared norms at or below this (at unit scale) count as zero: a reflector built on them would overflow. */
const UNDERFLOW = 1e-280;
/** Singular values below this share of the largest entry are reported as 0 (bisection would only halve towards 0). */
const NEGLIGIBLE = 1e-19;

/** Householder from the left on column k, then from the right on row k; returns the bidiagonal. */
function bidiagonalise(a: Float64Array, m: number, n: number): { diagonal: Float64Array; superdiagonal: Float64Array } {
  const diagonal = new Float64Array(n);
  const superdiagonal = new Float64Array(Math.max(n - 1, 0));
  const t = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    // Left reflector I − τvvᵀ zeroing a[k+1.., k]; v stored in place (v_k implicit).
    const ck = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += a[ck + i]! * a[ck + i]!;
    if (norm2 > UNDERFLOW) {
      const alpha = a[ck + k]!;
      const beta = alpha >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
      a[ck + k] = alpha - beta; // v_k
      const tau = 1 / (beta * (beta - alpha)); // 2/(vᵀv) with vᵀv = 2β(β − α)
      for (let j = k + 1; j < n; j++) {
        const cj = j * m;
        let s = 0;
        for (let i = k; i < m; i++) s += a[ck + i]! * a[cj + i]!;
        const f = s * tau;
        for (let i = k; i < m; i++) a[cj + i] = a[cj + i]! - f * a[ck + i]!;
      }
      diagonal[k] = beta;
    } else {
      diagonal[k] = 0;
    }
    if (k >= n - 1) continue;
    // Right reflector on row k, columns k+1..n−1: w = row k there.
    let w2 = 0;
    for (let j = k + 1; j < n; j++) w2 += a[j * m + k]! * a[j * m + k]!;
    if (w2 <= UNDERFLOW) {
      superdiagonal[k] = 0;
      continue;
    }
    const alpha = a[(k + 1) * m + k]!;
    const beta = alpha >= 0 ? -Math.sqrt(w2) : Math.sqrt(w2);
    a[(k + 1) * m + k] = alpha - beta;
    const tau = 1 / (beta * (beta - alpha));
    // Rows i > k: t = A w, then A −= τ t wᵀ, both column by column.
    t.fill(0, k + 1, m);
    for (let j = k + 1; j < n; j++) {
      const wj = a[j * m + k]!;
      if (wj === 0) continue;
      const cj = j * m;
      for (let i = k + 1; i < m; i++) t[i] = t[i]! + wj * a[cj + i]!;
    }
    for (let j = k + 1; j < n; j++) {
      const f = tau * a[j * m + k]!;
      if (f === 0) continue;
      const cj = j * m;
      for (let i = k + 1; i < m; i++) a[cj + i] = a[cj + i]! - f * t[i]!;
    }
    superdiagonal[k] = beta;
  }
  return { diagonal, superdiagonal };
}

/**
 * Singular values of the upper bidiagonal (d, e), descending: the non-negative eigenvalues
 * of its Golub–Kahan form, the 2n×2n tridiagonal with zero diagonal and off-diagonal
 * d_1, e_1, d_2, …, d_n, found one by one by bisection on Sturm counts.
 */
function bidiagonalValues(d: Float64Array, e: Float64Array): number[] {
  const n = d.length;
  const off = new Float64Array(2 * n - 1);
  for (let i = 0; i < n; i++) {
    off[2 * i] = d[i]!;
    if (i < n - 1) off[2 * i + 1] = e[i]!;
  }
  // Work at unit scale so the squares in the Sturm counts neither overflow nor underflow
  // (an entry below ~1e-154 of the largest then counts as 0: far below any noise floor).
  const largest = off.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  if (largest === 0) return new Array<number>(n).fill(0);
  const squares = off.map((x) => (x / largest) ** 2);
  const bound = 2;
  const tiny = Number.MIN_VALUE * 2 ** 60;
  // Eigenvalues below x of the zero-diagonal tridiagonal (Sturm sequence of its LDLᵀ pivots).
  // A zero pivot is taken as −tiny both in the count and in the next division (LAPACK's
  // convention); counting it as non-negative but dividing by −tiny lost one eigenvalue
  // whenever a bisection midpoint hit a pivot exactly (σ₂ of [[−0.5, 0.25], [1, 2]] came out doubled).
  const below = (x: number): number => {
    let count = 0;
    let q = -x;
    for (let i = 0; i < 2 * n; i++) {
      if (i > 0) q = -x - squares[i - 1]! / q;
      if (q === 0) q = -tiny;
      if (q < 0) count++;
    }
    return count;
  };
  const values: number[] = [];
  // σ_r (descending) is the eigenvalue with 2n − r eigenvalues below it.
  let hi = bound;
  for (let r = 1; r <= n; r++) {
    let lo = 0;
    let top = hi;
    const target = 2 * n - r;
    for (let it = 0; it < 200 && top >= NEGLIGIBLE && top - lo > 2 * Number.EPSILON * top; it++) {
      const mid = 0.5 * (lo + top);
      if (mid === lo || mid === top) break;
      if (below(mid) > target) top = mid;
      else lo = mid;
    }
    values.push(top < NEGLIGIBLE ? 0 : 0.5 * (lo + top) * largest);
    hi = top;
  }
  return values;
}
