import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatField } from "../../src/field/float.ts";
import { columnSums, matEqual, matMul, matPow, matVec, rowSums, scaleRowsCols, transpose, vectorsEqual } from "../../src/linalg/matrix.ts";
import { type Rational, rational, rationalField as Q, rationalToNumber } from "../../src/field/rational.ts";
import { type CpFactors, cpFactors, cpPrediction, hiddenGivenSeparator, isTensorTask, stateLaws, tensorLayout } from "../../src/uniqueness/cp-factors.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { randomRationalCoordinates } from "../../src/model/rational-point.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import { gaussianDesign } from "../../src/predictor/design.ts";
import { predict } from "../../src/predictor/predict.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTask } from "../../src/task/parse.ts";

const TASKS = ["x2 -> x1 ⊗ x3", "x2 -> x3 ⊗ x1", "x1 -> x2 ⊗ x3", "x1 -> x3 ⊗ x2", "x3 -> x1 ⊗ x2", "x2 -> x4 ⊗ x1", "x4 -> x2 ⊗ x6"];
const hmm = (k: number, d: number, init: "stationary" | "free"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });
const inv = (v: Rational[]) => v.map((x) => Q.div(Q.one, x));

function rationalPoint(spec: ModelSpec, seed: number): Parameters<Rational> {
  return fromCoordinates(Q, spec, randomRationalCoordinates(spec, new Rng(seed)));
}

describe("CP factors reproduce the predictor", () => {
  it("exactly over the rationals, for random small models, every tensor task shape and every input (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 4 }),
        fc.constantFrom<"stationary" | "free">("stationary", "free"),
        fc.constantFrom(...TASKS),
        fc.integer({ min: 0, max: 2 ** 30 }),
        (k, d, init, text, seed) => {
          const spec = hmm(k, d, init);
          const task = parseTask(text);
          const p = rationalPoint(spec, seed);
          const f = cpFactors(Q, spec, p, task);
          for (let s = 0; s < d; s++) {
            const expected = predict(Q, spec, p, task, [s]);
            const got = cpPrediction(Q, f, s);
            expect(got.length).toBe(expected.length);
            got.forEach((x, i) => expect(Q.isZero(Q.sub(x, expected[i]))).toBe(true));
          }
          // Rows of C are posteriors; columns of A and B are distributions.
          rowSums(Q, f.C).forEach((x) => expect(x).toEqual(Q.one));
          for (const M of [f.A, f.B]) columnSums(Q, M).forEach((x) => expect(x).toEqual(Q.one));
        },
      ),
      { seed: 1729, numRuns: 40 },
    );
  });

  it("x2 -> x1 ⊗ x3 has the closed-form factors of docs/math.md §3", () => {
    for (const init of ["stationary", "free"] as const) {
      const spec = hmm(3, 4, init);
      const p = rationalPoint(spec, 11);
      const f: CpFactors<Rational> = cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"));
      const Tpi = matMul(Q, p.T, p.pi.map((x) => [x])).map((r) => r[0]);
      const OTpi = matMul(Q, p.emission, Tpi.map((x) => [x])).map((r) => r[0]);
      // C = diag(OTπ)⁻¹ O diag(Tπ)
      expect(matEqual(Q, f.C, scaleRowsCols(Q, p.emission, inv(OTpi), Tpi))).toBe(true);
      // A = O diag(π) Tᵀ diag(Tπ)⁻¹
      expect(matEqual(Q, f.A, scaleRowsCols(Q, matMul(Q, scaleRowsCols(Q, p.emission, null, p.pi), transpose(p.T)), null, inv(Tpi)))).toBe(true);
      // B = O T
      expect(matEqual(Q, f.B, matMul(Q, p.emission, p.T))).toBe(true);
    }
  });

  it("x1 -> x2 ⊗ x3 conditions on h2: C = diag(Oπ)⁻¹ O diag(π) Tᵀ, A = O, B = O T", () => {
    for (const init of ["stationary", "free"] as const) {
      const spec = hmm(3, 4, init);
      const p = rationalPoint(spec, 12);
      const f = cpFactors(Q, spec, p, parseTask("x1 -> x2 ⊗ x3"));
      const Opi = matMul(Q, p.emission, p.pi.map((x) => [x])).map((r) => r[0]);
      expect(matEqual(Q, f.C, scaleRowsCols(Q, matMul(Q, scaleRowsCols(Q, p.emission, null, p.pi), transpose(p.T)), inv(Opi), null))).toBe(true);
      expect(matEqual(Q, f.A, p.emission)).toBe(true);
      expect(matEqual(Q, f.B, matMul(Q, p.emission, p.T))).toBe(true);
      expect(f.layout.separator).toBe(2);
    }
  });

  it("Gaussian emissions: the CP form matches predict at design points (floats)", () => {
    for (const init of ["stationary", "free"] as const) {
      const spec: ModelSpec = { family: "ghmm", states: 3, symbols: 2, init, sigma: 1 };
      for (const text of ["x2 -> x1 ⊗ x3", "x1 -> x2 ⊗ x3", "x3 -> x1 ⊗ x2"]) {
        const task = parseTask(text);
        const rng = new Rng(5);
        const p = randomFloatPoint(spec, rng).params;
        const inputs = gaussianDesign(spec, p, [task], 12, rng)[0].map((point) => point[0]);
        const f = cpFactors(floatField, spec, p, task, inputs);
        inputs.forEach((x, i) => {
          const expected = predict(floatField, spec, p, task, [x]);
          cpPrediction(floatField, f, i).forEach((v, j) => expect(Math.abs(v - expected[j])).toBeLessThan(1e-12));
        });
      }
    }
  });

  it("recognises tensor tasks and rejects others", () => {
    expect(isTensorTask(parseTask("x2 -> x1 ⊗ x3"))).toBe(true);
    expect(isTensorTask(parseTask("x1 -> x2"))).toBe(false);
    expect(isTensorTask(parseTask("x1, x2 -> x3 ⊗ x4"))).toBe(false);
    expect(() => cpFactors(Q, hmm(2, 2, "free"), rationalPoint(hmm(2, 2, "free"), 1), parseTask("x1 -> x2"))).toThrow(/not a tensor task/);
  });
});

