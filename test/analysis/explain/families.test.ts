import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/base/random.ts";
import { kernelBasis } from "../../../src/analysis/explain/fiber.ts";
import { matchFamilies } from "../../../src/analysis/explain/families.ts";
import { exactRankTrial } from "../../../src/identify/exact-trial.ts";
import { type ModelSpec, hmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";

const PAIRWISE = "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2";

function families(spec: ModelSpec, text: string) {
  const trial = exactRankTrial(spec, parseTaskSet(text), new Rng(11));
  const byName = new Map(matchFamilies(trial.field, spec, trial.theta, trial.jacobian, trial.echelon, kernelBasis(trial.echelon).vectors).map((m) => [m.family, m]));
  return { W1: byName.get("W1")!, W2: byName.get("W2")! };
}

describe("family match", () => {
  it("x1 -> x2 (stationary, k=3, d=5): the 6 free directions are exactly W1", () => {
    const { W1, W2 } = families(hmmSpec(3, 5), "x1 -> x2");
    expect(W1).toMatchObject({ dimension: 6, keeping: 6, fiber: 6, isFiber: true });
    expect(W1.summary).toBe("the 6 free directions are the W1 family (6 directions at this point)");
    expect(W2).toMatchObject({ dimension: 3, keeping: 3, isFiber: false });
  });

  it("x1 -> x2 under free init is still exactly W1", () => {
    expect(families(hmmSpec(3, 4, "free"), "x1 -> x2").W1.isFiber).toBe(true);
  });

  it("the six pairwise tasks (stationary, k=3): the 3 free directions are exactly W2, inside W1", () => {
    const { W1, W2 } = families(hmmSpec(3, 3), PAIRWISE);
    expect(W2).toMatchObject({ dimension: 3, keeping: 3, fiber: 3, isFiber: true });
    expect(W1).toMatchObject({ dimension: 6, keeping: 3, isFiber: false });
  });

  it("an identifying task: no family direction keeps the predictions", () => {
    const { W1, W2 } = families(hmmSpec(2, 3), "x2 -> x1 ⊗ x3");
    expect(W1.keeping).toBe(0);
    expect(W2.keeping).toBe(0);
  });
});
