import { type AnalyticField, DivisionByZero } from "./field.ts";

/** IEEE double arithmetic: fast numerical predictions. */
export const floatField: AnalyticField<number> = {
  name: "float64",
  zero: 0,
  one: 1,
  fromInt: (n) => n,
  fromRational: (num, den) => {
    if (den === 0n) throw new DivisionByZero("float64");
    return Number(num) / Number(den);
  },
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => {
    if (b === 0) throw new DivisionByZero("float64");
    return a / b;
  },
  neg: (a) => -a,
  isZero: (a) => a === 0,
  pivotWeight: (a) => Math.abs(a),
  exp: Math.exp,
  fromNumber: (x) => x,
  value: (a) => a,
};
