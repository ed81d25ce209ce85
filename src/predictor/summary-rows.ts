import type { ModelSpec } from "../model/spec.ts";
import { type Task, formatTask } from "../task/task.ts";
import { digitsLabel } from "./support.ts";

/**
 * One row of a discrete exhaustive summary, located without building the summary: which
 * task, and the symbol at each given and predicted position. Row order is that of
 * `exhaustiveSummary`: tasks in turn, then inputs, then outputs, each a mixed-radix tuple
 * over the task's list of positions with the first listed most significant.
 */
export interface DiscreteRow {
  readonly task: Task;
  /** Symbols (0-based) in `task.given` order. */
  readonly given: readonly number[];
  /** Symbols (0-based) in `task.predict` order. */
  readonly predicted: readonly number[];
  readonly label: string;
}

/** Rows of each task of a discrete summary: d^|S| inputs × d^|U| outputs. */
export function discreteTaskRows(spec: ModelSpec, tasks: readonly Task[]): number[] {
  return tasks.map((task) => spec.symbols ** (task.given.length + task.predict.length));
}

/** Locates a row among tasks whose row counts are `counts` (from `discreteTaskRows`). */
export function locateDiscreteRow(spec: ModelSpec, tasks: readonly Task[], counts: readonly number[], row: number): DiscreteRow {
  let local = row;
  let t = 0;
  while (t < tasks.length && local >= counts[t]) local -= counts[t++];
  if (row < 0 || t === tasks.length) throw new RangeError(`summary row ${row} outside 0..${counts.reduce((a, b) => a + b, 0) - 1}`);
  const task = tasks[t];
  const d = spec.symbols;
  const outputs = d ** task.predict.length;
  const input = Math.floor(local / outputs);
  const output = local % outputs;
  return {
    task,
    given: digits(input, task.given.length, d),
    predicted: digits(output, task.predict.length, d),
    label: `${formatTask(task)} | ${digitsLabel(task.given, input, d)} | ${digitsLabel(task.predict, output, d)}`,
  };
}

/** The `count` base-d digits of `code`, most significant first. */
function digits(code: number, count: number, d: number): number[] {
  const out = new Array<number>(count);
  for (let i = count - 1; i >= 0; i--) {
    out[i] = code % d;
    code = Math.floor(code / d);
  }
  return out;
}
