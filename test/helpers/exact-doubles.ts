import fc from "fast-check";
import type { Interval } from "../../src/field/interval.ts";

/**
 * Exact fractions with a positive denominator, never reduced: exact references can have
 * thousands of bits, where a gcd per operation would cost minutes. Comparison is by
 * cross-multiplication, which needs no normal form.
 */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}
export const Q = {
  one: { num: 1n, den: 1n },
  int: (n: number): Fraction => ({ num: BigInt(n), den: 1n }),
  add: (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den + b.num * a.den, den: a.den * b.den }),
  sub: (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.den - b.num * a.den, den: a.den * b.den }),
  mul: (a: Fraction, b: Fraction): Fraction => ({ num: a.num * b.num, den: a.den * b.den }),
  div: (a: Fraction, b: Fraction): Fraction => {
    if (b.num === 0n) throw new Error("division by zero");
    const sign = b.num < 0n ? -1n : 1n;
    return { num: sign * a.num * b.den, den: sign * a.den * b.num };
  },
};

/** The exact value of a finite double. */
export function exact(x: number): Fraction {
  if (!Number.isFinite(x)) throw new Error(`${x} is not finite`);
  let scale = 0n;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2; // exact: doubling a double only moves its exponent
    scale++;
  }
  return { num: BigInt(m), den: 1n << scale };
}

export const compare = (a: Fraction, b: Fraction) => a.num * b.den - b.num * a.den;
/** x ∈ i; an infinite endpoint (an overflow) bounds nothing on its side, soundly. */
export const contains = (i: Interval, x: Fraction) =>
  (i.lo === -Infinity || compare(exact(i.lo), x) <= 0n) && (i.hi === Infinity || compare(x, exact(i.hi)) <= 0n);

/** An interval of doubles and a double inside it. */
export const intervalWithPoint = fc
  .tuple(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.double({ noNaN: true, min: 0, max: 1e3 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([lo, width, t]) => {
    const hi = lo + width >= lo ? lo + width : lo;
    const x = Math.min(hi, Math.max(lo, lo + t * (hi - lo)));
    return { interval: { lo, hi }, x };
  });
