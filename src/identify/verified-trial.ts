import { DivisionByZero } from "../field/field.ts";
import { type IntervalDual, intervalDualField } from "../field/interval-dual.ts";
import { type IntervalRow, verifyFullColumnRank } from "../linalg/verified-rank.ts";
import { fromCoordinates } from "../model/chart.ts";
import { parameterCount } from "../model/spec.ts";
import { exhaustiveSummary } from "../predictor/summary.ts";
import type { Task } from "../task/task.ts";
import type { FloatTrial } from "./float-trial.ts";
import type { VerifiedRankEvidence } from "./result.ts";

/**
 * Repeats a float trial's Jacobian in interval arithmetic, at the same point and design
 * (their doubles are exact rationals) and on the same rows, and verifies full column rank
 * rigorously (linalg/verified-rank.ts). Success proves rank n at that point, hence at
 * almost every point: the summary is real-analytic in θ on a connected domain, so an n × n
 * minor that is non-zero somewhere vanishes only on a null set.
 */
export function verifiedRankTrial(trial: FloatTrial, tasks: readonly Task[]): VerifiedRankEvidence {
  const { spec, theta, design, rowsUsed } = trial.at;
  const n = parameterCount(spec);
  const base = { point: trial.evidence.point, rowsUsed: rowsUsed.length, columns: n };
  let rows: IntervalRow[];
  try {
    const field = intervalDualField(n);
    const params = fromCoordinates(field, spec, theta.map((v, i) => field.variable(v, i)));
    const summary = exhaustiveSummary(field, spec, params, tasks, design);
    rows = rowsUsed.map((i) => gradient(summary.value(i), n));
  } catch (e) {
    if (!(e instanceof DivisionByZero)) throw e;
    return { ...base, verified: false, normBound: null, widestRelativeWidth: null, reason: "a denominator's enclosure contains 0 at this point" };
  }
  const check = verifyFullColumnRank(rows, n);
  return {
    ...base,
    verified: check.verified,
    normBound: Number.isFinite(check.normBound) ? check.normBound : null,
    widestRelativeWidth: check.widestRelativeWidth,
    reason: check.reason,
  };
}

function gradient(x: IntervalDual, n: number): IntervalRow {
  return x.g ?? { lo: new Float64Array(n), hi: new Float64Array(n) };
}
