import { describe, expect, it } from "vitest";
import { ghmmSpec, hmmSpec } from "../../src/model/spec.ts";
import { renderPredictorTable, renderSymbolicPredictor } from "../../src/report/predictor-text.ts";
import { closedFormFor } from "../../src/symbolic/closed-forms.ts";
import { parseTask } from "../../src/task/parse.ts";

describe("predictor renderers", () => {
  it("a table: the task, the point and the output order, then a row per input (1-based symbols)", () => {
    const task = parseTask("x1, x3 -> x2");
    const text = renderPredictorTable(task, "p.json", [
      { given: [0, 1], values: [0.25, 0.75] },
      { given: [1, 0], values: [0.5, 0.5] },
    ]);
    expect(text.split("\n")).toEqual(["x1, x3 -> x2 at p.json; outputs in order of x2:", "  x1=1,x3=2: 0.250000 0.750000", "  x1=2,x3=1: 0.500000 0.500000"]);
  });

  it("symbolic, without a closed form or an expansion: says so", () => {
    const text = renderSymbolicPredictor({ spec: ghmmSpec(2, 1, "free"), task: parseTask("x2 -> x1"), form: null });
    expect(text.split("\n")).toEqual([
      "x2 -> x1 for ghmm (k=2, d=1, free π), parameters named pi_i, T_ij, M_aj (1-based)",
      "closed form: none recorded for this task; the expansion below comes from forward–backward",
      "entries: Gaussian predictors involve exp and are not expanded symbolically",
    ]);
  });

  it("symbolic with a closed form: the formula, its where-lines, and a check that disagrees in capitals", () => {
    const spec = hmmSpec(2, 2);
    const task = parseTask("x1 -> x2");
    const form = closedFormFor(spec, task)!;
    const text = renderSymbolicPredictor({ spec, task, form, check: { agrees: false, entries: 4, method: "symbolic" } });
    expect(text).toContain(`closed form:\n  ${form.latex}`);
    expect(text).toContain("check against forward–backward: DISAGREES on 4 entries (symbolic)");
    expect(text).not.toContain("entries (forward–backward over symbols):");
  });
});
