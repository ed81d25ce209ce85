import { type AnalyticField, type Field, isAnalytic } from "../field/field.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { type Task, taskLength } from "../task/task.ts";
import type { ChainSite, ChainWeights } from "./chain.ts";

/** An observed token: a symbol index 0..d−1 (hmm) or a point of R^d (ghmm). */
export type Observation = number | readonly number[];

/**
 * Weights for the joint (numerator) and the normaliser of E[⊗ x_U | x_S], as chain sites
 * (see ChainTensor): given tokens weigh h by their emission likelihood (a list of choices:
 * every symbol, or one design point), predicted tokens by each coordinate of E[x_u | h]
 * (rows of O or M); every other position up to L = max(S ∪ U) is hidden and weighs 1.
 * The normaliser has the given sites only, over the same L positions.
 */
export function taskWeights<E>(
  params: Parameters<E>,
  task: Task,
  givenChoices: (position: number) => E[][],
): { joint: ChainWeights<E>; normaliser: ChainWeights<E> } {
  const length = taskLength(task);
  const given: ChainSite<E>[] = task.given.map((position) => ({ position, choices: givenChoices(position) }));
  const predicted: ChainSite<E>[] = task.predict.map((position) => ({ position, choices: params.emission }));
  const ascending = (a: ChainSite<E>, b: ChainSite<E>) => a.position - b.position;
  return {
    joint: { length, sites: [...given, ...predicted].sort(ascending) },
    normaliser: { length, sites: given.slice().sort(ascending) },
  };
}

/** Every symbol's likelihood vector: row a of O is (P(x = a | h))_h. */
export function allSymbolWeights<E>(params: Parameters<E>): E[][] {
  return params.emission;
}

/**
 * Gaussian likelihood ratios of one observation: w(h) ∝ exp((μ_hᵀx − ‖μ_h‖²/2)/σ²),
 * computed in the log domain with the largest logit (by value) subtracted; any common
 * factor cancels between the joint and the normaliser.
 */
export function gaussianWeights<E>(field: AnalyticField<E>, params: Parameters<E>, sigma: number, x: readonly number[]): E[] {
  const M = params.emission;
  const k = M[0].length;
  const scale = field.fromNumber(1 / (sigma * sigma));
  const half = field.fromNumber(0.5);
  const logits: E[] = [];
  for (let h = 0; h < k; h++) {
    let dot = field.zero;
    let norm = field.zero;
    for (let a = 0; a < M.length; a++) {
      dot = field.add(dot, field.mul(M[a][h], field.fromNumber(x[a])));
      norm = field.add(norm, field.mul(M[a][h], M[a][h]));
    }
    logits.push(field.mul(field.sub(dot, field.mul(half, norm)), scale));
  }
  const top = Math.max(...logits.map((l) => field.value(l)));
  return logits.map((l) => field.exp(field.sub(l, field.fromNumber(top))));
}

/** The weight choices of one observed token. */
export function observationWeights<E>(
  field: Field<E>,
  spec: ModelSpec,
  params: Parameters<E>,
  observation: Observation,
): E[] {
  if (spec.family === "hmm") {
    if (typeof observation !== "number") throw new Error("a discrete HMM observes symbol indices");
    if (!Number.isInteger(observation) || observation < 0 || observation >= spec.symbols) {
      throw new Error(`symbol ${observation} is outside 0..${spec.symbols - 1}`);
    }
    return params.emission[observation];
  }
  if (!isAnalytic(field)) throw new Error(`Gaussian emissions need exp, which ${field.name} does not have`);
  if (typeof observation === "number" || observation.length !== spec.symbols) {
    throw new Error(`a Gaussian HMM observes vectors of length ${spec.symbols}`);
  }
  return gaussianWeights(field, params, spec.sigma, observation);
}
