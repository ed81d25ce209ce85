import { describe, expect, it } from "vitest";
import type { ProofRun, StepRun } from "../../src/claims/proof.ts";
import { renderProofStep, renderProofTitle, renderProveSummary } from "../../src/report/prove-text.ts";

const step = (passed: boolean, statement: string): StepRun => ({ statement, passed, evidence: "rank 3\nmod 7", seconds: 0.123 });
const run = (name: string, passed: boolean): ProofRun => ({ name, title: "t", passed, steps: [step(passed, "s")] });

describe("prove renderers", () => {
  it("the title line names the proof", () => {
    expect(renderProofTitle({ name: "pairwise-w1", title: "x1 -> x2 does not identify" })).toBe("pairwise-w1: x1 -> x2 does not identify");
  });

  it("a passing step: pass, its 1-based number, the statement's first line without $, its time", () => {
    expect(renderProofStep(step(true, "The rank of $J$ is 3.\nMore detail."), 0)).toBe("  pass  1. The rank of J is 3.  [0.12 s]");
  });

  it("a failing step: FAIL, then its evidence indented beneath", () => {
    expect(renderProofStep(step(false, "Claim."), 2).split("\n")).toEqual(["  FAIL  3. Claim.  [0.12 s]", "        rank 3", "        mod 7"]);
  });

  it("cuts a long statement to 100 characters", () => {
    const line = renderProofStep(step(true, "x".repeat(150)), 0);
    expect(line).toContain(`${"x".repeat(97)}...  [`);
  });

  it("the summary counts passing proofs and names the failing ones", () => {
    expect(renderProveSummary([run("a", true), run("b", true)])).toBe("2 of 2 proofs pass");
    expect(renderProveSummary([run("a", true), run("b", false)])).toBe("1 of 2 proofs pass; failing: b");
  });
});
