import { describe, expect, it } from "vitest";
import { type Rational, rationalField as Q } from "../../src/field/rational.ts";
import { floatField } from "../../src/field/float.ts";
import { stationaryLaw } from "../../src/model/chart.ts";
import type { Parameters } from "../../src/model/spec.ts";
import { parseTask } from "../../src/task/parse.ts";
import { cpFactors } from "../../src/uniqueness/cp-factors.ts";
import { readBack } from "../../src/uniqueness/read-back.ts";
import { hmm, r } from "../helpers/rational-points.ts";

/**
 * Degenerate points that get past the linear systems and fail a later guard of the
 * read-back: each must end as a named failed condition with its own reason, never a throw
 * and never a condition that claims to hold.
 */
describe("readBack: a singular T at a later position fails 'T^(t−1) invertible' (free init)", () => {
  // Rank 2: the third column is the average of the first two, so T^{t−1} π = π_t cannot be
  // solved for π. Every step before it (O, T, π_t) still reads back.
  const T: Rational[][] = [
    [r(1, 2), r(1, 4), r(3, 8)],
    [r(1, 4), r(1, 4), r(1, 4)],
    [r(1, 4), r(1, 2), r(3, 8)],
  ];
  const pi = [r(1, 6), r(1, 3), r(1, 2)];
  const O3: Rational[][] = [[r(1, 2), r(1, 5), r(1, 7)], [r(1, 4), r(1, 5), r(2, 7)], [r(1, 4), r(3, 5), r(4, 7)]];
  const O4: Rational[][] = [[r(1, 2), r(1, 5), r(1, 7)], [r(1, 4), r(1, 5), r(2, 7)], [r(1, 8), r(1, 5), r(1, 7)], [r(1, 8), r(2, 5), r(3, 7)]];
  const cases = [
    { task: "x2 -> x3 ⊗ x4", emission: O3, power: 1, given: "left" },
    { task: "x3 -> x4 ⊗ x5", emission: O3, power: 2, given: "left" },
    // The middle token given needs d > k for its (1/q, W, V) system.
    { task: "x3 -> x2 ⊗ x4", emission: O4, power: 1, given: "middle" },
  ];
  for (const c of cases) {
    it(`${c.given} token given, ${c.task}: the last condition is T^${c.power} invertible, failed, with its detail; the reason says π is not determined`, () => {
      const spec = hmm(3, c.emission.length, "free");
      const p: Parameters<Rational> = { pi, T, emission: c.emission };
      const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask(c.task)));
      expect(rb.established).toBe(false);
      expect(rb.reason).toBe("π is not determined from π_t");
      expect(rb.conditions.at(-1)).toEqual({ name: `T^${c.power} invertible`, holds: false, detail: `T^${c.power} is singular at this point` });
      expect(rb.conditions.slice(0, -1).every((x) => x.holds)).toBe(true);
    });
  }
});

describe("readBack: the (u, Z) system of the last token given has more than a line of solutions when T has equal columns", () => {
  // Equal columns: h_{t+1} does not depend on h_t, so C = P(h | x_{t+2}) has equal rows and
  // O Z = diag(u) C only asks u to lie in O's column space: a plane of solutions, whatever d is.
  const T: Rational[][] = [[r(1, 3), r(1, 3)], [r(2, 3), r(2, 3)]];
  const pi = [r(1, 4), r(3, 4)];

  it("d > k: the reason says the system has more than a line of solutions (not that d > k is needed)", () => {
    const spec = hmm(2, 3, "free");
    const p: Parameters<Rational> = { pi, T, emission: [[r(1, 2), r(1, 5)], [r(1, 4), r(1, 5)], [r(1, 4), r(3, 5)]] };
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x3 -> x1 ⊗ x2")));
    expect(rb.established).toBe(false);
    expect(rb.reason).toBe("the read-back system has more than a line of solutions");
    expect(rb.conditions).toEqual([
      { name: "rank O = k", holds: true, detail: "rank O = 2, k = 2" },
      { name: "linear system in (u, Z) determines Z", holds: false, detail: "6 equations in 7 unknowns have rank 5 (need 6: solutions form a line)" },
    ]);
  });

  it("d = k: the same degenerate T is reported as the d > k requirement", () => {
    const spec = hmm(2, 2, "free");
    const p: Parameters<Rational> = { pi, T, emission: [[r(3, 4), r(1, 5)], [r(1, 4), r(4, 5)]] };
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x3 -> x1 ⊗ x2")));
    expect(rb.established).toBe(false);
    expect(rb.reason).toBe("the linear read-back needs d > k for free init with the last token given");
    expect(rb.conditions.map((c) => [c.name, c.holds])).toEqual([["rank O = k", true], ["linear system in (u, Z) determines Z", false]]);
  });
});

describe("readBack: E_R or E_L diag(ρ) outside the column space of O (middle token given) is a named failure", () => {
  // Over an exact field this guard cannot fire: any q (ρ ≠ 0) that solves the middle-token
  // system puts E_R and E_L in the span of diag(q) C = O diag(ρ), and perturbing E_R or E_L
  // instead makes q undetermined first. Over float64, rounding can leave q determined and
  // E_R a hair outside O's span; the read-back must then report it, not dereference a null T.
  const T = [[1 / 2, 1 / 3], [1 / 2, 2 / 3]];
  const O = [[1 / 6, 4 / 9], [2 / 6, 1 / 9], [3 / 6, 4 / 9]];
  const spec = hmm(2, 3, "stationary");

  it("float64, stationary, x2 -> x1 ⊗ x3: every earlier condition holds, the reason names inconsistent factors, and no point is compared", () => {
    const p: Parameters<number> = { pi: stationaryLaw(floatField, T), T, emission: O };
    const rb = readBack(floatField, spec, p, cpFactors(floatField, spec, p, parseTask("x2 -> x1 ⊗ x3")));
    expect(rb.established).toBe(false);
    expect(rb.method).toBe("stationary shift invariance P(x1, x2) = P(x2, x3) is linear in the law q of x2: E_L Cᵀ diag(q) = diag(q) C E_Rᵀ");
    expect(rb.reason).toBe("E_R or E_L diag(ρ) is not in the column space of O (inconsistent factors)");
    expect(rb.conditions.map((c) => [c.name, c.holds])).toEqual([
      ["shift-invariance system determines q", true],
      ["ρ has no zero entry", true],
      ["rank O = k", true],
    ]);
  });

  it("the same point over Q reads back exactly: the failure above is rounding, not the point", () => {
    const TQ = [[r(1, 2), r(1, 3)], [r(1, 2), r(2, 3)]];
    const OQ = [[r(1, 6), r(4, 9)], [r(2, 6), r(1, 9)], [r(3, 6), r(4, 9)]];
    const p: Parameters<Rational> = { pi: stationaryLaw(Q, TQ), T: TQ, emission: OQ };
    expect(readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"))).established).toBe(true);
  });
});
