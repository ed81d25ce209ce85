/** Counting and listing small subsets: task families (map grids, advise) are built from them. */

/** Non-empty subsets of `items` with at most `max` elements, each in the order of `items`; by size, then lexicographically. */
export function subsets<T>(items: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  for (let size = 1; size <= Math.min(max, items.length); size++) {
    const pick = (start: number, chosen: T[]): void => {
      if (chosen.length === size) {
        out.push(chosen);
        return;
      }
      for (let i = start; i <= items.length - (size - chosen.length); i++) pick(i + 1, [...chosen, items[i]]);
    };
    pick(0, []);
  }
  return out;
}

/** Σ_{s=1..m} C(n, s): how many sets `subsets(items, m)` gives for n items. */
export function subsetCount(n: number, m: number): number {
  let total = 0;
  for (let s = 1; s <= Math.min(m, n); s++) total += binomial(n, s);
  return total;
}

export function binomial(n: number, r: number): number {
  let out = 1;
  for (let i = 1; i <= r; i++) out = (out * (n - r + i)) / i;
  return Math.round(out);
}
