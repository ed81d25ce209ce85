import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { intervalDualField } from "../../src/field/interval-dual.ts";
import {
  type Interval,
  type IntervalKernel,
  intervalField,
  intervalKernel,
  magnitude,
  midpoint,
  mignitude,
  nextDown,
  nextUp,
  point,
  roundDown,
  roundUp,
} from "../../src/field/interval.ts";
import { type Fraction, Q, compare, contains, exact, intervalWithPoint } from "../helpers/exact-doubles.ts";


/**
 * e^x for a double |x| ≤ 20, exact to far below one ulp: the Taylor sum to 150 terms (for
 * x < 0, its reciprocal), whose remainder is below 20^151/151! · e^20 < 1e-60. Horner's
 * rule 1 + y(1 + y/2(1 + … (1 + y/N))) with y = m/den runs on integers only.
 */
function expReference(x: number): Fraction {
  const { num: m, den } = exact(Math.abs(x));
  let p = 1n;
  let q = 1n;
  for (let k = 150n; k >= 1n; k--) [p, q] = [den * k * q + m * p, den * k * q];
  return x < 0 ? { num: q, den: p } : { num: p, den: q };
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 });
/** An interval and a point of it, from doubles spread over many magnitudes. */

describe("next doubles", () => {
  it("nextUp and nextDown step to the adjacent double, with nothing in between", () => {
    fc.assert(
      fc.property(finite, (x) => {
        const up = nextUp(x);
        const down = nextDown(x);
        expect(up).toBeGreaterThan(x);
        expect(down).toBeLessThan(x);
        // `===` on purpose: stepping back to zero may land on −0.
        expect(nextDown(up) === x).toBe(true);
        expect(nextUp(down) === x).toBe(true);
        // No double lies strictly between x and nextUp(x): their midpoint rounds to one of them.
        const mid = x / 2 + up / 2;
        expect(mid === x || mid === up).toBe(true);
      }),
      { seed: 41, numRuns: 2000 },
    );
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
  });
});

