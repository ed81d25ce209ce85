import { describe, expect, it } from "vitest";
import { runClaims } from "../../src/claims/run-claims.ts";
import { validateClaims } from "../../src/claims/validate-claims.ts";
import { CLAIMS_TABLE_HEADER, renderClaimCheck, renderClaimsSummary } from "../../src/report/claims-text.ts";

const [claim] = validateClaims(
  [
    {
      id: "pairwise-small",
      source: { kind: "paper", where: "§3" },
      statement: "x1 -> x2 does not identify a discrete HMM.",
      family: "hmm",
      init: "stationary",
      tasks: "x1 -> x2",
      expected: "not identifiable",
      fiber: { atLeast: "k*(k-1)/2" },
      sizes: [{ states: 2, symbols: 2 }],
      proof: "pairwise-w1",
    },
  ],
  "test claims",
);
const report = runClaims([claim]);

describe("claims renderers", () => {
  it("a row gives claim, size, verdict, fiber, agreement, evidence and time, under labelled columns", () => {
    expect(CLAIMS_TABLE_HEADER.split(/ +/)).toEqual(["claim", "size", "verdict", "fiber", "agrees?", "evidence"]);
    const row = renderClaimCheck(report.checks[0]);
    expect(row).toMatch(/^pairwise-small +k=2 d=2 +not identifiable +fiber 2 +\(expected fiber ≥ 1\) +agrees +rank /);
    expect(row).toMatch(/\[\d+\.\d\d s\]$/);
    expect(row.indexOf("k=2")).toBe(CLAIMS_TABLE_HEADER.indexOf("size"));
  });

  it("the summary counts the checks and lists each claim with its source and proof", () => {
    const lines = renderClaimsSummary(report).split("\n");
    expect(lines[0]).toBe("1 checks of 1 claims: 1 agree, 0 contradicted, 0 inconclusive (seed 20221128)");
    expect(lines[1]).toBe("  pairwise-small: x1 -> x2 does not identify a discrete HMM. [paper: §3; proof: proofs/pairwise-w1.ts]");
  });
});