describe("tensor layout and state laws", () => {
  it("a tensor task naming one position twice is rejected (the three tokens must be distinct)", () => {
    // Tasks built directly, not parsed: the layout guards its own input.
    for (const task of [
      { given: [2], predict: [2, 3] },
      { given: [1], predict: [3, 3] },
      { given: [3], predict: [1, 3] },
    ]) {
      expect(() => tensorLayout(task)).toThrow(/repeats a position/);
    }
    expect(tensorLayout({ given: [3], predict: [5, 1] })).toEqual({ given: 3, predicted: [5, 1], sorted: [1, 3, 5], separator: 3 });
  });

  it("stateLaws(L) lists exactly π_1..π_L with π_t = T^{t−1} π (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 ** 30 }), (k, length, seed) => {
        const p = rationalPoint(hmm(k, 2, "free"), seed);
        const laws = stateLaws(Q, p, length);
        expect(laws).toHaveLength(length);
        laws.forEach((law, t) => expect(vectorsEqual(Q, law, matVec(Q, matPow(Q, p.T, t), p.pi))).toBe(true));
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it("P_t = P(h_t | h_separator) is column-stochastic on both sides of the separator, the identity at it (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 ** 30 }), (k, t, separator, seed) => {
        const p = rationalPoint(hmm(k, 2, "free"), seed);
        const laws = stateLaws(Q, p, 5);
        const P = hiddenGivenSeparator(Q, p, t, separator, laws);
        columnSums(Q, P).forEach((x) => expect(x).toEqual(Q.one));
        // Bayes: P_t diag(ρ) is the joint law of (h_t, h_s), whose row sums are the law of h_t.
        const rowsOfJoint = rowSums(Q, scaleRowsCols(Q, P, null, laws[separator - 1]));
        expect(vectorsEqual(Q, rowsOfJoint, laws[t - 1])).toBe(true);
        if (t === separator) expect(matEqual(Q, P, matPow(Q, p.T, 0))).toBe(true);
        if (t > separator) expect(matEqual(Q, P, matPow(Q, p.T, t - separator))).toBe(true);
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it("before the separator, a T whose size is not π's (k) is refused by the shape guard, by name", () => {
    // π has k = 2 entries but T is 3×3 (and so are the laws passed in): P_t would come out
    // 3×3, which no caller of a k-state model can use; the guard must say so, not return it.
    const third = 1 / 3;
    const T = [[third, third, third], [third, third, third], [third, third, third]];
    const params: Parameters<number> = { pi: [0.5, 0.5], T, emission: [[0.5, 0.5], [0.5, 0.5]] };
    const laws = [[third, third, third], [third, third, third]];
    expect(() => hiddenGivenSeparator(floatField, params, 1, 2, laws)).toThrow(/^internal: hiddenGivenSeparator shape$/);
  });

  it("a separator state of probability 0, or an input symbol of probability 0, is a vanishing denominator", () => {
    const spec = hmm(2, 3, "free");
    const q = (n: number, d = 1) => rational(BigInt(n), BigInt(d));
    const O = [[q(1, 2), q(1, 4)], [q(1, 4), q(1, 4)], [q(1, 4), q(1, 2)]];
    // T = I and π = (1, 0): h2 = 2 never happens, so P(h1 | h2 = 2) is undefined.
    const stuck: Parameters<Rational> = { pi: [q(1), q(0)], T: [[q(1), q(0)], [q(0), q(1)]], emission: O };
    expect(() => cpFactors(Q, spec, stuck, parseTask("x2 -> x1 ⊗ x3"))).toThrow(DivisionByZero);
    // Symbol 2 has probability 0 under every state: its posterior row of C is undefined.
    const silent: Parameters<Rational> = { pi: [q(1, 2), q(1, 2)], T: [[q(1, 3), q(1, 2)], [q(2, 3), q(1, 2)]], emission: [[q(1, 2), q(1, 4)], [q(1, 2), q(3, 4)], [q(0), q(0)]] };
    expect(() => cpFactors(Q, spec, silent, parseTask("x2 -> x1 ⊗ x3"))).toThrow(DivisionByZero);
    expect(() => cpFactors(Q, spec, silent, parseTask("x2 -> x1 ⊗ x3"), [0, 1])).not.toThrow();
    // The same over floats, where a zero denominator must not turn into ±∞ or NaN.
    const toFloat = (p: Parameters<Rational>): Parameters<number> => ({
      pi: p.pi.map(rationalToNumber),
      T: p.T.map((row) => row.map(rationalToNumber)),
      emission: p.emission.map((row) => row.map(rationalToNumber)),
    });
    expect(() => cpFactors(floatField, spec, toFloat(stuck), parseTask("x2 -> x1 ⊗ x3"))).toThrow(DivisionByZero);
    expect(() => cpFactors(floatField, spec, toFloat(silent), parseTask("x2 -> x1 ⊗ x3"))).toThrow(DivisionByZero);
  });
});
