import { InputError } from "../base/errors.ts";
import type { ModelSpec } from "../model/spec.ts";
import { type Task, formatTask } from "../task/task.ts";

/** Sizes and tasks the analysis can run on; anything else is an InputError naming the problem. */
export function validateSpec(spec: ModelSpec, tasks: readonly Task[]): void {
  if (spec.family !== "hmm" && spec.family !== "ghmm") throw new InputError(`unknown model "${spec.family}" (use hmm or ghmm)`);
  if (!Number.isInteger(spec.states) || spec.states < 1) throw new InputError(`--states must be a whole number ≥ 1, got ${spec.states}`);
  const minSymbols = spec.family === "hmm" ? 2 : 1;
  if (!Number.isInteger(spec.symbols) || spec.symbols < minSymbols) {
    throw new InputError(`--symbols must be a whole number ≥ ${minSymbols}, got ${spec.symbols}`);
  }
  if (spec.init !== "stationary" && spec.init !== "free") throw new InputError(`--init must be stationary or free, got "${spec.init}"`);
  if (!(spec.sigma > 0) || !Number.isFinite(spec.sigma)) throw new InputError(`--sigma must be a positive number, got ${spec.sigma}`);
  if (tasks.length === 0) throw new InputError("give at least one task (--task)");
  const seen = new Set<string>();
  for (const task of tasks) {
    const text = formatTask(task);
    if (seen.has(text)) throw new InputError(`task "${text}" is given twice`);
    seen.add(text);
  }
}
