import type { Field } from "../field/field.ts";

/**
 * A chain contraction: for every choice of one weight vector per position,
 *
 *   Σ_{h_1..h_L} π(h_1) Π_t w_t(h_t) Π_t T[h_{t+1}][h_t],
 *
 * i.e. the forward algorithm run for all choices at once. Position t offers the list
 * `weights[t-1]` of k-vectors (emission likelihoods of a given token, E[x_t | h] rows of a
 * predicted token, or all-ones for a hidden one). Entries are indexed in mixed radix over
 * the positions in order, the first position most significant.
 *
 * Forward messages run from the left up to a pivot position, backward messages from the
 * right; each entry is then one k-term inner product, computed on demand, so a caller
 * that needs only some entries (an exact rank that saturates early) pays only for those.
 */
export class ChainTensor<E> {
  readonly size: number;
  private readonly left: E[][];
  private readonly right: E[][];
  private readonly rightCount: number;

  constructor(
    private readonly field: Field<E>,
    pi: readonly E[],
    T: readonly (readonly E[])[],
    weights: readonly (readonly (readonly E[])[])[],
  ) {
    const counts = weights.map((w) => w.length);
    const pivot = cheapestPivot(counts, pi.length);
    this.left = forward(field, pi, T, weights.slice(0, pivot));
    this.right = backward(field, T, weights.slice(pivot));
    this.rightCount = this.right.length;
    this.size = this.left.length * this.rightCount;
  }

  /** The entry at a mixed-radix index. */
  entry(index: number): E {
    const l = this.left[Math.floor(index / this.rightCount)];
    const r = this.right[index % this.rightCount];
    const f = this.field;
    let s = f.mul(l[0], r[0]);
    for (let h = 1; h < l.length; h++) s = f.add(s, f.mul(l[h], r[h]));
    return s;
  }

  entries(): E[] {
    return Array.from({ length: this.size }, (_, i) => this.entry(i));
  }
}

/** Position (count of left positions, ≥ 1) minimising messages·k² plus entries·k. */
function cheapestPivot(counts: readonly number[], k: number): number {
  let best = counts.length;
  let bestCost = Infinity;
  for (let c = 1; c <= counts.length; c++) {
    const left = counts.slice(0, c).reduce((a, b) => a * b, 1);
    const right = counts.slice(c).reduce((a, b) => a * b, 1);
    const cost = (left + right) * k * k + left * right * k;
    if (cost < bestCost) [best, bestCost] = [c, cost];
  }
  return best;
}

/** Forward messages α(h_c) after the last given position, one per choice of weights. */
function forward<E>(
  field: Field<E>,
  pi: readonly E[],
  T: readonly (readonly E[])[],
  weights: readonly (readonly (readonly E[])[])[],
): E[][] {
  let messages: E[][] = [pi.slice()];
  weights.forEach((list, t) => {
    const next: E[][] = [];
    for (const m of messages) {
      const moved = t === 0 ? m : matVec(field, T, m);
      for (const w of list) next.push(moved.map((x, h) => field.mul(x, w[h])));
    }
    messages = next;
  });
  return messages;
}

/**
 * Backward messages β(h_c) = Σ_{h_{c+1}} T[h_{c+1}][h_c] w(h_{c+1}) β'(h_{c+1}), one per
 * choice of weights on the right positions; a single all-ones message when there are none.
 */
function backward<E>(field: Field<E>, T: readonly (readonly E[])[], weights: readonly (readonly (readonly E[])[])[]): E[][] {
  const k = T.length;
  let messages: E[][] = [new Array(k).fill(field.one)];
  for (let t = weights.length - 1; t >= 0; t--) {
    const next: E[][] = [];
    for (const w of weights[t]) {
      for (const m of messages) next.push(vecMat(field, m.map((x, h) => field.mul(x, w[h])), T));
    }
    messages = next;
  }
  return messages;
}

/** (T v)_i = Σ_j T[i][j] v_j. */
function matVec<E>(field: Field<E>, T: readonly (readonly E[])[], v: readonly E[]): E[] {
  return T.map((row) => {
    let s = field.mul(row[0], v[0]);
    for (let j = 1; j < v.length; j++) s = field.add(s, field.mul(row[j], v[j]));
    return s;
  });
}

/** (vᵀ T)_j = Σ_i v_i T[i][j]. */
function vecMat<E>(field: Field<E>, v: readonly E[], T: readonly (readonly E[])[]): E[] {
  return T[0].map((_, j) => {
    let s = field.mul(v[0], T[0][j]);
    for (let i = 1; i < v.length; i++) s = field.add(s, field.mul(v[i], T[i][j]));
    return s;
  });
}
