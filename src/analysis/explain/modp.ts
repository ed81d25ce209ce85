import type { PrimeField } from "../../field/prime.ts";
import { ModPEchelon } from "../../linalg/modp-echelon.ts";

/** An echelon of every given row mod p (no early stop: kernels and row spaces need them all). */
export function echelonOf(field: PrimeField, columns: number, rows: Iterable<ArrayLike<number>>): ModPEchelon {
  const echelon = new ModPEchelon(field, columns);
  for (const row of rows) echelon.addRow(row);
  return echelon;
}

/** Σ_j a_j b_j mod p (residues in [0, p)). */
export function dotModP(field: PrimeField, a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s = field.add(s, field.mul(a[j]!, b[j]!));
  return s;
}

/** The rows i = 0..count−1 of a lazily computed matrix. */
export function* rowsOf(count: number, row: (i: number) => ArrayLike<number>): Generator<ArrayLike<number>> {
  for (let i = 0; i < count; i++) yield row(i);
}
