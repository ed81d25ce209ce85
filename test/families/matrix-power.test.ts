import { describe, expect, it } from "vitest";
import { matEqual, matMul } from "../../src/linalg/matrix.ts";
import { rationalField as Q } from "../../src/field/rational.ts";
import { compareSummaries, positiveRational, validityProblems } from "../../src/families/check.ts";
import { claim1Pair } from "../../src/families/matrix-power.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { hmm, r, rationalStochastic } from "../helpers/rational-points.ts";

describe("Claim 1 (matrix powers, exact over Q)", () => {
  const spec = hmm(2, 3, "stationary");
  for (const a of [r(1, 5), r(2, 3), r(9, 10)]) {
    it(`a = ${a.num}/${a.den}: T² = T'², x1 -> x3 agrees, x1 -> x2 differs`, () => {
      const [T, T2] = claim1Pair(Q, a);
      expect(matEqual(Q, T, T2)).toBe(false);
      expect(matEqual(Q, matMul(Q, T, T), matMul(Q, T2, T2))).toBe(true);
      const O = rationalStochastic(3, 2, new Rng(Number(a.num)));
      const uniform = [r(1, 2), r(1, 2)];
      const p = { pi: uniform, T, emission: O };
      const p2 = { pi: uniform, T: T2, emission: O };
      expect(validityProblems(Q, spec, p, positiveRational)).toEqual([]);
      expect(validityProblems(Q, spec, p2, positiveRational)).toEqual([]);
      expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x1 -> x3; x3 -> x1; x2 -> x4")).differing).toEqual([]);
      expect(compareSummaries(Q, spec, p, p2, parseTaskSet("x1 -> x2")).differing.length).toBeGreaterThan(0);
    });
  }

  it("a = 1/2 gives the same matrix twice", () => {
    const [T, T2] = claim1Pair(Q, r(1, 2));
    expect(matEqual(Q, T, T2)).toBe(true);
  });
});
