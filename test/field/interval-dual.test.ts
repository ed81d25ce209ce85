import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { type IntervalDual, intervalDualField } from "../../src/field/interval-dual.ts";
import { type Interval, point } from "../../src/field/interval.ts";
import { Q, contains, exact } from "../helpers/exact-doubles.ts";

const F = intervalDualField(3);

/** Gradient entry i as an interval (null for a constant). */
const entry = (a: IntervalDual, i: number): Interval | null => (a.g === null ? null : { lo: a.g.lo[i], hi: a.g.hi[i] });
/** The gradient as plain [lo, hi] pairs; −0 reads as 0. */
const pairs = (a: IntervalDual): [number, number][] | null =>
  a.g === null ? null : Array.from(a.g.lo, (lo, i) => [lo + 0, a.g!.hi[i] + 0]);

const constant = (v: Interval): IntervalDual => ({ v, g: null });

describe("interval duals: exact where the rule is exact", () => {
  it("scaling by ±1 is exact: −x, x + k, x − k and k − x carry ±e_i with no widening", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 2 }), (v, i) => {
        const x = F.variable(v, i);
        const k = F.fromInt(7);
        const e = [0, 0, 0].map((_, j): [number, number] => (j === i ? [1, 1] : [0, 0]));
        const minusE = e.map(([lo, hi]): [number, number] => [-hi + 0, -lo + 0]);
        expect(pairs(x)).toEqual(e);
        expect(pairs(F.neg(x))).toEqual(minusE);
        expect(pairs(F.add(x, k))).toEqual(e);
        expect(pairs(F.add(k, x))).toEqual(e);
        expect(pairs(F.sub(x, k))).toEqual(e);
        expect(pairs(F.sub(k, x))).toEqual(minusE);
        expect(pairs(F.neg(F.neg(x)))).toEqual(e);
      }),
      { seed: 42, numRuns: 30 },
    );
    // A gradient that is already an interval is flipped, not rounded, by negation.
    const wide: IntervalDual = { v: point(1), g: { lo: Float64Array.of(0.1, -3, 0), hi: Float64Array.of(0.3, -2, 0) } };
    expect(pairs(F.neg(wide))).toEqual([[-0.3, -0.1], [2, 3], [0, 0]]);
  });

  it("a constants-only computation keeps no gradient", () => {
    const k = F.fromRational(1n, 3n);
    for (const r of [F.add(k, F.one), F.sub(k, F.one), F.mul(k, k), F.div(F.one, k), F.neg(k), F.exp(k)]) expect(r.g).toBeNull();
  });
});

describe("interval duals: scaling by an interval encloses every product", () => {
  // Factors with end points at ±1 and 0, where a shortcut for c = ±1 could be taken wrongly.
  const end = fc.constantFrom(-2, -1, -0.5, 0, 0.5, 1, 2, 1e-300, 3.7);
  const interval = fc.tuple(end, end).map(([a, b]): Interval => ({ lo: Math.min(a, b), hi: Math.max(a, b) }));
  it("(c·a)' = c·a' entrywise: each entry contains all four end products; an exact 0 entry stays [0, 0]", () => {
    fc.assert(
      fc.property(interval, fc.array(interval, { minLength: 3, maxLength: 3 }), (c, entries) => {
        const a: IntervalDual = { v: point(0.25), g: { lo: Float64Array.from(entries, (e) => e.lo), hi: Float64Array.from(entries, (e) => e.hi) } };
        for (const product of [F.mul(constant(c), a), F.mul(a, constant(c))]) {
          entries.forEach((x, j) => {
            const g = entry(product, j)!;
            for (const cEnd of [c.lo, c.hi]) for (const xEnd of [x.lo, x.hi]) expect(contains(g, Q.mul(exact(cEnd), exact(xEnd)))).toBe(true);
            if (x.lo === 0 && x.hi === 0) expect({ lo: g.lo + 0, hi: g.hi + 0 }).toEqual({ lo: 0, hi: 0 });
          });
        }
      }),
      { seed: 43, numRuns: 150 },
    );
    // An entry [0, 1] is not the exact zero: scaled by 3 it is [0, 3], widened.
    const half: IntervalDual = { v: point(1), g: { lo: Float64Array.of(0, 0, 0), hi: Float64Array.of(1, 0, 0) } };
    const tripled = entry(F.mul(F.fromInt(3), half), 0)!;
    expect(tripled.lo).toBeLessThanOrEqual(0);
    expect(tripled.hi).toBeGreaterThanOrEqual(3);
  });

  it("the product rule over intervals: (x·y)' contains (y, x) at the coordinates", () => {
    const x = F.variable(0.1, 0);
    const y = F.variable(-0.3, 2);
    const p = F.mul(x, y);
    expect(contains(entry(p, 0)!, exact(-0.3))).toBe(true);
    expect(contains(entry(p, 2)!, exact(0.1))).toBe(true);
    // With both gradients present the sum is rounded outward, even 0 + 0.
    expect(contains(entry(p, 1)!, Q.int(0))).toBe(true);
    // (x/y)' at coordinate 2 is −x/y².
    const q = F.div(F.add(x, y), y);
    expect(contains(entry(q, 2)!, Q.sub(Q.int(0), Q.div(exact(0.1), Q.mul(exact(-0.3), exact(-0.3)))))).toBe(true);
  });
});

