import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { Rng } from "../../src/base/random.ts";
import { CORROBORATION_ROWS, corroborationTrial } from "../../src/identify/float-corroboration.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { hmmSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

describe("float corroboration of an exact proof", () => {
  it("is one decided full rank on a block of ⌈1.25·n⌉ rows of a large summary", () => {
    const spec = hmmSpec(4, 8);
    const result = analyse(spec, parseTaskSet("x2 -> x1 ⊗ x3"));
    const n = parameterCount(spec);
    expect(result.verdict).toBe("identifiable");
    expect(result.evidence.exact[0].rank).toBe(n);
    expect(result.evidence.float).toHaveLength(1);
    const [f] = result.evidence.float;
    expect(f.decided).toBe(true);
    expect(f.rank).toBe(n);
    expect(f.rowsUsed).toBe(Math.ceil(CORROBORATION_ROWS * n));
    expect(f.rows).toBe(512);
  });

  it("reports a block below full rank as undecided, never as a drop", () => {
    const spec = hmmSpec(2, 8);
    const tasks = parseTaskSet("x1 -> x2"); // rank-deficient: no block can be full rank
    const rng = new Rng(3);
    const trial = corroborationTrial(spec, tasks, randomFloatPoint(spec, rng), "random point 1", rng);
    expect(trial.rank.rank).toBeLessThan(parameterCount(spec));
    expect(trial.rank.decided).toBe(false);
    expect(trial.evidence.decided).toBe(false);
    expect(trial.evidence.reason).toMatch(/no evidence of a drop/);
  });

  it("leaves summaries of at most 6n rows to the full float treatment (two points)", () => {
    const result = analyse(hmmSpec(3, 3), parseTaskSet("x2 -> x1 ⊗ x3")); // 27 rows ≤ 6·12
    expect(result.verdict).toBe("identifiable");
    expect(result.evidence.float.filter((f) => f.decided).length).toBeGreaterThanOrEqual(2);
  });
});
