import { dualField } from "../field/dual.ts";
import type { Field } from "../field/field.ts";
import { primeField } from "../field/prime.ts";
import type { Rational } from "../field/rational.ts";
import { ModPEchelon } from "../linalg/modp-echelon.ts";
import { toCoordinates } from "../model/chart.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";

/** The prime used for exact tangent ranks in proofs: the largest below 2^26. */
export const PROOF_PRIME = 67108859;

/**
 * The dimension of a family θ(ε) through a point: the rank, exactly mod p, of its tangent
 * vectors ∂θ/∂ε_i at ε = 0, each computed by dual numbers over F_p from an exact
 * construction. Rank r mod p proves the tangent vectors are independent over Q (a
 * non-zero r×r minor mod p is non-zero over Q), so the family is r-dimensional there.
 */
export function tangentRank(spec: ModelSpec, directions: number, move: <E>(field: Field<E>, epsilon: E, direction: number) => Parameters<E>): number {
  const F = primeField(PROOF_PRIME);
  const D = dualField(F, 1);
  const echelon = new ModPEchelon(F, parameterCount(spec));
  for (let i = 0; i < directions; i++) {
    const moved = move(D, D.variable(0, 0), i);
    echelon.addRow(toCoordinates(spec, moved).map((x) => (x.g === null ? 0 : x.g[0])));
  }
  return echelon.rank;
}

/** Maps a rational point into F_p (denominators must be invertible mod p). */
export function rationalToPrime<E>(field: Field<E>, x: Rational): E {
  return field.fromRational(x.num, x.den);
}
