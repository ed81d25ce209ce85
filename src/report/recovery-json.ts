import { type ParameterFile, toParameterFile } from "../model/params-file.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { SampleRecovery } from "../recover/empirical.ts";
import { type RecoveryHeader, type RecoveryOutcome, type RecoveryReport, sampleOutcome } from "../recover/report.ts";
import { formatTask } from "../task/task.ts";

/** What every recovery states about its setting. */
export interface RecoveryJsonHeader {
  readonly model: ModelSpec;
  readonly task: string;
  readonly seed: number;
  readonly truthSource: string;
  readonly truth: ParameterFile;
  readonly warnings: readonly string[];
  readonly asymptoticMaxSdRootN: number | null;
}

/** A recovery, or the reason there is none. Non-finite errors (a NaN estimate) print as null. */
export type RecoveryOutcomeJson =
  | { readonly recovered: false; readonly reason: string }
  | {
      readonly recovered: true;
      readonly error: number | null;
      readonly errors: { readonly pi: number | null; readonly T: number | null; readonly emission: number | null };
      /** 1-based: the estimate's state that plays each true state. */
      readonly permutation: readonly number[];
      readonly estimate: ParameterFile;
    };

/** One run from N samples: N, the inputs never seen (1-based), its time, and its outcome. */
export type SampleRecoveryJson = { readonly samples: number; readonly unseenInputs: readonly number[]; readonly seconds: number } & RecoveryOutcomeJson;

/** By mode: from the exact predictor (samples 0), from one sample, or a sweep over sample sizes. */
export type RecoveryJson =
  | (RecoveryJsonHeader & { readonly samples: 0 } & RecoveryOutcomeJson)
  | (RecoveryJsonHeader & SampleRecoveryJson)
  | (RecoveryJsonHeader & {
      readonly exact: RecoveryOutcomeJson;
      readonly runs: readonly SampleRecoveryJson[];
      readonly slope: number | null;
      /** The plot written, or null when there was nothing to plot. */
      readonly plot: string | null;
    });

/**
 * `maskid recover --json`: the report with points in parameter-file form and 1-based
 * states; a sweep also names the plot it wrote (null when there was nothing to plot).
 */
export function recoveryJson(report: RecoveryReport, plot: string | null = null): RecoveryJson {
  switch (report.mode) {
    case "exact":
      return { ...jsonHeader(report), samples: 0, ...jsonOutcome(report.spec, report.result) };
    case "samples":
      return { ...jsonHeader(report), ...jsonSample(report.spec, report.run) };
    case "sweep":
      return { ...jsonHeader(report), exact: jsonOutcome(report.spec, report.exact), runs: report.runs.map((r) => jsonSample(report.spec, r)), slope: report.slope, plot };
  }
}

function jsonHeader(h: RecoveryHeader): RecoveryJsonHeader {
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
function jsonOutcome(spec: ModelSpec, a: RecoveryOutcome): RecoveryOutcomeJson {
  if (typeof a === "string") return { recovered: false, reason: a };
  return { recovered: true, error: a.error, errors: a.errors, permutation: a.permutation.map((i) => i + 1), estimate: toParameterFile(spec, a.aligned) };
}

function jsonSample(spec: ModelSpec, run: SampleRecovery): SampleRecoveryJson {
  return { samples: run.samples, unseenInputs: run.unseen.map((s) => s + 1), seconds: run.seconds, ...jsonOutcome(spec, sampleOutcome(run)) };
}
