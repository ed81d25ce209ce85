import { InputError } from "../base/errors.ts";
import type { ModelSpec } from "../model/spec.ts";
import { MAX_POSITION, type Task, formatTask } from "../task/task.ts";

/**
 * Sizes and tasks the analysis can run on; anything else is an InputError naming the
 * field and the problem. Library callers reach this with any value at all (null, strings,
 * NaN), so every check looks at the type before the value.
 */
export function validateSpec(spec: ModelSpec, tasks: readonly Task[]): void {
  if (typeof spec !== "object" || spec === null) throw new InputError(`the model spec must be an object, got ${describeValue(spec)}`, { field: "spec" });
  if (spec.family !== "hmm" && spec.family !== "ghmm") {
    throw new InputError(`unknown model ${describeValue(spec.family)} (use hmm or ghmm)`, { field: "spec.family" });
  }
  requireWholeNumber(spec.states, 1, "--states", "spec.states");
  requireWholeNumber(spec.symbols, spec.family === "hmm" ? 2 : 1, "--symbols", "spec.symbols");
  if (spec.init !== "stationary" && spec.init !== "free") {
    throw new InputError(`--init must be stationary or free, got ${describeValue(spec.init)}`, { field: "spec.init" });
  }
  if (typeof spec.sigma !== "number" || !(spec.sigma > 0) || !Number.isFinite(spec.sigma)) {
    throw new InputError(`--sigma must be a positive number, got ${describeValue(spec.sigma)}`, { field: "spec.sigma" });
  }
  if (!Array.isArray(tasks)) throw new InputError(`tasks must be an array of tasks, got ${describeValue(tasks)}`, { field: "tasks" });
  if (tasks.length === 0) throw new InputError("give at least one task (--task)", { field: "tasks" });
  const seen = new Set<string>();
  tasks.forEach((task, i) => {
    validateTask(task, `tasks[${i}]`);
    const text = formatTask(task);
    if (seen.has(text)) throw new InputError(`task "${text}" is given twice`, { field: `tasks[${i}]` });
    seen.add(text);
  });
}

/** A seed, trial count or similar option: a whole number ≥ min, or undefined. */
export function optionalWholeNumber(value: unknown, min: number, field: string): void {
  if (value !== undefined) requireWholeNumber(value, min, field, field);
}

function validateTask(task: Task, field: string): void {
  if (typeof task !== "object" || task === null) throw new InputError(`${field} must be a task object { given, predict }, got ${describeValue(task)}`, { field });
  for (const part of ["given", "predict"] as const) {
    const positions: unknown = task[part];
    if (!Array.isArray(positions) || positions.length === 0) {
      throw new InputError(`${field}.${part} must be a non-empty array of positions, got ${describeValue(positions)}`, { field: `${field}.${part}` });
    }
    for (const p of positions) {
      if (typeof p !== "number" || !Number.isInteger(p) || p < 1 || p > MAX_POSITION) {
        throw new InputError(`${field}.${part} holds ${describeValue(p)}: positions are whole numbers from 1 to ${MAX_POSITION}`, { field: `${field}.${part}` });
      }
    }
  }
  if (task.given.some((p, i) => i > 0 && p <= task.given[i - 1])) {
    throw new InputError(`${field}.given must be strictly ascending, got [${task.given.join(", ")}]`, { field: `${field}.given` });
  }
  const all = [...task.given, ...task.predict];
  if (new Set(all).size !== all.length) {
    throw new InputError(`${field} names a position twice (given [${task.given.join(", ")}], predict [${task.predict.join(", ")}])`, { field });
  }
}

function requireWholeNumber(value: unknown, min: number, flag: string, field: string): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InputError(`${flag} must be a whole number ≥ ${min}, got ${describeValue(value)}`, { field });
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return `"${value}"`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(", ")}]`;
  if (typeof value === "object" && value !== null) return "an object";
  return String(value);
}
