import type { Deadline } from "../base/budget.ts";
import { floatField } from "../field/float.ts";
import type { FloatPoint } from "../model/random-point.ts";
import { type EntryRef, type ModelSpec, type Parameters, entryName, freeCoordinates, parameterCount } from "../model/spec.ts";
import { informativeDesign } from "../predictor/design.ts";
import type { GaussianDesign } from "../predictor/summary.ts";
import { type Rng, shuffle } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import { type Jacobian, jacobianAt } from "./jacobian.ts";
import { type NumericalRank, numericalRank } from "../linalg/numerical-rank.ts";
import { MIXING_LIMIT, type Mixing, mixing } from "./mixing.ts";
import type { FiberDirections, FloatRankEvidence } from "./result.ts";

/** A summary with more rows than this many times n is first analysed on a random row subset. */
export const SUBSET_TRIGGER = 6;
/** Rows in that subset, as a multiple of n. */
const SUBSET_FACTOR = 3;
/** Singular values shown on each side of the cut. */
const SHOWN_AROUND_CUT = 2;
/**
 * Column norms below this share of the largest are scaled as if they were this share: a
 * column that is zero in exact arithmetic but holds rounding noise (~1e-16 of the largest)
 * must stay negligible, not be blown up to unit norm and fake a full rank.
 */
export const COLUMN_NORM_FLOOR = 1e-10;

export interface FloatTrial {
  readonly evidence: FloatRankEvidence;
  readonly rank: NumericalRank;
  /**
   * The Jacobian whose rank was taken: for Gaussian emissions in units of σ (coordinates
   * M/σ), and with every column (and every entry gradient) multiplied by the same column
   * scale, so that `rank.nullSpace` and `entryGradient` live in the same coordinates.
   */
  readonly jacobian: Jacobian;
  /** That column scale D (J·D is `jacobian`), so that other functions' gradients can be compared with J's rows. */
  readonly columnScale: Float64Array;
  readonly designPoints: number | null;
  /** Where J was taken (σ units for Gaussian emissions) and which rows were used: what a verification repeats. */
  readonly at: { readonly spec: ModelSpec; readonly theta: readonly number[]; readonly design?: GaussianDesign; readonly rowsUsed: readonly number[] };
}

/**
 * Numerical rank of J at one float point, made scale-free in two steps that leave the
 * rank unchanged:
 * 1. Gaussian emissions are analysed in units of σ. The predictor is equivariant: with
 *    M, x and σ all divided by σ, the posteriors are unchanged and E[⊗ x_U | x_S] is divided
 *    by σ^|U|, so J in the coordinates θ' (M/σ) is J·diag(1, σ) up to a row scale per
 *    task. Without this, at σ = 1e6 the T columns of x2 -> x1 ⊗ x3 are 1e6 times the M
 *    columns and the SVD reported rank 2 of 8.
 * 2. Every column is divided by its Euclidean norm (floored at COLUMN_NORM_FLOOR times the
 *    largest), so that entries of T and of M, whose derivatives differ in scale, meet the
 *    rank cut on equal terms. Rank(J D) = rank(J) for invertible diagonal D.
 * The inputs of a Gaussian summary are `informativeDesign` points, where the states compete.
 *
 * A tall summary is first cut to a random subset of its rows: σ_i(J_subset) ≤ σ_i(J), so
 * full rank on a subset is full rank of J, with the subset's smallest singular value a
 * lower bound. A rank drop on the subset is not trusted: all rows are then used. Callers
 * that already expect a drop (`subsetFirst` false: exact trials fell short of n) skip the
 * subset, which could only succeed at full rank.
 * A `deadline` is checked, and `tick` called, between rows while they are assembled (TimeBudgetReached).
 */
export function floatRankTrial(
  spec: ModelSpec,
  tasks: readonly Task[],
  point: FloatPoint,
  label: string,
  rng: Rng,
  deadline?: Deadline,
  options: { readonly subsetFirst?: boolean; readonly tick?: () => void } = {},
): FloatTrial {
  const { subsetFirst = true, tick } = options;
  const n = parameterCount(spec);
  const unit = spec.family === "ghmm" ? inSigmaUnits(spec, point) : { spec, point };
  const design = spec.family === "ghmm" ? informativeDesign(unit.spec, unit.point.params, tasks, n, rng) : undefined;
  const raw = jacobianAt(floatField, unit.spec, unit.point.theta, tasks, design);
  const all = Array.from({ length: raw.rows }, (_, i) => i);
  let used = all;
  if (subsetFirst && raw.rows > SUBSET_TRIGGER * n) {
    used = shuffle(all, rng).slice(0, SUBSET_FACTOR * n).sort((a, b) => a - b);
  }
  let scaled = scaledRank(raw, used, deadline, true, tick);
  if (used.length < all.length && !(scaled.rank.decided && scaled.rank.rank === n)) {
    used = all;
    scaled = scaledRank(raw, used, deadline, true, tick);
  }
  const { scale, norms } = scaled;
  const rank = distrustFadedDrop(scaled.rank, n, mixing(spec, point.params.T, tasks));
  return {
    evidence: floatEvidence(spec, rank, label, used.length, raw.rows, norms),
    rank,
    jacobian: scaledJacobian(raw, scale),
    columnScale: scale,
    designPoints: design ? design.reduce((s, points) => s + points.length, 0) : null,
    at: { spec: unit.spec, theta: unit.point.theta, design, rowsUsed: used },
  };
}

