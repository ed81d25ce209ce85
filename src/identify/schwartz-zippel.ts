import type { ModelSpec } from "../model/spec.ts";
import { type Task, taskLength } from "../task/task.ts";

/**
 * A degree bound for the numerator of any r×r minor of the Jacobian, as a polynomial in
 * the free coordinates θ, and the Schwartz–Zippel probability that a random point of
 * F_p^n is a root of it.
 *
 * Degrees (discrete emissions): every entry of F is P(x_S, x_U = ·) / P(x_S). A joint law
 * over L positions is Σ_paths π(h_1) Π T Π O with L−1 factors of T and one factor of O
 * per observed position, each entry of degree 1 in θ (last entries are 1 − Σ others).
 * A stationary π = c / Σc by Cramer's rule, with c of degree k−1, and Σc cancels between
 * numerator and denominator; a free π has degree 1. So F_r = N_r / D_r with
 *   deg N_r ≤ e + (L−1) + |S|+|U|,  deg D_r ≤ e + (L−1) + |S|,  e = k−1 (stationary) or 1.
 * Row r of J = (N_r' D_r − N_r D_r') / D_r² shares the denominator D_r², numerators of
 * degree ≤ deg N_r + deg D_r − 1, so an r×r minor is (polynomial of degree
 * ≤ Σ_rows (deg N + deg D − 1)) / Π D_r².
 *
 * Schwartz–Zippel lemma: a non-zero polynomial of degree D over F_p vanishes at a uniform
 * random point of F_p^n with probability ≤ D/p. This presumes the minor's numerator is
 * not identically zero mod p (p does not divide all its integer coefficients).
 */
export function minorDegreeBound(spec: ModelSpec, tasks: readonly Task[], minorSize: number): number {
  const perRow = Math.max(...tasks.map((task) => {
    const { numerator, denominator } = entryDegrees(spec, task);
    return numerator + denominator - 1;
  }));
  return minorSize * perRow;
}

/**
 * Degree bounds (in θ) of the numerator and denominator of one summary entry of a
 * discrete task, by the count above: P(x_S, x_U)/P(x_S) with e = k−1 (stationary) or 1.
 */
export function entryDegrees(spec: ModelSpec, task: Task): { numerator: number; denominator: number } {
  const e = spec.init === "stationary" ? spec.states - 1 : 1;
  const base = e + taskLength(task) - 1;
  return { numerator: base + task.given.length + task.predict.length, denominator: base + task.given.length };
}

/** Probability bound that one trial at a random point of F_p^n misses a non-zero minor. */
export function schwartzZippelBound(degree: number, p: number): number {
  return Math.min(1, degree / p);
}
