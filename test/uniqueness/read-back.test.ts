import { describe, expect, it } from "vitest";
import { type Rational, rationalField as Q } from "../../src/field/rational.ts";
import type { Parameters } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { DivisionByZero, type Field } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { parseTask } from "../../src/task/parse.ts";
import { cpFactors } from "../../src/uniqueness/cp-factors.ts";
import { readBack } from "../../src/uniqueness/read-back.ts";
import { hmm, r, rationalPoint } from "../helpers/rational-points.ts";
import { stationaryLaw } from "../../src/model/chart.ts";

/**
 * The method and the conditions a read-back reports are its evidence: each case of the
 * derivation (given token left, middle or right; stationary or free init) must name exactly
 * the argument it used and every non-degeneracy condition it checked, in order.
 */
const CASES: { init: "stationary" | "free"; task: string; method: string; conditions: string[] }[] = [
  {
    init: "stationary",
    task: "x2 -> x1 ⊗ x3",
    method:
      "stationary shift invariance P(x1, x2) = P(x2, x3) is linear in the law q of x2: E_L Cᵀ diag(q) = diag(q) C E_Rᵀ; " +
      "then O = diag(q) C diag(ρ)⁻¹, T = O⁺ E_R, π from O⁺ E_L diag(ρ) = diag(π_1) Tᵀ",
    conditions: ["shift-invariance system determines q", "ρ has no zero entry", "rank O = k", "the read-back returns the point itself"],
  },
  {
    init: "stationary",
    task: "x1 -> x2 ⊗ x3",
    method: "O = E_M, T = O⁺ E_R, π = the stationary law of T",
    conditions: ["rank O = k", "T has a unique stationary law", "the read-back returns the point itself"],
  },
  {
    init: "stationary",
    task: "x3 -> x1 ⊗ x2",
    method: "O = E_M, K = O⁺ E_L = diag(π) Tᵀ diag(π)⁻¹ (the reversed chain), π = the stationary law of K, T = diag(π) Kᵀ diag(π)⁻¹",
    conditions: ["rank O = k", "K has a unique stationary law", "π has no zero entry", "the read-back returns the point itself"],
  },
  {
    init: "free",
    task: "x2 -> x1 ⊗ x3",
    method:
      "free init: diag(1/q) E_R = C W and diag(1/q) E_L = C V are linear in (1/q, W, V); " +
      "then O = diag(q) C diag(ρ)⁻¹, T = O⁺ E_R, π from O⁺ E_L diag(ρ) = diag(π_1) Tᵀ",
    conditions: ["linear system in (1/q, W, V) determines q", "1/q has no zero entry", "ρ has no zero entry", "rank O = k", "the read-back returns the point itself"],
  },
  {
    init: "free",
    task: "x1 -> x2 ⊗ x3",
    method: "O = E_M, T = O⁺ E_R, then diag(O π_1) C = O diag(π_1) Tᵀ is linear in π_1",
    conditions: ["rank O = k", "linear system determines π_1", "the read-back returns the point itself"],
  },
  {
    init: "free",
    task: "x3 -> x1 ⊗ x2",
    method: "O = E_M, K = O⁺ E_L; O Z = diag(u) C is linear in (u, Z) with Z = T diag(ρ), u the law of x3; ρ = Zᵀ1, T = Z diag(ρ)⁻¹, π_1 = Kρ",
    conditions: ["rank O = k", "linear system in (u, Z) determines Z", "ρ has no zero entry", "the read-back returns the point itself"],
  },
  {
    init: "free",
    task: "x3 -> x2 ⊗ x4",
    method:
      "free init: diag(1/q) E_R = C W and diag(1/q) E_L = C V are linear in (1/q, W, V); " +
      "then O = diag(q) C diag(ρ)⁻¹, T = O⁺ E_R, π from O⁺ E_L diag(ρ) = diag(π_2) Tᵀ",
    conditions: ["linear system in (1/q, W, V) determines q", "1/q has no zero entry", "ρ has no zero entry", "rank O = k", "T^1 invertible", "the read-back returns the point itself"],
  },
];

describe("readBack: method and conditions of each case", () => {
  for (const c of CASES) {
    it(`${c.init}, ${c.task}: established, with exactly its own method and conditions (hmm k=2, d=3)`, () => {
      for (const seed of [3, 4, 6]) {
        const spec = hmm(2, 3, c.init);
        const p = rationalPoint(spec, new Rng(seed));
        const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask(c.task)));
        expect(rb.established, `seed ${seed}: ${rb.reason}`).toBe(true);
        expect(rb.method).toBe(c.method);
        expect(rb.conditions.map((x) => x.name)).toEqual(c.conditions);
        expect(rb.conditions.every((x) => x.holds)).toBe(true);
        expect(rb.reason).toBe(`the CP factors of ${c.task} determine (π, T, O) (${c.method}); every non-degeneracy condition holds exactly at this point, hence generically`);
      }
    });
  }
});

