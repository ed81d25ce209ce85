import type { Field } from "../field/field.ts";
import { inverse } from "../linalg/elimination.ts";
import {
  type Mat,
  columnSums,
  diag,
  dot,
  identity,
  matAdd,
  matEqual,
  matMul,
  matScale,
  matSub,
  matVec,
  outer,
  q,
  transpose,
} from "../linalg/matrix.ts";
import type { Parameters } from "../model/spec.ts";

/**
 * W2 (docs/math.md §7.3): every pairwise task at once, stationary init. Given √π, a point √π' of the
 * open positive orthant of the unit sphere and an orthogonal Q with Q√π' = √π, put
 *
 *   R = diag(√π) Q diag(√π')⁻¹,  O' = OR,  T' = R⁻¹TR,  π' = (√π')².
 *
 * Then 1ᵀR = 1ᵀ, Rπ' = π, R diag(π') Rᵀ = diag(π), T'π' = π', and for every lag ℓ ≥ 1
 * O'T'^ℓ diag(π') O'ᵀ = O T^ℓ diag(π) Oᵀ: every pairwise joint law, hence every pairwise
 * predictor in either direction at any distance, is unchanged (for π stationary for T).
 *
 * The hypotheses (Q orthogonal, Q√π' = √π) are not checked here, so that a test can feed
 * a wrong Q and watch the invariance fail; `w2Hypotheses` checks them exactly.
 */
export function w2Transform<E>(field: Field<E>, params: Parameters<E>, sqrtPi: readonly E[], sqrtPiPrime: readonly E[], Q: Mat<E>): Parameters<E> {
  const R = matMul(field, matMul(field, diag(field, sqrtPi), Q), diag(field, sqrtPiPrime.map((s) => field.div(field.one, s))));
  return {
    pi: sqrtPiPrime.map((s) => field.mul(s, s)),
    T: matMul(field, matMul(field, inverse(field, R), params.T), R),
    emission: matMul(field, params.emission, R),
  };
}

/** Which W2 hypotheses fail, exactly: QᵀQ = I, Q√π' = √π, both unit vectors. Empty when all hold. */
export function w2Hypotheses<E>(field: Field<E>, sqrtPi: readonly E[], sqrtPiPrime: readonly E[], Q: Mat<E>): string[] {
  const problems: string[] = [];
  const k = Q.length;
  if (!matEqual(field, matMul(field, transpose(Q), Q), identity(field, k))) problems.push("Q is not orthogonal");
  if (!matEqual(field, [matVec(field, Q, sqrtPiPrime)], [sqrtPi])) problems.push("Q√π' ≠ √π");
  if (!field.isZero(field.sub(dot(field, sqrtPi, sqrtPi), field.one))) problems.push("|√π| ≠ 1");
  if (!field.isZero(field.sub(dot(field, sqrtPiPrime, sqrtPiPrime), field.one))) problems.push("|√π'| ≠ 1");
  return problems;
}

/** The Cayley transform (I − S)(I + S)⁻¹: orthogonal, and rational when S is, for skew-symmetric S. */
export function cayley<E>(field: Field<E>, S: Mat<E>): E[][] {
  const I = identity(field, S.length);
  return matMul(field, matSub(field, I, S), inverse(field, matAdd(field, I, S)));
}

/**
 * The skew-symmetric S = s(a'b'ᵀ − b'a'ᵀ), where a', b' are a, b with their components along
 * the unit vector v removed. S v = 0, so the Cayley transform of S fixes v: a rotation in
 * the plane of a', b' (for k = 3, about the axis v).
 */
export function skewFixing<E>(field: Field<E>, v: readonly E[], a: readonly E[], b: readonly E[], s: E): E[][] {
  const aa = orthogonalPart(field, v, a);
  const bb = orthogonalPart(field, v, b);
  return matScale(field, s, matSub(field, outer(field, aa, bb), outer(field, bb, aa)));
}

/** The Householder reflection I − 2wwᵀ/(wᵀw): orthogonal and rational for rational w ≠ 0. */
export function householder<E>(field: Field<E>, w: readonly E[]): E[][] {
  const scale = field.div(q(field, 2), dot(field, w, w));
  return matSub(field, identity(field, w.length), matScale(field, scale, outer(field, w, w)));
}

/**
 * A rotation taking the unit vector u to the unit vector v (u ≠ −v): H_v H_{u+v}, since
 * H_{u+v} u = −v and H_v(−v) = v. Rational when u and v are, and close to I when u is
 * close to v (both reflections tend to H_v, whose square is I).
 */
export function rotationTaking<E>(field: Field<E>, u: readonly E[], v: readonly E[]): E[][] {
  return matMul(field, householder(field, v), householder(field, u.map((x, i) => field.add(x, v[i]))));
}

