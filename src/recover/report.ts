import { DEFAULT_SEED, Rng } from "../base/random.ts";
import { randomFloatPoint } from "../model/random-point.ts";
import { regularityChecks } from "../model/regularity.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import type { Alignment } from "./align.ts";
import type { SampleRecovery } from "./empirical.ts";
import { RecoveryError } from "./jennrich.ts";
import type { Progress } from "./sample.ts";
import { asymptoticStandardErrors } from "./standard-error.ts";
import { logLogSlope, recoverExact, sweepSamples } from "./sweep.ts";
import { checkRecoverable } from "./tensor-task.ts";

/** A recovery aligned to the truth, or the reason it could not be done. */
export type RecoveryOutcome = Alignment | string;

/** What every recovery report states about its setting. */
export interface RecoveryHeader {
  readonly spec: ModelSpec;
  readonly task: Task;
  readonly seed: number;
  /** Where the truth came from: "parameter file …" or "random generic point (seed …)". */
  readonly truthSource: string;
  readonly truth: Parameters<number>;
  /** Regularity conditions that fail at the truth, as warnings that recovery may fail. */
  readonly warnings: string[];
  /** Largest delta-method s.d. of an entry, times √N (null when the fit's information matrix is singular). */
  readonly sdRootN: number | null;
}

/**
 * The whole answer of a recovery run: from the exact predictor, from one sample of N
 * sequences, or over a ladder of N (with the exact floor and the log–log slope).
 */
export type RecoveryReport = RecoveryHeader &
  (
    | { readonly mode: "exact"; readonly result: RecoveryOutcome }
    | { readonly mode: "samples"; readonly run: SampleRecovery }
    | { readonly mode: "sweep"; readonly runs: SampleRecovery[]; readonly exact: RecoveryOutcome; readonly slope: number | null }
  );

export interface RecoveryReportOptions {
  readonly seed?: number;
  /** The true point and a description of its source; by default a random generic point from the seed. */
  readonly truth?: { readonly params: Parameters<number>; readonly source: string };
  /** Recover from this many sampled sequences (0 or absent: from the exact predictor). */
  readonly samples?: number;
  /** Recover at each of these sample sizes instead (a sweep). */
  readonly ladder?: readonly number[];
  /** Sequences sampled so far, over the whole run. */
  readonly onProgress?: Progress;
}

/**
 * Recovers (π, T, O) from the predictor of a tensor task at a known truth, and reports the
 * result aligned to it. Throws InputError when recovery does not apply to the model, task or truth.
 */
export function recoveryReport(spec: ModelSpec, task: Task, options: RecoveryReportOptions = {}): RecoveryReport {
  const seed = options.seed ?? DEFAULT_SEED;
  const truth = options.truth?.params ?? randomFloatPoint(spec, new Rng(seed)).params;
  checkRecoverable(spec, task, truth);
  const header: RecoveryHeader = {
    spec,
    task,
    seed,
    truthSource: options.truth?.source ?? `random generic point (seed ${seed})`,
    truth,
    warnings: regularityChecks(spec, truth)
      .filter((c) => !c.holds)
      .map((c) => `${c.name} fails at the truth (${c.detail}): recovery may fail or be inaccurate`),
    sdRootN: asymptoticStandardErrors(spec, task, truth)?.maxSdRootN ?? null,
  };
  const exact = () => attempt(() => recoverExact(spec, task, truth, seed));
  if (options.ladder !== undefined) {
    const runs = sweepSamples(spec, task, truth, options.ladder, seed, options.onProgress);
    return { ...header, mode: "sweep", runs, exact: exact(), slope: logLogSlope(runs) };
  }
  if (!options.samples) return { ...header, mode: "exact", result: exact() };
  const [run] = sweepSamples(spec, task, truth, [options.samples], seed, options.onProgress);
  return { ...header, mode: "samples", run };
}

/** The outcome of one sampled run, in the form an exact recovery has. */
export function sampleOutcome(run: SampleRecovery): RecoveryOutcome {
  return run.kind === "recovered" ? run.alignment : run.reason;
}

function attempt(run: () => Alignment): RecoveryOutcome {
  try {
    return run();
  } catch (e) {
    if (e instanceof RecoveryError) return e.message;
    throw e;
  }
}
