import type { Parameters } from "./spec.ts";

/**
 * Relabelling hidden states: the k! permutations of the state names, which leave every
 * prediction unchanged (docs/math.md §5). The one implementation used by the witness search,
 * the global multi-start search and the recovery's alignment to a known truth.
 *
 * Convention, everywhere in this module: a permutation `sigma` of 0..k−1 is read as
 * "new state i is old state sigma[i]". So relabel(p, sigma) has
 *   π'[i] = π[sigma[i]],  T'[i][j] = T[sigma[i]][sigma[j]],  O'[a][j] = O[a][sigma[j]]
 * (M for Gaussian emissions, the same way). Consequences:
 *   relabel(relabel(p, σ), τ) = relabel(p, σ∘τ)  where (σ∘τ)[i] = σ[τ[i]],
 *   relabel(relabel(p, σ), σ⁻¹) = p.
 */

/**
 * The point with its hidden states renamed: state i of the result is state sigma[i] of
 * `p` (π'[i] = π[σ[i]], T'[i][j] = T[σ[i]][σ[j]], O'[a][j] = O[a][σ[j]]). Generic over the
 * entry type (floats, rationals, F_p, symbols): entries are moved, never computed.
 * `sigma` must be a permutation of 0..k−1 (not checked).
 */
export function relabel<E>(p: Parameters<E>, sigma: readonly number[]): Parameters<E> {
  return {
    pi: sigma.map((s) => p.pi[s]),
    T: sigma.map((si) => sigma.map((sj) => p.T[si][sj])),
    emission: p.emission.map((row) => sigma.map((s) => row[s])),
  };
}

/** The distance between two points modulo relabelling, and the relabelling that attains it. */
export interface RelabelledDistance {
  /**
   * min over permutations σ of max |entry of p − entry of relabel(q, σ)| over every entry
   * of π, T and O|M (L∞, not Euclidean). Infinity when every σ meets a NaN (or infinite)
   * difference: NaN counts as the worst possible difference, never as a small one.
   */
  readonly distance: number;
  /**
   * A minimising σ, in the module's convention: permutation[i] is the state of q matched
   * to state i of p, so relabel(q, permutation) is the relabelling of q closest to p.
   * The identity when distance is Infinity (no relabelling is finitely close).
   */
  readonly permutation: number[];
}

/**
 * min over the k! relabellings σ of q of the L∞ distance between p and relabel(q, σ)
 * (see RelabelledDistance), by depth-first search over partial permutations: state i of p
 * is matched to each unused state c of q in turn, the running max over the entries fixed
 * so far (π[i], T among matched states, column i of O|M) is a lower bound for every
 * completion, and a branch is cut as soon as it reaches the best complete distance found
 * so far. Exact for every k (a permutation is only skipped when it cannot be better), and
 * fast when q is close to some relabelling of p, since wrong matches are cut at once; the
 * worst case (points far from each other in every relabelling) visits up to k! leaves.
 * Ties go to the first minimiser in lexicographic order of σ.
 */
export function relabelledDistance(p: Parameters<number>, q: Parameters<number>): RelabelledDistance {
  const k = p.pi.length;
  if (q.pi.length !== k) throw new RangeError(`relabelledDistance: ${k} states against ${q.pi.length}`);
  let best = Infinity;
  let bestPermutation: number[] | null = null;
  const sigma: number[] = [];
  const used = new Array<boolean>(k).fill(false);
  const search = (i: number, current: number) => {
    if (current >= best) return;
    if (i === k) {
      best = current;
      bestPermutation = [...sigma];
      return;
    }
    for (let c = 0; c < k; c++) {
      if (used[c]) continue;
      let worst = Math.max(current, Math.abs(p.pi[i] - q.pi[c]), Math.abs(p.T[i][i] - q.T[c][c]));
      for (let j = 0; j < i; j++) {
        worst = Math.max(worst, Math.abs(p.T[i][j] - q.T[c][sigma[j]]), Math.abs(p.T[j][i] - q.T[sigma[j]][c]));
      }
      for (let a = 0; a < p.emission.length; a++) worst = Math.max(worst, Math.abs(p.emission[a][i] - q.emission[a][c]));
      // Math.max propagates NaN, and NaN ≥ best is false: cut it explicitly (NaN is the worst).
      if (Number.isNaN(worst) || worst >= best) continue;
      used[c] = true;
      sigma.push(c);
      search(i + 1, worst);
      sigma.pop();
      used[c] = false;
    }
  };
  search(0, 0);
  return { distance: best, permutation: bestPermutation ?? Array.from({ length: k }, (_, i) => i) };
}