/**
 * A positive rational unit vector in R^k, the square roots of a rational law π:
 * ((k−2)/k, 2/k, …, 2/k), since (k−2)² + 4(k−1) = k²; for k = 3 that is (1/3, 2/3, 2/3),
 * π = (1/9, 4/9, 4/9); for k = 4 the uniform law. k = 2 uses (3/5, 4/5), k = 1 uses (1).
 */
export function rationalSqrtLaw<E>(field: Field<E>, k: number): E[] {
  if (k === 1) return [field.one];
  if (k === 2) return [q(field, 3, 5), q(field, 4, 5)];
  return Array.from({ length: k }, (_, i) => q(field, i === 0 ? k - 2 : 2, k));
}

/**
 * A rational point of the unit sphere near the unit vector v: with z' = z − (z·v)v ⟂ v and
 * s = t²|z'|², u(t) = ((1 − s) v + 2t z') / (1 + s), a unit vector with u(0) = v.
 */
export function tiltedUnitVector<E>(field: Field<E>, v: readonly E[], z: readonly E[], t: E): E[] {
  const zz = orthogonalPart(field, v, z);
  const s = field.mul(field.mul(t, t), dot(field, zz, zz));
  const denominator = field.add(field.one, s);
  const two = q(field, 2);
  return v.map((x, i) => field.div(field.add(field.mul(field.sub(field.one, s), x), field.mul(field.mul(two, t), zz[i])), denominator));
}

/** The ingredients of one W2 move. */
export interface W2Choice<E> {
  readonly sqrtPi: E[];
  readonly sqrtPiPrime: E[];
  readonly Q: E[][];
}

/** A rotation fixing √π in the plane of a, b (their parts orthogonal to √π), by s. */
export interface W2Twist<E> {
  readonly a: readonly E[];
  readonly b: readonly E[];
  readonly s: E;
}

/**
 * A rational W2 move of full dimension k(k−1)/2 near the identity:
 * √π' = tiltedUnitVector(√π, tilt, t) moves the law (k−1 directions), and
 * Q = Cayley(Σ skewFixing(√π, a, b, s)) · rotationTaking(√π', √π) adds a rotation fixing √π
 * ((k−1)(k−2)/2 directions, none for k = 2); a sum of skew matrices that annihilate √π is
 * one too, so several twists make one rotation. Then Q is orthogonal and Q√π' = √π,
 * exactly. With t = s = 0 it is the identity move.
 */
export function w2Choice<E>(
  field: Field<E>,
  sqrtPi: readonly E[],
  tilt: { direction: readonly E[]; t: E },
  twist?: W2Twist<E> | readonly W2Twist<E>[],
): W2Choice<E> {
  const sqrtPiPrime = tiltedUnitVector(field, sqrtPi, tilt.direction, tilt.t);
  let Q = rotationTaking(field, sqrtPiPrime, sqrtPi);
  const twists = twist === undefined ? [] : "s" in twist ? [twist] : twist;
  if (twists.length > 0) {
    const S = twists.map((w) => skewFixing(field, sqrtPi, w.a, w.b, w.s)).reduce((x, y) => matAdd(field, x, y));
    Q = matMul(field, cayley(field, S), Q);
  }
  return { sqrtPi: [...sqrtPi], sqrtPiPrime, Q };
}

/**
 * A transition matrix with a prescribed stationary law, exactly: for a balanced W
 * (W1 = Wᵀ1, e.g. B + Bᵀ plus a circulation), T = (diag(π) − diag(W1) + W) diag(π)⁻¹.
 * Then Tπ = π − W1 + W1 = π and 1ᵀT = (πᵀ − (W1)ᵀ + 1ᵀW) diag(π)⁻¹ = 1ᵀ. T is positive
 * when W is positive and small against π. Throws RangeError when W is not balanced.
 */
export function chainWithStationaryLaw<E>(field: Field<E>, pi: readonly E[], W: Mat<E>): E[][] {
  const rowSums = W.map((row) => row.reduce((s, x) => field.add(s, x), field.zero));
  const colSums = columnSums(field, W);
  if (!rowSums.every((r, i) => field.isZero(field.sub(r, colSums[i])))) {
    throw new RangeError("chainWithStationaryLaw: W must have equal row and column sums");
  }
  const A = matAdd(field, matSub(field, diag(field, pi), diag(field, rowSums)), W);
  return matMul(field, A, diag(field, pi.map((x) => field.div(field.one, x))));
}

/** A balanced coupling B + Bᵀ + c·P, with P the cyclic shift (i → i+1): a reversible part plus a circulation. */
export function balancedCoupling<E>(field: Field<E>, B: Mat<E>, c: E): E[][] {
  const k = B.length;
  const sym = matAdd(field, B, transpose(B));
  return sym.map((row, i) => row.map((x, j) => (j === (i + 1) % k ? field.add(x, c) : x)));
}

/** a − (a·v)v for a unit vector v. */
function orthogonalPart<E>(field: Field<E>, v: readonly E[], a: readonly E[]): E[] {
  const c = dot(field, a, v);
  return a.map((x, i) => field.sub(x, field.mul(c, v[i])));
}
