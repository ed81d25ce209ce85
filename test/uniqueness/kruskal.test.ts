import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matMul, selectColumns } from "../../src/linalg/matrix.ts";
import { singularValues } from "../../src/linalg/float-matrix.ts";
import { primeField } from "../../src/field/prime.ts";
import { type Rational, rational, rationalField as Q } from "../../src/field/rational.ts";
import { fieldRank, kernel, solveFullColumnRank } from "../../src/linalg/elimination.ts";
import { columnSubsets, kruskalRankExact, kruskalRankNumerical } from "../../src/uniqueness/kruskal.ts";

const r = (n: number, d = 1): Rational => rational(BigInt(n), BigInt(d));
const q = (rows: number[][]): Rational[][] => rows.map((row) => row.map((x) => r(x)));
const F = primeField(1000003);

describe("columnSubsets", () => {
  it("lists every r-subset once, in lexicographic order", () => {
    const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n - 1, k - 1) * n) / k);
    for (let k = 1; k <= 8; k++) {
      for (let s = 0; s <= k; s++) {
        const all = [...columnSubsets(k, s)];
        expect(all.length).toBe(binomial(k, s));
        expect(new Set(all.map((x) => x.join(","))).size).toBe(all.length);
        expect(all.every((x) => x.every((v, i) => i === 0 || x[i - 1] < v))).toBe(true);
      }
    }
    expect([...columnSubsets(4, 2)].map((x) => x.join(""))).toEqual(["01", "02", "03", "12", "13", "23"]);
    // No subsets of a negative size or of more columns than there are.
    expect([...columnSubsets(3, -1)]).toEqual([]);
    expect([...columnSubsets(2, 3)]).toEqual([]);
    expect([...columnSubsets(0, 0)]).toEqual([[]]);
  });
});

describe("exact Kruskal rank on hand-made matrices", () => {
  it("two equal columns give Kruskal rank 1 (although the rank is 2)", () => {
    const A = q([[1, 2, 1], [0, 3, 0], [5, 1, 5]]);
    expect(fieldRank(Q, A)).toBe(2);
    const k = kruskalRankExact(Q, A);
    expect(k.rank).toBe(1);
    expect(k.dependentSubset).toEqual([0, 2]);
  });

  it("a zero column gives 0; proportional columns give 1", () => {
    expect(kruskalRankExact(Q, q([[1, 0], [2, 0]])).rank).toBe(0);
    expect(kruskalRankExact(Q, q([[1, 3, 0], [2, 6, 1], [0, 0, 4]])).rank).toBe(1);
  });

  it("pairwise independent but three dependent columns give 2", () => {
    const A = q([[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 0, 1]]); // e1, e2, e1+e2, e3
    expect(fieldRank(Q, A)).toBe(3);
    const k = kruskalRankExact(Q, A);
    expect(k.rank).toBe(2);
    expect(k.dependentSubset).toEqual([0, 1, 2]);
  });

  it("the identity and a Vandermonde matrix have full Kruskal rank; k > d caps at d", () => {
    expect(kruskalRankExact(Q, q([[1, 0, 0], [0, 1, 0], [0, 0, 1]])).rank).toBe(3);
    // Vandermonde 3×5 with distinct nodes: every 3 columns independent.
    const nodes = [1, 2, 3, 5, 7];
    const V = [0, 1, 2].map((p) => nodes.map((x) => r(x ** p)));
    const k = kruskalRankExact(Q, V);
    expect(k.rank).toBe(3);
    expect(k.dependentSubset).toBeNull();
  });

  it("is field-generic: columns equal mod p but not over Q", () => {
    const p = 1000003;
    const A = [[1, 1], [1, 1 + p]];
    expect(kruskalRankExact(Q, q(A)).rank).toBe(2);
    expect(kruskalRankExact(F, A.map((row) => row.map((x) => F.fromInt(x)))).rank).toBe(1);
  });

  it("a random rational d×k matrix has Kruskal rank min(d, k) (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 36, maxLength: 36 }),
        (d, k, entries) => {
          const A = Array.from({ length: d }, (_, i) => Array.from({ length: k }, (_, j) => r(entries[i * 6 + j] * 7919 + (i + 1) ** (j + 2))));
          // Random integers of this size are generic with overwhelming probability; a
          // failure would show as a dependent subset whose minor we can confirm.
          const e = kruskalRankExact(Q, A);
          if (e.rank < Math.min(d, k)) expect(fieldRank(Q, A.map((row) => e.dependentSubset!.map((j) => row[j])))).toBeLessThan(e.rank + 1);
          expect(e.rank).toBe(Math.min(d, k));
        },
      ),
      { seed: 4242, numRuns: 60 },
    );
  });
});

