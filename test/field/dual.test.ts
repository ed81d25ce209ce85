import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Dual, dualField, floatDualField } from "../../src/field/dual.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { primeField } from "../../src/field/prime.ts";
import { rationalField } from "../../src/field/rational.ts";

const P = primeField(1_000_003);
const BASES = [
  { name: "floats", base: floatField },
  { name: "F_1000003", base: P },
] as const;

/** The gradient as a plain array (null for a constant); −0 reads as 0, the same derivative. */
const gradient = (a: Dual): number[] | null => (a.g === null ? null : Array.from(a.g, (x) => x + 0));

describe.each(BASES)("dual numbers over $name", ({ base }) => {
  const F = dualField(base, 3);
  const residue = fc.integer({ min: 1, max: 1_000_002 });

  it("isZero: a zero value and a zero (or absent) gradient, nothing less", () => {
    expect(F.isZero(F.zero)).toBe(true);
    expect(F.isZero(F.fromInt(0))).toBe(true);
    expect(F.isZero(F.fromInt(1))).toBe(false);
    fc.assert(
      fc.property(residue, fc.integer({ min: 0, max: 2 }), (v, i) => {
        const x = F.variable(v, i);
        // x − x has gradient e_i − e_i: present but exactly zero.
        const cancelled = F.sub(x, x);
        expect(gradient(cancelled)).toEqual([0, 0, 0]);
        expect(F.isZero(cancelled)).toBe(true);
        // At value 0 the coordinate itself is not zero: its gradient e_i is not.
        expect(F.isZero(F.variable(0, i))).toBe(false);
        expect(F.isZero(x)).toBe(false);
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it("variables carry e_i, constants no gradient; pivotWeight is the value's", () => {
    expect(gradient(F.variable(5, 1))).toEqual([0, 1, 0]);
    expect(F.variable(5, 1).v).toBe(5);
    expect(F.constant(5)).toEqual({ v: 5, g: null });
    expect(gradient(F.fromRational(3n, 1n))).toBeNull();
    expect(F.pivotWeight(F.variable(0, 0))).toBe(0);
    expect(F.pivotWeight(F.constant(3))).toBe(base.pivotWeight(3));
    expect(F.dimension).toBe(3);
    expect(F.base).toBe(base);
    expect(F.name).toBe(`dual(${base.name}, 3)`);
  });

  it("every operation's gradient is linear in its arguments' gradients, entry by entry", () => {
    fc.assert(
      fc.property(residue, residue, residue, (a, b, c) => {
        const x = F.variable(a, 0);
        const y = F.variable(b, 2);
        const k = F.constant(c);
        const Fb = base;
        // d(x + k) = e_0, d(k − y) = −e_2, d(−x) = −e_0, d(k·x) = c e_0, d(x·y) = b e_0 + a e_2.
        expect(gradient(F.add(x, k))).toEqual([1, 0, 0]);
        expect(gradient(F.add(k, x))).toEqual([1, 0, 0]);
        expect(gradient(F.sub(k, y))).toEqual([0, 0, Fb.neg(1)]);
        expect(gradient(F.sub(y, k))).toEqual([0, 0, 1]);
        expect(gradient(F.neg(x))).toEqual([Fb.neg(1), 0, 0]);
        expect(gradient(F.mul(k, x))).toEqual([c, 0, 0]);
        expect(gradient(F.mul(x, k))).toEqual([c, 0, 0]);
        expect(gradient(F.mul(x, y))).toEqual([b, 0, a]);
        expect(gradient(F.add(k, k))).toBeNull();
        expect(gradient(F.neg(k))).toBeNull();
        // d(x / k) = 1/k e_0, d(k / y) = −k/y² e_2: exact mod p, within rounding over floats.
        const near = (actual: number[] | null, expected: number[]) => {
          expect(actual).not.toBeNull();
          actual!.forEach((g, i) => expect(Math.abs(g - expected[i])).toBeLessThanOrEqual(1e-12 * Math.abs(expected[i])));
        };
        near(gradient(F.div(x, k)), [Fb.div(1, c), 0, 0]);
        near(gradient(F.div(k, y)), [0, 0, Fb.neg(Fb.div(c, Fb.mul(b, b)))]);
        near(gradient(F.div(x, y)), [Fb.div(1, b), 0, Fb.neg(Fb.div(a, Fb.mul(b, b)))]);
      }),
      { seed: 7, numRuns: 30 },
    );
  });

  it("division by a dual of zero value throws, whatever its gradient", () => {
    expect(() => F.div(F.one, F.variable(0, 1))).toThrow(DivisionByZero);
    expect(() => F.div(F.one, F.zero)).toThrow(`division by zero in dual(${base.name})`);
  });
});

describe("dual numbers", () => {
  it("reduce gradients mod p: sums past p wrap, differences below 0 wrap", () => {
    const F = dualField(P, 1);
    const x = F.variable(1_000_002, 0);
    // d(x·x) = 2x = 2·(p − 1) ≡ p − 2; d(3x − x) = 2.
    expect(gradient(F.mul(x, x))).toEqual([1_000_001]);
    expect(gradient(F.sub(F.mul(F.fromInt(3), x), x))).toEqual([2]);
    expect(gradient(F.neg(x))).toEqual([1_000_002]);
  });

  it("a dual field is named by its base and its dimension", () => {
    // Built here, inside the test, so the name is computed where a test observes it.
    expect(dualField(P, 2).name).toBe("dual(F_1000003, 2)");
    expect(dualField(floatField, 5).name).toBe(`dual(${floatField.name}, 5)`);
    expect(floatDualField(4).name).toBe(`dual(${floatField.name}, 4)`);
  });

  it("only float64 and F_p are bases", () => {
    expect(() => dualField(rationalField as never, 2)).toThrow("dual numbers support float64 and F_p, not Q");
  });

  it("float duals: exp scales the gradient by e^v; fromNumber and value read the value part", () => {
    const F = floatDualField(2);
    const x = F.variable(0.5, 1);
    const e = F.exp(x);
    expect(e.v).toBe(Math.exp(0.5));
    expect(gradient(e)).toEqual([0, Math.exp(0.5)]);
    expect(F.exp(F.fromNumber(2))).toEqual({ v: Math.exp(2), g: null });
    expect(F.value(F.mul(x, F.fromNumber(3)))).toBe(1.5);
  });
});
