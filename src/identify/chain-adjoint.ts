import type { Field } from "../field/field.ts";

/** A chain product's value and its gradient over π, T and the weight at each weighted position. */
export interface ChainAdjoint {
  readonly value: number;
  readonly pi: number[];
  readonly T: number[][];
  /** Per position (0-based), the gradient over its weight vector, or null where unweighted. */
  readonly weights: (number[] | null)[];
}

/**
 * Reverse mode over one chain: N = Σ_h π(h_1) Π_t w_t(h_t) Π_t T[h_{t+1}][h_t], with
 * w_t = 1 where `weights[t]` is null. Forward messages α̃_t (before the weight at t) and
 * α_t (after), backward β_t; then ∂N/∂π = w_1 ⊙ β_1, ∂N/∂w_t = α̃_t ⊙ β_t and
 * ∂N/∂T[i][j] = Σ_t α_t(j) w_{t+1}(i) β_{t+1}(i). O(L·k²), no division, so any point of F_p
 * where the chain is defined will do.
 */
export function chainAdjoint(
  field: Field<number>,
  pi: readonly number[],
  T: readonly (readonly number[])[],
  weights: readonly (readonly number[] | null)[],
): ChainAdjoint {
  const k = pi.length;
  const L = weights.length;
  const weigh = (v: number[], t: number) => {
    const w = weights[t];
    return w ? v.map((x, h) => field.mul(x, w[h])) : v;
  };
  const before: number[][] = [pi.slice()];
  const after: number[][] = [weigh(before[0], 0)];
  for (let t = 1; t < L; t++) {
    const a = after[t - 1];
    before.push(T.map((row) => dot(field, row, a)));
    after.push(weigh(before[t], t));
  }
  // weighted[t] = w_t ⊙ β_t: what reaches position t − 1 through T.
  const beta: number[][] = new Array(L);
  const weighted: number[][] = new Array(L);
  beta[L - 1] = new Array<number>(k).fill(field.one);
  weighted[L - 1] = weigh(beta[L - 1], L - 1);
  for (let t = L - 2; t >= 0; t--) {
    const next = weighted[t + 1];
    beta[t] = Array.from({ length: k }, (_, h) => {
      let s = field.zero;
      for (let i = 0; i < k; i++) s = field.add(s, field.mul(T[i][h], next[i]));
      return s;
    });
    weighted[t] = weigh(beta[t], t);
  }
  const gT = Array.from({ length: k }, () => new Array<number>(k).fill(field.zero));
  for (let t = 0; t + 1 < L; t++) {
    const a = after[t];
    const b = weighted[t + 1];
    for (let i = 0; i < k; i++) {
      const row = gT[i];
      const bi = b[i];
      for (let j = 0; j < k; j++) row[j] = field.add(row[j], field.mul(a[j], bi));
    }
  }
  let value = field.zero;
  for (const x of after[L - 1]) value = field.add(value, x);
  return {
    value,
    pi: weighted[0],
    T: gT,
    weights: weights.map((w, t) => (w ? before[t].map((x, h) => field.mul(x, beta[t][h])) : null)),
  };
}

function dot(field: Field<number>, a: readonly number[], b: readonly number[]): number {
  let s = field.zero;
  for (let i = 0; i < a.length; i++) s = field.add(s, field.mul(a[i], b[i]));
  return s;
}
