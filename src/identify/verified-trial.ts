import { DivisionByZero } from "../field/field.ts";
import { type IntervalDual, intervalDualField } from "../field/interval-dual.ts";
import { type IntervalRow, pivotRows, verifyFullColumnRank } from "../linalg/verified-rank.ts";
import { fromCoordinates } from "../model/chart.ts";
import { parameterCount } from "../model/spec.ts";
import { type Summary, exhaustiveSummary } from "../predictor/summary.ts";
import type { Task } from "../task/task.ts";
import type { FloatTrial } from "./float-trial.ts";
import type { VerifiedRankEvidence } from "./result.ts";

/**
 * Repeats a float trial's Jacobian in interval arithmetic, at the same point and design
 * (their doubles are exact rationals) and on rows it used, and verifies full column rank
 * rigorously (linalg/verified-rank.ts). Success proves rank n at that point, hence at
 * almost every point: the summary is real-analytic in θ on a connected domain, so an n × n
 * minor that is non-zero somewhere vanishes only on a null set.
 */
export function verifiedRankTrial(trial: FloatTrial, tasks: readonly Task[]): VerifiedRankEvidence {
  const { spec, theta, design, rowsUsed } = trial.at;
  const n = parameterCount(spec);
  let summary: Summary<IntervalDual>;
  try {
    const field = intervalDualField(n);
    const params = fromCoordinates(field, spec, theta.map((v, i) => field.variable(v, i)));
    summary = exhaustiveSummary(field, spec, params, tasks, design);
  } catch (e) {
    if (!(e instanceof DivisionByZero)) throw e;
    return denominatorFails(trial, n, 0);
  }
  // The n rows that pivoting picks from the float Jacobian usually suffice, and cost a
  // fraction of all rows; all rows are enclosed only when that block does not verify.
  const pivots = pivotRows(rowsUsed.map((i) => trial.jacobian.row(i)), n);
  const attempts = pivots === null ? [rowsUsed] : [pivots.map((p) => rowsUsed[p]), rowsUsed];
  let evidence: VerifiedRankEvidence | null = null;
  for (const rows of attempts) {
    let enclosed: IntervalRow[];
    try {
      enclosed = rows.map((i) => gradient(summary.value(i), n));
    } catch (e) {
      if (!(e instanceof DivisionByZero)) throw e;
      return denominatorFails(trial, n, rows.length);
    }
    const check = verifyFullColumnRank(enclosed, n);
    evidence = {
      point: trial.evidence.point,
      rowsUsed: rows.length,
      columns: n,
      verified: check.verified,
      normBound: Number.isFinite(check.normBound) ? check.normBound : null,
      widestRelativeWidth: check.widestRelativeWidth,
      reason: check.reason,
    };
    if (check.verified) break;
  }
  return evidence!;
}

function denominatorFails(trial: FloatTrial, n: number, rowsUsed: number): VerifiedRankEvidence {
  const reason = "a denominator's enclosure contains 0 at this point";
  return { point: trial.evidence.point, rowsUsed, columns: n, verified: false, normBound: null, widestRelativeWidth: null, reason };
}

function gradient(x: IntervalDual, n: number): IntervalRow {
  return x.g ?? { lo: new Float64Array(n), hi: new Float64Array(n) };
}
