import { binomial, subsets } from "../base/combinatorics.ts";
import type { Task } from "../task/task.ts";

/** Every task on positions 1..L with 1..maxGiven given and 1..maxPredicted predicted tokens. */
export interface WindowFamily {
  readonly window: number;
  readonly maxGiven: number;
  readonly maxPredicted: number;
}

/**
 * The tasks of a window family, given tokens ascending and predicted tokens ascending:
 * listing the predicted tokens in another order permutes the predictor's entries, which
 * changes neither its rank nor the answer, so one order stands for all.
 */
export function windowTasks(family: WindowFamily): Task[] {
  const positions = Array.from({ length: family.window }, (_, i) => i + 1);
  const tasks: Task[] = [];
  for (const given of subsets(positions, family.maxGiven)) {
    const rest = positions.filter((p) => !given.includes(p));
    for (const predict of subsets(rest, family.maxPredicted)) tasks.push({ given, predict });
  }
  return tasks;
}

/** The number of tasks windowTasks gives, without listing them (to refuse a huge grid before building it). */
export function windowTaskCount(family: WindowFamily): number {
  let count = 0;
  for (let g = 1; g <= Math.min(family.maxGiven, family.window); g++) {
    let predicted = 0;
    for (let p = 1; p <= Math.min(family.maxPredicted, family.window - g); p++) predicted += binomial(family.window - g, p);
    count += binomial(family.window, g) * predicted;
  }
  return count;
}
