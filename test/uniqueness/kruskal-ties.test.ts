import { describe, expect, it } from "vitest";
import { kruskalRankNumerical } from "../../src/uniqueness/kruskal.ts";

/**
 * The weakest independent subset is reported as evidence, so it must not depend on more
 * than the matrix: among subsets of equal σ_min the first in subset (lexicographic) order
 * is kept. Ties need bitwise-equal σ_min, which equal or negated columns give (the same
 * submatrix up to sign, hence the same singular values).
 */
describe("kruskalRankNumerical: ties for the weakest independent subset keep the first subset", () => {
  it("equal smallest columns 0 and 2 (Kruskal rank 1): the weakest single column is [0], not [2]", () => {
    const e = kruskalRankNumerical([[1, 3, 1], [0, 3, 0], [1, 3, 1]]);
    expect(e.rank).toBe(1);
    expect(e.firstDependent!.subset).toEqual([0, 2]);
    expect(e.weakestIndependent).toEqual({ subset: [0], sigmaMin: Math.SQRT2, relative: Math.SQRT2 / e.largestSingularValue });
  });

  it("a negated column ties too: [[1, 3, −1], …] reports [0]", () => {
    const e = kruskalRankNumerical([[1, 3, -1], [0, 3, 0], [1, 3, -1]]);
    expect(e.rank).toBe(1);
    expect(e.weakestIndependent!.subset).toEqual([0]);
  });

  it("a wide matrix whose every column has norm 1 (rank = rows): the weakest single column is the first, [0]", () => {
    // One row: every 1-subset is independent, σ_min = |entry| = 1 for each; rank 1 = rows.
    const e = kruskalRankNumerical([[1, -1, 1, -1]]);
    expect(e.rank).toBe(1);
    expect(e.firstDependent).toBeNull();
    expect(e.weakestIndependent).toEqual({ subset: [0], sigmaMin: 1, relative: 1 / e.largestSingularValue });
  });
});
