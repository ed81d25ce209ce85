import type { Rng } from "../../base/random.ts";
import type { AnalyticField } from "../../field/field.ts";
import { floatDualField } from "../../field/dual.ts";
import { fromCoordinates } from "../../model/chart.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../../model/spec.ts";
import { ChainTensor } from "../../predictor/chain.ts";
import { informativeDesign } from "../../predictor/design.ts";
import { gaussianWeights } from "../../predictor/weights.ts";
import type { Task } from "../../task/task.ts";
import { type Window, candidateWindows, windowLaw } from "./observables.ts";

/**
 * A candidate observable for Gaussian emissions (docs/math.md §11.7): a cross moment of
 * distinct positions E[⊗_{t∈A} x_t] (E[x_i] = M π_i, E[x_i x_jᵀ] = M P(h_i, h_j) Mᵀ, …),
 * the second moment of one token E[x_i x_iᵀ] = M diag(π_i) Mᵀ + σ²I, or the mixture law
 * of one token, Σ_h π_i(h) N(μ_h, σ²I), whose parameters (π_i and M, up to relabelling)
 * its density at a design of points determines.
 */
export type GaussianLaw =
  | { readonly kind: "moment"; readonly window: Window }
  | { readonly kind: "second"; readonly position: number }
  | { readonly kind: "mixture"; readonly position: number };

export function gaussianLawName(law: GaussianLaw): string {
  if (law.kind === "second") return `E[x${law.position} x${law.position}ᵀ]`;
  if (law.kind === "mixture") return `law of x${law.position}`;
  const w = law.window;
  if (w.length === 1) return `E[x${w[0]}]`;
  if (w.length === 2) return `E[x${w[0]} x${w[1]}ᵀ]`;
  return `E[${w.map((t) => `x${t}`).join(" ⊗ ")}]`;
}

/** Cross moments of every window of the task set's positions, then each position's second moment and mixture law. */
export function gaussianCandidates(tasks: readonly Task[]): GaussianLaw[] {
  const windows = candidateWindows(tasks);
  const positions = windows.filter((w) => w.length === 1).map((w) => w[0]);
  return [
    ...windows.map((window): GaussianLaw => ({ kind: "moment", window })),
    ...positions.map((position): GaussianLaw => ({ kind: "second", position })),
    ...positions.map((position): GaussianLaw => ({ kind: "mixture", position })),
  ];
}

/** The mixture law of x_i determines every moment of x_i alone; no other candidate is a function of another. */
export function gaussianContains(outer: GaussianLaw, inner: GaussianLaw): boolean {
  if (outer.kind !== "mixture") return false;
  if (inner.kind === "second") return inner.position === outer.position;
  return inner.kind === "moment" && inner.window.length === 1 && inner.window[0] === outer.position;
}

/** The last position a law reaches (for the mixing check and degree-free bookkeeping). */
export function lawAsGaussianTask(law: GaussianLaw): Task {
  return { given: [], predict: law.kind === "moment" ? law.window : [law.position] };
}

/**
 * The law's entries over `field`: the moment's d^|A| coordinates (first position most
 * significant), the d² entries of E[x_i x_iᵀ] (row-major), or the mixture density at each
 * design point up to a positive factor per point (the weights drop the largest logit and
 * the normal constant; a row scale leaves the row space, which is all that is compared, unchanged).
 */
export function gaussianLawValues<E>(field: AnalyticField<E>, spec: ModelSpec, params: Parameters<E>, law: GaussianLaw, points: readonly (readonly number[])[]): E[] {
  if (law.kind === "moment") return windowLaw(field, params, law.window);
  const M = params.emission;
  const d = M.length;
  const choices =
    law.kind === "second"
      ? // Σ_h π_i(h)(μ_h μ_hᵀ + σ²I): σ² may be added per state since π_i sums to 1.
        Array.from({ length: d * d }, (_, ab) => {
          const a = Math.floor(ab / d);
          const b = ab % d;
          const noise = field.fromNumber(a === b ? spec.sigma * spec.sigma : 0);
          return M[a].map((m, h) => field.add(field.mul(m, M[b][h]), noise));
        })
      : points.map((x) => gaussianWeights(field, params, spec.sigma, x));
  return new ChainTensor(field, params.pi, params.T, { length: law.position, sites: [{ position: law.position, choices }] }).entries();
}

/** Design points for a mixture law: where the states compete, as for a task that is given x_i (predictor/design.ts). */
export function mixtureDesign(spec: ModelSpec, params: Parameters<number>, law: GaussianLaw, rng: Rng): number[][] {
  if (law.kind !== "mixture") return [];
  const task: Task = { given: [law.position], predict: [] };
  return informativeDesign(spec, params, [task], parameterCount(spec), rng)[0].map((point) => [...point[0]]);
}

/** Gradients of the law's entries at θ by float dual numbers (θ and spec in units of σ, as the task set's Jacobian). */
export function gaussianLawRows(spec: ModelSpec, theta: readonly number[], law: GaussianLaw, points: readonly (readonly number[])[]): Float64Array[] {
  const n = parameterCount(spec);
  const dual = floatDualField(n);
  const params = fromCoordinates(dual, spec, theta.map((v, i) => dual.variable(v, i)));
  const zeros = new Float64Array(n);
  return gaussianLawValues(dual, spec, params, law, points).map((x) => x.g ?? zeros);
}
