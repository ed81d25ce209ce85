import { type Rational, rational, rationalField as Q } from "../field/rational.ts";
import { stationaryLaw } from "../model/chart.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { positiveRational, validityProblems } from "./check.ts";
import { w1Direction, w1Matrix, w1Transform } from "./w1.ts";
import { balancedCoupling, chainWithStationaryLaw, rationalSqrtLaw, w2Choice, w2Transform } from "./w2.ts";

/** A pair of exact rational points related by one move of a docs/math.md §7 family. */
export interface RationalPair {
  readonly first: Parameters<Rational>;
  readonly second: Parameters<Rational>;
  /** The move, in words, with its exact parameters. */
  readonly move: string;
}

/** Halvings of the move size tried before giving up on a valid second point. */
const MAX_HALVINGS = 40;

/**
 * A deterministic, unstructured-looking positive rational column-stochastic matrix
 * (weights 2..8 from a fixed arithmetic pattern, normalised per column): example points
 * need no randomness, only positivity and no accidental symmetry.
 */
export function patternStochastic(rows: number, cols: number, salt: number): Rational[][] {
  const weight = (i: number, j: number) => BigInt(2 + ((3 * i + 5 * j + i * j + salt) % 7));
  const totals = Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => weight(i, j)).reduce((a, b) => a + b, 0n));
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => rational(weight(i, j), totals[j])));
}

/**
 * W1 example (hmm, either init): a pattern point and its image under R = I + εE, with E a
 * fixed pattern direction (1ᵀE = 0) and ε = 1/8 halved until the image is valid.
 */
export function w1Example(spec: ModelSpec): RationalPair {
  const k = spec.states;
  const T = patternStochastic(k, k, 1);
  const first: Parameters<Rational> = {
    pi: spec.init === "stationary" ? stationaryLaw(Q, T) : patternStochastic(k, 1, 3).map((row) => row[0]),
    T,
    emission: patternStochastic(spec.symbols, k, 2),
  };
  const head = Array.from({ length: k - 1 }, (_, i) => Array.from({ length: k }, (_, j) => rational(BigInt(((2 * i + 3 * j + 1) % 5) - 2))));
  const E = w1Direction(Q, head);
  let epsilon = rational(1n, 8n);
  for (let h = 0; h < MAX_HALVINGS; h++, epsilon = rational(epsilon.num, epsilon.den * 2n)) {
    const second = w1Transform(Q, first, w1Matrix(Q, E, epsilon));
    if (validityProblems(Q, spec, second, positiveRational).length === 0) {
      return { first, second, move: `W1 with R = I + εE, ε = ${epsilon.num}/${epsilon.den}, E = ${JSON.stringify(E.map((r) => r.map((x) => Number(x.num))))}` };
    }
  }
  throw new Error("w1Example: no valid move found");
}

/**
 * W2 example (hmm, stationary init): π = (√π)² with √π = rationalSqrtLaw(k) (for k = 3,
 * π = (1/9, 4/9, 4/9)), T built around π by chainWithStationaryLaw, and the rational move
 * w2Choice(√π, tilt e1 − e2 by t, twist in the (e1, e2) plane by s = t) with t = 1/4 halved
 * until the image is valid.
 */
export function w2Example(spec: ModelSpec): RationalPair {
  const k = spec.states;
  const sqrtPi = rationalSqrtLaw(Q, k);
  const first = w2ExamplePoint(spec);
  const unit = (i: number) => Array.from({ length: k }, (_, j) => rational(i === j ? 1n : 0n));
  const direction = Array.from({ length: k }, (_, j) => rational(j === 0 ? 1n : j === 1 ? -1n : 0n));
  let t = rational(1n, 4n);
  for (let h = 0; h < MAX_HALVINGS; h++, t = rational(t.num, t.den * 2n)) {
    const twist = k >= 3 ? { a: unit(0), b: unit(1), s: t } : undefined;
    const move = w2Choice(Q, sqrtPi, { direction, t }, twist);
    const second = w2Transform(Q, first, move.sqrtPi, move.sqrtPiPrime, move.Q);
    if (validityProblems(Q, spec, second, positiveRational).length === 0) {
      return {
        first,
        second,
        move: `W2 with √π = (${sqrtPi.map((x) => `${x.num}/${x.den}`).join(", ")}), √π' = tilt of √π towards e1 − e2 by t = ${t.num}/${t.den}` +
          (twist ? `, Q = Cayley(rotation fixing √π in the (e1, e2) plane, s = ${t.num}/${t.den}) · (rotation taking √π' to √π)` : ", Q = rotation taking √π' to √π"),
      };
    }
  }
  throw new Error("w2Example: no valid move found");
}

/** The first point of the W2 example: π = (√π)² with √π = rationalSqrtLaw(k), T built around it, O a pattern. */
export function w2ExamplePoint(spec: ModelSpec): Parameters<Rational> {
  const k = spec.states;
  const pi = rationalSqrtLaw(Q, k).map((s) => Q.mul(s, s));
  const piMin = pi.reduce((m, x) => (Q.sub(x, m).num < 0n ? x : m));
  // Pattern entries are ≤ 4/k and its columns sum to 1, so with B = pattern·min π/6 every
  // row of W = B + Bᵀ + c·P sums to ≤ (2/3 + 1/6 + 1/12) min π < π_i: T's diagonal stays positive.
  const pattern = patternStochastic(k, k, 4);
  const B = pattern.map((row) => row.map((x) => Q.mul(Q.mul(x, piMin), rational(1n, 6n))));
  const T = chainWithStationaryLaw(Q, pi, balancedCoupling(Q, B, Q.mul(piMin, rational(1n, 12n))));
  return { pi, T, emission: patternStochastic(spec.symbols, k, 2) };
}
