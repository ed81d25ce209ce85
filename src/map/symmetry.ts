import { type Task, formatTask } from "../task/task.ts";

/**
 * Task sets that give the same answer for every model with a stationary initial law
 * (docs/maps.md, "Symmetries"): shifting every position by one amount (the chain is
 * stationary, so the tokens' joint law does not move), and reversing time (the reversed
 * chain is a stationary HMM with the same emissions and T̃ = diag(π) Tᵀ diag(π)⁻¹, a smooth
 * involution of the parameters, so the generic Jacobian rank is the same). Neither holds
 * with a free initial law, where position 1 is special.
 */

/** Shifted to start at position 1, tasks in canonical spelling and sorted: the key of its shift class. */
function shiftedKey(tasks: readonly Task[]): string {
  const first = Math.min(...tasks.flatMap((t) => [...t.given, ...t.predict]));
  const move = (p: number) => p - first + 1;
  return tasks
    .map((t) => formatTask({ given: t.given.map(move).sort((a, b) => a - b), predict: t.predict.map(move).sort((a, b) => a - b) }))
    .sort()
    .join("; ");
}

/** The task set read backwards in time: position p becomes L + 1 − p, L its last position. */
export function mirrored(tasks: readonly Task[]): Task[] {
  const last = Math.max(...tasks.flatMap((t) => [...t.given, ...t.predict]));
  const flip = (p: number) => last + 1 - p;
  return tasks.map((t) => ({ given: t.given.map(flip).sort((a, b) => a - b), predict: t.predict.map(flip) }));
}

/** The key shared by a task set, its shifts and its mirror image. */
export function symmetryKey(tasks: readonly Task[]): string {
  const a = shiftedKey(tasks);
  const b = shiftedKey(mirrored(tasks));
  return a < b ? a : b;
}

/** Task sets grouped by symmetry class, in order of first appearance: the first member stands for the others. */
export function symmetryClasses(sets: readonly (readonly Task[])[]): { readonly representative: readonly Task[]; readonly others: readonly (readonly Task[])[] }[] {
  const classes = new Map<string, { representative: readonly Task[]; others: (readonly Task[])[] }>();
  for (const set of sets) {
    const key = symmetryKey(set);
    const found = classes.get(key);
    if (found) found.others.push(set);
    else classes.set(key, { representative: set, others: [] });
  }
  return [...classes.values()];
}
