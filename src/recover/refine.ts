import { floatField } from "../field/float.ts";
import { solve } from "../linalg/float-matrix.ts";
import { zeros } from "../linalg/matrix.ts";
import { fromCoordinates, toCoordinates } from "../model/chart.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { jacobianAt } from "../identify/jacobian.ts";
import { exhaustiveSummary } from "../predictor/summary.ts";
import type { Task } from "../task/task.ts";

export interface Refinement {
  readonly params: Parameters<number>;
  /** Weighted sum of squared residuals before and after. */
  readonly startCost: number;
  readonly cost: number;
  readonly iterations: number;
}

/** A misfit below this fraction of the total weight is exact up to rounding: nothing left to fit. */
export const EXACT_FIT = 1e-30;

/** Refinement is skipped (the algebraic estimate returned as is) when the Jacobian would exceed this many entries. */
export const REFINE_ENTRY_LIMIT = 2e7;

/** Σ_r w_r (F_r(θ) − target_r)² at a parameter point; Infinity where the summary is undefined. */
export function summaryMisfit(spec: ModelSpec, task: Task, target: readonly number[], rowWeights: readonly number[], params: Parameters<number>): number {
  try {
    if (!valid(params)) return Infinity;
    const summary = exhaustiveSummary(floatField, spec, params, [task]);
    let total = 0;
    for (let r = 0; r < target.length; r++) if (rowWeights[r] > 0) total += rowWeights[r] * (summary.value(r) - target[r]) ** 2;
    return Number.isFinite(total) ? total : Infinity;
  } catch {
    // DivisionByZero: no unique stationary law, or an input of probability zero.
    return Infinity;
  }
}

/**
 * Levenberg–Marquardt (Gauss–Newton with a damped step) on the exhaustive summary in the
 * model's own chart: minimises Σ_r w_r (F_r(θ) − target_r)². A step that leaves the model
 * is projected back (negative probabilities clipped to 0, columns rescaled), so estimates on
 * the boundary can still move along it; steps that raise the cost, or reach a point with no
 * unique stationary law, are rejected and the damping raised. Discrete emissions only (the
 * projection treats every emission column as a distribution). With exact data it polishes
 * the algebraic estimate to rounding error; with empirical data and w_r = the input's count
 * it is a weighted minimum-distance estimator, whose spread standard-error.ts predicts.
 */
export function refineOnSummary(
  spec: ModelSpec,
  task: Task,
  target: readonly number[],
  rowWeights: readonly number[],
  start: Parameters<number>,
  maxIterations = 30,
): Refinement {
  const tasks = [task];
  const uniform = toCoordinates(spec, {
    pi: new Array(spec.states).fill(1 / spec.states),
    T: start.T.map((row) => row.map(() => 1 / spec.states)),
    emission: start.emission.map((row) => row.map(() => 1 / spec.symbols)),
  });
  const cost = (theta: number[]): number => {
    try {
      return summaryMisfit(spec, task, target, rowWeights, fromCoordinates(floatField, spec, theta));
    } catch {
      return Infinity;
    }
  };
  // A start on the boundary may have no unique stationary law or an input of probability 0:
  // mix in a little of the uniform point until the summary is defined.
  let theta = toCoordinates(spec, start);
  let current = cost(theta);
  const startCost = current;
  for (const epsilon of [1e-9, 1e-6, 1e-3]) {
    if (Number.isFinite(current)) break;
    theta = toCoordinates(spec, start).map((t, i) => (1 - epsilon) * t + epsilon * uniform[i]);
    current = cost(theta);
  }
  if (!Number.isFinite(current)) return { params: start, startCost, cost: current, iterations: 0 };
  let lambda = 1e-3;
  let iterations = 0;
  const floor = EXACT_FIT * rowWeights.reduce((a, b) => a + b, 0);
  for (; iterations < maxIterations && current > floor; iterations++) {
    const J = jacobianAt(floatField, spec, theta, tasks);
    const values = exhaustiveSummary(floatField, spec, fromCoordinates(floatField, spec, theta), tasks);
    const n = J.columns;
    const JtJ = zeros(floatField, n, n);
    const Jtr = new Array<number>(n).fill(0);
    for (let r = 0; r < J.rows; r++) {
      const w = rowWeights[r];
      if (!(w > 0)) continue;
      const g = J.row(r);
      const res = values.value(r) - target[r];
      for (let i = 0; i < n; i++) {
        if (g[i] === 0) continue;
        Jtr[i] += w * g[i] * res;
        for (let j = 0; j < n; j++) JtJ[i][j] += w * g[i] * g[j];
      }
    }
    let improved = false;
    while (lambda < 1e12) {
      // Marquardt's scaling; the tiny constant keeps a coordinate no row depends on solvable.
      const damped = JtJ.map((row, i) => row.map((x, j) => (i === j ? x * (1 + lambda) + 1e-300 : x)));
      const step = solve(damped, Jtr.map((x) => [-x])).map((row) => row[0]);
      const next = clipToParameterSet(spec, theta.map((t, i) => t + step[i]));
      const c = cost(next);
      if (c < current) {
        const relative = (current - c) / current;
        theta = next;
        current = c;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = relative > 1e-12;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { params: fromCoordinates(floatField, spec, theta), startCost, cost: current, iterations };
}

/** Clips the free coordinates' parameters into the model (columns ≥ 0, summing to 1) and returns their coordinates. */
function clipToParameterSet(spec: ModelSpec, theta: number[]): number[] {
  const { states: k, symbols: d } = spec;
  const clipColumn = (col: number[]) => {
    const c = col.map((x) => Math.max(x, 0));
    const total = c.reduce((a, b) => a + b, 0);
    return total > 0 ? c.map((x) => x / total) : c.map(() => 1 / c.length);
  };
  const out: number[] = [];
  let at = 0;
  const column = (size: number) => {
    const head = theta.slice(at, (at += size - 1));
    out.push(...clipColumn([...head, 1 - head.reduce((a, b) => a + b, 0)]).slice(0, size - 1));
  };
  if (spec.init === "free") column(k);
  for (let j = 0; j < k; j++) column(k);
  for (let j = 0; j < k; j++) column(d);
  return out;
}

function valid(p: Parameters<number>): boolean {
  const ok = (x: number) => x >= 0 && Number.isFinite(x);
  return p.pi.every(ok) && p.T.every((r) => r.every(ok)) && p.emission.every((r) => r.every(ok));
}
