import { describe, expect, it } from "vitest";
import { runClaims } from "../../src/claims/run-claims.ts";
import { validateClaims } from "../../src/claims/validate-claims.ts";
import { SMALL_CLAIM } from "../helpers/claims.ts";
import { CLAIMS_TABLE_HEADER, renderClaimCheck, renderClaimsSummary } from "../../src/report/claims-text.ts";

const [claim] = validateClaims([{ ...SMALL_CLAIM, source: { kind: "paper", where: "§4" }, proof: "tensor-kruskal" }], "test claims");
const report = runClaims([claim]);

describe("claims renderers", () => {
  it("a row gives claim, size, verdict, fiber, agreement, evidence and time, under labelled columns", () => {
    expect(CLAIMS_TABLE_HEADER.split(/ +/)).toEqual(["claim", "size", "verdict", "fiber", "agrees?", "evidence"]);
    const row = renderClaimCheck(report.checks[0]);
    expect(row).toMatch(/^tensor-small +k=2 d=3 +identifiable +fiber 0 +\(expected fiber = 0\) +agrees +rank 6\/6 mod \d+ \(proof\).*; global: /);
    expect(row).toMatch(/\[\d+\.\d\d s\]$/);
    expect(row.indexOf("k=2")).toBe(CLAIMS_TABLE_HEADER.indexOf("size"));
  });

  it("the summary counts the checks and lists each claim with its source and proof", () => {
    const lines = renderClaimsSummary(report).split("\n");
    expect(lines[0]).toBe("1 checks of 1 claims: 1 agree, 0 contradicted, 0 inconclusive (seed 20221128)");
    expect(lines[1]).toBe("  tensor-small: x2 -> x1 ⊗ x3 identifies a small discrete HMM. [paper: §4; proof: proofs/tensor-kruskal.ts]");
  });
});
