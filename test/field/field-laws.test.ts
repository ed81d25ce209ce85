import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dualField, floatDualField } from "../../src/field/dual.ts";
import type { Field } from "../../src/field/field.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { primeField } from "../../src/field/prime.ts";
import { rationalField } from "../../src/field/rational.ts";
import { symbolicField } from "../../src/field/symbolic.ts";

/**
 * One law suite for every number system: the integers and rationals embed as a ring
 * homomorphism (negatives included), every non-zero element has an inverse, and the
 * operations distribute. Exact systems must satisfy these exactly; floats within rounding.
 */
interface System {
  readonly name: string;
  readonly field: Field<unknown>;
  /** Equality in the system: exact, or within a relative tolerance for floats. */
  equal(a: unknown, b: unknown): boolean;
}

const exact = (field: Field<unknown>): System => ({ name: field.name, field, equal: (a, b) => field.isZero(field.sub(a, b)) });
const close = (field: Field<unknown>, value: (a: unknown) => number): System => ({
  name: field.name,
  field,
  equal: (a, b) => Math.abs(value(a) - value(b)) <= 1e-9 * Math.max(1, Math.abs(value(a)), Math.abs(value(b))),
});

const SYSTEMS: readonly System[] = [
  exact(rationalField as Field<unknown>),
  exact(primeField(5) as Field<unknown>),
  exact(primeField(1_000_003) as Field<unknown>),
  exact(primeField(67_108_859) as Field<unknown>),
  exact(dualField(primeField(1_000_003), 2) as Field<unknown>),
  close(floatField as Field<unknown>, (a) => a as number),
  close(floatDualField(2) as Field<unknown>, (a) => (a as { v: number }).v),
];

const integer = fc.integer({ min: -1_000_000, max: 1_000_000 });
const rationalPair = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 6n }));
const options = { numRuns: 150, seed: 20221128 };

describe.each(SYSTEMS)("field laws in $name", ({ field: F, equal }) => {
  const embed = ([num, den]: [bigint, bigint]) => {
    try {
      return F.fromRational(num, den);
    } catch (e) {
      if (e instanceof DivisionByZero) return null; // den ≡ 0 mod p: not in the field's image
      throw e;
    }
  };

  it("embeds the integers as a ring homomorphism, negatives included", () => {
    fc.assert(
      fc.property(integer, integer, (a, b) => {
        expect(equal(F.fromInt(a), F.fromRational(BigInt(a), 1n))).toBe(true);
        expect(equal(F.add(F.fromInt(a), F.fromInt(b)), F.fromInt(a + b))).toBe(true);
        expect(equal(F.sub(F.fromInt(a), F.fromInt(b)), F.fromInt(a - b))).toBe(true);
        expect(equal(F.mul(F.fromInt(a), F.fromInt(b)), F.fromRational(BigInt(a) * BigInt(b), 1n))).toBe(true);
        expect(equal(F.neg(F.fromInt(a)), F.fromInt(-a))).toBe(true);
      }),
      options,
    );
  });

  it("embeds the rationals: num/den times den is num", () => {
    fc.assert(
      fc.property(rationalPair, ([num, den]) => {
        const x = embed([num, den]);
        if (x === null) return;
        expect(equal(F.mul(x, F.fromRational(den, 1n)), F.fromRational(num, 1n))).toBe(true);
      }),
      options,
    );
  });

  it("has inverses: x / x = 1 and x · (1/x) = 1 for x ≠ 0; division by 0 throws", () => {
    fc.assert(
      fc.property(rationalPair, (pair) => {
        const x = embed(pair);
        if (x === null || F.isZero(x)) return;
        expect(equal(F.div(x, x), F.one)).toBe(true);
        expect(equal(F.mul(x, F.div(F.one, x)), F.one)).toBe(true);
      }),
      options,
    );
    expect(() => F.div(F.one, F.zero)).toThrow(DivisionByZero);
  });

  it("distributes, and has 0 and 1 as identities", () => {
    fc.assert(
      fc.property(rationalPair, rationalPair, rationalPair, (pa, pb, pc) => {
        const [a, b, c] = [embed(pa), embed(pb), embed(pc)];
        if (a === null || b === null || c === null) return;
        expect(equal(F.mul(a, F.add(b, c)), F.add(F.mul(a, b), F.mul(a, c)))).toBe(true);
        expect(equal(F.add(a, F.zero), a)).toBe(true);
        expect(equal(F.mul(a, F.one), a)).toBe(true);
        expect(equal(F.add(a, F.neg(a)), F.zero)).toBe(true);
      }),
      options,
    );
  });
});

describe("field laws with gradients (dual numbers over F_p)", () => {
  const F = dualField(primeField(1_000_003), 2);
  it("the product rule holds exactly: (xy)' = x'y + xy', and (x/y)' = (x'y − xy')/y²", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_002 }), fc.integer({ min: 1, max: 1_000_002 }), (a, b) => {
        const x = F.variable(a, 0);
        const y = F.variable(b, 1);
        const P = primeField(1_000_003);
        expect(Array.from(F.mul(x, y).g!)).toEqual([b, a]);
        const q = F.div(x, y);
        expect(Array.from(q.g!)).toEqual([P.div(1, b), P.neg(P.div(a, P.mul(b, b)))]);
      }),
      options,
    );
  });
});

describe("symbolic field agrees with Q on integer arithmetic", () => {
  it("(a − b)(a + b) = a² − b² with negatives", () => {
    const S = symbolicField;
    for (const [a, b] of [[-3, 7], [5, -11], [-2, -9]]) {
      const lhs = S.mul(S.sub(S.fromInt(a), S.fromInt(b)), S.add(S.fromInt(a), S.fromInt(b)));
      expect(S.isZero(S.sub(lhs, S.fromInt(a * a - b * b)))).toBe(true);
    }
  });
});
