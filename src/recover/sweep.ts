import type { ModelSpec, Parameters } from "../model/spec.ts";
import { Rng } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import { type Alignment, alignToTruth } from "./align.ts";
import { type SampleRecovery, recoverFromSamples } from "./empirical.ts";
import { recoverFromPredictor } from "./from-predictor.ts";
import type { Progress } from "./sample.ts";
import { exactPredictorTensor } from "./tensor-task.ts";

/** The sample sizes `--sweep` runs when given no list: half decades from 10³ to 10⁶. */
export const DEFAULT_LADDER: readonly number[] = [1e3, 3e3, 1e4, 3e4, 1e5, 3e5, 1e6];

/** Recovery from the exact predictor at `truth`, aligned to it: the noiseless floor of a sweep. */
export function recoverExact(spec: ModelSpec, task: Task, truth: Parameters<number>, seed: number): Alignment {
  const { estimate } = recoverFromPredictor(spec, task, exactPredictorTensor(spec, truth, task), { seed });
  return alignToTruth(estimate, truth);
}

/**
 * One independent sample per size in `ladder`, in order: run i draws from the i-th fork of
 * `new Rng(seed)`, so a single `--samples N` run (fork 1) repeats the ladder's first entry.
 * `onProgress` sees sequences done over the whole ladder.
 */
export function sweepSamples(
  spec: ModelSpec,
  task: Task,
  truth: Parameters<number>,
  ladder: readonly number[],
  seed: number,
  onProgress?: Progress,
): SampleRecovery[] {
  const streams = new Rng(seed);
  const total = ladder.reduce((a, b) => a + b, 0);
  let before = 0;
  return ladder.map((samples) => {
    const run = recoverFromSamples(spec, task, truth, samples, streams.fork(), onProgress && ((done) => onProgress(before + done, total)));
    before += samples;
    return run;
  });
}

/** Least-squares slope of log10(error) against log10(N) over the recovered runs (null with fewer than two). */
export function logLogSlope(runs: readonly SampleRecovery[]): number | null {
  const pts = runs.flatMap((r) => (r.kind === "recovered" && r.alignment.error > 0 ? [[Math.log10(r.samples), Math.log10(r.alignment.error)]] : []));
  if (pts.length < 2) return null;
  const mx = pts.reduce((t, p) => t + p[0], 0) / pts.length;
  const my = pts.reduce((t, p) => t + p[1], 0) / pts.length;
  const sxx = pts.reduce((t, p) => t + (p[0] - mx) ** 2, 0);
  if (sxx === 0) return null;
  return pts.reduce((t, p) => t + (p[0] - mx) * (p[1] - my), 0) / sxx;
}
