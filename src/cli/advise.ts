import { advise } from "../analysis/advise.ts";
import { renderAdvice } from "../report/advise-text.ts";
import { print, printJson } from "./io.ts";
import { MODEL_OPTIONS, modelSpec, parseOptions, seedOf, taskList, wholeNumber } from "./options.ts";
import { outputWidth } from "./width.ts";

/** `maskid advise`: the cheapest single tasks that make a task set identifying. */
export const ADVISE_OPTIONS = { ...MODEL_OPTIONS, window: { type: "string" }, top: { type: "string" } } as const;

export function runAdvise(argv: string[]): number {
  const { values } = parseOptions(argv, ADVISE_OPTIONS, { command: "advise" });
  const window = values.window === undefined ? undefined : wholeNumber(values.window, "--window", 2);
  const limit = values.top === undefined ? undefined : wholeNumber(values.top, "--top", 1);
  const result = advise(modelSpec(values), taskList(values.task), { seed: seedOf(values.seed), window, limit });
  if (values.json) printJson(result);
  else print(renderAdvice(result, outputWidth()));
  return 0;
}
