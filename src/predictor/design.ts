import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Rng } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import type { GaussianDesign } from "./summary.ts";

/**
 * Number of Gaussian design points per task: N = max(2k, ⌈4n / d^|U|⌉), so that the
 * task's outputs (N·d^|U|) exceed the n parameters four times over. The predictor is
 * analytic in θ, so generic points lose no rank; four-fold oversampling keeps the
 * numerical rank well conditioned.
 */
export function designSize(spec: ModelSpec, task: Task, parameterCount: number): number {
  return Math.max(2 * spec.states, Math.ceil((4 * parameterCount) / spec.symbols ** task.predict.length));
}

/**
 * Every input of a discrete task (hmm): the d^|S| symbol tuples, each listing the given
 * tokens in ascending position order, in lexicographic order (first given position most
 * significant).
 */
export function allInputs(spec: ModelSpec, task: Task): number[][] {
  const d = spec.symbols;
  return Array.from({ length: d ** task.given.length }, (_, code) =>
    task.given.map((_, i) => Math.floor(code / d ** (task.given.length - 1 - i)) % d),
  );
}

/**
 * A seeded design of generic inputs for each task: sequences sampled from the model at
 * `params`, so that inputs fall where the model puts its mass (posteriors neither
 * saturate nor flatten, which keeps the Jacobian well conditioned).
 */
export function gaussianDesign(
  spec: ModelSpec,
  params: Parameters<number>,
  tasks: readonly Task[],
  parameterCount: number,
  rng: Rng,
): GaussianDesign {
  return tasks.map((task) =>
    Array.from({ length: designSize(spec, task, parameterCount) }, () => {
      const states = sampleStates(params, Math.max(...task.given), rng);
      return task.given.map((t) =>
        params.emission.map((row) => row[states[t - 1]] + spec.sigma * rng.normal()),
      );
    }),
  );
}

/** A hidden path h_1..h_L from π and T. */
export function sampleStates(params: Parameters<number>, length: number, rng: Rng): number[] {
  const draw = (weights: readonly number[]) => {
    let u = rng.uniform();
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) return i;
    }
    return weights.length - 1;
  };
  const states = [draw(params.pi)];
  for (let t = 1; t < length; t++) states.push(draw(params.T.map((row) => row[states[t - 1]])));
  return states;
}
