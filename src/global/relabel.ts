import type { Parameters } from "../model/spec.ts";

/**
 * Relabelling hidden states: the k! permutations that leave every prediction unchanged.
 * `permutation[i]` is the state of the second point matched to state i of the first.
 */

/** The point with state i renamed: π_σ(i), T[σ(i)][σ(j)], O[a][σ(j)]. */
export function relabelParameters<E>(p: Parameters<E>, sigma: readonly number[]): Parameters<E> {
  return {
    pi: sigma.map((s) => p.pi[s]),
    T: sigma.map((si) => sigma.map((sj) => p.T[si][sj])),
    emission: p.emission.map((row) => sigma.map((s) => row[s])),
  };
}

/**
 * min over permutations σ of max |entry of p − entry of relabel(q, σ)| over π, T, O|M
 * (L∞), by depth-first search over partial permutations with pruning: exact (every
 * permutation is covered), and fast because a bad partial match is cut early.
 */
export function relabelledDistance(p: Parameters<number>, q: Parameters<number>): { distance: number; permutation: number[] } {
  const k = p.pi.length;
  let best = Infinity;
  let bestPermutation: number[] = [];
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
      if (Number.isNaN(worst) || worst >= best) continue;
      used[c] = true;
      sigma.push(c);
      search(i + 1, worst);
      sigma.pop();
      used[c] = false;
    }
  };
  search(0, 0);
  return { distance: best, permutation: bestPermutation };
}
