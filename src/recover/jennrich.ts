import { EigenvalueDecomposition, Matrix, SingularValueDecomposition, pseudoInverse } from "ml-matrix";
import type { Rng } from "../base/random.ts";

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
 * weighted slices — the k-rank conditions behind Kruskal's theorem in MATH §4.
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
    const m = Matrix.zeros(da, dc);
    for (const s of used) for (let a = 0; a < da; a++) for (let c = 0; c < dc; c++) m.set(a, c, m.get(a, c) + w[s] * X[s][a][c]);
    return m;
  };
  const scaled = used.map((s) => new Matrix(X[s] as number[][]).mul(Math.sqrt(weights[s])));
  const U = topSingularVectors(hcat(scaled), k);
  const V = topSingularVectors(hcat(scaled.map((m) => m.transpose())), k);
  const Y2 = U.transpose().mmul(slice(weights)).mmul(V);
  const Y2inv = pseudoInverse(Y2);
  const found: { E: Matrix; separation: number }[] = [];
  for (let t = 0; t < tries; t++) {
    const w1 = weights.map((w) => (w > 0 ? w * rng.normal() : 0));
    const M = U.transpose().mmul(slice(w1)).mmul(V).mmul(Y2inv);
    const evd = new EigenvalueDecomposition(M);
    const re = evd.realEigenvalues;
    const im = evd.imaginaryEigenvalues;
    const spread = Math.max(...re) - Math.min(...re) || 1;
    let separation = Infinity;
    for (let i = 0; i < k; i++) {
      if (im[i] !== 0) separation = 0;
      for (let j = i + 1; j < k; j++) separation = Math.min(separation, Math.abs(re[i] - re[j]) / spread);
    }
    if (k === 1) separation = 1;
    if (separation > 0) found.push({ E: evd.eigenvectorMatrix, separation });
  }
  if (found.length === 0) {
    throw new RecoveryError("the slices have no separated real eigenvalues: the array is not of rank k with identifiable factors");
  }
  const candidates = found
    .sort((x, y) => y.separation - x.separation)
    .flatMap(({ E, separation }) => {
      try {
        const A = normaliseColumns(U.mmul(E));
        // E⁻¹ Y_w2 = diag(·) (VᵀB)ᵀ: each row is a scaled column of VᵀB.
        const B = normaliseColumns(V.mmul(pseudoInverse(E).mmul(Y2).transpose()));
        // C[s] by least squares against the rank-one terms a_m b_mᵀ.
        const K = new Matrix(da * dc, k);
        for (let m = 0; m < k; m++) for (let a = 0; a < da; a++) for (let c = 0; c < dc; c++) K.set(a * dc + c, m, A.get(a, m) * B.get(c, m));
        const Kplus = pseudoInverse(K);
        const C = X.map((slab) => Kplus.mmul(Matrix.columnVector(slab.flat())).getColumn(0));
        return [{ C, A: A.to2DArray(), B: B.to2DArray(), separation }];
      } catch (e) {
        if (e instanceof RecoveryError) return [];
        throw e;
      }
    });
  if (candidates.length === 0) throw new RecoveryError("every recovered factor had a column summing to zero: no distributions to read");
  return candidates;
}

function hcat(blocks: readonly Matrix[]): Matrix {
  const rows = blocks[0].rows;
  const out = new Matrix(rows, blocks.reduce((n, b) => n + b.columns, 0));
  let at = 0;
  for (const b of blocks) {
    out.setSubMatrix(b, 0, at);
    at += b.columns;
  }
  return out;
}

/** The top-k left singular vectors of a wide or tall matrix; refuses a numerical rank below k. */
function topSingularVectors(m: Matrix, k: number): Matrix {
  const svd = new SingularValueDecomposition(m, { autoTranspose: true, computeRightSingularVectors: false });
  const sigma = svd.diagonal;
  if (!(sigma[k - 1] > 1e-14 * sigma[0])) throw new RecoveryError(`the array has rank below ${k} (σ_${k}/σ_1 = ${(sigma[k - 1] / sigma[0]).toExponential(2)})`);
  return svd.leftSingularVectors.subMatrix(0, m.rows - 1, 0, k - 1);
}

function normaliseColumns(m: Matrix): Matrix {
  const out = m.clone();
  for (let j = 0; j < m.columns; j++) {
    const total = m.getColumn(j).reduce((a, b) => a + b, 0);
    if (total === 0) throw new RecoveryError("a recovered factor column sums to zero and cannot be a distribution");
    for (let i = 0; i < m.rows; i++) out.set(i, j, m.get(i, j) / total);
  }
  return out;
}
