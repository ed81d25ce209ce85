import { toParameterFile } from "../model/params-file.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { SampleRecovery } from "../recover/empirical.ts";
import { type RecoveryHeader, type RecoveryOutcome, type RecoveryReport, sampleOutcome } from "../recover/report.ts";
import { formatTask } from "../task/task.ts";

/**
 * `maskid recover --json`: the report with points in parameter-file form and 1-based
 * states; a sweep also names the plot it wrote (null when there was nothing to plot).
 */
export function recoveryJson(report: RecoveryReport, plot: string | null = null): object {
  switch (report.mode) {
    case "exact":
      return { ...jsonHeader(report), samples: 0, ...jsonOutcome(report.spec, report.result) };
    case "samples":
      return { ...jsonHeader(report), ...jsonSample(report.spec, report.run) };
    case "sweep":
      return { ...jsonHeader(report), exact: jsonOutcome(report.spec, report.exact), runs: report.runs.map((r) => jsonSample(report.spec, r)), slope: report.slope, plot };
  }
}

function jsonHeader(h: RecoveryHeader) {
  return {
    model: h.spec,
    task: formatTask(h.task),
    seed: h.seed,
    truthSource: h.truthSource,
    truth: toParameterFile(h.spec, h.truth),
    warnings: h.warnings,
    asymptoticMaxSdRootN: h.sdRootN,
  };
}

/** A recovery as JSON: the relabelled estimate in parameter-file form, errors, and the 1-based permutation used. */
function jsonOutcome(spec: ModelSpec, a: RecoveryOutcome) {
  if (typeof a === "string") return { recovered: false, reason: a };
  return { recovered: true, error: a.error, errors: a.errors, permutation: a.permutation.map((i) => i + 1), estimate: toParameterFile(spec, a.aligned) };
}

function jsonSample(spec: ModelSpec, run: SampleRecovery) {
  return { samples: run.samples, unseenInputs: run.unseen.map((s) => s + 1), seconds: run.seconds, ...jsonOutcome(spec, sampleOutcome(run)) };
}
