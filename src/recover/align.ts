import type { Parameters } from "../model/spec.ts";

/** An estimate relabelled to match the truth, with its errors. */
export interface Alignment {
  /** `permutation[j]` is the estimate's state that plays the truth's state j. */
  readonly permutation: number[];
  /** The estimate with states relabelled: aligned.pi[j] = estimate.pi[permutation[j]], etc. */
  readonly aligned: Parameters<number>;
  /** max |aligned − truth| over every entry of π, T and O|M. */
  readonly error: number;
  readonly errors: { readonly pi: number; readonly T: number; readonly emission: number };
}

/** Exhaustive search over the k! relabellings up to this k (8! = 40 320); greedy matching above. */
export const EXHAUSTIVE_ALIGNMENT_LIMIT = 8;

/**
 * The relabelling of hidden states that brings `estimate` closest to `truth` in max-abs
 * error (parameters are identified at best up to such relabellings: MATH §3). For k ≤ 8 the
 * search is exhaustive, so the error is the true minimum; above, states are matched greedily
 * by the distance between their emission columns and π entries, which finds the optimum
 * whenever the estimate is close enough that each state's nearest partner is its own.
 */
export function alignToTruth(estimate: Parameters<number>, truth: Parameters<number>): Alignment {
  const k = truth.pi.length;
  if (estimate.pi.length !== k) throw new Error(`cannot align ${estimate.pi.length} states to ${k}`);
  let best: Alignment | null = null;
  const consider = (perm: number[]) => {
    const a = relabel(estimate, perm, truth);
    if (!best || a.error < best.error) best = a;
  };
  if (k <= EXHAUSTIVE_ALIGNMENT_LIMIT) permutations(k, consider);
  else consider(greedyMatch(estimate, truth));
  return best!;
}

/** Relabels the estimate's states: state perm[j] becomes state j. */
export function permuteStates(p: Parameters<number>, perm: readonly number[]): Parameters<number> {
  return {
    pi: perm.map((i) => p.pi[i]),
    T: perm.map((i) => perm.map((j) => p.T[i][j])),
    emission: p.emission.map((row) => perm.map((j) => row[j])),
  };
}

function relabel(estimate: Parameters<number>, perm: number[], truth: Parameters<number>): Alignment {
  const aligned = permuteStates(estimate, perm);
  const errors = {
    pi: maxAbs([aligned.pi], [truth.pi]),
    T: maxAbs(aligned.T, truth.T),
    emission: maxAbs(aligned.emission, truth.emission),
  };
  return { permutation: perm, aligned, error: Math.max(errors.pi, errors.T, errors.emission), errors };
}

function maxAbs(x: readonly (readonly number[])[], y: readonly (readonly number[])[]): number {
  let m = 0;
  x.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - y[i][j])))));
  // NaN in an estimate must not compare as a small error.
  return x.some((row) => row.some((v) => Number.isNaN(v))) ? Number.NaN : m;
}

/** Heap's algorithm: calls `visit` with every permutation of 0..k−1 (the array is reused). */
function permutations(k: number, visit: (perm: number[]) => void): void {
  const perm = Array.from({ length: k }, (_, i) => i);
  const c = new Array(k).fill(0);
  visit([...perm]);
  let i = 1;
  while (i < k) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [perm[j], perm[i]] = [perm[i], perm[j]];
      visit([...perm]);
      c[i]++;
      i = 1;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

/** Repeatedly pairs the closest remaining (truth state, estimate state) by emission column and π distance. */
function greedyMatch(estimate: Parameters<number>, truth: Parameters<number>): number[] {
  const k = truth.pi.length;
  const distance = (j: number, i: number) =>
    Math.max(Math.abs(truth.pi[j] - estimate.pi[i]), ...truth.emission.map((row, a) => Math.abs(row[j] - estimate.emission[a][i])));
  const perm = new Array<number>(k).fill(-1);
  const taken = new Set<number>();
  for (let step = 0; step < k; step++) {
    let pick: [number, number, number] | null = null;
    for (let j = 0; j < k; j++) {
      if (perm[j] >= 0) continue;
      for (let i = 0; i < k; i++) {
        if (taken.has(i)) continue;
        const dist = distance(j, i);
        if (!pick || dist < pick[2]) pick = [j, i, dist];
      }
    }
    perm[pick![0]] = pick![1];
    taken.add(pick![1]);
  }
  return perm;
}
