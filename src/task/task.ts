/**
 * A masked-prediction task: given the tokens at `given` (ascending, 1-based positions),
 * predict the tensor product of the tokens at `predict`, in the listed order.
 */
export interface Task {
  readonly given: readonly number[];
  readonly predict: readonly number[];
}

/**
 * The largest position a task may name. The predictor's cost grows only with log L (hidden
 * runs move by powers of T), but the Schwartz–Zippel degree bound of an exact trial grows
 * with L, so beyond this a rank drop mod p would carry no useful probability bound.
 */
export const MAX_POSITION = 1_000_000;

/** The canonical spelling: `x1, x2 -> x3 ⊗ x4`. */
export function formatTask(task: Task): string {
  return `${task.given.map((t) => `x${t}`).join(", ")} -> ${task.predict.map((t) => `x${t}`).join(" ⊗ ")}`;
}

export function formatTaskSet(tasks: readonly Task[]): string {
  return tasks.map(formatTask).join("; ");
}

/** The last position a task touches: forward–backward runs over 1..L. */
export function taskLength(task: Task): number {
  return Math.max(...task.given, ...task.predict);
}
