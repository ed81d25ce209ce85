import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import type { Observation } from "../../src/predictor/weights.ts";
import type { Task } from "../../src/task/task.ts";

/**
 * The slow reference predictor: sums over all k^L hidden paths, with full Gaussian
 * densities (not the log-domain ratios the library uses). Floats only, tests only.
 */
export function predictByPaths(spec: ModelSpec, p: Parameters<number>, task: Task, given: readonly Observation[]): number[] {
  const k = spec.states;
  const d = spec.symbols;
  const L = Math.max(...task.given, ...task.predict);
  const outputs = d ** task.predict.length;
  const numerator = new Array(outputs).fill(0);
  let denominator = 0;
  const path = new Array(L).fill(0);
  for (let code = 0; code < k ** L; code++) {
    let rest = code;
    for (let t = 0; t < L; t++) {
      path[t] = rest % k;
      rest = Math.floor(rest / k);
    }
    let weight = p.pi[path[0]];
    for (let t = 1; t < L; t++) weight *= p.T[path[t]][path[t - 1]];
    task.given.forEach((position, i) => {
      const h = path[position - 1];
      const x = given[i];
      if (typeof x === "number") weight *= p.emission[x][h];
      else {
        let sq = 0;
        for (let a = 0; a < d; a++) sq += (x[a] - p.emission[a][h]) ** 2;
        weight *= Math.exp(-sq / (2 * spec.sigma ** 2));
      }
    });
    denominator += weight;
    for (let out = 0; out < outputs; out++) {
      let term = weight;
      let r = out;
      for (let i = task.predict.length - 1; i >= 0; i--) {
        term *= p.emission[r % d][path[task.predict[i] - 1]];
        r = Math.floor(r / d);
      }
      numerator[out] += term;
    }
  }
  return numerator.map((x) => x / denominator);
}
