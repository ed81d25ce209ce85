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
});
