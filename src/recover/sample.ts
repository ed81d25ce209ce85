import type { Parameters } from "../model/spec.ts";
import { sampleStates } from "../predictor/design.ts";
import type { Rng } from "../base/random.ts";

/** Progress of a long run: `done` of `total` units (sequences) finished. */
export type Progress = (done: number, total: number) => void;

/** Sequences between progress reports. */
const PROGRESS_EVERY = 1 << 16;

/**
 * Draws `count` sequences x_1..x_L of a discrete HMM and hands each to `visit`, in order,
 * without storing them: the hidden path comes from `sampleStates` (π, then T), each symbol
 * from its state's column of O. Everything is drawn from `rng`, so the same seed gives the
 * same sequences. `visit` receives one reused buffer of symbol indices (0-based): copy it to keep it.
 */
export function sampleSequences(
  params: Parameters<number>,
  count: number,
  length: number,
  rng: Rng,
  visit: (symbols: Int32Array) => void,
  onProgress?: Progress,
): void {
  const k = params.pi.length;
  const d = params.emission.length;
  // Cumulative emission laws, one per state: symbol a is drawn when u < cumulative[h][a].
  const cumulative = Array.from({ length: k }, (_, h) => {
    let total = 0;
    return Float64Array.from({ length: d }, (_, a) => (total += params.emission[a][h]));
  });
  const symbols = new Int32Array(length);
  for (let n = 0; n < count; n++) {
    const states = sampleStates(params, length, rng);
    for (let t = 0; t < length; t++) {
      const table = cumulative[states[t]];
      const u = rng.uniform();
      let a = 0;
      while (a < d - 1 && u >= table[a]) a++;
      symbols[t] = a;
    }
    visit(symbols);
    if (onProgress && (n + 1) % PROGRESS_EVERY === 0) onProgress(n + 1, count);
  }
  onProgress?.(count, count);
}
