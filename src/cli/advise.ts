import { advise } from "../analysis/advise.ts";
import { adviseModel } from "../analysis/advise-model.ts";
import { renderAdvice } from "../report/advise-text.ts";
import { print, printJson } from "./io.ts";
import { MODEL_OPTIONS, modelSpec, parseOptions, seedOf, taskList, wholeNumber } from "./options.ts";
import { UsageError } from "./usage.ts";
import { outputWidth } from "./width.ts";

/** `maskid advise`: the cheapest single tasks that make a task set identifying, or, with no task set, the cheapest single task and pairwise set. */
const { sigma: _, ...DISCRETE_MODEL_OPTIONS } = MODEL_OPTIONS;
/** Discrete emissions only, so no --sigma. */
export const ADVISE_OPTIONS = { ...DISCRETE_MODEL_OPTIONS, window: { type: "string" }, top: { type: "string" }, "max-sets": { type: "string" } } as const;

export function runAdvise(argv: string[]): number {
  const { values } = parseOptions(argv, ADVISE_OPTIONS, { command: "advise", needs: { top: "task" } });
  const window = values.window === undefined ? undefined : wholeNumber(values.window, "--window", 2);
  const seed = seedOf(values.seed);
  let result;
  if (values.task === undefined) {
    const maxSets = values["max-sets"] === undefined ? undefined : wholeNumber(values["max-sets"], "--max-sets", 1);
    result = adviseModel(modelSpec(values), { seed, window, maxSets });
  } else {
    if (values["max-sets"] !== undefined) throw new UsageError("--max-sets applies without --task only (the search for a model with no task set)");
    const limit = values.top === undefined ? undefined : wholeNumber(values.top, "--top", 1);
    result = advise(modelSpec(values), taskList(values.task), { seed, window, limit });
  }
  if (values.json) printJson(result);
  else print(renderAdvice(result, outputWidth()));
  return 0;
}
