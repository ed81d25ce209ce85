import { rational, type Rational } from "../field/rational.ts";
import type { Rng } from "../base/random.ts";
import { type ModelSpec, freeCoordinates } from "./spec.ts";

/**
 * Free coordinates of a random valid point with small rationals: each stochastic column
 * is (u_1, …, u_m)/Σu with integers u_i ∈ [1, 9], strictly positive; Gaussian means are
 * integers in [−3, 3] over 2. Exact proof steps evaluate at such points.
 */
export function randomRationalCoordinates(spec: ModelSpec, rng: Rng): Rational[] {
  const k = spec.states;
  const column = (size: number): Rational[] => {
    const u = Array.from({ length: size }, () => BigInt(rng.int(1, 9)));
    const total = u.reduce((a, b) => a + b, 0n);
    return u.slice(0, size - 1).map((x) => rational(x, total));
  };
  const out: Rational[] = [];
  if (spec.init === "free") out.push(...column(k));
  for (let j = 0; j < k; j++) out.push(...column(k));
  for (let j = 0; j < k; j++) {
    if (spec.family === "hmm") out.push(...column(spec.symbols));
    else for (let a = 0; a < spec.symbols; a++) out.push(rational(BigInt(rng.int(-3, 3)), 2n));
  }
  if (out.length !== freeCoordinates(spec).length) throw new Error("randomRationalCoordinates: chart size mismatch");
  return out;
}
