import { beforeEach, describe, expect, it, vi } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { PRIME_POINT_ATTEMPTS } from "../../src/model/random-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { kruskalEvidence } from "../../src/uniqueness/kruskal-evidence.ts";
import { parseTask } from "../../src/task/parse.ts";

// The CP factors are made to fail on their first evaluations (no real model has a
// denominator vanishing at every random exact point): the exact trial must draw again,
// record the redraws, and give up with a message after its attempts, in both fields.
const factorCalls = vi.hoisted(() => ({ count: 0, failures: 0, error: (): Error => new Error("unused") }));
vi.mock("../../src/uniqueness/cp-factors.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/uniqueness/cp-factors.ts")>();
  const { failingFirst } = await import("../helpers/failing-calls.ts");
  return { ...original, cpFactors: failingFirst(original.cpFactors, factorCalls) };
});

const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 1 };
const task = parseTask("x2 -> x1 ⊗ x3");

describe.each(["prime", "rational"] as const)("kruskalEvidence's exact trial over %s points where a denominator vanishes", (exactField) => {
  beforeEach(() => {
    factorCalls.count = 0;
    factorCalls.error = () => new DivisionByZero(exactField);
  });

  it("draws another point after each vanishing denominator and counts the redraws", () => {
    factorCalls.failures = 3;
    const e = kruskalEvidence(spec, null, task, { seed: 4, exactField, exactTrials: 1 });
    expect(e.exact!.resampled).toBe(3);
    expect(e.exact!.holds).toBe(true);
    expect(factorCalls.count).toBe(4);
  });

  it(`gives up after ${PRIME_POINT_ATTEMPTS} points, saying so`, () => {
    factorCalls.failures = Infinity;
    expect(() => kruskalEvidence(spec, null, task, { seed: 4, exactField, exactTrials: 1 })).toThrow(
      `kruskalEvidence: no exact point without a vanishing denominator in ${PRIME_POINT_ATTEMPTS} tries`,
    );
    expect(factorCalls.count).toBe(PRIME_POINT_ATTEMPTS);
  });

  it("lets any other error through at once", () => {
    factorCalls.failures = Infinity;
    factorCalls.error = () => new RangeError("not a division by zero");
    expect(() => kruskalEvidence(spec, null, task, { seed: 4, exactField, exactTrials: 1 })).toThrow(RangeError);
    expect(factorCalls.count).toBe(1);
  });
});