describe("interval arithmetic encloses the exact result", () => {
  const ops: [string, (k: IntervalKernel, a: Interval, b: Interval) => Interval, (x: Fraction, y: Fraction) => Fraction][] = [
    ["+", (k, a, b) => k.add(a, b), (x, y) => Q.add(x, y)],
    ["−", (k, a, b) => k.sub(a, b), (x, y) => Q.sub(x, y)],
    ["×", (k, a, b) => k.mul(a, b), (x, y) => Q.mul(x, y)],
    ["÷", (k, a, b) => k.div(a, b), (x, y) => Q.div(x, y)],
  ];
  it.each(ops)("%s: for x ∈ a and y ∈ b, x op y ∈ a op b (checked over Q)", (_, op, exactOp) => {
    fc.assert(
      fc.property(intervalWithPoint, intervalWithPoint, ({ interval: a, x }, { interval: b, x: y }) => {
        if (_ === "÷" && b.lo <= 0 && b.hi >= 0) {
          expect(() => op(intervalField, a, b)).toThrow(DivisionByZero);
          return;
        }
        expect(contains(op(intervalField, a, b), exactOp(exact(x), exact(y)))).toBe(true);
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it("exp: for x ∈ a, e^x ∈ exp(a), against a reference exact to 1e-60", () => {
    const arg = fc.double({ noNaN: true, min: -20, max: 20 });
    fc.assert(
      fc.property(arg, (x) => contains(intervalField.exp({ lo: x, hi: x }), expReference(x))),
      { seed: 43, numRuns: 300 },
    );
  });

  it("a mis-rounded exponential (off by 16 ulps) fails the same law", () => {
    const misRounded = intervalKernel((x) => Math.exp(x) * (1 + 2 ** -48));
    const arg = fc.double({ noNaN: true, min: -20, max: 20 });
    expect(() =>
      fc.assert(
        fc.property(arg, (x) => contains(misRounded.exp({ lo: x, hi: x }), expReference(x))),
        { seed: 43, numRuns: 300, endOnFailure: true },
      ),
    ).toThrow(/Property failed/);
  });

  it("rounding to nearest without widening fails the law for ×", () => {
    // A product that is not a double: 0.1 × 0.1 rounds up; an unwidened interval misses it.
    const x = exact(0.1);
    const product = Q.mul(x, x);
    expect(contains({ lo: 0.1 * 0.1, hi: 0.1 * 0.1 }, product)).toBe(false);
    expect(contains(intervalField.mul({ lo: 0.1, hi: 0.1 }, { lo: 0.1, hi: 0.1 }), product)).toBe(true);
  });
});

describe("interval duals enclose exact derivatives", () => {
  // f(x, y) = x² y / (1 + x) + e^(x − y), with ∂f/∂x = (x² + 2x) y / (1 + x)² + e^(x − y),
  // ∂f/∂y = x² / (1 + x) − e^(x − y); the exponential's reference is exact to 1e-60.
  it("value and gradient of a rational-exponential function, at random double points", () => {
    const F = intervalDualField(2);
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: 0, max: 5 }), fc.double({ noNaN: true, min: -5, max: 5 }), (x0, y0) => {
        const x = F.variable(x0, 0);
        const y = F.variable(y0, 1);
        const f = F.add(F.div(F.mul(F.mul(x, x), y), F.add(F.one, x)), F.exp(F.sub(x, y)));
        const [X, Y] = [exact(x0), exact(y0)];
        // The reference needs x0 − y0 as a double: check only the points where it is exact.
        if (compare(exact(x0 - y0), Q.sub(X, Y)) !== 0n) return;
        const e = expReference(x0 - y0);
        const onePlusX = Q.add(Q.one, X);
        const value = Q.add(Q.div(Q.mul(Q.mul(X, X), Y), onePlusX), e);
        const dx = Q.add(Q.div(Q.mul(Q.add(Q.mul(X, X), Q.mul(Q.int(2), X)), Y), Q.mul(onePlusX, onePlusX)), e);
        const dy = Q.sub(Q.div(Q.mul(X, X), onePlusX), e);
        expect(contains(f.v, value)).toBe(true);
        const gradient = (j: number) => ({ lo: f.g!.lo[j], hi: f.g!.hi[j] });
        expect(contains(gradient(0), dx)).toBe(true);
        expect(contains(gradient(1), dy)).toBe(true);
      }),
      { seed: 44, numRuns: 200 },
    );
  });
});

describe("the interval field's remaining operations", () => {
  it("magnitude, mignitude and midpoint", () => {
    expect(magnitude({ lo: -3, hi: 2 })).toBe(3);
    expect(magnitude({ lo: -1, hi: 2 })).toBe(2);
    expect(mignitude({ lo: -1, hi: 2 })).toBe(0);
    expect(mignitude({ lo: 2, hi: 5 })).toBe(2);
    expect(mignitude({ lo: -5, hi: -2 })).toBe(2);
    expect(midpoint({ lo: 2, hi: 2 })).toBe(2);
    expect(midpoint({ lo: 1, hi: 3 })).toBe(2);
    // At the ends of the double range the midpoint does not overflow.
    expect(midpoint({ lo: Number.MAX_VALUE, hi: Number.MAX_VALUE })).toBe(Number.MAX_VALUE);
    expect(midpoint({ lo: Number.MAX_VALUE / 2, hi: Number.MAX_VALUE })).toBe(0.75 * Number.MAX_VALUE);
    // A point is its own midpoint even where halving loses a bit (the smallest subnormal).
    expect(midpoint(point(Number.MIN_VALUE))).toBe(Number.MIN_VALUE);
  });

  // A kernel built here, not the module-level one, so these laws hold of every kernel made.
  it("zero and pivots: only the exact zero is zero; an interval around 0 is no pivot", () => {
    const kernel = intervalKernel();
    expect(kernel.isZero({ lo: 0, hi: 0 })).toBe(true);
    expect(kernel.isZero({ lo: 0, hi: 1e-300 })).toBe(false);
    expect(kernel.isZero({ lo: -1e-300, hi: 0 })).toBe(false);
    expect(kernel.pivotWeight({ lo: -1, hi: 1 })).toBe(0);
    expect(kernel.pivotWeight({ lo: 0.5, hi: 1 })).toBe(0.5);
    expect(kernel.name).toBe("intervals");
  });

  it("integers and rationals: exact where doubles are, enclosed where not; a zero denominator throws", () => {
    const kernel = intervalKernel();
    expect(kernel.fromInt(7)).toEqual({ lo: 7, hi: 7 });
    const big = 2 ** 60 + 1; // not a safe integer: its double is a rounding
    const enclosed = kernel.fromInt(big);
    expect(enclosed.lo).toBeLessThan(2 ** 60);
    expect(enclosed.hi).toBeGreaterThan(2 ** 60);
    expect(kernel.fromRational(3n, 4n)).toSatisfy((i: Interval) => contains(i, { num: 3n, den: 4n }));
    const third = kernel.fromRational(1n, 3n);
    expect(contains(third, { num: 1n, den: 3n })).toBe(true);
    expect(third.hi - third.lo).toBeLessThan(1e-15);
    const huge = 10n ** 30n + 7n;
    expect(contains(kernel.fromRational(huge, 3n), { num: huge, den: 3n })).toBe(true);
    expect(() => kernel.fromRational(1n, 0n)).toThrow("division by zero in intervals");
    expect(() => intervalField.div(point(1), { lo: -1, hi: 1 })).toThrow(/division by zero in intervals/);
  });

  it("the ends of the double range: NaN and ∞ stay, overflowed bounds stay sound", () => {
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(Number.isNaN(nextUp(NaN))).toBe(true);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextUp(-Number.MIN_VALUE) === 0).toBe(true);
    expect(roundDown(Infinity)).toBe(Number.MAX_VALUE);
    expect(roundUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(roundUp(Infinity)).toBe(Infinity);
    expect(roundDown(-Infinity)).toBe(-Infinity);
  });

  it("exp is widened by exactly its number of ulps on each side", () => {
    const x = 0.7;
    const e = Math.exp(x);
    const four = intervalKernel(Math.exp, 4).exp(point(x));
    let lo = e;
    let hi = e;
    for (let i = 0; i < 4; i++) [lo, hi] = [nextDown(lo), nextUp(hi)];
    expect(four).toEqual({ lo, hi });
    expect(intervalKernel(Math.exp, 0).exp(point(x))).toEqual({ lo: e, hi: e });
    expect(intervalField.exp({ lo: 0, hi: 1 }).hi).toBeGreaterThan(Math.E);
  });

  it("fromRational of safe integers widens once (by the division), not twice", () => {
    // Both operands are exact points, so the quotient is [roundDown(q), roundUp(q)] of the float quotient.
    expect(intervalField.fromRational(1n, 1n)).toEqual({ lo: roundDown(1), hi: roundUp(1) });
    expect(intervalField.fromRational(-3n, 4n)).toEqual({ lo: roundDown(-0.75), hi: roundUp(-0.75) });
  });
});
