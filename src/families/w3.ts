import type { AnalyticField } from "../field/field.ts";
import { dot, matVec, q } from "../linalg/matrix.ts";
import type { Parameters } from "../model/spec.ts";

/**
 * W3 (docs/math.md §7.4): Gaussian emissions, one pairwise task, free π. For v with 1ᵀv = 0 put
 *
 *   c = Mv,  μ'_j = μ_j + c,  T' = T − v1ᵀ,  π'_j ∝ π_j exp(μ_jᵀc / σ²).
 *
 * Then M'T' = MT − c1ᵀ + c1ᵀ − c(1ᵀv)1ᵀ = MT, 1ᵀT' = 1ᵀ, and every posterior logit of h1
 * given x1 shifts by the same (cᵀx − ‖c‖²/2)/σ², so P(h1 | x1) and f(x1) = M'T'P(h1 | x1)
 * are unchanged: a (k−1)-dimensional family. Needs exp, hence an AnalyticField (floats or
 * float duals). Valid (T' ≥ 0) for small v; nothing here checks 1ᵀv = 0, so a test can
 * watch the invariance fail without it.
 */
export function w3Transform<E>(field: AnalyticField<E>, params: Parameters<E>, v: readonly E[], sigma: number): Parameters<E> {
  const M = params.emission;
  const k = params.pi.length;
  const c = matVec(field, M, v);
  const scale = field.fromNumber(1 / (sigma * sigma));
  const columns = Array.from({ length: k }, (_, j) => M.map((row) => row[j]));
  const weights = params.pi.map((p, j) => field.mul(p, field.exp(field.mul(dot(field, columns[j], c), scale))));
  const total = weights.reduce((s, w) => field.add(s, w), field.zero);
  return {
    pi: weights.map((w) => field.div(w, total)),
    T: params.T.map((row, i) => row.map((t) => field.sub(t, v[i]))),
    emission: M.map((row, a) => row.map((m) => field.add(m, c[a]))),
  };
}

/** A W3 direction v (1ᵀv = 0) from its first k−1 entries. */
export function w3Direction<E>(field: AnalyticField<E>, head: readonly E[]): E[] {
  return [...head, field.neg(head.reduce((s, x) => field.add(s, x), q(field, 0)))];
}
