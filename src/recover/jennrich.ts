import type { Rng } from "../base/random.ts";
import { floatField as F } from "../field/float.ts";
import { eigen, pseudoInverse, svd } from "../linalg/float-matrix.ts";
import { matMul, matVec, transpose, zeros } from "../linalg/matrix.ts";

type Rows = number[][];

/**
 * The factors of a rank-k three-way array X[s][a][c] = Σ_m C[s][m]·A[a][m]·B[c][m].
 * Columns of A and B are scaled to sum to 1 (they are distributions in every use here);
 * C carries the scale. The order of the k terms is arbitrary.
 */
export interface CpFactors {
  /** d_s × k */
  readonly C: number[][];
  /** d_a × k, columns summing to 1 */
  readonly A: number[][];
  /** d_c × k, columns summing to 1 */
  readonly B: number[][];
  /** Smallest gap between the generalised eigenvalues, relative to their spread: near 0 means ill-posed. */
  readonly separation: number;
}

/** A decomposition that cannot be computed from the data (too few slices, rank too low, coinciding eigenvalues). */
export class RecoveryError extends Error {
  override readonly name = "RecoveryError";
}

/** Random slice combinations tried by default. */
const TRIES = 8;

/**
 * Jennrich's simultaneous diagonalisation (Harshman 1970; Leurgans, Ross & Abel 1993).
 * Slices X_w = Σ_s w_s X[s] = A diag(Cᵀw) Bᵀ. Projected onto the top-k singular subspaces U
 * (mode a) and V (mode c), Y_w = UᵀX_wV is k×k and invertible when A and B have full column
 * rank, and Y_w1 Y_w2⁻¹ = (UᵀA) diag(Cᵀw1 / Cᵀw2) (UᵀA)⁻¹: its eigenvectors are UᵀA up to
 * scale. w2 is the weight vector itself (a positive combination, so Cᵀw2 > 0 stays away from
 * zero); w1 is Gaussian, drawn `tries` times. With exact data every draw gives the same
 * factors; with noisy data they differ, so all draws with real, distinct eigenvalues are
 * returned, best separated first, for the caller to compare by fit. B follows from E⁻¹Y_w2
 * (rows ∝ columns of VᵀB), C from linear least squares.
 *
 * `weights[s]` ≥ 0 weighs slice s (0 drops it: an input never observed). Unique up to
 * relabelling when A, B have full column rank and C has no two proportional columns among the
 * weighted slices — the k-rank conditions behind Kruskal's theorem in docs/math.md §8.1.
 */
export function jennrich(
  X: readonly (readonly (readonly number[])[])[],
  k: number,
  weights: readonly number[],
  rng: Rng,
  tries = TRIES,
): CpFactors[] {
  const da = X[0].length;
  const dc = X[0][0].length;
  const used = weights.map((w, s) => (w > 0 ? s : -1)).filter((s) => s >= 0);
  if (used.length < 2) throw new RecoveryError(`only ${used.length} input value(s) observed; the decomposition needs at least 2`);
  if (k > da || k > dc) throw new RecoveryError(`rank ${k} exceeds the output dimension ${Math.min(da, dc)}`);
  const slice = (w: readonly number[]) => {
    const m = zeros(F, da, dc);
    for (const s of used) for (let a = 0; a < da; a++) for (let c = 0; c < dc; c++) m[a][c] += w[s] * X[s][a][c];
    return m;
  };
  const scaled = used.map((s) => X[s].map((row) => row.map((x) => x * Math.sqrt(weights[s]))));
  const U = topSingularVectors(hcat(scaled), k);
  const V = topSingularVectors(hcat(scaled.map(transpose)), k);
  const Ut = transpose(U);
  // Uᵀ X_w V.
  const project = (w: readonly number[]) => matMul(F, matMul(F, Ut, slice(w)), V);
  const Y2 = project(weights);
  const Y2inv = pseudoInverse(Y2);
  const found: { E: Rows; separation: number }[] = [];
  for (let t = 0; t < tries; t++) {
    const w1 = weights.map((w) => (w > 0 ? w * rng.normal() : 0));
    const M = matMul(F, project(w1), Y2inv);
    const { real: re, imaginary: im, vectors } = eigen(M);
    const spread = Math.max(...re) - Math.min(...re) || 1;
    let separation = Infinity;
    for (let i = 0; i < k; i++) {
      if (im[i] !== 0) separation = 0;
      for (let j = i + 1; j < k; j++) separation = Math.min(separation, Math.abs(re[i] - re[j]) / spread);
    }
    if (k === 1) separation = 1;
    if (separation > 0) found.push({ E: vectors, separation });
  }
  if (found.length === 0) {
    throw new RecoveryError("the slices have no separated real eigenvalues: the array is not of rank k with identifiable factors");
  }
  const candidates = found
    .sort((x, y) => y.separation - x.separation)
    .flatMap(({ E, separation }) => {
      try {
        const A = normaliseColumns(matMul(F, U, E));
        // E⁻¹ Y_w2 = diag(·) (VᵀB)ᵀ: each row is a scaled column of VᵀB.
        const B = normaliseColumns(matMul(F, V, transpose(matMul(F, pseudoInverse(E), Y2))));
        // C[s] by least squares against the rank-one terms a_m b_mᵀ: K[a·dc + c][m] = A[a][m]·B[c][m].
        const K = A.flatMap((rowA) => B.map((rowB) => rowA.map((x, m) => x * rowB[m])));
        const Kplus = pseudoInverse(K);
        const C = X.map((slab) => matVec(F, Kplus, slab.flat()));
        return [{ C, A, B, separation }];
      } catch (e) {
        if (e instanceof RecoveryError) return [];
        throw e;
      }
    });
  if (candidates.length === 0) throw new RecoveryError("every recovered factor had a column summing to zero: no distributions to read");
  return candidates;
}

/** The blocks side by side (all have the same number of rows). */
function hcat(blocks: readonly Rows[]): Rows {
  return blocks[0].map((_, i) => blocks.flatMap((b) => b[i]));
}

/** The top-k left singular vectors of a wide or tall matrix; refuses a numerical rank below k. */
function topSingularVectors(m: Rows, k: number): Rows {
  const { values: sigma, U } = svd(m, { left: true, wide: "transpose" });
  if (!(sigma[k - 1] > 1e-14 * sigma[0])) throw new RecoveryError(`the array has rank below ${k} (σ_${k}/σ_1 = ${(sigma[k - 1] / sigma[0]).toExponential(2)})`);
  return U.map((row) => row.slice(0, k));
}

function normaliseColumns(m: Rows): Rows {
  const totals = m[0].map((_, j) => m.reduce((t, row) => t + row[j], 0));
  if (totals.some((t) => t === 0)) throw new RecoveryError("a recovered factor column sums to zero and cannot be a distribution");
  return m.map((row) => row.map((x, j) => x / totals[j]));
}
