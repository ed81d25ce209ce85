import { describe, expect, it } from "vitest";
import { runClaims } from "../../src/claims/run-claims.ts";
import { validateClaims } from "../../src/claims/validate-claims.ts";
import { SMALL_CLAIM } from "../helpers/claims.ts";
import { claimsTable, renderClaimsSummary } from "../../src/report/claims-text.ts";

const [claim] = validateClaims([{ ...SMALL_CLAIM, source: { kind: "paper", where: "§4" }, proof: "tensor-kruskal" }], "test claims");
const report = runClaims([claim]);
const check = report.checks[0];
const longId = "a-claim-name-much-longer-than-any-column-of-the-table-has-room-for";
const [longClaim] = validateClaims([{ ...SMALL_CLAIM, id: longId }], "test claims");

const widthOf = (line: string) => [...line].length;
/** Every line fits `width`, or is one token that cannot be broken. */
function expectFits(text: string, width: number): void {
  for (const line of text.split("\n")) {
    if (widthOf(line) > width) expect(line.trim(), line).not.toContain(" ");
  }
}

describe("claims renderers", () => {
  it("a row gives claim, size, verdict, fiber and agreement under aligned labels; evidence and time on an indented line", () => {
    const table = claimsTable([claim], 100);
    const [header, evidenceHeader] = table.header.split("\n");
    expect(header.split(/ +/)).toEqual(["claim", "size", "verdict", "fiber", "agrees?"]);
    expect(evidenceHeader).toBe("    evidence [time]");
    const [row, evidence] = table.row(check).split("\n");
    expect(row).toMatch(/^tensor-small +k=2 d=3 +identifiable +0 \(= 0\) +agrees$/);
    for (const [cell, label] of [["k=2", "size"], ["identifiable", "verdict"], ["0 (= 0)", "fiber"], ["agrees", "agrees?"]]) {
      expect(row.indexOf(cell), label).toBe(header.indexOf(label));
    }
    expect(evidence).toMatch(/^ {4}rank 6\/6 mod \d+ \(proof\).*; global: /);
    expect(table.row(check)).toMatch(/\[\d+\.\d\d s\]$/);
  });

  for (const width of [80, 100]) {
    it(`at width ${width} no line is wider, with evidence wrapped under its row`, () => {
      const table = claimsTable([claim], width);
      expectFits(table.header, width);
      expectFits(table.row(check), width);
      expectFits(table.row({ ...check, evidence: `${check.evidence}; ${check.evidence}; ${check.evidence}` }), width);
      expect(table.row({ ...check, evidence: `${check.evidence}; ${check.evidence}` }).split("\n").length).toBeGreaterThan(2);
      expectFits(renderClaimsSummary(report, width), width);
    });

    it(`at width ${width} a claim id too long for its column goes on its own line above the row`, () => {
      const table = claimsTable([claim, longClaim], width);
      const lines = table.row({ ...check, claim: longId }).split("\n");
      expect(lines[0]).toBe(longId);
      expect(lines[1]).toMatch(/^ +k=2 d=3 +identifiable/);
      expect(lines[1].indexOf("k=2")).toBe(table.header.indexOf("size"));
      expectFits(lines.join("\n"), width);
      expectFits(table.header, width);
    });
  }

  it("the summary counts the checks and lists each claim with its source and proof", () => {
    const lines = renderClaimsSummary(report, 200).split("\n");
    expect(lines[0]).toBe("1 checks of 1 claims: 1 agree, 0 contradicted, 0 inconclusive (seed 20221128)");
    expect(lines[1]).toBe("  tensor-small: x2 -> x1 ⊗ x3 identifies a small discrete HMM. [paper: §4; proof: proofs/tensor-kruskal.ts]");
  });
});
