import { type Field, DivisionByZero } from "../field/field.ts";

/**
 * Solves A x = b over any field by Gaussian elimination, pivoting on the entry with
 * the largest `pivotWeight` (magnitude for floats, any non-zero for exact fields).
 * Throws DivisionByZero when A is singular in that field.
 */
export function solveLinear<E>(field: Field<E>, A: readonly (readonly E[])[], b: readonly E[]): E[] {
  const n = A.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let best = col;
    for (let r = col + 1; r < n; r++) {
      if (field.pivotWeight(m[r][col]) > field.pivotWeight(m[best][col])) best = r;
    }
    if (field.pivotWeight(m[best][col]) === 0) throw new DivisionByZero(field.name);
    [m[col], m[best]] = [m[best], m[col]];
    const pivot = m[col][col];
    for (let r = col + 1; r < n; r++) {
      if (field.isZero(m[r][col])) continue;
      const factor = field.div(m[r][col], pivot);
      for (let c = col; c <= n; c++) m[r][c] = field.sub(m[r][c], field.mul(factor, m[col][c]));
    }
  }
  const x: E[] = new Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let c = r + 1; c < n; c++) s = field.sub(s, field.mul(m[r][c], x[c]));
    x[r] = field.div(s, m[r][r]);
  }
  return x;
}
