import { eigen } from "../linalg/float-matrix.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { Task } from "../task/task.ts";

/**
 * Below this, a float rank drop is not evidence: what the parameters do to the predictions
 * across the widest hidden gap is scaled by at most this factor relative to the rest, and
 * with the rank cut's 10^6 gap over a 10^−16 rounding floor, effects of relative size
 * ≲ 10^−4 times the smaller singular values can fall below what double precision shows.
 */
export const MIXING_LIMIT = 1e-4;

/** How much the chain shrinks information across the widest gap of a task set, at one point. */
export interface Mixing {
  /** |λ₂(T)|: the second largest eigenvalue modulus of T (1 for a reducible or periodic chain). */
  readonly secondEigenvalue: number;
  /** The widest run of transitions between consecutive positions a task names (from position 1 too, under free init). */
  readonly gap: number;
  /** |λ₂|^gap: the factor by which differences between hidden states fade across that run. */
  readonly factor: number;
}

/**
 * T^g = 1πᵀ + O(|λ₂|^g): the information a prediction carries across g transitions about
 * the state at one end, and so about every parameter that acts through it, shrinks by
 * |λ₂|^g. Exact arithmetic (mod p) loses nothing; floats lose what falls below rounding.
 */
export function mixing(spec: ModelSpec, T: readonly (readonly number[])[], tasks: readonly Task[]): Mixing {
  const gap = Math.max(
    ...tasks.map((task) => {
      const sites = [...task.given, ...task.predict].sort((a, b) => a - b);
      let widest = spec.init === "free" ? sites[0] - 1 : 0;
      for (let i = 1; i < sites.length; i++) widest = Math.max(widest, sites[i] - sites[i - 1]);
      return widest;
    }),
  );
  if (T.length < 2) return { secondEigenvalue: 0, gap, factor: 0 };
  const { real, imaginary } = eigen(T);
  const moduli = real.map((re, i) => Math.hypot(re, imaginary[i])).sort((a, b) => b - a);
  const secondEigenvalue = Math.min(1, moduli[1]);
  return { secondEigenvalue, gap, factor: secondEigenvalue ** gap };
}
