import { beforeEach, describe, expect, it, vi } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { exactRankTrial } from "../../src/identify/exact-trial.ts";
import { PRIME_POINT_ATTEMPTS } from "../../src/model/random-point.ts";
import { type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

// No model met in practice has a denominator vanishing at every random point of F_p^n, so
// the Jacobian is made to fail on its first calls: the trial must draw a new prime and
// point each time, count the redraws, and give up with a message after its attempts.
const jacobianCalls = vi.hoisted(() => ({ count: 0, failures: 0, error: (): Error => new Error("unused") }));
vi.mock("../../src/identify/direct-jacobian.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/identify/direct-jacobian.ts")>();
  const { failingFirst } = await import("../helpers/failing-calls.ts");
  return { ...original, directJacobianAt: failingFirst(original.directJacobianAt, jacobianCalls) };
});

const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 1 };
const tasks = parseTaskSet("x1, x2 -> x3");

describe("exactRankTrial at points where a denominator vanishes", () => {
  beforeEach(() => {
    jacobianCalls.count = 0;
    jacobianCalls.error = () => new DivisionByZero("F_p");
  });

  it("draws another prime and point after each vanishing denominator and counts the redraws", () => {
    jacobianCalls.failures = 2;
    const trial = exactRankTrial(spec, tasks, new Rng(5));
    expect(trial.evidence.resampled).toBe(2);
    expect(trial.evidence.rank).toBe(parameterCount(spec));
    expect(jacobianCalls.count).toBe(3);
  });

  it(`gives up after ${PRIME_POINT_ATTEMPTS} points, saying so`, () => {
    jacobianCalls.failures = Infinity;
    expect(() => exactRankTrial(spec, tasks, new Rng(5))).toThrow(`no point of F_p^n without a vanishing denominator in ${PRIME_POINT_ATTEMPTS} tries`);
    expect(jacobianCalls.count).toBe(PRIME_POINT_ATTEMPTS);
  });

  it("lets any other error through at once", () => {
    jacobianCalls.failures = Infinity;
    jacobianCalls.error = () => new RangeError("not a division by zero");
    expect(() => exactRankTrial(spec, tasks, new Rng(5))).toThrow(RangeError);
    expect(jacobianCalls.count).toBe(1);
  });
});
