import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { Rng } from "../../src/base/random.ts";
import { CORROBORATION_ROWS, MAX_CORROBORATED_COLUMNS, corroboratesOnBlock, corroborationTrial, skippedCorroboration } from "../../src/identify/float-corroboration.ts";
import { DIRECT_MAX_LENGTH } from "../../src/identify/direct-jacobian.ts";
import { summaryRowCount } from "../../src/identify/jacobian.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type ModelSpec, hmmSpec, parameterCount } from "../../src/model/spec.ts";
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
    expect(trial.designPoints).toBeNull(); // discrete emissions: no Gaussian design
  });

  it("draws its block of rows without repeats and lists them in ascending order, as the rank evidence states them", () => {
    const spec = hmmSpec(2, 8);
    const tasks = parseTaskSet("x1 -> x2");
    const rng = new Rng(3);
    const trial = corroborationTrial(spec, tasks, randomFloatPoint(spec, rng), "random point 1", rng);
    const used = trial.at.rowsUsed;
    expect(used).toHaveLength(Math.ceil(CORROBORATION_ROWS * parameterCount(spec)));
    expect(used).toEqual([...new Set(used)].sort((a, b) => a - b));
    expect(used.every((i) => i >= 0 && i < summaryRowCount(spec, tasks, parameterCount(spec)))).toBe(true);
  });

  it("beyond its column limit, says why no float point is taken, naming n, the limit and the cost", () => {
    // An analysis reaches this only past n = 2000, where its exact proof is too slow for a unit test.
    expect(skippedCorroboration(2040)).toBe(
      `no float corroboration: with n = 2040 > ${MAX_CORROBORATED_COLUMNS} parameters its singular values (~3.7·n³ flops per point) ` +
        "would cost several times the exact proof, which does not depend on them",
    );
  });

  it("leaves summaries of at most 6n rows to the full float treatment (two points)", () => {
    const result = analyse(hmmSpec(3, 3), parseTaskSet("x2 -> x1 ⊗ x3")); // 27 rows ≤ 6·12
    expect(result.verdict).toBe("identifiable");
    expect(result.evidence.float.filter((f) => f.decided).length).toBeGreaterThanOrEqual(2);
  });
});

describe("corroboratesOnBlock: a block only for tall discrete summaries with direct rows", () => {
  const rowsOver6n = (spec: ModelSpec, text: string) => summaryRowCount(spec, parseTaskSet(text), parameterCount(spec)) / parameterCount(spec);

  it("needs more than 6n rows: exactly 6n is not tall", () => {
    const spec = hmmSpec(2, 2); // n = 4
    expect(rowsOver6n(spec, "x1, x2, x3 -> x4; x1, x2 -> x3")).toBe(6);
    expect(corroboratesOnBlock(spec, parseTaskSet("x1, x2, x3 -> x4; x1, x2 -> x3"))).toBe(false);
    expect(rowsOver6n(spec, "x1, x2, x3, x4 -> x5")).toBe(8);
    expect(corroboratesOnBlock(spec, parseTaskSet("x1, x2, x3, x4 -> x5"))).toBe(true);
  });

  it("never for Gaussian emissions or tasks longer than the direct rows reach, however tall", () => {
    const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
    expect(rowsOver6n(ghmm, "x1 -> x2 ⊗ x3 ⊗ x4 ⊗ x5")).toBeGreaterThan(6);
    expect(corroboratesOnBlock(ghmm, parseTaskSet("x1 -> x2 ⊗ x3 ⊗ x4 ⊗ x5"))).toBe(false);
    const long = `x1, x2, x3, x4 -> x${DIRECT_MAX_LENGTH + 1}`;
    expect(rowsOver6n(hmmSpec(2, 2), long)).toBeGreaterThan(6);
    expect(corroboratesOnBlock(hmmSpec(2, 2), parseTaskSet(long))).toBe(false);
    // A task of exactly DIRECT_MAX_LENGTH positions still has direct rows.
    expect(corroboratesOnBlock(hmmSpec(2, 2), parseTaskSet(`x1, x2, x3, x4 -> x${DIRECT_MAX_LENGTH}`))).toBe(true);
  });
});