describe("readBack: degenerate points and inconsistent factors fail a named condition instead of throwing", () => {
  const O: Rational[][] = [[r(1, 2), r(1, 5)], [r(1, 4), r(1, 5)], [r(1, 4), r(3, 5)]];

  it("T = I (stationary, x1 -> x2 ⊗ x3): every law is stationary, so the read-back reports a non-unique stationary law", () => {
    const spec = hmm(2, 3, "stationary");
    const p: Parameters<Rational> = { pi: [r(1, 3), r(2, 3)], T: [[r(1), r(0)], [r(0), r(1)]], emission: O };
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x1 -> x2 ⊗ x3")));
    expect(rb).toEqual({
      established: false,
      method: "O = E_M, T = O⁺ E_R, π = the stationary law of T",
      conditions: [
        { name: "rank O = k", holds: true, detail: "rank O = 2, k = 2" },
        { name: "T has a unique stationary law", holds: false, detail: "(T − I, 1ᵀ) system singular at this point" },
      ],
      reason: "the stationary law of T is not unique",
    });
  });

  it("T = I (stationary, x3 -> x1 ⊗ x2): the reversed chain K = I has no unique stationary law either", () => {
    const spec = hmm(2, 3, "stationary");
    const p: Parameters<Rational> = { pi: [r(1, 3), r(2, 3)], T: [[r(1), r(0)], [r(0), r(1)]], emission: O };
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x3 -> x1 ⊗ x2")));
    expect(rb.established).toBe(false);
    expect(rb.reason).toBe("the stationary law of the reversed chain is not unique");
    expect(rb.conditions.at(-1)).toEqual({ name: "K has a unique stationary law", holds: false, detail: "(K − I, 1ᵀ) system singular at this point" });
  });

  it("a first predicted factor outside the column space of O (x3 -> x1 ⊗ x2) is reported as inconsistent factors", () => {
    for (const init of ["stationary", "free"] as const) {
      const spec = hmm(2, 3, init);
      const p = rationalPoint(spec, new Rng(7));
      const f = cpFactors(Q, spec, p, parseTask("x3 -> x1 ⊗ x2"));
      // E_L = A (x1 is predicted first); the columns e_1 and e_2 do not lie in the span of O's two generic columns.
      const A = [[r(1), r(0)], [r(0), r(1)], [r(0), r(0)]];
      const rb = readBack(Q, spec, p, { ...f, A });
      expect(rb.established).toBe(false);
      expect(rb.method).toBe("O = E_M, K = O⁺ E_L");
      expect(rb.reason).toBe("E_L is not in the column space of O (inconsistent factors)");
      expect(rb.conditions.map((c) => c.name)).toEqual(["rank O = k"]);
    }
  });

  it("a last factor outside the column space of O (x1 -> x2 ⊗ x3) is reported as inconsistent factors", () => {
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(7));
    const f = cpFactors(Q, spec, p, parseTask("x1 -> x2 ⊗ x3"));
    const B = [[r(1), r(0)], [r(0), r(1)], [r(0), r(0)]];
    const rb = readBack(Q, spec, p, { ...f, B });
    expect(rb.established).toBe(false);
    expect(rb.method).toBe("O = E_M, T = O⁺ E_R");
    expect(rb.reason).toBe("E_R is not in the column space of O (inconsistent factors)");
  });

  it("free init with d = k and the last token given: the (u, Z) system has more than a line of solutions, and the reason says d > k is needed", () => {
    const spec = hmm(2, 2, "free");
    const p = rationalPoint(spec, new Rng(3));
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x3 -> x1 ⊗ x2")));
    expect(rb.established).toBe(false);
    expect(rb.reason).toBe("the linear read-back needs d > k for free init with the last token given");
    expect(rb.conditions.map((c) => [c.name, c.holds])).toEqual([["rank O = k", true], ["linear system in (u, Z) determines Z", false]]);
  });

  it("Gaussian emissions and non-consecutive positions are declined up front, with no condition checked", () => {
    const g = { family: "ghmm", states: 2, symbols: 2, init: "stationary", sigma: 1 } as const;
    const gp = randomFloatPoint(g, new Rng(1)).params;
    const gf = cpFactors(floatField, g, gp, parseTask("x2 -> x1 ⊗ x3"), [[0, 0], [1, 1], [2, 0]]);
    const gaussian = readBack(floatField, g, gp, gf);
    expect([gaussian.established, gaussian.method, gaussian.conditions]).toEqual([false, "none", []]);
    expect(gaussian.reason).toMatch(/^Gaussian emissions: /);
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(3));
    const gap = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x4")));
    expect([gap.established, gap.method, gap.conditions]).toEqual([false, "none", []]);
    expect(gap.reason).toMatch(/^the positions of x2 -> x1 ⊗ x4 are not consecutive/);
  });

  it("a denominator that vanishes outside the guarded steps ends the read-back as interrupted, with a failed condition, not a throw", () => {
    // Q whose division always fails: the read-back must turn the DivisionByZero into a named failure.
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(3));
    const f = cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"));
    const noDivision: Field<Rational> = { ...Q, div: () => { throw new DivisionByZero("test"); } };
    expect(readBack(noDivision, spec, p, f)).toEqual({
      established: false,
      method: "interrupted",
      conditions: [{ name: "no vanishing denominator", holds: false, detail: "a denominator vanished at this point" }],
      reason: "a denominator vanished at this point",
    });
  });

  it("errors other than a vanishing denominator propagate (malformed factors are a caller bug, not a degenerate point)", () => {
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(3));
    const f = cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"));
    expect(() => readBack(Q, spec, p, { ...f, C: [] })).toThrow(RangeError);
  });
});

