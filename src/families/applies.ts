import type { Field } from "../field/field.ts";
import { Rng } from "../base/random.ts";
import { fromCoordinates, mapParameters } from "../model/chart.ts";
import { randomRationalCoordinates } from "../model/rational-point.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import { w2ExamplePoint } from "./examples.ts";
import { type FamilyMove, PROOF_PRIME, rationalToPrime, tangentRank } from "./tangent-rank.ts";
import { w1Basis, w1Transform } from "./w1.ts";
import { identity } from "../linalg/matrix.ts";
import { rationalSqrtLaw, w2Choice, w2Transform } from "./w2.ts";

export type FamilyName = "W1" | "W2" | "W3" | "Claim 1";

/** A family of docs/math.md §7 that keeps every prediction of a task set, with its dimension at this size. */
export interface ApplicableFamily {
  readonly family: FamilyName;
  /** Its dimension through a generic point (0 for a discrete pair). */
  readonly dimension: number;
  /** What the family is and how its dimension is known. */
  readonly statement: string;
}

/**
 * Which families of docs/math.md §7 keep every task's predictions, by the shape of the task set
 * alone: W1 (hmm, every task pairwise on {1, 2}: "first pair", or on adjacent positions
 * under stationary init: "adjacent"), W2 (hmm, stationary init, every task pairwise), W3
 * (ghmm, free init, the one task x1 -> x2) and the Claim 1 pair (hmm, k = 2, stationary,
 * every task pairwise at an even lag).
 */
export function familyConditions(spec: ModelSpec, tasks: readonly Task[]): { w1: "first pair" | "adjacent" | null; w2: boolean; w3: boolean; claim1: boolean } {
  const none = { w1: null, w2: false, w3: false, claim1: false };
  const pairwise = tasks.every((t) => t.given.length === 1 && t.predict.length === 1);
  if (spec.states < 2 || !pairwise) return none;
  const lags = tasks.map((t) => Math.abs(t.given[0] - t.predict[0]));
  if (spec.family === "ghmm") return { ...none, w3: spec.init === "free" && tasks.length === 1 && tasks[0].given[0] === 1 && tasks[0].predict[0] === 2 };
  const stationary = spec.init === "stationary";
  const onFirstPair = tasks.every((t, i) => Math.min(t.given[0], t.predict[0]) === 1 && lags[i] === 1);
  return {
    w1: onFirstPair ? "first pair" : stationary && lags.every((l) => l === 1) ? "adjacent" : null,
    w2: stationary,
    w3: false,
    claim1: stationary && spec.states === 2 && lags.every((l) => l % 2 === 0),
  };
}

/**
 * The families that apply (familyConditions) with their dimensions at this size. W1 and W2
 * dimensions are tangent ranks mod p at a rational point (a lower bound on the generic
 * dimension, exact when it meets the fiber); W3's is k − 1 since T' − T = −v1ᵀ determines
 * v; Claim 1 is a pair at special points, dimension 0.
 */
export function applicableFamilies(spec: ModelSpec, tasks: readonly Task[]): ApplicableFamily[] {
  return familyNames(spec, tasks).map((name) => measureFamily(spec, tasks, name));
}

/**
 * The applicable family of largest positive dimension f, whose tangents lie in null J at
 * every generic point, so that the generic rank is at most n − f (docs/math.md §6.5); null
 * when none has f > 0. Families are measured in decreasing order of their number of
 * directions, and the search stops once a measured dimension reaches the next family's
 * count, which bounds that family's dimension: under stationary init with lag-1 tasks, a
 * full-dimensional W1 (k(k−1)) leaves W2 (k(k−1)/2 directions) unmeasured.
 */
export function largestFamily(spec: ModelSpec, tasks: readonly Task[]): ApplicableFamily | null {
  const byCount = familyNames(spec, tasks)
    .map((name) => ({ name, count: directionCount(spec.states, name) }))
    .sort((a, b) => b.count - a.count);
  let best: ApplicableFamily | null = null;
  for (const { name, count } of byCount) {
    if (count <= (best?.dimension ?? 0)) break;
    const family = measureFamily(spec, tasks, name);
    if (family.dimension > (best?.dimension ?? 0)) best = family;
  }
  return best;
}

/** The families that apply, in the order applicableFamilies lists them. */
function familyNames(spec: ModelSpec, tasks: readonly Task[]): FamilyName[] {
  const c = familyConditions(spec, tasks);
  return [...(c.w3 ? ["W3" as const] : []), ...(c.w1 ? ["W1" as const] : []), ...(c.w2 ? ["W2" as const] : []), ...(c.claim1 ? ["Claim 1" as const] : [])];
}

/** A family's number of directions: an upper bound on its dimension. */
function directionCount(k: number, name: FamilyName): number {
  return { W1: k * (k - 1), W2: (k * (k - 1)) / 2, W3: k - 1, "Claim 1": 0 }[name];
}

