import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { hmmSpec } from "../../src/model/spec.ts";
import { renderAnalysis } from "../../src/report/check-text.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

describe("renderAnalysis", () => {
  it("an identifiable task set: model line, verdict, exact and float evidence, the entry table", () => {
    const text = renderAnalysis(analyse(hmmSpec(2, 3), parseTaskSet("x2 -> x1 ⊗ x3")));
    const lines = text.split("\n");
    expect(lines[0]).toBe("model: hmm (k=2, d=3, stationary π); task set: x2 -> x1 ⊗ x3; n = 6 parameters");
    expect(lines[1]).toMatch(/^verdict: identifiable/);
    expect(lines).toContain("evidence:");
    expect(text).toMatch(/^ {2}exact rank mod \d+: 6 of 6/m);
    expect(text).toMatch(/^ {2}float rank at random point 1: 6 /m);
    expect(text).toMatch(/^parameters \(✓ locally identifiable, ✗ moves along the fiber/m);
    for (const label of ["pi", "T", "O"]) expect(text).toMatch(new RegExp(`^ {2}${label} +[✓✗?]`, "m"));
  });

  it("a non-identifiable task set: the fiber dimension and a witness with its distance", () => {
    const text = renderAnalysis(analyse(hmmSpec(2, 2), parseTaskSet("x1 -> x2"), { witness: true }));
    expect(text).toMatch(/^verdict: not identifiable \(locally, generically\) — rank 2 of 4, fiber dimension 2$/m);
    expect(text).toMatch(/^ {2}Schwartz–Zippel: /m);
    expect(text).toMatch(/^witness: two valid parameter points with the same predictions/m);
    expect(text).toMatch(/^ {2}distance modulo relabelling: /m);
    expect(text).toMatch(/^ {2}0 identifiable, 10 not, 0 undecided, of 10 entries$/m);
  });
});
