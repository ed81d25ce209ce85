import type { Field } from "../field/field.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import { ChainTensor } from "./chain.ts";
import { type Observation, observationWeights, taskWeights } from "./weights.ts";

/**
 * The optimal (squared-loss) predictor of a task at one input, over any field:
 * E[⊗_{u∈U} x_u | x_S] as a flat vector of d^|U| entries, the first predicted token most
 * significant. `given` lists the observed tokens in ascending position order.
 */
export function predict<E>(
  field: Field<E>,
  spec: ModelSpec,
  params: Parameters<E>,
  task: Task,
  given: readonly Observation[],
): E[] {
  if (given.length !== task.given.length) {
    throw new Error(`the task is given ${task.given.length} tokens, not ${given.length}`);
  }
  const byPosition = new Map(task.given.map((t, i) => [t, [observationWeights(field, spec, params, given[i])]]));
  const { joint, normaliser } = taskWeights(params, task, (t) => byPosition.get(t)!);
  const z = new ChainTensor(field, params.pi, params.T, normaliser).entry(0);
  const tensor = new ChainTensor(field, params.pi, params.T, joint);
  const order = predictedOrder(task, spec.symbols);
  return order.map((index) => field.div(tensor.entry(index), z));
}

/**
 * For each output in U-list order (first predicted token most significant), its index in
 * the chain tensor over a single input (positions ascending). Shared with the summary.
 */
export function predictedOrder(task: Task, d: number): number[] {
  const ascending = [...task.predict].sort((a, b) => a - b);
  const count = d ** task.predict.length;
  return Array.from({ length: count }, (_, out) => {
    const digits = new Map<number, number>();
    let rest = out;
    for (let i = task.predict.length - 1; i >= 0; i--) {
      digits.set(task.predict[i], rest % d);
      rest = Math.floor(rest / d);
    }
    return ascending.reduce((index, t) => index * d + digits.get(t)!, 0);
  });
}
