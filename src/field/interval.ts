import { type AnalyticField, DivisionByZero } from "./field.ts";

/**
 * A closed interval [lo, hi] of reals with double endpoints. Every operation returns an
 * interval that contains the exact result for every choice of arguments in its inputs:
 * IEEE +, −, ×, ÷ are correctly rounded: the exact value x of an operation whose rounded
 * result is r satisfies |x − r| ≤ |r|·2⁻⁵³ (+ half the smallest subnormal), so moving r
 * outward by |r|·2⁻⁵² + 2⁻¹⁰⁷⁴ — itself rounded, which can give back at most |r|·2⁻⁵³ —
 * lands on the far side of x (`roundDown`, `roundUp`). Math.exp is not correctly rounded;
 * its error is below one ulp (V8's fdlibm port), and the kernel widens it by `expUlps`
 * (default 4) further steps to the next double.
 */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

const word = new Float64Array(1);
const halves = new Uint32Array(word.buffer);
// The low half of the double is halves[0] on little-endian machines, which this checks.
word[0] = 1;
if (halves[1] !== 0x3ff00000) throw new Error("interval arithmetic assumes a little-endian float layout");

/** The smallest double above x (x itself for +∞ and NaN). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  word[0] = x;
  if (x > 0) {
    halves[0]++;
    if (halves[0] === 0) halves[1]++;
  } else {
    if (halves[0] === 0) halves[1]--;
    halves[0]--;
  }
  return word[0];
}

/** The largest double below x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}

function steps(x: number, ulps: number, step: (x: number) => number): number {
  let y = x;
  for (let i = 0; i < ulps; i++) y = step(y);
  return y;
}

const HALF_ULP_BOUND = 2 ** -52;

/** A double at or below the exact value of an operation that rounded to `r`. */
export function roundDown(r: number): number {
  // An overflow to +∞ means the exact value is at least the largest double.
  return r === Infinity ? Number.MAX_VALUE : r - (Math.abs(r) * HALF_ULP_BOUND + Number.MIN_VALUE);
}

/** A double at or above the exact value of an operation that rounded to `r`. */
export function roundUp(r: number): number {
  return r === -Infinity ? -Number.MAX_VALUE : r + (Math.abs(r) * HALF_ULP_BOUND + Number.MIN_VALUE);
}

/** [lo, hi], each endpoint the rounded result of one operation, rounded outward. */
function outward(lo: number, hi: number): Interval {
  return { lo: roundDown(lo), hi: roundUp(hi) };
}

export function point(x: number): Interval {
  return { lo: x, hi: x };
}

export function add(a: Interval, b: Interval): Interval {
  return outward(a.lo + b.lo, a.hi + b.hi);
}

export function sub(a: Interval, b: Interval): Interval {
  return outward(a.lo - b.hi, a.hi - b.lo);
}

export function mul(a: Interval, b: Interval): Interval {
  const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return outward(Math.min(...p), Math.max(...p));
}

export function containsZero(a: Interval): boolean {
  return a.lo <= 0 && a.hi >= 0;
}

/** a / b; throws DivisionByZero when b contains 0 (the quotient is then unbounded). */
export function div(a: Interval, b: Interval): Interval {
  if (containsZero(b)) throw new DivisionByZero("intervals");
  const q = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi];
  return outward(Math.min(...q), Math.max(...q));
}

export function neg(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo };
}

/** The largest |x| over a, rounded up (exact: |·| of a double is a double). */
export function magnitude(a: Interval): number {
  return Math.max(Math.abs(a.lo), Math.abs(a.hi));
}

/** The smallest |x| over a: 0 when a contains 0. */
export function mignitude(a: Interval): number {
  return containsZero(a) ? 0 : Math.min(Math.abs(a.lo), Math.abs(a.hi));
}

export function midpoint(a: Interval): number {
  return a.lo === a.hi ? a.lo : a.lo / 2 + a.hi / 2;
}

export interface IntervalKernel extends AnalyticField<Interval> {
  /** exp with its outward widening; exposed so its containment can be property-tested. */
  exp(a: Interval): Interval;
}

/**
 * The interval field. `exp` and `expUlps` are parameters so that a test can plant a
 * mis-rounded exponential and see the containment law catch it; maskid uses the defaults.
 */
export function intervalKernel(exp: (x: number) => number = Math.exp, expUlps = 4): IntervalKernel {
  return {
    name: "intervals",
    zero: point(0),
    one: point(1),
    fromInt: (n) => (Number.isSafeInteger(n) ? point(n) : outward(n, n)),
    fromRational: (num, den) => {
      if (den === 0n) throw new DivisionByZero("intervals");
      return div(exactInteger(num), exactInteger(den));
    },
    add,
    sub,
    mul,
    div,
    neg,
    // Only the exact zero is zero: an interval that merely contains 0 is no pivot either,
    // which pivotWeight (its mignitude) says.
    isZero: (a) => a.lo === 0 && a.hi === 0,
    pivotWeight: mignitude,
    exp: (a) => ({
      lo: steps(exp(a.lo), expUlps, nextDown),
      hi: steps(exp(a.hi), expUlps, nextUp),
    }),
    fromNumber: point,
    value: midpoint,
  };
}

/** A bigint as an interval: exact up to 2^53, else its rounding widened by one ulp. */
function exactInteger(n: bigint): Interval {
  const x = Number(n);
  return Number.isSafeInteger(x) ? point(x) : outward(x, x);
}

export const intervalField: IntervalKernel = intervalKernel();
