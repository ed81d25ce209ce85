import fc from "fast-check";
import { formatTask } from "../../src/task/task.ts";
import { arbTask } from "../../src/testing/arbitraries.ts";

/** One to `maxTasks` distinct tasks on positions ≤ 4. */
export const arbDistinctTasks = (maxTasks: number) =>
  fc.array(arbTask(4), { minLength: 1, maxLength: maxTasks }).filter((ts) => new Set(ts.map(formatTask)).size === ts.length);
