import { type AnalyticField, type Field, DivisionByZero } from "./field.ts";
import { floatField } from "./float.ts";
import type { PrimeField } from "./prime.ts";

/**
 * A dual number: a value and its gradient with respect to `n` seeded coordinates.
 * `g === null` marks a constant (zero gradient), which keeps parameter-free
 * arithmetic cheap.
 */
export interface Dual {
  readonly v: number;
  readonly g: Float64Array | null;
}

export interface DualField extends Field<Dual> {
  readonly dimension: number;
  readonly base: Field<number>;
  /** The i-th coordinate with value `v`: gradient e_i. */
  variable(v: number, i: number): Dual;
  constant(v: number): Dual;
}

/**
 * α·a + β·b entrywise, over floats (p = 0) or mod p. One kernel for every operation and
 * both bases keeps the hot loop monomorphic: with per-base callbacks V8 slowed ~3.5×
 * once it had seen both. Mod p, residues are < 2^26, so each product is < 2^52 and the
 * sum of two is < 2^53: exact in a double before the single reduction.
 */
function linear(a: Float64Array | null, alpha: number, b: Float64Array | null, beta: number, p: number, n: number): Float64Array | null {
  if (a === null && b === null) return null;
  const g = new Float64Array(n);
  if (a !== null && b !== null) for (let i = 0; i < n; i++) g[i] = alpha * a[i] + beta * b[i];
  else if (a !== null) for (let i = 0; i < n; i++) g[i] = alpha * a[i];
  else for (let i = 0; i < n; i++) g[i] = beta * b![i];
  if (p > 0) for (let i = 0; i < n; i++) g[i] -= Math.floor(g[i] / p) * p;
  return g;
}

/**
 * Forward-mode derivatives over float64 or F_p: the Jacobian of anything written against
 * `Field` comes from one evaluation with every coordinate seeded.
 */
export function dualField(base: Field<number>, dimension: number): DualField {
  const p = base === floatField ? 0 : (base as PrimeField).p;
  if (p === undefined) throw new Error(`dual numbers support float64 and F_p, not ${base.name}`);
  const minusOne = base.neg(base.one);
  const constant = (v: number): Dual => ({ v, g: null });
  const n = dimension;
  return {
    name: `dual(${base.name}, ${dimension})`,
    dimension,
    base,
    zero: constant(base.zero),
    one: constant(base.one),
    variable: (v, i) => {
      const g = new Float64Array(dimension);
      g[i] = base.one;
      return { v, g };
    },
    constant,
    fromInt: (k) => constant(base.fromInt(k)),
    fromRational: (num, den) => constant(base.fromRational(num, den)),
    add: (a, b) => ({ v: base.add(a.v, b.v), g: linear(a.g, 1, b.g, 1, p, n) }),
    sub: (a, b) => ({ v: base.sub(a.v, b.v), g: linear(a.g, 1, b.g, minusOne, p, n) }),
    mul: (a, b) => ({ v: base.mul(a.v, b.v), g: linear(a.g, b.v, b.g, a.v, p, n) }),
    div: (a, b) => {
      if (base.isZero(b.v)) throw new DivisionByZero(`dual(${base.name})`);
      // (a/b)' = a'/b − (q/b) b', with one inversion per division.
      const inv = base.div(base.one, b.v);
      const q = base.mul(a.v, inv);
      return { v: q, g: linear(a.g, inv, b.g, base.neg(base.mul(q, inv)), p, n) };
    },
    neg: (a) => ({ v: base.neg(a.v), g: linear(a.g, minusOne, null, 0, p, n) }),
    isZero: (a) => base.isZero(a.v) && (a.g === null || a.g.every((x) => x === 0)),
    pivotWeight: (a) => base.pivotWeight(a.v),
  };
}

export interface FloatDualField extends DualField, AnalyticField<Dual> {}

/** Float duals with exp: Jacobians of Gaussian-emission predictors. */
export function floatDualField(dimension: number): FloatDualField {
  const d = dualField(floatField, dimension);
  return {
    ...d,
    exp: (a) => {
      const v = Math.exp(a.v);
      return { v, g: linear(a.g, v, null, 0, 0, dimension) };
    },
    fromNumber: (x) => d.constant(x),
    value: (a) => a.v,
  };
}
