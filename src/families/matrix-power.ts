import type { Field } from "../field/field.ts";

/**
 * The paper's Claim 1 (docs/math.md §7.2): T = [[a, 1−a], [1−a, a]] and
 * T' = [[1−a, a], [a, 1−a]] are column-stochastic with T² = T'² for every a (both are
 * [[a² + (1−a)², 2a(1−a)], [2a(1−a), a² + (1−a)²]]), and T ≠ T' unless a = 1/2. Both have
 * the uniform stationary law, so with the same O the task `x1 -> x3` (which sees T only
 * through T²) cannot tell them apart, while `x1 -> x2` can.
 */
export function claim1Pair<E>(field: Field<E>, a: E): [E[][], E[][]] {
  const b = field.sub(field.one, a);
  return [
    [
      [a, b],
      [b, a],
    ],
    [
      [b, a],
      [a, b],
    ],
  ];
}
