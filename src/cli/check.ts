import { MAX_CORROBORATED_COLUMNS } from "../identify/float-corroboration.ts";
import { InputError } from "../base/errors.ts";
import { analyse } from "../analysis/analyse.ts";
import { renderAnalysis } from "../report/check-text.ts";
import { spectrumPlot } from "../report/spectrum-svg.ts";
import { fileName, prepareToWrite, print, printJson, readParameterFile, writeAtomically } from "./io.ts";
import { statusLine } from "./status-line.ts";
import { outputWidth } from "./width.ts";
import { MODEL_POINT_OPTIONS, budgetFlags, modelSpec, parseOptions, seedOf, taskList, wholeNumber } from "./options.ts";

/** `maskid check`: analyse a task set and print the verdict with its evidence. */
export const CHECK_OPTIONS = {
  ...MODEL_POINT_OPTIONS,
  witness: { type: "boolean", default: false },
  global: { type: "boolean", default: false },
  starts: { type: "string" },
  plot: { type: "string" },
} as const;

export function runCheck(argv: string[]): number {
  const { values } = parseOptions(argv, CHECK_OPTIONS, { command: "check", needs: { starts: "global" } });
  let spec = modelSpec(values);
  const tasks = taskList(values.task);
  let params;
  if (values.params !== undefined) {
    const file = readParameterFile(values.params, spec);
    params = file.params;
    const sigma = spec.family === "ghmm" ? file.sigma : undefined;
    if (sigma !== undefined) {
      if (values.sigma !== undefined && spec.sigma !== sigma) {
        throw new InputError(`--sigma ${values.sigma} contradicts sigma ${sigma} in ${fileName(values.params)}`);
      }
      spec = { ...spec, sigma };
    }
  }
  const starts = values.starts === undefined ? undefined : wholeNumber(values.starts, "--starts", 0);
  // A path that cannot be written is refused before the analysis, not after it.
  if (values.plot !== undefined) prepareToWrite(values.plot);
  const status = statusLine({ json: values.json });
  let result;
  try {
    result = analyse(spec, tasks, {
      seed: seedOf(values.seed),
      params,
      witness: values.witness,
      global: values.global && { starts },
      ...budgetFlags(values),
      onProgress: status.onProgress,
      spectra: values.plot !== undefined,
    });
  } finally {
    status.done();
  }
  const plot = values.plot === undefined ? null : spectrumPlot(result);
  if (plot !== null) writeAtomically(values.plot!, plot);
  if (values.json) printJson(result);
  else print(renderAnalysis(result, outputWidth()) + (plot === null ? "" : `\nsingular spectra plotted in ${values.plot}`));
  if (values.plot !== undefined && plot === null) process.stderr.write(`maskid: no float point ran to the end (stopped by the time budget, or skipped after an exact proof of full rank above ${MAX_CORROBORATED_COLUMNS} parameters), so ${values.plot} was not written\n`);
  // A non-identifiable verdict whose witness search failed is a failed check (one cut short by the time budget is not).
  return result.verdict === "not identifiable" && result.witness && !result.witness.numerical && !result.witness.stopped ? 1 : 0;
}