describe("numerical Kruskal rank", () => {
  it("agrees with the exact rank on clear cases and reports the deciding subsets", () => {
    expect(kruskalRankNumerical([[1, 2, 1], [0, 3, 0], [5, 1, 5]]).rank).toBe(1);
    const e = kruskalRankNumerical([[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 0, 1]]);
    expect(e.rank).toBe(2);
    expect(e.firstDependent!.subset).toEqual([0, 1, 2]);
    expect(e.firstDependent!.sigmaMin).toBeLessThan(1e-12);
    expect(e.weakestIndependent!.subset.length).toBe(2);
    expect(e.weakestIndependent!.relative).toBeGreaterThan(0.1);
  });

  it("treats a nearly dependent column as dependent only below the tolerance", () => {
    const near = (eps: number) => [[1, 0, 1], [0, 1, 1], [0, 0, eps]];
    expect(kruskalRankNumerical(near(1e-3)).rank).toBe(3);
    const tight = kruskalRankNumerical(near(1e-13));
    expect(tight.rank).toBe(2);
    expect(tight.firstDependent!.relative).toBeLessThan(1e-9);
    expect(kruskalRankNumerical(near(1e-6), { relativeTolerance: 1e-4 }).rank).toBe(2);
  });

  it("zero matrix: 0; k > d caps at d with no dependent subset reported", () => {
    expect(kruskalRankNumerical([[0, 0], [0, 0]]).rank).toBe(0);
    const wide = kruskalRankNumerical([[1, 0, 1, 2], [0, 1, 1, 3]]);
    expect(wide.rank).toBe(2);
    expect(wide.firstDependent).toBeNull();
  });
});

describe("field linear algebra", () => {
  it("kernel and full-column-rank solve are exact", () => {
    const A = q([[1, 2, 3], [2, 4, 6], [1, 0, 1]]);
    const K = kernel(Q, A, 3);
    expect(K.length).toBe(1);
    const product = matMul(Q, A, K[0].map((x) => [x]));
    expect(product.every((row) => Q.isZero(row[0]))).toBe(true);
    const O = q([[1, 0], [0, 1], [1, 1]]);
    const X = q([[2, 3], [5, 7]]);
    expect(solveFullColumnRank(Q, O, matMul(Q, O, X))).toEqual(X);
    expect(solveFullColumnRank(Q, O, q([[1], [0], [0]]))).toBeNull(); // not in the column space
  });
});

