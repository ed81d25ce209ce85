import { type AnalyticField, DivisionByZero } from "./field.ts";
import { type Interval, type IntervalKernel, containsZero, div, intervalField, midpoint, mul, neg, point, roundDown, roundUp } from "./interval.ts";

/**
 * A value and its gradient with respect to `n` coordinates, every number an interval that
 * contains the exact one: forward-mode derivatives with rigorous enclosures. The gradient's
 * lower and upper ends are kept in two typed arrays (`null` for a constant), so that a
 * Gaussian HMM with hundreds of parameters stays within seconds.
 */
export interface IntervalDual {
  readonly v: Interval;
  readonly g: IntervalVector | null;
}

export interface IntervalVector {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

export interface IntervalDualField extends AnalyticField<IntervalDual> {
  readonly dimension: number;
  /** The i-th coordinate at the exact value v: gradient e_i. */
  variable(v: number, i: number): IntervalDual;
}

/**
 * α·a + β·b entrywise (α, β intervals), every product and the sum rounded outward; a null
 * gradient is zero. The same rounding rule as the scalar kernel, written out in the loop.
 */
function combine(a: IntervalVector | null, alpha: Interval, b: IntervalVector | null, beta: Interval, n: number): IntervalVector | null {
  if (a === null && b === null) return null;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  if (a !== null) scaleInto(lo, hi, a, alpha, n);
  if (b !== null) {
    const blo = new Float64Array(n);
    const bhi = new Float64Array(n);
    scaleInto(blo, bhi, b, beta, n);
    for (let i = 0; i < n; i++) {
      lo[i] = a === null ? blo[i] : roundDown(lo[i] + blo[i]);
      hi[i] = a === null ? bhi[i] : roundUp(hi[i] + bhi[i]);
    }
  }
  return { lo, hi };
}

/** out = c·x entrywise over intervals (exact when c is ±1). */
function scaleInto(outLo: Float64Array, outHi: Float64Array, x: IntervalVector, c: Interval, n: number): void {
  if (c.lo === c.hi && (c.lo === 1 || c.lo === -1)) {
    const flip = c.lo === -1;
    for (let i = 0; i < n; i++) {
      outLo[i] = flip ? -x.hi[i] : x.lo[i];
      outHi[i] = flip ? -x.lo[i] : x.hi[i];
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const xl = x.lo[i];
    const xh = x.hi[i];
    if (xl === 0 && xh === 0) continue; // stays the exact zero
    const p1 = c.lo * xl;
    const p2 = c.lo * xh;
    const p3 = c.hi * xl;
    const p4 = c.hi * xh;
    outLo[i] = roundDown(Math.min(p1, p2, p3, p4));
    outHi[i] = roundUp(Math.max(p1, p2, p3, p4));
  }
}

/** Interval duals over `kernel` (the default interval field; a test may pass a planted one). */
export function intervalDualField(dimension: number, kernel: IntervalKernel = intervalField): IntervalDualField {
  const n = dimension;
  const constant = (v: Interval): IntervalDual => ({ v, g: null });
  const one = point(1);
  const minusOne = point(-1);
  const zero = point(0);
  return {
    name: `dual(intervals, ${dimension})`,
    dimension,
    zero: constant(zero),
    one: constant(one),
    variable: (v, i) => {
      const g = { lo: new Float64Array(n), hi: new Float64Array(n) };
      g.lo[i] = 1;
      g.hi[i] = 1;
      return { v: point(v), g };
    },
    fromInt: (k) => constant(kernel.fromInt(k)),
    fromRational: (num, den) => constant(kernel.fromRational(num, den)),
    fromNumber: (x) => constant(point(x)),
    add: (a, b) => ({ v: kernel.add(a.v, b.v), g: combine(a.g, one, b.g, one, n) }),
    sub: (a, b) => ({ v: kernel.sub(a.v, b.v), g: combine(a.g, one, b.g, minusOne, n) }),
    mul: (a, b) => ({ v: kernel.mul(a.v, b.v), g: combine(a.g, b.v, b.g, a.v, n) }),
    div: (a, b) => {
      if (containsZero(b.v)) throw new DivisionByZero("interval duals");
      // (a/b)' = a'/b − (q/b) b' with q = a/b.
      const q = div(a.v, b.v);
      const inv = div(one, b.v);
      return { v: q, g: combine(a.g, inv, b.g, neg(mul(q, inv)), n) };
    },
    neg: (a) => ({ v: neg(a.v), g: combine(a.g, minusOne, null, zero, n) }),
    exp: (a) => {
      const v = kernel.exp(a.v);
      return { v, g: combine(a.g, v, null, zero, n) };
    },
    isZero: (a) => kernel.isZero(a.v) && (a.g === null || (a.g.lo.every((x) => x === 0) && a.g.hi.every((x) => x === 0))),
    pivotWeight: (a) => kernel.pivotWeight(a.v),
    value: (a) => midpoint(a.v),
  };
}
