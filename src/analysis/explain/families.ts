import { type Dual, dualField } from "../../field/dual.ts";
import type { Field } from "../../field/field.ts";
import type { PrimeField } from "../../field/prime.ts";
import { w1Basis, w1Transform } from "../../families/w1.ts";
import type { Jacobian } from "../../identify/jacobian.ts";
import { inverse } from "../../linalg/elimination.ts";
import type { ModPEchelon } from "../../linalg/modp-echelon.ts";
import { type Mat, diag, identity, matAdd, matMul, matScale, matVec, rowSums } from "../../linalg/matrix.ts";
import { fromCoordinates, mapParameters, toCoordinates } from "../../model/chart.ts";
import type { ModelSpec, Parameters } from "../../model/spec.ts";
import { dotModP, echelonOf } from "./modp.ts";

/** How a family of docs/math.md §7 sits against the fiber at the random point (docs/math.md §11.2). */
export interface FamilyMatch {
  readonly family: "W1" | "W2";
  /** Dimension of the family's tangent space at the point (rank of its tangent vectors). */
  readonly dimension: number;
  /** Dimension of the part of that tangent space inside null J: the directions that keep every prediction. */
  readonly keeping: number;
  /** The fiber dimension, n − rank J. */
  readonly fiber: number;
  /** True when the family's tangent space is exactly null J. */
  readonly isFiber: boolean;
  readonly summary: string;
}

/** A transform of (π, T, O) by R near I, as the families write it. */
type Move = <E>(field: Field<E>, params: Parameters<E>, R: Mat<E>) => Parameters<E>;

/** W2 at first order: O' = OR, T' = R⁻¹TR, π' = R⁻¹π (docs/math.md §7.3; π' = (√π')² = R⁻¹π). */
const similarity: Move = (field, params, R) => {
  const Rinv = inverse(field, R);
  return { pi: matVec(field, Rinv, params.pi), T: matMul(field, matMul(field, Rinv, params.T), R), emission: matMul(field, params.emission, R) };
};

/**
 * W2's tangent directions Ṙ at R = I, without square roots (which F_p may lack):
 * differentiating R diag(π') Rᵀ = diag(π) and Rπ' = π gives S + Sᵀ = diag(S1) for
 * S = Ṙ diag(π), i.e. S = A + diag(A1) with A skew-symmetric, and then 1ᵀṘ = 0 holds too.
 * One direction per pair i < j: k(k−1)/2, the family's dimension.
 */
function w2Directions(field: Field<number>, pi: readonly number[]): number[][][] {
  const k = pi.length;
  const inversePi = diag(field, pi.map((x) => field.div(field.one, x)));
  const out: number[][][] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const A = identity(field, k).map((row) => row.map(() => field.zero));
      A[i][j] = field.one;
      A[j][i] = field.neg(field.one);
      const S = matAdd(field, A, diag(field, rowSums(field, A)));
      out.push(matMul(field, S, inversePi));
    }
  }
  return out;
}

/** The tangent in chart coordinates of θ ↦ move(θ, I + εX) at ε = 0, by one-variable duals mod p. */
function tangent(field: PrimeField, spec: ModelSpec, params: Parameters<number>, move: Move, X: Mat<number>): number[] {
  const dual = dualField(field, 1);
  const lifted = mapParameters(params, (x) => dual.constant(x));
  const epsilon = dual.variable(0, 0);
  const R = matAdd(dual, identity(dual, X.length), matScale(dual, epsilon, X.map((row) => row.map((x) => dual.constant(x)))));
  return toCoordinates(spec, move(dual, lifted, R)).map((x: Dual) => x.g?.[0] ?? 0);
}

/** W1 and W2 tangents at the point θ mod p, matched against null J (hmm only: W3 is Gaussian, Claim 1 a discrete pair). */
export function matchFamilies(field: PrimeField, spec: ModelSpec, theta: readonly number[], jacobian: Jacobian, echelon: ModPEchelon, kernel: readonly number[][]): FamilyMatch[] {
  const params = fromCoordinates(field, spec, theta);
  const families: [FamilyMatch["family"], Move, number[][][]][] = [
    ["W1", w1Transform, w1Basis(field, spec.states)],
    ["W2", similarity, w2Directions(field, params.pi)],
  ];
  return families.map(([family, move, directions]) => {
    const tangents = directions.map((X) => tangent(field, spec, params, move, X));
    return match(family, field, jacobian, echelon, tangents, kernel);
  });
}

function match(family: FamilyMatch["family"], field: PrimeField, jacobian: Jacobian, echelon: ModPEchelon, tangents: number[][], kernel: readonly number[][]): FamilyMatch {
  const span = echelonOf(field, jacobian.columns, tangents);
  // dim(span ∩ null J) = dim span − rank of J on the span.
  const images = echelonOf(field, jacobian.rows, tangents.map((t) => Array.from({ length: jacobian.rows }, (_, i) => dotModP(field, jacobian.row(i), t))));
  const keeping = span.rank - images.rank;
  const fiber = jacobian.columns - echelon.rank;
  const covers = kernel.every((v) => span.inRowSpace(v));
  const isFiber = covers && keeping === span.rank;
  return { family, dimension: span.rank, keeping, fiber, isFiber, summary: describeFamily(family, span.rank, keeping, fiber, isFiber) };
}

export function describeFamily(family: string, dimension: number, keeping: number, fiber: number, isFiber: boolean): string {
  if (dimension === 0) return `the ${family} family has no directions at this size`;
  const of = `the ${family} family (${dimension} direction${dimension === 1 ? "" : "s"} at this point)`;
  if (isFiber) return `the ${fiber} free direction${fiber === 1 ? " is" : "s are"} ${of}`;
  if (keeping === 0) return `${of} changes the predictions in every direction`;
  if (keeping === fiber) return `the ${fiber} free direction${fiber === 1 ? " lies" : "s lie"} in ${of}: ${keeping} of its directions keep the predictions`;
  return `${of} spans ${keeping} of the ${fiber} free directions`;
}
