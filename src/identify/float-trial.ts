import { floatField } from "../field/float.ts";
import type { FloatPoint } from "../model/random-point.ts";
import { type ModelSpec, parameterCount } from "../model/spec.ts";
import { gaussianDesign } from "../predictor/design.ts";
import { type Rng, shuffle } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import { type Jacobian, jacobianAt } from "./jacobian.ts";
import { type NumericalRank, numericalRank } from "../linalg/numerical-rank.ts";
import type { FloatRankEvidence } from "./result.ts";

/** A summary with more rows than this many times n is first analysed on a random row subset. */
const SUBSET_TRIGGER = 6;
/** Rows in that subset, as a multiple of n. */
const SUBSET_FACTOR = 3;
/** Singular values shown on each side of the cut. */
const SHOWN_AROUND_CUT = 2;

export interface FloatTrial {
  readonly evidence: FloatRankEvidence;
  readonly rank: NumericalRank;
  readonly jacobian: Jacobian;
  readonly designPoints: number | null;
}

/**
 * Numerical rank of J at one float point. A tall summary is first cut to a random subset
 * of its rows: σ_i(J_subset) ≤ σ_i(J), so full rank on a subset is full rank of J, with
 * the subset's smallest singular value a lower bound. A rank drop on the subset is not
 * trusted: all rows are then used.
 */
export function floatRankTrial(spec: ModelSpec, tasks: readonly Task[], point: FloatPoint, label: string, rng: Rng): FloatTrial {
  const n = parameterCount(spec);
  const design = spec.family === "ghmm" ? gaussianDesign(spec, point.params, tasks, n, rng) : undefined;
  const jacobian = jacobianAt(floatField, spec, point.theta, tasks, design);
  const all = Array.from({ length: jacobian.rows }, (_, i) => i);
  let used = all;
  if (jacobian.rows > SUBSET_TRIGGER * n) {
    used = shuffle(all, rng).slice(0, SUBSET_FACTOR * n).sort((a, b) => a - b);
  }
  let rank = numericalRank(used.map((i) => jacobian.row(i)), n);
  if (used.length < all.length && !(rank.decided && rank.rank === n)) {
    used = all;
    rank = numericalRank(used.map((i) => jacobian.row(i)), n);
  }
  return {
    evidence: describe(rank, label, used.length, jacobian.rows),
    rank,
    jacobian,
    designPoints: design ? design.reduce((s, points) => s + points.length, 0) : null,
  };
}

function describe(rank: NumericalRank, point: string, rowsUsed: number, rows: number): FloatRankEvidence {
  const s = rank.singularValues;
  const from = Math.max(0, rank.rank - SHOWN_AROUND_CUT);
  const to = Math.min(s.length, rank.rank + SHOWN_AROUND_CUT);
  return {
    point,
    rank: rank.rank,
    decided: rank.decided,
    reason: rank.reason,
    rowsUsed,
    rows,
    singularValuesAroundCut: s.slice(from, to).map((value, i) => ({ index: from + i + 1, value })),
    largestSingularValue: s[0] ?? 0,
    gapRatio: rank.cut.gapRatio,
    tolerance: rank.tolerance,
  };
}