/**
 * A rank drop found across a gap over which the chain has mixed (|λ₂|^gap below
 * MIXING_LIMIT) may be rounding, not mathematics: such a drop is reported undecided. A
 * full rank stays decided: it is a lower bound whatever the rounding.
 */
function distrustFadedDrop(rank: NumericalRank, n: number, m: Mixing): NumericalRank {
  if (!rank.decided || rank.rank === n || !(m.factor < MIXING_LIMIT)) return rank;
  return {
    ...rank,
    decided: false,
    nullSpace: [],
    reason:
      `rank ${rank.rank} < ${n} with a wide gap, but across ${m.gap} transitions the chain mixes (|λ₂|^${m.gap} = ` +
      `${m.secondEigenvalue.toPrecision(2)}^${m.gap} = ${m.factor.toExponential(1)} < ${MIXING_LIMIT}): what the parameters do across that ` +
      "distance can fall below double precision, so a drop here is not evidence",
  };
}

/** The point and spec with σ = 1 and means M/σ (the free coordinates of M divided by σ). */
export function inSigmaUnits(spec: ModelSpec, point: FloatPoint): { spec: ModelSpec; point: FloatPoint } {
  const s = spec.sigma;
  const coordinates = freeCoordinates(spec);
  const theta = point.theta.map((v, i) => (coordinates[i].matrix === "M" ? v / s : v));
  const params: Parameters<number> = { ...point.params, emission: point.params.emission.map((row) => row.map((v) => v / s)) };
  return { spec: { ...spec, sigma: 1 }, point: { theta, params } };
}

/** Column norms over the used rows, the column scale 1/max(norm, floor), and the rank of the scaled rows. */
export function scaledRank(
  jacobian: Jacobian,
  used: readonly number[],
  deadline?: Deadline,
  vectors = true,
  tick?: () => void,
): { rank: NumericalRank; scale: Float64Array; norms: Float64Array } {
  const n = jacobian.columns;
  const norms = new Float64Array(n);
  const rows = used.map((i) => {
    deadline?.check();
    tick?.();
    return jacobian.row(i);
  });
  for (let j = 0; j < n; j++) {
    let norm = 0;
    for (const row of rows) norm = Math.hypot(norm, row[j]);
    norms[j] = norm;
  }
  const largest = norms.reduce((a, b) => Math.max(a, b), 0);
  const scale = new Float64Array(n);
  for (let j = 0; j < n; j++) scale[j] = largest === 0 ? 1 : 1 / Math.max(norms[j], COLUMN_NORM_FLOOR * largest);
  const scaledRows = rows.map((row) => scaleRow(row, scale));
  return { rank: numericalRank(scaledRows, n, { vectors }), scale, norms };
}

function scaleRow(row: ArrayLike<number>, scale: Float64Array): Float64Array {
  const out = new Float64Array(scale.length);
  for (let j = 0; j < scale.length; j++) out[j] = row[j] * scale[j];
  return out;
}

/** J·D: rows and entry gradients in the scaled coordinates (g ∈ rowspace(J) iff g·D ∈ rowspace(J·D)). */
export function scaledJacobian(raw: Jacobian, scale: Float64Array): Jacobian {
  return {
    rows: raw.rows,
    columns: raw.columns,
    row: (i) => scaleRow(raw.row(i), scale),
    label: (i) => raw.label(i),
    entryGradient: (e: EntryRef) => scaleRow(raw.entryGradient(e), scale),
    entries: raw.entries,
  };
}

export function floatEvidence(spec: ModelSpec, rank: NumericalRank, point: string, rowsUsed: number, rows: number, norms: Float64Array): FloatRankEvidence {
  const s = rank.singularValues;
  const from = Math.max(0, rank.rank - SHOWN_AROUND_CUT);
  const to = Math.min(s.length, rank.rank + SHOWN_AROUND_CUT);
  const sortedNorms = [...norms].sort((a, b) => a - b);
  return {
    point,
    rank: rank.rank,
    decided: rank.decided,
    reason: rank.reason,
    rowsUsed,
    rows,
    singularValuesAroundCut: s.slice(from, to).map((value, i) => ({ index: from + i + 1, value })),
    singularValues: [...s],
    nullSpace: fiberDirections(spec, rank),
    largestSingularValue: s[0] ?? 0,
    gapRatio: rank.cut.gapRatio,
    tolerance: rank.tolerance,
    columnNorms: { smallest: sortedNorms[0] ?? 0, largest: sortedNorms[sortedNorms.length - 1] ?? 0 },
    sigmaUnits: spec.family === "ghmm",
  };
}

/** The null-space basis with the names of its coordinates, when the rank is decided below n. */
function fiberDirections(spec: ModelSpec, rank: NumericalRank): FiberDirections | null {
  if (!rank.decided || rank.rank >= rank.columns || rank.nullSpace.length === 0) return null;
  return { coordinates: freeCoordinates(spec).map(entryName), basis: rank.nullSpace.map((v) => [...v]) };
}
