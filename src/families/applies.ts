import type { Field } from "../field/field.ts";
import { Rng } from "../base/random.ts";
import { fromCoordinates } from "../model/chart.ts";
import { randomRationalCoordinates } from "../model/rational-point.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import { w2Example } from "./examples.ts";
import { PROOF_PRIME, rationalToPrime, tangentRank } from "./tangent-rank.ts";
import { w1Basis, w1Transform } from "./w1.ts";
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
 * The families of docs/math.md §7 whose construction keeps every task's predictions:
 * W1 (hmm, every task pairwise on {1, 2}, or on adjacent positions under stationary init),
 * W2 (hmm, stationary init, every task pairwise), W3 (ghmm, free init, the one task
 * x1 -> x2) and the Claim 1 pair (hmm, k = 2, stationary, every task pairwise at an even
 * lag). W1 and W2 dimensions are tangent ranks mod p at a rational point (a lower bound on
 * the generic dimension, exact when it meets the fiber); W3's is k − 1 since T' − T = −v1ᵀ
 * determines v; Claim 1 is a pair at special points, dimension 0.
 */
export function applicableFamilies(spec: ModelSpec, tasks: readonly Task[]): ApplicableFamily[] {
  const k = spec.states;
  if (k < 2) return [];
  const pairwise = tasks.every((t) => t.given.length === 1 && t.predict.length === 1);
  const lags = pairwise ? tasks.map((t) => Math.abs(t.given[0] - t.predict[0])) : [];
  const out: ApplicableFamily[] = [];
  if (spec.family === "ghmm") {
    if (spec.init === "free" && tasks.length === 1 && tasks[0].given[0] === 1 && tasks[0].predict[0] === 2 && pairwise) {
      out.push({ family: "W3", dimension: k - 1, statement: `W3 (docs/math.md §7.4): μ' = μ + Mv, T' = T − v1ᵀ, π' ∝ π exp(μᵀMv/σ²) for 1ᵀv = 0 keeps x1 -> x2; dimension k − 1 = ${k - 1} (T' − T = −v1ᵀ determines v)` });
    }
    return out;
  }
  if (!pairwise) return out;
  const onFirstPair = tasks.every((t, i) => Math.min(t.given[0], t.predict[0]) === 1 && lags[i] === 1);
  if (onFirstPair || (spec.init === "stationary" && lags.every((l) => l === 1))) {
    const r = w1TangentRank(spec);
    out.push({ family: "W1", dimension: r, statement: `W1 (docs/math.md §7.1): O' = OR, A' = R⁻¹AR⁻ᵀ, π' = R⁻¹π for 1ᵀR = 1ᵀ keeps ${onFirstPair ? "the joint law of (x1, x2)" : "every adjacent joint law (π stationary)"}; tangent rank ${r} of k(k−1) = ${k * (k - 1)} mod ${PROOF_PRIME} at a rational point` });
  }
  if (spec.init === "stationary") {
    const r = w2TangentRank(spec);
    out.push({ family: "W2", dimension: r, statement: `W2 (docs/math.md §7.3): O' = OR, T' = R⁻¹TR with R = diag(√π)Q diag(√π')⁻¹ keeps every pairwise joint law (π stationary); tangent rank ${r} of k(k−1)/2 = ${(k * (k - 1)) / 2} mod ${PROOF_PRIME} at a rational point` });
    if (k === 2 && lags.every((l) => l % 2 === 0)) {
      out.push({ family: "Claim 1", dimension: 0, statement: "Claim 1 (docs/math.md §7.2): T and T' with T² = T'² at special points; a discrete pair, dimension 0" });
    }
  }
  return out;
}

/** Tangent rank mod p of W1's k(k−1) elementary directions at a fixed rational point (seeded, so proofs can quote it). */
export function w1TangentRank(spec: ModelSpec): number {
  const base = randomRationalCoordinates(spec, new Rng(3));
  return tangentRank(spec, spec.states * (spec.states - 1), <E>(f: Field<E>, eps: E, i: number) => {
    const p = fromCoordinates(f, spec, base.map((x) => rationalToPrime(f, x)));
    const E = w1Basis(f, spec.states)[i];
    return w1Transform(f, p, E.map((row, a) => row.map((x, b) => f.add(a === b ? f.one : f.zero, f.mul(eps, x)))));
  });
}

/** Tangent rank mod p of W2's k − 1 tilts of √π' and (k−1)(k−2)/2 rotations fixing √π, at the W2 example point. */
export function w2TangentRank(spec: ModelSpec): number {
  const k = spec.states;
  const { first } = w2Example(spec);
  const unit = <E>(f: Field<E>, i: number) => Array.from({ length: k }, (_, j) => (i === j ? f.one : f.zero));
  const planes: [number, number][] = [];
  for (let a = 0; a < k - 1; a++) for (let b = a + 1; b < k - 1; b++) planes.push([a, b]);
  return tangentRank(spec, k - 1 + planes.length, <E>(f: Field<E>, eps: E, i: number) => {
    const lift = (x: typeof first.pi[number]) => rationalToPrime(f, x);
    const base = { pi: first.pi.map(lift), T: first.T.map((r) => r.map(lift)), emission: first.emission.map((r) => r.map(lift)) };
    const sqrtPi = rationalSqrtLaw(f, k);
    const tilt = i < k - 1 ? unit(f, i).map((x, j) => (j === k - 1 ? f.neg(f.one) : x)) : unit(f, -1);
    const plane = planes[i - (k - 1)];
    const twist = plane ? { a: unit(f, plane[0]), b: unit(f, plane[1]), s: eps } : undefined;
    const m = w2Choice(f, sqrtPi, { direction: tilt, t: plane ? f.zero : eps }, twist);
    return w2Transform(f, base, m.sqrtPi, m.sqrtPiPrime, m.Q);
  });
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