describe("readBack: the final comparison checks each of π, T and O", () => {
  // Factors computed at a point p' that differs from p in one component only: the read-back
  // reproduces p' there, so the comparison with p must fail on that component alone.
  const O: Rational[][] = [[r(1, 2), r(1, 5)], [r(1, 4), r(1, 5)], [r(1, 4), r(3, 5)]];
  const T: Rational[][] = [[r(2, 3), r(1, 4)], [r(1, 3), r(3, 4)]];
  const MISMATCH = { name: "the read-back returns the point itself", holds: false, detail: "MISMATCH: the read-back formulas disagree with the point (a derivation bug)" };
  const expectMismatch = (rb: ReturnType<typeof readBack>) => {
    expect(rb.established).toBe(false);
    expect(rb.conditions.at(-1)).toEqual(MISMATCH);
    expect(rb.conditions.slice(0, -1).every((c) => c.holds)).toBe(true);
    expect(rb.reason).toBe("a condition failed: the read-back returns the point itself");
  };

  it("only π differs (free init, x1 -> x2 ⊗ x3)", () => {
    const spec = hmm(2, 3, "free");
    const p: Parameters<Rational> = { pi: [r(1, 3), r(2, 3)], T, emission: O };
    const other = { ...p, pi: [r(3, 4), r(1, 4)] };
    expectMismatch(readBack(Q, spec, p, cpFactors(Q, spec, other, parseTask("x1 -> x2 ⊗ x3"))));
  });

  it("only T differs: the lazy chain (T + I)/2 has the same stationary law (stationary, x1 -> x2 ⊗ x3)", () => {
    const spec = hmm(2, 3, "stationary");
    const pi = stationaryLaw(Q, T);
    const lazy = T.map((row, i) => row.map((x, j) => Q.div(Q.add(x, i === j ? Q.one : Q.zero), r(2))));
    const p: Parameters<Rational> = { pi, T, emission: O };
    expectMismatch(readBack(Q, spec, p, cpFactors(Q, spec, { pi, T: lazy, emission: O }, parseTask("x1 -> x2 ⊗ x3"))));
  });

  it("only O differs (stationary, x1 -> x2 ⊗ x3)", () => {
    const spec = hmm(2, 3, "stationary");
    const pi = stationaryLaw(Q, T);
    const p: Parameters<Rational> = { pi, T, emission: O };
    const O2 = [[r(1, 3), r(1, 5)], [r(1, 3), r(1, 5)], [r(1, 3), r(3, 5)]];
    expectMismatch(readBack(Q, spec, p, cpFactors(Q, spec, { pi, T, emission: O2 }, parseTask("x1 -> x2 ⊗ x3"))));
  });

  it("when it holds, its detail says exact equality of π, T, O", () => {
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(3));
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x1 -> x2 ⊗ x3")));
    expect(rb.conditions.at(-1)).toEqual({ name: "the read-back returns the point itself", holds: true, detail: "exact equality of π, T, O" });
  });
});

describe("readBack: more degenerate points and inconsistent factors", () => {
  it("a gap on either side makes the positions not consecutive: x1 -> x2 ⊗ x4 and x1 -> x3 ⊗ x4 are declined", () => {
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(3));
    for (const text of ["x1 -> x2 ⊗ x4", "x1 -> x3 ⊗ x4"]) {
      const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask(text)));
      expect([rb.established, rb.method, rb.conditions]).toEqual([false, "none", []]);
      expect(rb.reason.startsWith(`the positions of ${text} are not consecutive`)).toBe(true);
    }
  });

  it("an invertible T at a later position is recorded as a holding condition with its detail", () => {
    const spec = hmm(2, 3, "free");
    const p = rationalPoint(spec, new Rng(4));
    const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask("x2 -> x3 ⊗ x4")));
    expect(rb.established).toBe(true);
    expect(rb.conditions.find((c) => c.name === "T^1 invertible")).toEqual({ name: "T^1 invertible", holds: true, detail: "π_2 = T^1 π has a unique solution" });
  });

  it("middle token given, stationary: factors with no consistent law q fail the shift-invariance condition", () => {
    const spec = hmm(2, 3, "stationary");
    const p = rationalPoint(spec, new Rng(3));
    const f = cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"));
    const C = [[r(1, 2), r(1, 2)], [r(1, 9), r(8, 9)], [r(5, 7), r(2, 7)]];
    const rb = readBack(Q, spec, p, { ...f, C });
    expect(rb.established).toBe(false);
    expect(rb.reason).toBe("the law of the given token is not determined by these equations");
    expect(rb.conditions.map((c) => [c.name, c.holds])).toEqual([["shift-invariance system determines q", false]]);
  });
});
