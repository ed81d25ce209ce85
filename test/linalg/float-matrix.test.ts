import { createRequire } from "node:module";
import type * as MlMatrix from "ml-matrix";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Rng } from "../../src/base/random.ts";
import { floatField as F } from "../../src/field/float.ts";
import { column, eigen, pseudoInverse, qr, singularValues, solve, svd } from "../../src/linalg/float-matrix.ts";
import { diag, identity, matMul, matSub, matVec, transpose } from "../../src/linalg/matrix.ts";

const gaussian = (rng: Rng, m: number, n: number): number[][] =>
  Array.from({ length: m }, () => Array.from({ length: n }, () => rng.normal()));

const maxAbs = (A: number[][]): number => Math.max(0, ...A.flat().map(Math.abs));

const shape = fc.record({ m: fc.integer({ min: 1, max: 8 }), n: fc.integer({ min: 1, max: 8 }), seed: fc.nat() });
const RUNS = { seed: 11, numRuns: 60 };

describe("float-matrix adapter", () => {
  it("svd: U diag(σ) Vᵀ = A (zero-padded when wide), σ descending and equal to singularValues", () => {
    fc.assert(
      fc.property(shape, ({ m, n, seed }) => {
        const A = gaussian(new Rng(seed), m, n);
        const { values, U, V } = svd(A, { left: true, right: true });
        for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
        const padded = [...A, ...Array.from({ length: Math.max(0, n - m) }, () => new Array<number>(n).fill(0))];
        expect(maxAbs(matSub(F, matMul(F, matMul(F, U, diag(F, values)), transpose(V)), padded))).toBeLessThan(1e-10);
        const s = singularValues(A);
        expect(s.length).toBe(Math.min(m, n));
        s.forEach((x, i) => expect(Math.abs(x - values[i])).toBeLessThan(1e-10));
      }),
      RUNS,
    );
  });

  it("qr: Q orthogonal, R upper triangular, Q R = A", () => {
    fc.assert(
      fc.property(shape, ({ m, n, seed }) => {
        fc.pre(m >= n);
        const A = gaussian(new Rng(seed), m, n);
        const { Q, R } = qr(A);
        expect(maxAbs(matSub(F, matMul(F, transpose(Q), Q), identity(F, m)))).toBeLessThan(1e-10);
        R.forEach((row, i) => row.forEach((x, j) => j < i && expect(x).toBe(0)));
        expect(maxAbs(matSub(F, matMul(F, Q.map((row) => row.slice(0, R.length)), R), A))).toBeLessThan(1e-10);
      }),
      RUNS,
    );
  });

  it("solve, pseudoInverse and eigen satisfy their defining equations", () => {
    fc.assert(
      fc.property(shape, ({ m, n, seed }) => {
        const rng = new Rng(seed);
        const S = gaussian(rng, n, n);
        const B = gaussian(rng, n, 2);
        expect(maxAbs(matSub(F, matMul(F, S, solve(S, B)), B))).toBeLessThan(1e-8 * Math.max(1, maxAbs(solve(S, B))));
        const A = gaussian(rng, m, n);
        const P = pseudoInverse(A);
        expect(maxAbs(matSub(F, matMul(F, matMul(F, A, P), A), A))).toBeLessThan(1e-9);
        expect(maxAbs(matSub(F, matMul(F, matMul(F, P, A), P), P))).toBeLessThan(1e-9 * Math.max(1, maxAbs(P)) ** 2);
        // A symmetric matrix has real eigenvalues and orthonormal eigenvectors.
        const Sym = matMul(F, transpose(S), S);
        const { real, imaginary, vectors } = eigen(Sym);
        imaginary.forEach((x) => expect(x).toBe(0));
        real.forEach((lambda, i) => {
          const v = column(vectors, i);
          const residual = matVec(F, Sym, v).map((x, k) => x - lambda * v[k]);
          expect(Math.max(...residual.map(Math.abs))).toBeLessThan(1e-9 * Math.max(1, maxAbs(Sym)));
        });
      }),
      RUNS,
    );
  });

  it("svd computes U and V only when asked; a wide matrix is padded (values for every column) or transposed (values for every row)", () => {
    const wide = [
      [3, 0, 0],
      [0, 0, -4],
    ];
    const plain = svd(wide);
    expect(plain.U).toEqual([]);
    expect(plain.V).toEqual([]);
    // Padding appends a zero row: three singular values, the last 0; U then has 3 rows.
    const padded = svd(wide, { left: true, right: true });
    expect(padded.values.map((x) => Math.round(x * 1e12) / 1e12)).toEqual([4, 3, 0]);
    expect(padded.U.length).toBe(3);
    expect(padded.V.length).toBe(3);
    // Transposing: two singular values, U is 2×2 and V is 3×2, and U diag(σ) Vᵀ = A.
    const t = svd(wide, { wide: "transpose", left: true, right: true });
    expect(t.values.map((x) => Math.round(x * 1e12) / 1e12)).toEqual([4, 3]);
    expect([t.U.length, t.U[0].length, t.V.length, t.V[0].length]).toEqual([2, 2, 3, 2]);
    expect(maxAbs(matSub(F, matMul(F, matMul(F, t.U, diag(F, t.values)), transpose(t.V)), wide))).toBeLessThan(1e-12);
    expect(singularValues(wide).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([4, 3]);
  });

  it("svd does not depend on the order ml-matrix lists the singular triplets in: it sorts them, carrying the vectors", () => {
    // ml-matrix sorts today, so its decomposition is replaced (in the module object
    // float-matrix.ts requires) by the same triplets listed out of order.
    const ml = createRequire(import.meta.url)("ml-matrix") as typeof MlMatrix;
    const lib = ml as { SingularValueDecomposition: unknown };
    const Original = ml.SingularValueDecomposition;
    const A = gaussian(new Rng(5), 4, 3);
    const expected = svd(A, { left: true, right: true });
    const perm = [2, 0, 1];
    const permuteColumns = (M: MlMatrix.Matrix) => new ml.Matrix(M.to2DArray().map((row) => perm.map((i) => row[i])));
    class Shuffled {
      readonly diagonal: number[];
      readonly leftSingularVectors: MlMatrix.Matrix;
      readonly rightSingularVectors: MlMatrix.Matrix;
      constructor(...args: ConstructorParameters<typeof Original>) {
        const d = new Original(...args);
        this.diagonal = perm.map((i) => d.diagonal[i]);
        this.leftSingularVectors = permuteColumns(d.leftSingularVectors);
        this.rightSingularVectors = permuteColumns(d.rightSingularVectors);
      }
    }
    lib.SingularValueDecomposition = Shuffled;
    try {
      const shuffled = svd(A, { left: true, right: true });
      expect(shuffled.values[0]).toBeGreaterThan(shuffled.values[1]);
      expect(shuffled).toEqual(expected);
    } finally {
      lib.SingularValueDecomposition = Original;
    }
  });

  it("a ragged matrix is refused, naming the row and both lengths", () => {
    expect(() => qr([[1, 2], [3]])).toThrow(new RangeError("float matrix: row 1 has length 1, expected 2"));
    expect(() => solve([[1, 2], [3, 4, 5]], [[1], [2]])).toThrow(RangeError);
  });

  it("the empty matrix has empty QR factors and an empty pseudo-inverse", () => {
    expect(qr([])).toEqual({ Q: [], R: [] });
    expect(pseudoInverse([])).toEqual([]);
    // svd needs a non-empty matrix: it says so rather than failing on a missing row.
    expect(() => svd([])).toThrow(/non-empty/);
  });
});
