import { type AnalyticField, type Field, DivisionByZero } from "./field.ts";
import { floatField } from "./float.ts";

/**
 * A dual number: a value and its gradient with respect to `n` seeded coordinates.
 * `grad === null` marks a constant (zero gradient), which keeps parameter-free
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
 * Forward-mode derivatives over any field whose elements are plain numbers
 * (float64, F_p): the Jacobian of anything written against `Field` comes from one
 * evaluation with every coordinate seeded.
 */
export function dualField(base: Field<number>, dimension: number): DualField {
  const { add, sub, mul, div, neg } = base;
  const constant = (v: number): Dual => ({ v, g: null });
  const combine = (
    a: Dual,
    b: Dual,
    v: number,
    fa: (x: number) => number,
    fb: (x: number) => number,
  ): Dual => {
    if (a.g === null && b.g === null) return constant(v);
    const g = new Float64Array(dimension);
    if (a.g !== null && b.g !== null) for (let i = 0; i < dimension; i++) g[i] = add(fa(a.g[i]), fb(b.g[i]));
    else if (a.g !== null) for (let i = 0; i < dimension; i++) g[i] = fa(a.g[i]);
    else for (let i = 0; i < dimension; i++) g[i] = fb(b.g![i]);
    return { v, g };
  };
  const identity = (x: number) => x;
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
    fromInt: (n) => constant(base.fromInt(n)),
    fromRational: (num, den) => constant(base.fromRational(num, den)),
    add: (a, b) => combine(a, b, add(a.v, b.v), identity, identity),
    sub: (a, b) => combine(a, b, sub(a.v, b.v), identity, neg),
    mul: (a, b) =>
      combine(a, b, mul(a.v, b.v), (x) => mul(b.v, x), (y) => mul(a.v, y)),
    div: (a, b) => {
      if (base.isZero(b.v)) throw new DivisionByZero(`dual(${base.name})`);
      // (a/b)' = (a' - q b') / b, with one inversion per division, not per entry.
      const inv = div(base.one, b.v);
      const q = mul(a.v, inv);
      const qInv = mul(q, inv);
      return combine(a, b, q, (x) => mul(x, inv), (y) => neg(mul(qInv, y)));
    },
    neg: (a) => (a.g === null ? constant(neg(a.v)) : { v: neg(a.v), g: a.g.map(neg) }),
    isZero: (a) => base.isZero(a.v) && (a.g === null || a.g.every((x) => base.isZero(x))),
    pivotWeight: (a) => base.pivotWeight(a.v),
  };
}

export interface FloatDualField extends DualField, AnalyticField<Dual> {}

/** Float duals with exp: Jacobians of Gaussian-emission predictors. */
export function floatDualField(dimension: number): FloatDualField {
  const d = dualField(floatField, dimension);
  return {
    ...d,
    name: `dual(float64, ${dimension})`,
    exp: (a) => {
      const v = Math.exp(a.v);
      return a.g === null ? d.constant(v) : { v, g: a.g.map((x) => v * x) };
    },
    fromNumber: (x) => d.constant(x),
    value: (a) => a.v,
  };
}
