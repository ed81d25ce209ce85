import { dualField } from "../field/dual.ts";
import type { Field } from "../field/field.ts";
import { primeField } from "../field/prime.ts";
import type { Rational } from "../field/rational.ts";
import { ModPEchelon } from "../linalg/modp-echelon.ts";
import { toCoordinates } from "../model/chart.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";

/** The prime used for exact tangent ranks in proofs: the largest below 2^26. */
export const PROOF_PRIME = 67108859;

/**
 * A family θ(ε_1, …, ε_f) through a point (θ(0) the point), written against any field:
 * `move` gets the f parameters ε_i and returns the moved point. Setting every ε but one
 * to zero must give that direction's own curve, so the partial derivatives at 0 are the
 * tangents of the f curves.
 */
export type FamilyMove = <E>(field: Field<E>, epsilons: readonly E[]) => Parameters<E>;

/**
 * The tangent vectors ∂θ/∂ε_i at ε = 0 over F_p (p = PROOF_PRIME), in chart coordinates:
 * row c holds ∂θ_c/∂ε_1 … ∂θ_c/∂ε_f, from one evaluation of `move` with dual numbers
 * carrying all f derivatives at once (one move per direction costs f times the
 * matrix arithmetic: at k = 30, W1's 870 directions took minutes that way).
 */
export function tangentVectors(spec: ModelSpec, directions: number, move: FamilyMove): Float64Array[] {
  const D = dualField(primeField(PROOF_PRIME), directions);
  const epsilons = Array.from({ length: directions }, (_, i) => D.variable(0, i));
  return toCoordinates(spec, move(D, epsilons)).map((x) => x.g ?? new Float64Array(directions));
}

/**
 * The dimension of a family θ(ε) through a point: the rank, exactly mod p, of its tangent
 * vectors ∂θ/∂ε_i at ε = 0, each computed by dual numbers over F_p from an exact
 * construction. Rank r mod p proves the tangent vectors are independent over Q (a
 * non-zero r×r minor mod p is non-zero over Q), so the family is r-dimensional there.
 */
export function tangentRank(spec: ModelSpec, directions: number, move: FamilyMove): number {
  const echelon = new ModPEchelon(primeField(PROOF_PRIME), directions);
  for (const row of tangentVectors(spec, directions, move)) {
    if (echelon.isFull()) break;
    echelon.addRow(row);
  }
  return echelon.rank;
}

/** Maps a rational point into F_p (denominators must be invertible mod p). */
export function rationalToPrime<E>(field: Field<E>, x: Rational): E {
  return field.fromRational(x.num, x.den);
}
