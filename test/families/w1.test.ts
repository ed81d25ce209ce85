import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { inverse } from "../../src/linalg/elimination.ts";
import { diag, matEqual, matMul, matVec, transpose } from "../../src/linalg/matrix.ts";
import { type Rational, rationalField as Q } from "../../src/field/rational.ts";
import { compareSummaries, positiveRational, validityProblems } from "../../src/families/check.ts";
import { w1Basis, w1Direction, w1Matrix, w1Transform } from "../../src/families/w1.ts";
import { stationaryLaw } from "../../src/model/chart.ts";
import type { Parameters } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { hmm, r, rationalPoint } from "../helpers/rational-points.ts";

/** A random W1 matrix R = I + E/200 with 1ᵀE = 0, E's free rows in −3..3, E ≠ 0 (E = 0 is no move). */
function randomR(k: number, rng: Rng): Rational[][] {
  let head: Rational[][];
  do head = Array.from({ length: k - 1 }, () => Array.from({ length: k }, () => r(rng.int(-3, 3))));
  while (head.every((row) => row.every((x) => x.num === 0n)));
  return w1Matrix(Q, w1Direction(Q, head), r(1, 200));
}

const x1x2 = parseTaskSet("x1 -> x2");

function isSingular(T: Rational[][]): boolean {
  try {
    inverse(Q, T);
    return false;
  } catch (e) {
    if (e instanceof DivisionByZero) return true;
    throw e;
  }
}

describe("W1 (one pairwise task, exact over Q)", () => {
  for (const init of ["stationary", "free"] as const) {
    for (const k of [2, 3]) {
      it(`leaves the whole x1 -> x2 summary unchanged, ${init} π, k = ${k}`, () => {
        const spec = hmm(k, 4, init);
        const rng = new Rng(100 + k);
        for (let trial = 0; trial < 4; trial++) {
          // A singular T (e.g. all columns equal, so T² = T) is not generic: lag 2 cannot
          // separate points there, so such draws are replaced.
          let p = rationalPoint(spec, rng);
          while (isSingular(p.T)) p = rationalPoint(spec, rng);
          const R = randomR(k, rng);
          const p2 = w1Transform(Q, p, R);
          expect(validityProblems(Q, spec, p2, positiveRational)).toEqual([]);
          expect(matEqual(Q, p2.T, p.T)).toBe(false);
          expect(matEqual(Q, p2.emission, p.emission)).toBe(false);
          expect(compareSummaries(Q, spec, p, p2, x1x2).differing).toEqual([]);
          // The reverse direction sees the same joint law.
          expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x2 -> x1")).differing).toEqual([]);
          if (init === "stationary") {
            expect(stationaryLaw(Q, p2.T)).toEqual(p2.pi);
            // Every adjacent pair has the same joint law under stationarity.
            expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x2 -> x3; x4 -> x3")).differing).toEqual([]);
          }
          // A lag-2 task sees T² and tells the points apart.
          expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x1 -> x3")).differing.length).toBeGreaterThan(0);
        }
      });
    }
  }

  it("has a basis of k(k−1) independent directions with zero column sums", () => {
    for (const k of [2, 3, 4]) {
      const basis = w1Basis(Q, k);
      expect(basis).toHaveLength(k * (k - 1));
      const flat = basis.map((E) => E.flat());
      // Independent: the flattened matrices have rank k(k−1) (their Gram matrix is invertible).
      const gram = flat.map((a) => flat.map((b) => a.reduce((s, x, i) => Q.add(s, Q.mul(x, b[i])), Q.zero)));
      expect(() => inverse(Q, gram)).not.toThrow();
      for (const E of basis) expect(matVec(Q, transpose(E), E.map(() => Q.one))).toEqual(E.map(() => Q.zero));
    }
  });

  it("mutation: A' = R A Rᵀ (R where R⁻¹ belongs) breaks the invariance", () => {
    const spec = hmm(3, 4, "stationary");
    const rng = new Rng(7);
    const p = rationalPoint(spec, rng);
    const R = randomR(3, rng);
    const A = matMul(Q, p.T, diag(Q, p.pi));
    const Aprime = matMul(Q, matMul(Q, R, A), transpose(R));
    const pi = Aprime[0].map((_, j) => Aprime.reduce((s, row) => Q.add(s, row[j]), Q.zero));
    const mutant: Parameters<Rational> = {
      pi,
      T: matMul(Q, Aprime, diag(Q, pi.map((x) => Q.div(Q.one, x)))),
      emission: matMul(Q, p.emission, R),
    };
    expect(compareSummaries(Q, spec, p, mutant, x1x2).differing.length).toBeGreaterThan(0);
  });
});
