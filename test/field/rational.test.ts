import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { rational, rationalField as Q, rationalToNumber, rationalToString } from "../../src/field/rational.ts";

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

describe("rational normal form", () => {
  it("has a positive denominator coprime to the numerator, and the same value num/den", () => {
    const big = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
    fc.assert(
      fc.property(big, big, (num, den) => {
        if (den === 0n) return;
        const r = rational(num, den);
        expect(r.den > 0n).toBe(true);
        expect(gcd(r.num, r.den)).toBe(1n);
        // Same value: num · r.den = r.num · den (cross-multiplied, exact).
        expect(num * r.den).toBe(r.num * den);
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(rational(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(rational(0n, -5n)).toEqual({ num: 0n, den: 1n });
    expect(rational(7n)).toEqual({ num: 7n, den: 1n });
  });

  it("a zero denominator throws DivisionByZero, whatever the numerator", () => {
    for (const num of [1n, 0n, -3n]) {
      expect(() => rational(num, 0n)).toThrow(DivisionByZero);
      expect(() => Q.fromRational(num, 0n)).toThrow("division by zero in Q");
    }
    expect(() => Q.div(Q.one, Q.zero)).toThrow("division by zero in Q");
  });

  it("prints as num or num/den, and converts to the nearest double for small parts", () => {
    expect(rationalToString(rational(-6n, 3n))).toBe("-2");
    expect(rationalToString(rational(3n, -6n))).toBe("-1/2");
    expect(rationalToNumber(rational(-3n, 8n))).toBe(-0.375);
  });

  it("negation, zero test and pivot weight", () => {
    expect(Q.neg(rational(3n, 4n))).toEqual({ num: -3n, den: 4n });
    expect(Q.isZero(Q.sub(rational(1n, 3n), rational(2n, 6n)))).toBe(true);
    expect(Q.isZero(rational(1n, 10n ** 30n))).toBe(false);
    expect(Q.pivotWeight(Q.zero)).toBe(0);
    expect(Q.pivotWeight(rational(-1n, 10n ** 30n))).toBe(1);
    expect(Q.name).toBe("Q");
  });
});
