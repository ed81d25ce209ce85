import type { Deadline } from "../base/budget.ts";
import type { Rng } from "../base/random.ts";
import { floatField } from "../field/float.ts";
import type { FloatPoint } from "../model/random-point.ts";
import { type ModelSpec, parameterCount } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import { directJacobianAt, directJacobianSupported } from "./direct-jacobian.ts";
import { type FloatTrial, SUBSET_TRIGGER, floatEvidence, scaledJacobian, scaledRank } from "./float-trial.ts";
import { summaryRowCount } from "./jacobian.ts";
import { LazyPermutation } from "./row-sampling.ts";

/** Rows of a corroborating block, as a multiple of n: a little over square keeps σ_min(block) away from 0. */
export const CORROBORATION_ROWS = 1.25;
/**
 * Beyond this many parameters the float corroboration of an exact proof is skipped: its
 * singular values cost ~3.7·n³ flops per point (about 1.5 min per point at n = 3,008 on the
 * 2-core machine), several times the proof itself, and cannot change the verdict.
 */
export const MAX_CORROBORATED_COLUMNS = 2000;

/** The note of an analysis that skips the floats beyond MAX_CORROBORATED_COLUMNS. */
export function skippedCorroboration(n: number): string {
  return (
    `no float corroboration: with n = ${n} > ${MAX_CORROBORATED_COLUMNS} parameters its singular values (~3.7·n³ flops per point) ` +
    "would cost several times the exact proof, which does not depend on them"
  );
}

/** Whether a float trial after an exact proof runs as a corroborating block (`corroborationTrial`). */
export function corroboratesOnBlock(spec: ModelSpec, tasks: readonly Task[]): boolean {
  const n = parameterCount(spec);
  return directJacobianSupported(spec, tasks) && summaryRowCount(spec, tasks, n) > SUBSET_TRIGGER * n;
}

/**
 * The float trial once an exact proof of rank n holds: the rank of a random block of
 * ⌈1.25·n⌉ rows, each row's gradient formed directly (no full Jacobian), columns scaled
 * as in `floatRankTrial`, with the same gap rule but singular values only. A block's rank
 * is at most J's (its singular values are at most J's), so a decided full rank on the
 * block is a decided full rank of J; a lower rank on a block is evidence of nothing and is
 * reported undecided, never as a drop: so a decided float rank is still never below the
 * exact rank, and decide.ts never sees a disagreement that is only the block's.
 */
export function corroborationTrial(
  spec: ModelSpec,
  tasks: readonly Task[],
  point: FloatPoint,
  label: string,
  rng: Rng,
  deadline?: Deadline,
  tick?: () => void,
): FloatTrial {
  const n = parameterCount(spec);
  const raw = directJacobianAt(floatField, spec, point.theta, tasks);
  const draw = new LazyPermutation(raw.rows, rng);
  const size = Math.min(raw.rows, Math.ceil(CORROBORATION_ROWS * n));
  const used = Array.from({ length: size }, () => draw.next()).sort((a, b) => a - b);
  const scaled = scaledRank(raw, used, deadline, false, tick);
  const full = scaled.rank.decided && scaled.rank.rank === n;
  const rank = full
    ? scaled.rank
    : {
        ...scaled.rank,
        decided: false,
        reason: `rank ${scaled.rank.rank} on a random block of ${size} of ${raw.rows} rows (${scaled.rank.reason}): a block's rank only bounds J's from below, so it corroborates full rank and is no evidence of a drop`,
      };
  return {
    evidence: floatEvidence(spec, rank, label, size, raw.rows, scaled.norms),
    rank,
    jacobian: scaledJacobian(raw, scaled.scale),
    columnScale: scaled.scale,
    designPoints: null,
    at: { spec, theta: point.theta, rowsUsed: used },
  };
}
