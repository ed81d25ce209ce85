/**
 * The number-system interface every predictor and solver is written against.
 * A value of type `E` is an element of the field; the field object does all arithmetic,
 * so the same code runs over floats, dual numbers, F_p and exact rationals.
 */
export interface Field<E> {
  readonly name: string;
  readonly zero: E;
  readonly one: E;
  fromInt(n: number): E;
  /** The rational num/den; throws DivisionByZero when den maps to zero in this field. */
  fromRational(num: bigint, den: bigint): E;
  add(a: E, b: E): E;
  sub(a: E, b: E): E;
  mul(a: E, b: E): E;
  /** Throws DivisionByZero when b is zero in this field. */
  div(a: E, b: E): E;
  neg(a: E): E;
  isZero(a: E): boolean;
  /** How good a pivot `a` is: 0 for zero, larger is better (magnitude for floats). */
  pivotWeight(a: E): number;
}

/** A field that also has exp and embeds IEEE doubles (floats and float duals): Gaussian emissions need it. */
export interface AnalyticField<E> extends Field<E> {
  exp(a: E): E;
  fromNumber(x: number): E;
  /** The float value of `a` (its value part for duals). */
  value(a: E): number;
}

export class DivisionByZero extends Error {
  constructor(field: string) {
    super(`division by zero in ${field}`);
    this.name = "DivisionByZero";
  }
}

export function isAnalytic<E>(field: Field<E>): field is AnalyticField<E> {
  return typeof (field as Partial<AnalyticField<E>>).exp === "function";
}

/** Sum of a list in a field. */
export function sum<E>(field: Field<E>, xs: readonly E[]): E {
  let s = field.zero;
  for (const x of xs) s = field.add(s, x);
  return s;
}
