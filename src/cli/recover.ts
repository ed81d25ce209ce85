import { InputError } from "../base/errors.ts";
import { recoveryReport } from "../recover/report.ts";
import { DEFAULT_LADDER } from "../recover/sweep.ts";
import { checkRecoverable } from "../recover/tensor-task.ts";
import { recoveryJson } from "../report/recovery-json.ts";
import { recoveryPlot } from "../report/recovery-svg.ts";
import { renderRecovery } from "../report/recovery-text.ts";
import { STDIN, prepareToWrite, print, printJson, readParameterFile, writeAtomically } from "./io.ts";
import { BUDGET_OPTIONS, MODEL_OPTIONS, budgetFlags, decimal, modelSpec, parseOptions, seedOf, taskList } from "./options.ts";
import { budgetOf, enforceBudget, recoverCost } from "../analysis/cost-model.ts";
import { statusLine } from "./status-line.ts";
import { UsageError } from "./usage.ts";

/** Where `--sweep` writes its plot unless `--plot` says otherwise. */
export const DEFAULT_PLOT = "docs/figures/recovery-error.svg";

/** Sample sizes above this are refused up front (sampling runs at roughly 10⁶ sequences a second). */
const MAX_SAMPLES = 1e10;

/** The model options but --sigma: recovery is for discrete HMMs. */
const { sigma: _, ...HMM_OPTIONS } = MODEL_OPTIONS;

export const RECOVER_OPTIONS = {
  ...HMM_OPTIONS,
  ...BUDGET_OPTIONS,
  params: { type: "string" },
  samples: { type: "string" },
  sweep: { type: "string" },
  plot: { type: "string" },
} as const;

/**
 * `maskid recover`: recover (π, T, O) of a discrete HMM from the predictor of
 * `x2 -> x1 ⊗ x3` (or `x1 -> x2 ⊗ x3`): exact, from N samples, or over a ladder of N with a
 * log–log plot of the error. The truth is a parameter file or a seeded random generic point.
 * Exit 1 when recovery fails (for a sweep: at every N), 2 on bad input.
 */
export function runRecover(argv: string[]): number {
  const { values } = parseOptions(bareSweep(argv), RECOVER_OPTIONS, { command: "recover", needs: { plot: "sweep" } });
  const spec = modelSpec(values);
  const tasks = taskList(values.task);
  if (tasks.length !== 1) throw new InputError("recover takes exactly one task");
  const task = tasks[0];
  checkRecoverable(spec, task);
  if (values.sweep !== undefined && values.samples !== undefined) throw new UsageError("give --samples or --sweep, not both");
  const seed = seedOf(values.seed);
  const truth = values.params === undefined ? undefined : { params: readParameterFile(values.params, spec).params, source: values.params === STDIN ? "parameters from standard input" : `parameter file ${values.params}` };
  if (truth) checkRecoverable(spec, task, truth.params);
  const ladder = values.sweep === undefined ? undefined : values.sweep === "" ? DEFAULT_LADDER : sampleList(values.sweep, "--sweep");
  const samples = values.samples === undefined ? 0 : sampleCount(values.samples, "--samples", 0);
  const plotPath = ladder === undefined ? null : (values.plot ?? DEFAULT_PLOT);
  if (plotPath !== null) prepareToWrite(plotPath);
  enforceBudget("the recovery", recoverCost(spec, task, ladder ?? [samples]), budgetOf(budgetFlags(values), "recover"));
  const status = statusLine({ json: values.json });
  const onProgress = status.onProgress && ((done: number, total: number) => status.onProgress!({ phase: "sampled sequences", done, total }));
  let report;
  try {
    report = recoveryReport(spec, task, { seed, truth, samples, ladder, onProgress });
  } finally {
    status.done();
  }
  let failed: boolean;
  let written: string | null = null;
  if (report.mode === "sweep") {
    const plot = recoveryPlot(report);
    if (plot !== null) writeAtomically(plotPath!, plot);
    written = plot === null ? null : plotPath;
    failed = plot === null;
  } else {
    failed = report.mode === "exact" ? typeof report.result === "string" : report.run.kind !== "recovered";
  }
  if (values.json) printJson(recoveryJson(report, written));
  else print(renderRecovery(report, written));
  return failed ? 1 : 0;
}

/** `--sweep` with no value (last, or followed by another flag) means the default ladder. */
function bareSweep(argv: string[]): string[] {
  return argv.map((a, i) => (a === "--sweep" && (i + 1 === argv.length || argv[i + 1].startsWith("--")) ? "--sweep=" : a));
}

/** A count such as 1000000, 1e6 or 1_000_000 (decimal, whole, within [min, MAX_SAMPLES]). */
function sampleCount(text: string, flag: string, min: number): number {
  const n = decimal(text.trim().replace(/(?<=\d)_(?=\d)/g, ""));
  if (n === undefined || !Number.isSafeInteger(n) || n < min || n > MAX_SAMPLES) {
    throw new InputError(`${flag} takes whole numbers from ${min} to ${MAX_SAMPLES.toExponential(0)} (such as 1000 or 1e6), got "${text}"`);
  }
  return n;
}

function sampleList(text: string, flag: string): number[] {
  return text.split(",").map((item) => sampleCount(item, flag, 1));
}