function measureFamily(spec: ModelSpec, tasks: readonly Task[], name: FamilyName): ApplicableFamily {
  const k = spec.states;
  if (name === "W3") {
    return { family: "W3", dimension: k - 1, statement: `W3 (docs/math.md §7.4): μ' = μ + Mv, T' = T − v1ᵀ, π' ∝ π exp(μᵀMv/σ²) for 1ᵀv = 0 keeps x1 -> x2; dimension k − 1 = ${k - 1} (T' − T = −v1ᵀ determines v)` };
  }
  if (name === "W1") {
    const r = w1TangentRank(spec);
    const what = familyConditions(spec, tasks).w1 === "first pair" ? "the joint law of (x1, x2)" : "every adjacent joint law (π stationary)";
    return { family: "W1", dimension: r, statement: `W1 (docs/math.md §7.1): O' = OR, A' = R⁻¹AR⁻ᵀ, π' = R⁻¹π for 1ᵀR = 1ᵀ keeps ${what}; tangent rank ${r} of k(k−1) = ${k * (k - 1)} mod ${PROOF_PRIME} at a rational point` };
  }
  if (name === "W2") {
    const r = w2TangentRank(spec);
    return { family: "W2", dimension: r, statement: `W2 (docs/math.md §7.3): O' = OR, T' = R⁻¹TR with R = diag(√π)Q diag(√π')⁻¹ keeps every pairwise joint law (π stationary); tangent rank ${r} of k(k−1)/2 = ${(k * (k - 1)) / 2} mod ${PROOF_PRIME} at a rational point` };
  }
  return { family: "Claim 1", dimension: 0, statement: "Claim 1 (docs/math.md §7.2): T and T' with T² = T'² at special points; a discrete pair, dimension 0" };
}

/** A family through a fixed point: its number of directions and its move (tangent-rank.ts). */
export interface FamilyAtPoint {
  readonly directions: number;
  readonly move: FamilyMove;
}

/** Tangent rank mod p of W1's k(k−1) elementary directions at a fixed rational point (seeded, so proofs can quote it). */
export function w1TangentRank(spec: ModelSpec): number {
  const { directions, move } = w1Family(spec);
  return tangentRank(spec, directions, move);
}

/** W1 through the seeded rational point: R = I + Σ ε_i E_i over the elementary directions E_i (w1Basis). */
export function w1Family(spec: ModelSpec): FamilyAtPoint {
  const k = spec.states;
  const base = randomRationalCoordinates(spec, new Rng(3));
  return {
    directions: k * (k - 1),
    move: <E>(f: Field<E>, eps: readonly E[]) => {
      const p = fromCoordinates(f, spec, base.map((x) => rationalToPrime(f, x)));
      // Only the two non-zero entries of each elementary E_i are added.
      const R = identity(f, k);
      w1Basis(f, k).forEach((E, i) => E.forEach((row, a) => row.forEach((x, b) => f.isZero(x) || (R[a][b] = f.add(R[a][b], f.mul(eps[i], x))))));
      return w1Transform(f, p, R);
    },
  };
}

/** Tangent rank mod p of W2's k(k−1)/2 directions (w2Family) at the W2 example point. */
export function w2TangentRank(spec: ModelSpec): number {
  const { directions, move } = w2Family(spec);
  return tangentRank(spec, directions, move);
}

/**
 * W2 through the W2 example point: k − 1 tilts of √π' (along e_i − e_k) and
 * (k−1)(k−2)/2 rotations fixing √π (in the planes of e_a, e_b, a < b < k), in that order.
 */
export function w2Family(spec: ModelSpec): FamilyAtPoint {
  const k = spec.states;
  const first = w2ExamplePoint(spec);
  const unit = <E>(f: Field<E>, i: number) => Array.from({ length: k }, (_, j) => (i === j ? f.one : f.zero));
  const planes: [number, number][] = [];
  for (let a = 0; a < k - 1; a++) for (let b = a + 1; b < k - 1; b++) planes.push([a, b]);
  return {
    directions: k - 1 + planes.length,
    move: <E>(f: Field<E>, eps: readonly E[]) => {
      const base = mapParameters(first, (x) => rationalToPrime(f, x));
      // The tilt Σ ε_i (e_i − e_k) at t = 1: with one ε_i non-zero this is the tilt along e_i − e_k by ε_i.
      const tilt = unit(f, k - 1).map((_, j) => (j < k - 1 ? eps[j] : f.neg(eps.slice(0, k - 1).reduce((s, x) => f.add(s, x), f.zero))));
      const twists = planes.map(([a, b], i) => ({ a: unit(f, a), b: unit(f, b), s: eps[k - 1 + i] }));
      const m = w2Choice(f, rationalSqrtLaw(f, k), { direction: tilt, t: f.one }, twists);
      return w2Transform(f, base, m.sqrtPi, m.sqrtPiPrime, m.Q);
    },
  };
}

/**
 * The family that explains the whole fiber: one whose dimension equals the fiber dimension
 * n − rank (positive). The family lies in the fiber, so it then is the fiber near a generic
 * point, and non-identifiability has an explicit proof. Null when none does.
 */
export function explainingFamily(spec: ModelSpec, tasks: readonly Task[], fiberDimension: number): ApplicableFamily | null {
  if (!(fiberDimension > 0)) return null;
  return applicableFamilies(spec, tasks).find((f) => f.dimension === fiberDimension) ?? null;
}

/**
 * The number of directions of the largest family that applies (0 when none does): its
 * dimension by construction, what an estimate may assume without measuring tangent ranks.
 */
export function largestDirectionCount(spec: ModelSpec, tasks: readonly Task[]): number {
  return Math.max(0, ...familyNames(spec, tasks).map((name) => directionCount(spec.states, name)));
}
