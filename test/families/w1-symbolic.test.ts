import { describe, expect, it } from "vitest";
import { type Sym, evaluateAt, symbol, symbolicField as S, symbolsOf } from "../../src/field/symbolic.ts";
import { rational } from "../../src/field/rational.ts";
import { w1Direction, w1Matrix, w1Transform } from "../../src/families/w1.ts";
import { exhaustiveSummary } from "../../src/predictor/summary.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { hmm } from "../helpers/rational-points.ts";

/**
 * W1 over Q(θ) at k = 2 with every parameter, the direction and ε symbolic: each summary
 * difference is a rational function that vanishes at the fingerprint points (mod p) and
 * at random rational points (exactly), which by Schwartz–Zippel makes it zero unless
 * this seed was unlucky at every point.
 */
describe("W1 symbolically at k = 2", () => {
  it("P(x2 | x1) is unchanged as a rational function of π, T, O, E and ε", () => {
    const one = S.one;
    const [a, b, c, g, u] = ["a", "b", "c", "g", "u"].map(symbol);
    const params = {
      pi: [u, S.sub(one, u)],
      T: [
        [a, b],
        [S.sub(one, a), S.sub(one, b)],
      ],
      emission: [
        [c, g],
        [S.sub(one, c), S.sub(one, g)],
      ],
    };
    const R = w1Matrix(S, w1Direction(S, [[symbol("w"), symbol("z")]]), symbol("eps"));
    const moved = w1Transform(S, params, R);
    const spec = hmm(2, 2, "free");
    const tasks = parseTaskSet("x1 -> x2");
    const before = exhaustiveSummary(S, spec, params, tasks);
    const after = exhaustiveSummary(S, spec, moved, tasks);
    const rng = new Rng(2);
    for (let row = 0; row < before.rows; row++) {
      const difference: Sym = S.sub(before.value(row), after.value(row));
      expect(difference.fingerprint.every((v) => v === 0)).toBe(true);
      const names = symbolsOf(difference);
      for (let trial = 0; trial < 2; trial++) {
        const point = new Map(names.map((name) => [name, rational(BigInt(rng.int(1, 97)), 101n)]));
        expect(evaluateAt(difference, point)).toEqual(rational(0n));
      }
    }
  });
});
