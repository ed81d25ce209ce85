import { floatField } from "../field/float.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { type Task, formatTask } from "../task/task.ts";
import { ChainTensor } from "./chain.ts";
import { allSymbolWeights, taskWeights } from "./weights.ts";

/**
 * Below this a probability is treated as zero: the predictor divides by it, and from here
 * down a double loses the digits (and soon the value) of the quotient.
 */
export const NEGLIGIBLE_PROBABILITY = 1e-250;

/**
 * The inputs of discrete tasks that have probability zero (or underflow) at a point,
 * labelled `x1=3` (1-based symbols), at most `limit` of them. The optimal predictor is
 * undefined at such an input, so an analysis at that point cannot use it. Gaussian inputs
 * always have positive density and are never listed.
 */
export function unsupportedInputs(spec: ModelSpec, params: Parameters<number>, tasks: readonly Task[], limit = 5): string[] {
  if (spec.family !== "hmm") return [];
  const out: string[] = [];
  for (const task of tasks) {
    const { normaliser } = taskWeights(params, task, () => allSymbolWeights(params));
    const law = new ChainTensor(floatField, params.pi, params.T, normaliser).entries();
    law.forEach((p, input) => {
      if (out.length < limit && !(p > NEGLIGIBLE_PROBABILITY)) out.push(`${formatTask(task)}: ${digitsLabel(task.given, input, spec.symbols)}`);
    });
  }
  return out;
}

/** `x1=2,x3=5` style label of a mixed-radix tuple (1-based symbols or coordinates). */
export function digitsLabel(positions: readonly number[], index: number, d: number): string {
  const digits: string[] = [];
  for (let i = positions.length - 1; i >= 0; i--) {
    digits.unshift(`x${positions[i]}=${(index % d) + 1}`);
    index = Math.floor(index / d);
  }
  return digits.join(",");
}
