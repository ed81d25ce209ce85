import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/base/random.ts";
import { type Window, candidateWindows, lawJacobianRows, observableEquivalence } from "../../../src/analysis/explain/observables.ts";
import { exactRankTrial } from "../../../src/identify/exact-trial.ts";
import { type ModelSpec, hmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";

const PAIRWISE = "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2";

function explainLaws(spec: ModelSpec, text: string, lawRows?: (field: ReturnType<typeof exactRankTrial>["field"], theta: readonly number[], w: Window) => ArrayLike<number>[]) {
  const tasks = parseTaskSet(text);
  const trial = exactRankTrial(spec, tasks, new Rng(5));
  const rows = lawRows && ((w: Window) => lawRows(trial.field, trial.theta, w));
  return observableEquivalence(trial.field, spec, trial.theta, tasks, trial.echelon, rows);
}

describe("observable equivalence", () => {
  it("candidates are the windows of up to three of the task set's positions", () => {
    expect(candidateWindows(parseTaskSet("x2 -> x1 ⊗ x3"))).toEqual([[1], [2], [3], [1, 2], [1, 3], [2, 3], [1, 2, 3]]);
    expect(candidateWindows(parseTaskSet("x1 -> x4"))).toEqual([[1], [4], [1, 4]]);
  });

  it("x1 -> x2 (stationary, k=3, d=5) ≡ P(x1, x2): rank 12 of 18", () => {
    const o = explainLaws(hmmSpec(3, 5), "x1 -> x2");
    expect(o).toMatchObject({ maximal: ["P(x1, x2)"], smallest: ["P(x1, x2)"], equivalent: true, taskRank: 12, explainedRank: 12 });
  });

  it("the six pairwise tasks (stationary) ≡ the three pair laws, and not the three-token law", () => {
    const o = explainLaws(hmmSpec(3, 3), PAIRWISE);
    expect(o.maximal).toEqual(["P(x1, x2)", "P(x1, x3)", "P(x2, x3)"]);
    expect(o.equivalent).toBe(true);
    // Stationary: P(x2, x3) is the same function as P(x1, x2), so two laws suffice.
    expect(o.smallest).toEqual(["P(x1, x2)", "P(x1, x3)"]);
    expect(o.candidates.find((c) => c.law === "P(x1, x2, x3)")!.implied).toBe(false);
  });

  it("x2 -> x1 ⊗ x3 ≡ P(x1, x2, x3) (full rank)", () => {
    const o = explainLaws(hmmSpec(3, 5), "x2 -> x1 ⊗ x3");
    expect(o).toMatchObject({ maximal: ["P(x1, x2, x3)"], equivalent: true, taskRank: 18 });
  });

  // Dropping one row, or all rows of one x1 value, leaves the rank (the rows of a law sum to
  // zero, and the rows of P(x1, x2) have rank 12 in 25), so the planted bug keeps only those of x1 = 1.
  it("a planted bug — the law's Jacobian cut to the rows of x1 = 1 — breaks x1 -> x2 ≡ P(x1, x2)", () => {
    const d = 5;
    const dropped = explainLaws(hmmSpec(3, d), "x1 -> x2", (field, theta, w) => {
      const rows = lawJacobianRows(field, hmmSpec(3, d), theta, w);
      return w.length === 2 ? rows.slice(0, d) : rows;
    });
    expect(dropped.equivalent && dropped.maximal.join() === "P(x1, x2)").toBe(false);
  });
});
