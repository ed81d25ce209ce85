import { describe, expect, it } from "vitest";
import { applicableFamilies, explainingFamily, largestDirectionCount, largestFamily } from "../../src/families/applies.ts";
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

describe("largestFamily: the upper bound n − f on the generic rank", () => {
  it("is the family of largest measured dimension, and none without one of positive dimension", () => {
    expect(largestFamily(hmmSpec(3, 4), parseTaskSet("x1 -> x2"))).toMatchObject({ family: "W1", dimension: 6 });
    expect(largestFamily(hmmSpec(3, 3), ALL_PAIRWISE)).toMatchObject({ family: "W2", dimension: 3 });
    expect(largestFamily(hmmSpec(2, 2), parseTaskSet("x1 -> x3"))).toMatchObject({ family: "W2", dimension: 1 });
    expect(largestFamily(hmmSpec(3, 4, "free"), ALL_PAIRWISE)).toBeNull();
    expect(largestFamily(hmmSpec(3, 4), parseTaskSet("x2 -> x1 ⊗ x3"))).toBeNull();
    expect([largestDirectionCount(hmmSpec(5, 6), parseTaskSet("x1 -> x2")), largestDirectionCount(hmmSpec(5, 6), ALL_PAIRWISE), largestDirectionCount(hmmSpec(5, 6, "free"), ALL_PAIRWISE)]).toEqual([20, 10, 0]);
  });

  it("proves a drop with one exact trial and no float point when the exact rank meets it, and says so", () => {
    const r = analyse(hmmSpec(8, 16), ALL_PAIRWISE);
    expect(r).toMatchObject({ verdict: "not identifiable", rank: 148, fiberDimension: 28, proof: "exact rank mod p meets a family's bound" });
    expect(r.evidence.rankUpperBound).toMatchObject({ rank: 148, family: "W2", dimension: 28 });
    expect(r.evidence.exact).toHaveLength(1);
    expect(r.evidence.exact[0]).toMatchObject({ rank: 148, columns: 176, rows: 1536 });
    // Reading stopped at the bound: not every row was needed.
    expect(r.evidence.exact[0].rowsSeen).toBeLessThan(1536);
    expect(r.evidence.float).toEqual([]);
    expect(r.evidence.schwartzZippel).toBeNull();
    expect(r.evidence.notes.join(" ")).toMatch(/float: not needed — rank 148 proven exactly: the lower bound by exact rank mod p, the upper bound n − 28 by the W2 family's tangent rank 28/);
    expect(r.verdict === "not identifiable" && r.familyProof).toMatchObject({ family: "W2", dimension: 28 });
  });

  it("runs the float points anyway when their spectra are asked for (check --plot), without letting them move the proven rank", () => {
    const r = analyse(hmmSpec(3, 4), parseTaskSet("x1 -> x2"), { spectra: true });
    expect(r).toMatchObject({ verdict: "not identifiable", rank: 9, proof: "exact rank mod p meets a family's bound" });
    expect(r.evidence.float.length).toBeGreaterThanOrEqual(2);
    for (const f of r.evidence.float) expect(f).toMatchObject({ decided: true, rank: 9 });
    expect(r.evidence.notes.join(" ")).not.toMatch(/float: not needed/);
  });

  it("keeps the float points when the exact rank stays below the bound (the fiber is larger than the family)", () => {
    // x1 -> x3 at k = 2: W2 (dimension 1) inside a fiber of dimension 2.
    const r = analyse(hmmSpec(2, 2), parseTaskSet("x1 -> x3"));
    expect(r).toMatchObject({ verdict: "not identifiable", rank: 2, parameterCount: 4, proof: null });
    expect(r.evidence.rankUpperBound).toMatchObject({ rank: 3, family: "W2", dimension: 1 });
    expect(r.evidence.exact).toHaveLength(3);
    expect(r.evidence.float.length).toBeGreaterThanOrEqual(2);
  });
});
