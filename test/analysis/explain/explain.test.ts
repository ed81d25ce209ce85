import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/base/errors.ts";
import { explain, explainTaskSet } from "../../../src/analysis/explain/explain.ts";
import { ghmmSpec, hmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";

describe("explain", () => {
  it("x1 -> x2 (stationary, k=3, d=5): rank 12, ≡ P(x1, x2), fiber 6 = W1, with a small miss probability", () => {
    const r = explain(hmmSpec(3, 5), parseTaskSet("x1 -> x2"), { seed: 1 });
    expect(r).toMatchObject({ rank: 12, fiberDimension: 6, parameterCount: 18 });
    expect(r.observables).toMatchObject({ equivalent: true, maximal: ["P(x1, x2)"] });
    expect(r.families.find((f) => f.family === "W1")!.isFiber).toBe(true);
    expect(r.fiber.vectors).toHaveLength(6);
    expect(r.generic.fullRankProof).toBe(false);
    expect(r.generic.probability).toBeGreaterThan(0);
    expect(r.generic.probability).toBeLessThan(1e-3);
  });

  it("a full-rank task set: rank n is a proof, no fiber", () => {
    const r = explain(hmmSpec(2, 3), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1 });
    expect(r).toMatchObject({ rank: 6, fiberDimension: 0, generic: { fullRankProof: true } });
    expect(r.observables.maximal).toEqual(["P(x1, x2, x3)"]);
  });

  it("the exact analysis refuses Gaussian emissions; explainTaskSet sends them to the numerical one", () => {
    expect(() => explain(ghmmSpec(2, 2), parseTaskSet("x1 -> x2"), { seed: 1 })).toThrow(InputError);
    expect(() => explain(ghmmSpec(2, 2), parseTaskSet("x1 -> x2"), { seed: 1 })).toThrow(/explainTaskSet\(\) also takes Gaussian ones/);
    expect(explainTaskSet(ghmmSpec(2, 2), parseTaskSet("x1 -> x2"), { seed: 1 }).kind).toBe("explain-gaussian");
    expect(explainTaskSet(hmmSpec(2, 3), parseTaskSet("x1 -> x2"), { seed: 1 }).kind).toBe("explain");
  });
});
