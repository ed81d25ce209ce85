import type { Field } from "../field/field.ts";
import { matMul, matVec } from "../linalg/matrix.ts";

/**
 * The positions a chain contraction sees: `length` positions 1..L, of which only the
 * `sites` (ascending) carry weights; every other position is hidden and weighs each
 * state by 1. Listing only the sites keeps the cost independent of how far apart they are.
 */
export interface ChainWeights<E> {
  readonly length: number;
  readonly sites: readonly ChainSite<E>[];
}

/** One informative position and its list of weight choices (each a k-vector). */
export interface ChainSite<E> {
  readonly position: number;
  readonly choices: readonly (readonly E[])[];
}

/**
 * Hidden runs longer than this move messages by a power of T computed by squaring
 * (O(k³ log g)); shorter ones apply T step by step, which keeps the arithmetic of short
 * tasks exactly as it was.
 */
const STEPWISE_LIMIT = 16;

/**
 * A chain contraction: for every choice of one weight vector per site,
 *
 *   Σ_{h_1..h_L} π(h_1) Π_t w_t(h_t) Π_t T[h_{t+1}][h_t],
 *
 * i.e. the forward algorithm run for all choices at once, with w_t = 1 off the sites.
 * Entries are indexed in mixed radix over the sites in order, the first most significant.
 *
 * Forward messages run from the left up to a pivot site, backward messages from the
 * right; each entry is then one k-term inner product, computed on demand, so a caller
 * that needs only some entries (an exact rank that saturates early) pays only for those.
 * A gap of g hidden positions costs O(k³ log g) once, so positions far apart stay cheap.
 */
export class ChainTensor<E> {
  readonly size: number;
  private readonly left: E[][];
  private readonly right: E[][];
  private readonly rightCount: number;

  constructor(field: Field<E>, pi: readonly E[], T: readonly (readonly E[])[], weights: ChainWeights<E>) {
    const { sites, length } = weights;
    if (sites.length === 0) throw new RangeError("a chain contraction needs at least one site");
    const mover = new Mover(field, T);
    const counts = sites.map((s) => s.choices.length);
    const pivot = cheapestPivot(counts, pi.length);
    this.left = forward(field, mover, mover.apply(pi, sites[0].position - 1), sites.slice(0, pivot));
    const start = mover.applyLeft(new Array<E>(pi.length).fill(field.one), length - sites[sites.length - 1].position);
    this.right = backward(field, mover, start, sites.slice(pivot - 1));
    this.rightCount = this.right.length;
    this.size = this.left.length * this.rightCount;
    this.field = field;
  }

  private readonly field: Field<E>;

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

/** Site count on the left (≥ 1) minimising messages·k² plus entries·k. */
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

/** Forward messages α(h) at the last left site (its weight applied), one per choice of weights. */
function forward<E>(field: Field<E>, mover: Mover<E>, first: E[], sites: readonly ChainSite<E>[]): E[][] {
  let messages: E[][] = [first];
  sites.forEach((site, i) => {
    const next: E[][] = [];
    for (const m of messages) {
      const moved = i === 0 ? m : mover.apply(m, site.position - sites[i - 1].position);
      for (const w of site.choices) next.push(moved.map((x, h) => field.mul(x, w[h])));
    }
    messages = next;
  });
  return messages;
}

/**
 * Backward messages β(h) at `sites[0]` (the last left site): β(h_c) = Σ over later hidden
 * states of the transition weights and the weights of `sites[1..]`, one per choice of
 * those weights, starting from `start` (the message at the last site).
 */
function backward<E>(field: Field<E>, mover: Mover<E>, start: E[], sites: readonly ChainSite<E>[]): E[][] {
  let messages: E[][] = [start];
  for (let i = sites.length - 1; i >= 1; i--) {
    const gap = sites[i].position - sites[i - 1].position;
    const next: E[][] = [];
    for (const w of sites[i].choices) {
      for (const m of messages) next.push(mover.applyLeft(m.map((x, h) => field.mul(x, w[h])), gap));
    }
    messages = next;
  }
  return messages;
}

/** Moves messages by T^steps: forward (T^s v) or backward (vᵀ T^s), with powers cached. */
class Mover<E> {
  private readonly powers = new Map<number, E[][]>();
  constructor(
    private readonly field: Field<E>,
    private readonly T: readonly (readonly E[])[],
  ) {}

  apply(v: readonly E[], steps: number): E[] {
    if (steps <= STEPWISE_LIMIT) {
      let out = v.slice();
      for (let s = 0; s < steps; s++) out = matVec(this.field, this.T, out);
      return out;
    }
    return matVec(this.field, this.power(steps), v);
  }

  applyLeft(v: readonly E[], steps: number): E[] {
    if (steps <= STEPWISE_LIMIT) {
      let out = v.slice();
      for (let s = 0; s < steps; s++) out = vecMat(this.field, out, this.T);
      return out;
    }
    return vecMat(this.field, v, this.power(steps));
  }

  /** T^e by repeated squaring. */
  private power(e: number): E[][] {
    const cached = this.powers.get(e);
    if (cached) return cached;
    let result: E[][] | null = null;
    let base = this.T.map((row) => row.slice());
    for (let rest = e; rest > 0; rest = Math.floor(rest / 2)) {
      if (rest % 2 === 1) result = result === null ? base : matMul(this.field, result, base);
      if (rest > 1) base = matMul(this.field, base, base);
    }
    this.powers.set(e, result!);
    return result!;
  }
}

/** (vᵀ T)_j = Σ_i v_i T[i][j]. */
function vecMat<E>(field: Field<E>, v: readonly E[], T: readonly (readonly E[])[]): E[] {
  return T[0].map((_, j) => {
    let s = field.mul(v[0], T[0][j]);
    for (let i = 1; i < v.length; i++) s = field.add(s, field.mul(v[i], T[i][j]));
    return s;
  });
}
