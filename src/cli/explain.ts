import { explainTaskSet } from "../analysis/explain/explain.ts";
import { renderGaussianExplain } from "../report/explain-gaussian-text.ts";
import { renderExplain } from "../report/explain-text.ts";
import { print, printJson } from "./io.ts";
import { MODEL_OPTIONS, modelSpec, parseOptions, seedOf, taskList } from "./options.ts";
import { outputWidth } from "./width.ts";

/** `maskid explain`: what a task set determines (observable laws), and its fiber by name. */
export const EXPLAIN_OPTIONS = MODEL_OPTIONS;

export function runExplain(argv: string[]): number {
  const { values } = parseOptions(argv, EXPLAIN_OPTIONS, { command: "explain" });
  const result = explainTaskSet(modelSpec(values), taskList(values.task), { seed: seedOf(values.seed) });
  if (values.json) printJson(result);
  else print(result.kind === "explain" ? renderExplain(result, outputWidth()) : renderGaussianExplain(result, outputWidth()));
  return 0;
}
