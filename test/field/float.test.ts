import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { floatField as F } from "../../src/field/float.ts";

describe("floatField", () => {
  it("fromRational divides, and refuses a zero denominator instead of returning ±Infinity or NaN", () => {
    expect(F.fromRational(3n, 4n)).toBe(0.75);
    expect(F.fromRational(-1n, 8n)).toBe(-0.125);
    expect(() => F.fromRational(1n, 0n)).toThrow(new DivisionByZero("float64"));
    expect(() => F.fromRational(0n, 0n)).toThrow("division by zero in float64");
  });

  it("div refuses exactly 0 and divides anything else, however small", () => {
    expect(() => F.div(1, 0)).toThrow("division by zero in float64");
    expect(() => F.div(1, -0)).toThrow(DivisionByZero);
    expect(F.div(1, 5e-324)).toBe(Infinity);
    expect(F.div(-6, 4)).toBe(-1.5);
  });

  it("arithmetic, zero test and pivot weight are the IEEE operations", () => {
    expect([F.add(2, 0.5), F.sub(2, 0.5), F.mul(2, 0.5), F.neg(2)]).toEqual([2.5, 1.5, 1, -2]);
    expect([F.zero, F.one, F.fromInt(-7), F.fromNumber(0.1), F.value(0.1)]).toEqual([0, 1, -7, 0.1, 0.1]);
    expect([F.isZero(0), F.isZero(-0), F.isZero(1e-300)]).toEqual([true, true, false]);
    expect([F.pivotWeight(-3), F.pivotWeight(2), F.pivotWeight(0)]).toEqual([3, 2, 0]);
    expect(F.exp(1)).toBe(Math.E);
  });
});