describe("numerical Kruskal rank: scale, degenerate shapes and bad entries", () => {
  it("is invariant under scaling the matrix, and reports relative = σ_min / σ_1 (fast-check)", () => {
    // The tolerance is relative to σ_1(A): a tiny but well-conditioned matrix keeps its full rank.
    fc.assert(
      fc.property(fc.integer({ min: -12, max: 12 }), (e) => {
        const scale = 10 ** e;
        const A = [[1, 0, 1], [0, 1, 1], [0, 0, 1e-3]].map((row) => row.map((x) => x * scale));
        const k = kruskalRankNumerical(A);
        expect(k.rank).toBe(3);
        expect(k.firstDependent).toBeNull();
        const w = k.weakestIndependent!;
        expect(w.relative).toBeCloseTo(w.sigmaMin / k.largestSingularValue, 12);
        expect(w.relative).toBeGreaterThan(1e-4);
        expect(w.relative).toBeLessThan(1e-2);
      }),
      { seed: 42, numRuns: 25 },
    );
    const small = kruskalRankNumerical([[1e-12, 0], [0, 1e-12]]);
    expect(small.rank).toBe(2);
    expect(small.weakestIndependent!.relative).toBe(1);
  });

  it("an empty matrix (no rows, or rows without columns) has rank 0 and σ_1 = 0", () => {
    for (const A of [[], [[], []]] as number[][][]) {
      expect(kruskalRankNumerical(A)).toEqual({
        rank: 0,
        rows: A.length,
        columns: 0,
        largestSingularValue: 0,
        relativeTolerance: 1e-9,
        weakestIndependent: null,
        firstDependent: null,
      });
    }
  });

  it("rejects a non-finite entry, naming it", () => {
    expect(() => kruskalRankNumerical([[1, Number.NaN]])).toThrow(new RangeError("kruskalRankNumerical: entry NaN"));
    expect(() => kruskalRankNumerical([[1], [Number.POSITIVE_INFINITY]])).toThrow(new RangeError("kruskalRankNumerical: entry Infinity"));
  });
});

describe("numerical Kruskal rank: the deciding subsets", () => {
  it("the weakest independent subset has the smallest σ_min among all subsets of size rank (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 12, maxLength: 12 }), (entries) => {
        const A = [0, 1, 2].map((i) => [0, 1, 2, 3].map((j) => entries[i * 4 + j] + (i === j ? 20 : 0)));
        const k = kruskalRankNumerical(A);
        if (k.rank === 0) return;
        const sigmas = [...columnSubsets(4, k.rank)].map((s) => singularValues(selectColumns(A, s))[k.rank - 1]);
        expect(k.weakestIndependent!.sigmaMin).toBe(Math.min(...sigmas));
        expect(k.weakestIndependent!.subset).toHaveLength(k.rank);
      }),
      { seed: 42, numRuns: 40 },
    );
  });
});

describe("exact Kruskal rank: shapes and work done", () => {
  it("an empty matrix has rank 0 and checks nothing", () => {
    expect(kruskalRankExact(Q, [])).toEqual({ rank: 0, rows: 0, columns: 0, dependentSubset: null, subsetsChecked: 0 });
    expect(kruskalRankExact(Q, [[], []])).toEqual({ rank: 0, rows: 2, columns: 0, dependentSubset: null, subsetsChecked: 0 });
  });

  it("full Kruskal rank checks every non-empty subset up to min(rows, columns); a drop stops at the first dependent one", () => {
    // Identity 3×3: all 7 non-empty subsets of {0, 1, 2}.
    expect(kruskalRankExact(Q, q([[1, 0, 0], [0, 1, 0], [0, 0, 1]]))).toEqual({ rank: 3, rows: 3, columns: 3, dependentSubset: null, subsetsChecked: 7 });
    // 2×3 with distinct directions: 3 singletons and 3 pairs; size 3 is beyond the rows.
    expect(kruskalRankExact(Q, q([[1, 0, 1], [0, 1, 2]]))).toMatchObject({ rank: 2, dependentSubset: null, subsetsChecked: 6 });
    // e1, e2, e1+e2, e3: 4 singletons, 6 pairs, then {0, 1, 2} is the first triple and already dependent.
    expect(kruskalRankExact(Q, q([[1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 0, 1]]))).toMatchObject({ rank: 2, dependentSubset: [0, 1, 2], subsetsChecked: 11 });
  });
});

describe("numerical Kruskal rank: the tolerance is a strict bound", () => {
  it("a subset whose relative σ_min equals the tolerance still counts as independent (identity, tolerance 1)", () => {
    const I = [[1, 0], [0, 1]];
    const k = kruskalRankNumerical(I, { relativeTolerance: 1 });
    expect(k.rank).toBe(2);
    expect(k.firstDependent).toBeNull();
    expect(k.weakestIndependent!.relative).toBe(1);
  });
});
