import { relabel, relabelledDistance } from "../model/relabel.ts";
import type { Parameters } from "../model/spec.ts";

/** An estimate relabelled to match the truth, with its errors. */
export interface Alignment {
  /** `permutation[j]` is the estimate's state that plays the truth's state j. */
  readonly permutation: number[];
  /** The estimate with states relabelled: aligned.pi[j] = estimate.pi[permutation[j]], etc. (relabel(estimate, permutation)). */
  readonly aligned: Parameters<number>;
  /** max |aligned − truth| over every entry of π, T and O|M; NaN when the estimate has a NaN entry. */
  readonly error: number;
  readonly errors: { readonly pi: number; readonly T: number; readonly emission: number };
}

/**
 * The relabelling of hidden states that brings `estimate` closest to `truth` in max-abs
 * error (parameters are identified at best up to such relabellings: docs/math.md §5). The
 * permutation is relabelledDistance(truth, estimate)'s, an exact minimum over all k!
 * relabellings for every k (a pruned depth-first search, fast when the estimate is close
 * to some relabelling of the truth), so `error` is the true minimum. An estimate with a NaN
 * entry is never reported as accurate: it keeps the identity permutation and error NaN.
 */
export function alignToTruth(estimate: Parameters<number>, truth: Parameters<number>): Alignment {
  const k = truth.pi.length;
  if (estimate.pi.length !== k) throw new Error(`cannot align ${estimate.pi.length} states to ${k}`);
  // permutation[j]: the estimate's state matched to the truth's state j (relabelledDistance's convention, truth first).
  const { permutation } = relabelledDistance(truth, estimate);
  const aligned = relabel(estimate, permutation);
  const errors = {
    pi: maxAbsDifference([aligned.pi], [truth.pi]),
    T: maxAbsDifference(aligned.T, truth.T),
    emission: maxAbsDifference(aligned.emission, truth.emission),
  };
  return { permutation, aligned, error: Math.max(errors.pi, errors.T, errors.emission), errors };
}

function maxAbsDifference(x: readonly (readonly number[])[], y: readonly (readonly number[])[]): number {
  let m = 0;
  x.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - y[i][j])))));
  // NaN in an estimate must not compare as a small error.
  return x.some((row) => row.some((v) => Number.isNaN(v))) ? Number.NaN : m;
}
