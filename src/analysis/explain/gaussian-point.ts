import type { Rng } from "../../base/random.ts";
import { type FloatTrial, inSigmaUnits } from "../../identify/float-trial.ts";
import { MIXING_LIMIT, mixing } from "../../identify/mixing.ts";
import { type NumericalRank, numericalRank } from "../../linalg/numerical-rank.ts";
import type { FloatPoint } from "../../model/random-point.ts";
import type { ModelSpec } from "../../model/spec.ts";
import type { Task } from "../../task/task.ts";
import { type GaussianLaw, gaussianContains, gaussianLawName, gaussianLawRows, lawAsGaussianTask, mixtureDesign } from "./gaussian-laws.ts";
import { equivalentLaws } from "./observables.ts";

/** One numerical rank with the figures the gap rule decided it from (docs/math.md §6.3). */
export interface RankEvidence {
  readonly rank: number;
  readonly decided: boolean;
  /** σ_r / max(σ_{r+1}, noise floor): decided only when ≥ 1e6. */
  readonly gapRatio: number;
  readonly above: number;
  readonly below: number | null;
  readonly reason: string;
}

export interface GaussianLawRank {
  readonly law: string;
  /** Rank of the law's own Jacobian. */
  readonly rank: RankEvidence;
  /** Rank of the task set's Jacobian stacked with the law's: equal to the task set's iff the law is implied. */
  readonly stacked: RankEvidence;
  readonly implied: boolean;
}

/** Everything compared at one float point; `undecided` names the first rank the gap rule could not decide. */
export interface GaussianPointEvidence {
  readonly point: string;
  readonly taskRank: RankEvidence;
  readonly candidates: readonly GaussianLawRank[];
  readonly maximal: readonly string[];
  readonly explainedRank: RankEvidence | null;
  readonly equivalent: boolean;
  readonly smallest: readonly string[] | null;
  readonly undecided: string | null;
}

export function rankEvidence(r: NumericalRank): RankEvidence {
  return { rank: r.rank, decided: r.decided, gapRatio: r.cut.gapRatio, above: r.cut.above, below: r.cut.below, reason: r.reason };
}

/** The Frobenius norm, by the largest entry first so that squares neither overflow nor underflow (Math.hypot per entry costs more than the SVD). */
function frobenius(block: readonly ArrayLike<number>[], n: number): number {
  let top = 0;
  for (const row of block) for (let j = 0; j < n; j++) top = Math.max(top, Math.abs(row[j]));
  if (top === 0) return 0;
  let sum = 0;
  for (const row of block) for (let j = 0; j < n; j++) sum += (row[j] / top) ** 2;
  return top * Math.sqrt(sum);
}

/** Thrown where a rank the comparison needs is not decided: the point then says nothing. */
export class Undecided extends Error {}

/**
 * Rank of several blocks of rows stacked, each block scaled to unit Frobenius norm first
 * (a block's scale does not change its row space, but unequal scales would let one block's
 * rows sink into the other's rounding).
 */
export function stackedRank(blocks: readonly (readonly ArrayLike<number>[])[], n: number, what: string): RankEvidence {
  const rows: Float64Array[] = [];
  for (const block of blocks) {
    const norm = frobenius(block, n);
    for (const row of block) {
      const scaled = new Float64Array(n);
      if (norm > 0) for (let j = 0; j < n; j++) scaled[j] = row[j] / norm;
      rows.push(scaled);
    }
  }
  const evidence = rankEvidence(numericalRank(rows, n, { vectors: false }));
  if (!evidence.decided) throw new Undecided(`${what}: ${evidence.reason}`);
  return evidence;
}

/** The rows of the task set's Jacobian J·D as the trial scaled them. */
export function jacobianRows(trial: FloatTrial): ArrayLike<number>[] {
  return Array.from({ length: trial.jacobian.rows }, (_, i) => trial.jacobian.row(i));
}

/** Gradients (σ units) times the trial's column scale D, so that they meet J·D's rows in the same coordinates. */
export function inColumnScale(trial: FloatTrial, rows: readonly ArrayLike<number>[]): Float64Array[] {
  return rows.map((row) => Float64Array.from(row, (x, j) => x * trial.columnScale[j]));
}

/**
 * Compares, at the float point of `trial`, the row space of the task set's Jacobian J·D
 * with each candidate's (its gradients times the same column scale D): a law is implied
 * when stacking it on J leaves the decided rank unchanged. Every rank must be decided by
 * the gap rule; the first that is not makes the point undecided, and it says which.
 */
export function comparePoint(spec: ModelSpec, tasks: readonly Task[], point: FloatPoint, trial: FloatTrial, laws: readonly GaussianLaw[], rng: Rng): GaussianPointEvidence {
  const n = trial.jacobian.columns;
  const taskRank = rankEvidence(trial.rank);
  const base = { point: trial.evidence.point, taskRank };
  const empty = { candidates: [], maximal: [], explainedRank: null, equivalent: false, smallest: null };
  if (!taskRank.decided) return { ...base, ...empty, undecided: `the task set's rank: ${taskRank.reason}` };
  const fade = mixing(spec, point.params.T, [...tasks, ...laws.map(lawAsGaussianTask)]);
  if (taskRank.rank < n && fade.factor < MIXING_LIMIT) {
    const why = `the chain mixes across ${fade.gap} transitions (|λ₂|^${fade.gap} = ${fade.factor.toExponential(1)} < ${MIXING_LIMIT}): a rank drop there is not evidence`;
    return { ...base, ...empty, undecided: why };
  }
  const J = jacobianRows(trial);
  const unit = inSigmaUnits(spec, point);
  const rows = new Map(laws.map((law) => [law, inColumnScale(trial, gaussianLawRows(unit.spec, unit.point.theta, law, mixtureDesign(unit.spec, unit.point.params, law, rng)))]));
  const candidates: GaussianLawRank[] = [];
  try {
    for (const law of laws) {
      const name = gaussianLawName(law);
      const rank = stackedRank([rows.get(law)!], n, `the rank of ${name}`);
      const stacked = stackedRank([J, rows.get(law)!], n, `the task set stacked with ${name}`);
      candidates.push({ law: name, rank, stacked, implied: stacked.rank === taskRank.rank });
    }
    const rankOf = (set: readonly GaussianLaw[]) => stackedRank(set.map((law) => rows.get(law)!), n, `the rank of ${set.map(gaussianLawName).join(" with ")}`);
    const marked = laws.map((window, i) => ({ window, implied: candidates[i].implied }));
    const found = equivalentLaws(marked, gaussianContains, (set) => rankOf(set).rank, taskRank.rank);
    const explained = found.maximal.length > 0 ? rankOf(found.maximal) : null;
    return {
      ...base,
      candidates,
      maximal: found.maximal.map(gaussianLawName),
      explainedRank: explained,
      equivalent: found.equivalent,
      smallest: found.smallest?.map(gaussianLawName) ?? null,
      undecided: null,
    };
  } catch (e) {
    if (!(e instanceof Undecided)) throw e;
    return { ...base, ...empty, candidates, undecided: e.message };
  }
}
