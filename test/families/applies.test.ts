import { describe, expect, it } from "vitest";
import { applicableFamilies, explainingFamily } from "../../src/families/applies.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import { ghmmSpec, hmmSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const ALL_PAIRWISE = parseTaskSet("x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2");
const names = (fs: { family: string; dimension: number }[]) => fs.map((f) => `${f.family}:${f.dimension}`);

describe("applicableFamilies", () => {
  it("names the families of docs/math.md §7 with their measured dimensions", () => {
    expect(names(applicableFamilies(hmmSpec(3, 4), parseTaskSet("x1 -> x2")))).toEqual(["W1:6", "W2:3"]);
    expect(names(applicableFamilies(hmmSpec(3, 4, "free"), parseTaskSet("x2 -> x1")))).toEqual(["W1:6"]);
    expect(names(applicableFamilies(hmmSpec(3, 3), ALL_PAIRWISE))).toEqual(["W2:3"]);
    expect(names(applicableFamilies(hmmSpec(2, 2), parseTaskSet("x1 -> x3")))).toEqual(["W2:1", "Claim 1:0"]);
    expect(names(applicableFamilies(ghmmSpec(3, 3, "free"), parseTaskSet("x1 -> x2")))).toEqual(["W3:2"]);
  });

  it("names none where no construction keeps the predictions", () => {
    expect(applicableFamilies(hmmSpec(3, 4, "free"), ALL_PAIRWISE)).toEqual([]);
    expect(applicableFamilies(hmmSpec(3, 4), parseTaskSet("x2 -> x1 ⊗ x3"))).toEqual([]);
    expect(applicableFamilies(ghmmSpec(3, 3), parseTaskSet("x1 -> x2"))).toEqual([]);
    expect(applicableFamilies(ghmmSpec(3, 3, "free"), parseTaskSet("x1 -> x2; x1 -> x3"))).toEqual([]);
  });
});

describe("explainingFamily and the analysis's familyProof", () => {
  it("is a family only when its dimension equals the fiber dimension", () => {
    const spec = hmmSpec(3, 4);
    const tasks = parseTaskSet("x1 -> x2");
    expect(explainingFamily(spec, tasks, 6)?.family).toBe("W1");
    expect(explainingFamily(spec, tasks, 3)?.family).toBe("W2");
    expect(explainingFamily(spec, tasks, 7)).toBeNull();
    expect(explainingFamily(spec, tasks, 0)).toBeNull();
  });

  it("the analysis attaches it when the fiber is explained, and not otherwise", () => {
    const w1 = analyse(hmmSpec(3, 3), parseTaskSet("x1 -> x2"));
    expect(w1.verdict).toBe("not identifiable");
    if (w1.verdict !== "not identifiable") return;
    expect(w1.familyProof).toMatchObject({ family: "W1", dimension: w1.fiberDimension });
    // x1 -> x3: W2 (dimension 1) lies inside a fiber of dimension 2, so it proves non-identifiability but not the whole fiber.
    const lag2 = analyse(hmmSpec(2, 2), parseTaskSet("x1 -> x3"));
    expect(lag2.verdict === "not identifiable" && lag2.fiberDimension).toBe(2);
    expect(lag2.verdict === "not identifiable" && lag2.familyProof).toBeNull();
  });
});
