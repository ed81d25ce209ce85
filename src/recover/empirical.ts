import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Rng } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import { type Alignment, alignToTruth } from "./align.ts";
import { recoverFromPredictor } from "./from-predictor.ts";
import { RecoveryError } from "./jennrich.ts";
import { type Progress, sampleSequences } from "./sample.ts";
import { type PredictorTensor, tensorTaskKind } from "./tensor-task.ts";

/** The task's predictor estimated from samples: empirical conditional means, one slice per input value. */
export interface EmpiricalPredictor {
  /** f̂[s][a][c]; for an input never observed, the pooled (unconditional) mean as a placeholder. */
  readonly tensor: PredictorTensor;
  /** How many sequences had the given token equal to s: the weight of slice s. */
  readonly counts: number[];
  /** Input values never observed (0-based): their slices carry no information and get weight 0. */
  readonly unseen: number[];
  readonly samples: number;
}

/**
 * Samples `count` sequences from `params` and counts the task's (given, earlier target,
 * later target) triples on the fly — memory is one d³ table, never the sequences — then
 * normalises per given value: f̂[s][a][c] = #(s, a, c) / #s, the empirical E[x_p ⊗ x_q | x_g = s].
 */
export function sampleEmpiricalPredictor(
  spec: ModelSpec,
  params: Parameters<number>,
  task: Task,
  count: number,
  rng: Rng,
  onProgress?: Progress,
): EmpiricalPredictor {
  tensorTaskKind(task);
  const d = spec.symbols;
  const g = task.given[0] - 1;
  const [p, q] = [...task.predict].sort((x, y) => x - y).map((t) => t - 1);
  const length = Math.max(g, q) + 1;
  const table = new Float64Array(d * d * d);
  sampleSequences(params, count, length, rng, (x) => table[(x[g] * d + x[p]) * d + x[q]]++, onProgress);
  return empiricalFromCounts(d, table, count);
}

/** Normalises a d³ triple-count table (given-major) into the empirical predictor. */
export function empiricalFromCounts(d: number, table: ArrayLike<number>, samples: number): EmpiricalPredictor {
  const counts = Array.from({ length: d }, (_, s) => {
    let n = 0;
    for (let i = s * d * d; i < (s + 1) * d * d; i++) n += table[i];
    return n;
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const pooled = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, c) => {
      let n = 0;
      for (let s = 0; s < d; s++) n += table[(s * d + a) * d + c];
      return total > 0 ? n / total : 1 / (d * d);
    }),
  );
  const tensor = counts.map((n, s) =>
    n > 0 ? Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, c) => table[(s * d + a) * d + c] / n)) : pooled.map((row) => [...row]),
  );
  return { tensor, counts, unseen: counts.flatMap((n, s) => (n > 0 ? [] : [s])), samples };
}

/** Recovery from N sampled sequences, aligned to the truth; or the reason it could not be done. */
export type SampleRecovery =
  | { readonly kind: "recovered"; readonly samples: number; readonly unseen: number[]; readonly alignment: Alignment; readonly seconds: number }
  | { readonly kind: "failed"; readonly samples: number; readonly unseen: number[]; readonly reason: string; readonly seconds: number };

/**
 * Samples N sequences from `truth`, estimates the task's predictor empirically and recovers
 * (π, T, O) from it as from an exact predictor, each slice weighted by how often its input
 * was seen (unseen inputs weigh nothing); reports the error after the best relabelling.
 */
export function recoverFromSamples(
  spec: ModelSpec,
  task: Task,
  truth: Parameters<number>,
  samples: number,
  rng: Rng,
  onProgress?: Progress,
): SampleRecovery {
  const start = performance.now();
  const empirical = sampleEmpiricalPredictor(spec, truth, task, samples, rng, onProgress);
  const seconds = () => (performance.now() - start) / 1000;
  try {
    const { estimate } = recoverFromPredictor(spec, task, empirical.tensor, { weights: empirical.counts, seed: rng.int(0, 0x7fffffff) });
    return { kind: "recovered", samples, unseen: empirical.unseen, alignment: alignToTruth(estimate, truth), seconds: seconds() };
  } catch (e) {
    if (!(e instanceof RecoveryError)) throw e;
    return { kind: "failed", samples, unseen: empirical.unseen, reason: e.message, seconds: seconds() };
  }
}
