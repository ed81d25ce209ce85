import type { Field } from "../field/field.ts";
import { inverse } from "../linalg/elimination.ts";
import { type Mat, columnSums, diag, identity, matAdd, matMul, matScale, matVec, transpose } from "../linalg/matrix.ts";
import type { Parameters } from "../model/spec.ts";

/**
 * W1 (docs/math.md §7.1): the pairwise non-identifiability of one lag-1 task. With A = T diag(π)
 * (the joint law of (h2, h1)) and any invertible R with 1ᵀR = 1ᵀ:
 *
 *   O' = OR,  A' = R⁻¹ A R⁻ᵀ,  π' = R⁻¹π (= A'ᵀ1),  T' = A' diag(π')⁻¹.
 *
 * Then O'A'O'ᵀ = OAOᵀ and O'π' = Oπ, so P(x2 | x1) (and P(x1 | x2)) is unchanged; if π is
 * stationary for T then π' is stationary for T' (A'1 = R⁻¹A1 = R⁻¹π = π'), so every
 * adjacent pair x_t, x_{t+1} keeps its joint law under stationary init.
 *
 * Exact over any field: no floats inside. Validity (positivity) is the caller's business;
 * near R = I it holds. Throws DivisionByZero when R is singular or some π'_j is zero.
 */
export function w1Transform<E>(field: Field<E>, params: Parameters<E>, R: Mat<E>): Parameters<E> {
  const Rinv = inverse(field, R);
  const A = matMul(field, params.T, diag(field, params.pi));
  const Aprime = matMul(field, matMul(field, Rinv, A), transpose(Rinv));
  const pi = matVec(field, Rinv, params.pi);
  const T = matMul(field, Aprime, diag(field, pi.map((x) => field.div(field.one, x))));
  return { pi, T, emission: matMul(field, params.emission, R) };
}

/**
 * A W1 direction E (k×k, 1ᵀE = 0) from its first k−1 rows: the last row is minus the sum
 * of the others, so every column of E sums to zero.
 */
export function w1Direction<E>(field: Field<E>, head: Mat<E>): E[][] {
  const k = head[0].length;
  if (head.length !== k - 1) throw new RangeError(`w1Direction: expected ${k - 1} rows of length ${k}, got ${head.length}`);
  const last = columnSums(field, head).map((s) => field.neg(s));
  return [...head.map((row) => [...row]), last];
}

/** R = I + εE; 1ᵀR = 1ᵀ whenever 1ᵀE = 0. */
export function w1Matrix<E>(field: Field<E>, E: Mat<E>, epsilon: E): E[][] {
  return matAdd(field, identity(field, E.length), matScale(field, epsilon, E));
}

/**
 * The k(k−1) elementary W1 directions E_{ij} = e_i e_jᵀ − e_k e_jᵀ (i < k): a basis of
 * {E : 1ᵀE = 0}, the tangent space of the family at R = I.
 */
export function w1Basis<E>(field: Field<E>, k: number): E[][][] {
  const out: E[][][] = [];
  for (let i = 0; i < k - 1; i++) {
    for (let j = 0; j < k; j++) {
      const E = identity(field, k).map((row) => row.map(() => field.zero));
      E[i][j] = field.one;
      E[k - 1][j] = field.neg(field.one);
      out.push(E);
    }
  }
  return out;
}
