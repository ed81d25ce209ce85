import { type Field, DivisionByZero } from "./field.ts";

/** An exact rational num/den with den > 0 and gcd(num, den) = 1. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new DivisionByZero("Q");
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export function rationalToNumber(r: Rational): number {
  return Number(r.num) / Number(r.den);
}

export function rationalToString(r: Rational): string {
  return r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`;
}

/** Exact rational arithmetic on bigints: exact witness checks and identity tests. */
export const rationalField: Field<Rational> = {
  name: "Q",
  zero: rational(0n),
  one: rational(1n),
  fromInt: (n) => rational(BigInt(n)),
  fromRational: (num, den) => rational(num, den),
  add: (a, b) => rational(a.num * b.den + b.num * a.den, a.den * b.den),
  sub: (a, b) => rational(a.num * b.den - b.num * a.den, a.den * b.den),
  mul: (a, b) => rational(a.num * b.num, a.den * b.den),
  div: (a, b) => {
    if (b.num === 0n) throw new DivisionByZero("Q");
    return rational(a.num * b.den, a.den * b.num);
  },
  neg: (a) => ({ num: -a.num, den: a.den }),
  isZero: (a) => a.num === 0n,
  pivotWeight: (a) => (a.num === 0n ? 0 : 1),
};
