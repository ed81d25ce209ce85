import { describe, expect, it } from "vitest";
import { identity, matAdd, matEqual, matMul, matVec, transpose } from "../../src/linalg/matrix.ts";
import { type Rational, rationalField as Q } from "../../src/field/rational.ts";
import { compareSummaries, positiveRational, validityProblems } from "../../src/families/check.ts";
import {
  balancedCoupling,
  cayley,
  chainWithStationaryLaw,
  rationalSqrtLaw,
  rotationTaking,
  skewFixing,
  w2Choice,
  w2Hypotheses,
  w2Transform,
} from "../../src/families/w2.ts";
import { stationaryLaw } from "../../src/model/chart.ts";
import type { Parameters } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { hmm, r, rationalStochastic } from "../helpers/rational-points.ts";

const allPairwise = parseTaskSet("x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2");

/** A positive rational point with stationary law π = (√π)², √π rational. */
function pointWithSqrtLaw(k: number, d: number, rng: Rng): { p: Parameters<Rational>; sqrtPi: Rational[] } {
  const sqrtPi = rationalSqrtLaw(Q, k);
  const pi = sqrtPi.map((s) => Q.mul(s, s));
  const B = Array.from({ length: k }, () => Array.from({ length: k }, () => r(rng.int(1, 9), 400)));
  const T = chainWithStationaryLaw(Q, pi, balancedCoupling(Q, B, r(rng.int(1, 9), 400)));
  return { p: { pi, T, emission: rationalStochastic(d, k, rng) }, sqrtPi };
}

describe("W2 (all pairwise tasks, stationary, exact over Q)", () => {
  it("rational building blocks: Cayley is orthogonal, rotationTaking maps u to v, √π is a unit vector", () => {
    for (const k of [1, 2, 3, 4, 5]) {
      const s = rationalSqrtLaw(Q, k);
      expect(s.reduce((acc, x) => Q.add(acc, Q.mul(x, x)), Q.zero)).toEqual(Q.one);
      expect(s.every(positiveRational)).toBe(true);
    }
    const v = rationalSqrtLaw(Q, 3);
    const S = skewFixing(Q, v, [r(1), r(0), r(0)], [r(0), r(1), r(0)], r(1, 7));
    expect(matEqual(Q, transpose(S), S.map((row) => row.map((x) => Q.neg(x))))).toBe(true);
    const C = cayley(Q, S);
    expect(matEqual(Q, matMul(Q, transpose(C), C), identity(Q, 3))).toBe(true);
    expect(matVec(Q, C, v)).toEqual(v);
    const { sqrtPiPrime } = w2Choice(Q, v, { direction: [r(1), r(-1), r(0)], t: r(1, 10) });
    const H = rotationTaking(Q, sqrtPiPrime, v);
    expect(matVec(Q, H, sqrtPiPrime)).toEqual(v);
    expect(matEqual(Q, matMul(Q, transpose(H), H), identity(Q, 3))).toBe(true);
  });

  it("chainWithStationaryLaw has the prescribed stationary law and is positive", () => {
    const { p } = pointWithSqrtLaw(3, 4, new Rng(1));
    expect(stationaryLaw(Q, p.T)).toEqual(p.pi);
    expect(validityProblems(Q, hmm(3, 4, "stationary"), p, positiveRational)).toEqual([]);
  });

  it("leaves all six pairwise summaries on x1, x2, x3 unchanged at k = 3, with a valid new point", () => {
    const spec = hmm(3, 4, "stationary");
    const rng = new Rng(3);
    for (let trial = 0; trial < 3; trial++) {
      const { p, sqrtPi } = pointWithSqrtLaw(3, 4, rng);
      const move = w2Choice(
        Q,
        sqrtPi,
        { direction: [r(rng.int(-3, 3)), r(rng.int(-3, 3)), r(1)], t: r(1, 100) },
        { a: [r(1), r(0), r(0)], b: [r(0), r(rng.int(1, 3)), r(1)], s: r(1, 50) },
      );
      expect(w2Hypotheses(Q, move.sqrtPi, move.sqrtPiPrime, move.Q)).toEqual([]);
      const p2 = w2Transform(Q, p, move.sqrtPi, move.sqrtPiPrime, move.Q);
      expect(validityProblems(Q, spec, p2, positiveRational)).toEqual([]);
      expect(stationaryLaw(Q, p2.T)).toEqual(p2.pi);
      expect(p2.pi).not.toEqual(p.pi);
      expect(matEqual(Q, p2.emission, p.emission)).toBe(false);
      expect(compareSummaries(Q, spec, p, p2, allPairwise).differing).toEqual([]);
      // Longer lags too; but a tensor target sees more than pairwise laws.
      expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x4 -> x1")).differing).toEqual([]);
      expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x2 -> x1 ⊗ x3")).differing.length).toBeGreaterThan(0);
    }
  });

  it("k = 2 (tilt only) and k = 4 also keep every pairwise summary", () => {
    for (const [k, d] of [
      [2, 3],
      [4, 4],
    ]) {
      const spec = hmm(k, d, "stationary");
      const { p, sqrtPi } = pointWithSqrtLaw(k, d, new Rng(k));
      const direction = Array.from({ length: k }, (_, i) => r(i % 2 === 0 ? 1 : -1));
      const twist = k > 2 ? { a: direction.map((_, i) => r(i === 0 ? 1 : 0)), b: direction.map((_, i) => r(i === 1 ? 1 : 0)), s: r(1, 30) } : undefined;
      const move = w2Choice(Q, sqrtPi, { direction, t: r(1, 30) }, twist);
      const p2 = w2Transform(Q, p, move.sqrtPi, move.sqrtPiPrime, move.Q);
      expect(validityProblems(Q, spec, p2, positiveRational)).toEqual([]);
      expect(compareSummaries(Q, spec, p, p2, allPairwise).differing).toEqual([]);
    }
  });

  it("mutation: a non-orthogonal Q (with Q√π' = √π still) breaks the invariance", () => {
    const spec = hmm(3, 4, "stationary");
    const { p, sqrtPi } = pointWithSqrtLaw(3, 4, new Rng(5));
    // Q = I + u wᵀ with w ⟂ √π: fixes √π but is not orthogonal.
    const w = [r(2), r(-1), r(0)];
    const u = [r(1, 20), r(0), r(-1, 20)];
    const Qbad = matAdd(Q, identity(Q, 3), u.map((x) => w.map((y) => Q.mul(x, y))));
    expect(matVec(Q, Qbad, sqrtPi)).toEqual(sqrtPi);
    expect(w2Hypotheses(Q, sqrtPi, sqrtPi, Qbad)).toEqual(["Q is not orthogonal"]);
    const p2 = w2Transform(Q, p, sqrtPi, sqrtPi, Qbad);
    expect(compareSummaries(Q, spec, p, p2, allPairwise).differing.length).toBeGreaterThan(0);
  });
});
