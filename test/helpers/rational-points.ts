import { type Rational, rational } from "../../src/field/rational.ts";
import { rationalField as Q } from "../../src/field/rational.ts";
import { stationaryLaw } from "../../src/model/chart.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import type { Rng } from "../../src/base/random.ts";

/** A positive rational column of `size` entries (integers 2..9 over their sum). */
export function rationalColumn(size: number, rng: Rng): Rational[] {
  const raw = Array.from({ length: size }, () => BigInt(rng.int(2, 9)));
  const total = raw.reduce((a, b) => a + b, 0n);
  return raw.map((x) => rational(x, total));
}

/** k×k or d×k column-stochastic rational matrix, rows first. */
export function rationalStochastic(rows: number, cols: number, rng: Rng): Rational[][] {
  const columns = Array.from({ length: cols }, () => rationalColumn(rows, rng));
  return Array.from({ length: rows }, (_, i) => columns.map((c) => c[i]));
}

/** A random positive rational hmm point; π is T's stationary law (exact) or a free column. */
export function rationalPoint(spec: ModelSpec, rng: Rng): Parameters<Rational> {
  const T = rationalStochastic(spec.states, spec.states, rng);
  const emission = rationalStochastic(spec.symbols, spec.states, rng);
  const pi = spec.init === "stationary" ? stationaryLaw(Q, T) : rationalColumn(spec.states, rng);
  return { pi, T, emission };
}

export const r = (num: number, den = 1): Rational => rational(BigInt(num), BigInt(den));

export const hmm = (k: number, d: number, init: "stationary" | "free"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });
