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
    for (const label of ["π", "T\\[1,·\\]", "T\\[2,·\\]", "O\\[1,·\\]", "O\\[3,·\\]"]) expect(text).toMatch(new RegExp(`^ {2}${label} +[✓✗?]`, "m"));
  });

  it("the entry grid: states 1..k over the columns, a label per row, derived entries starred", () => {
    const lines = renderAnalysis(analyse(hmmSpec(3, 2), parseTaskSet("x1 -> x2"))).split("\n");
    const top = lines.findIndex((l) => l.startsWith("parameters ("));
    expect(lines.slice(top + 1, top + 8)).toEqual([
      "  state   1  2  3",
      "  π       ✗* ✗* ✗*",
      "  T[1,·]  ✗  ✗  ✗",
      "  T[2,·]  ✗  ✗  ✗",
      "  T[3,·]  ✗* ✗* ✗*",
      "  O[1,·]  ✗  ✗  ✗",
      "  O[2,·]  ✗* ✗* ✗*",
    ]);
  });

  it("a global proof is the headline, the local rank after it", () => {
    const text = renderAnalysis(analyse(hmmSpec(2, 3), parseTaskSet("x2 -> x1 ⊗ x3"), { global: { starts: 4 } }), 200);
    expect(text).toMatch(/^verdict: globally identifiable \(generically\) — proof: Kruskal, exact; rank 6 of 6, fiber dimension 0$/m);
  });

  for (const width of [80, 100]) {
    it(`at width ${width} no line is wider than ${width}, except one unbreakable token; long lines hang under their start`, () => {
      const global = renderAnalysis(analyse(hmmSpec(2, 3), parseTaskSet("x2 -> x1 ⊗ x3"), { global: { starts: 4 } }), width);
      const witness = renderAnalysis(analyse(hmmSpec(3, 4), parseTaskSet("x1 -> x2"), { witness: true }), width);
      for (const text of [global, witness]) {
        for (const line of text.split("\n")) {
          if ([...line].length > width) expect(line.trim(), line).not.toContain(" ");
        }
      }
      expect(global).toMatch(/^ {2}Proven \(exact, generic\): .*\n {6}\S/m);
      expect(global).toMatch(/^ {2}float rank at random point 1: .*\n {6}\S/m);
    });
  }

  it("a non-identifiable task set: the fiber dimension and a witness with its distance", () => {
    const text = renderAnalysis(analyse(hmmSpec(2, 2), parseTaskSet("x1 -> x2"), { witness: true }), 200);
    expect(text).toMatch(/^verdict: not identifiable \(locally, generically\) — rank 2 of 4, fiber dimension 2; proof: exact rank mod p ≥ 2, family W1 \(dimension 2\) ≤ 2$/m);
    expect(text).toMatch(/^ {2}exact rank mod \d+: 2 of 4 /m);
    expect(text).toMatch(/^ {2}upper bound: rank ≤ n − 2 = 2 generically: family W1 of dimension 2 lies in every fiber$/m);
    expect(text).toMatch(/^ {2}proof: explicit family of dimension 2 = n − rank, so it is the whole fiber: W1 /m);
    // Both bounds are proven, so no float point and no probability enter the verdict.
    expect(text).toMatch(/^ {2}note: float: not needed — rank 2 proven exactly/m);
    expect(text).not.toMatch(/Schwartz–Zippel/);
    expect(text).toMatch(/^witness: two valid parameter points with the same predictions/m);
    expect(text).toMatch(/^ {2}distance modulo relabelling: /m);
    expect(text).toMatch(/^ {2}0 identifiable, 10 not, 0 undecided, of 10 entries$/m);
  });

  it("a non-identifiable verdict no family explains carries no family proof", () => {
    const text = renderAnalysis(analyse(hmmSpec(2, 2, "free"), parseTaskSet("x1 -> x2; x1 -> x3")), 200);
    expect(text).toMatch(/^verdict: not identifiable \(locally, generically\) — rank \d+ of \d+, fiber dimension \d+$/m);
    expect(text).not.toMatch(/explicit family/);
  });
});