describe("interval duals: zero, pivots, values", () => {
  it("isZero: only the exact zero value with every gradient entry exactly [0, 0]", () => {
    expect(F.isZero(F.zero)).toBe(true);
    expect(F.isZero(F.fromInt(0))).toBe(true);
    expect(F.isZero(F.one)).toBe(false);
    expect(F.isZero(F.variable(0, 1))).toBe(false);
    // Gradients built directly: any non-zero end, lower or upper, makes it non-zero.
    const endPoint = fc.constantFrom(0, -0, 1, -1, Number.MIN_VALUE, -Number.MIN_VALUE);
    const value = fc.constantFrom(point(0), point(-0), { lo: -Number.MIN_VALUE, hi: 0 }, { lo: 0, hi: Number.MIN_VALUE }, point(2));
    fc.assert(
      fc.property(value, fc.array(fc.tuple(endPoint, endPoint), { minLength: 3, maxLength: 3 }), (v, ends) => {
        const a: IntervalDual = { v, g: { lo: Float64Array.from(ends, ([lo]) => lo), hi: Float64Array.from(ends, ([, hi]) => hi) } };
        const zero = v.lo === 0 && v.hi === 0 && ends.every(([lo, hi]) => lo === 0 && hi === 0);
        expect(F.isZero(a)).toBe(zero);
        expect(F.isZero({ v, g: null })).toBe(v.lo === 0 && v.hi === 0);
      }),
      { seed: 44, numRuns: 300 },
    );
    // The cases that tell a lower-end test from an upper-end one.
    const g = (lo: number, hi: number) => ({ lo: Float64Array.of(lo), hi: Float64Array.of(hi) });
    expect(F.isZero({ v: point(0), g: g(-1, 0) })).toBe(false);
    expect(F.isZero({ v: point(0), g: g(0, 1) })).toBe(false);
    expect(F.isZero({ v: point(0), g: g(0, 0) })).toBe(true);
  });

  it("pivotWeight is the value's mignitude (0 when the value may be 0); value is its midpoint", () => {
    // A field of its own: the module-level one is built while the file loads, before any mutant is active.
    const F = intervalDualField(3);
    expect(F.pivotWeight(F.variable(0.5, 0))).toBe(0.5);
    expect(F.pivotWeight(F.variable(-3, 0))).toBe(3);
    expect(F.pivotWeight(F.zero)).toBe(0);
    expect(F.pivotWeight(constant({ lo: -1, hi: 2 }))).toBe(0);
    expect(F.pivotWeight(constant({ lo: 2, hi: 5 }))).toBe(2);
    expect(F.value(constant({ lo: 1, hi: 3 }))).toBe(2);
    expect(F.value(F.fromNumber(0.1))).toBe(0.1);
  });

  it("names its dimension; division by a value that may be 0 throws", () => {
    expect(F.name).toBe("dual(intervals, 3)");
    expect(F.dimension).toBe(3);
    expect(() => F.div(F.one, constant({ lo: -1, hi: 1 }))).toThrow(DivisionByZero);
    expect(() => F.div(F.one, F.zero)).toThrow("division by zero in interval duals");
  });
});
