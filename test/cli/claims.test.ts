import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SMALL_CLAIM } from "../helpers/claims.ts";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

function claimsFile(claims: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "maskid-claims-")), "claims.json");
  writeFileSync(file, JSON.stringify(claims));
  return file;
}

describe("maskid claims --claims FILE", () => {
  it("prints a table row per size and a summary, exit 0 when every claim agrees", () => {
    const run = runCli(["claims", "--claims", claimsFile([SMALL_CLAIM])]);
    expectClean(run, 0);
    const [header, evidenceHeader, row, evidence] = run.stdout.split("\n");
    for (const label of ["claim", "size", "verdict", "fiber", "agrees?"]) expect(header).toContain(label);
    expect(evidenceHeader).toBe("    evidence [time]");
    expect(row).toMatch(/^tensor-small +k=2 d=3 +identifiable +0 \(= 0\) +agrees$/);
    expect(evidence).toMatch(/^ {4}rank 6\/6 mod \d+ \(proof\)/);
    expect(run.stdout).toContain("1 checks of 1 claims: 1 agree, 0 contradicted, 0 inconclusive (seed 20221128)");
    expect(run.stdout).toContain("tensor-small: x2 -> x1 ⊗ x3 identifies a small discrete HMM. [maskid: user claim]");
  });

  it("fits a 100-column terminal: no line is wider than COLUMNS", () => {
    const run = runCli(["claims", "--claims", claimsFile([SMALL_CLAIM])], { env: { COLUMNS: "100" } });
    expectClean(run, 0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(100);
  });

  it("--json prints the report; a contradicted claim exits 1", () => {
    const run = runCli(["claims", "--claims", claimsFile([{ ...SMALL_CLAIM, expected: "not identifiable", fiber: undefined }]), "--json"]);
    expectClean(run, 1);
    const report = JSON.parse(run.stdout);
    expect(report.contradicted).toBe(1);
    expect(report.checks[0]).toMatchObject({ claim: "tensor-small", verdict: "identifiable", agrees: "no" });
  });

  it("refuses a claim with an unknown field, naming the claim, with exit 2", () => {
    expectBadInput(runCli(["claims", "--claims", claimsFile([{ ...SMALL_CLAIM, colour: "red" }])]), /claim "tensor-small": unknown field "colour"/);
  });

  it("validates the whole file before running anything: each fault is one line naming the claim, exit 2", () => {
    const good = { ...SMALL_CLAIM, id: "fine" };
    expectBadInput(runCli(["claims", "--claims", claimsFile([good, { ...SMALL_CLAIM, source: null }])]), /claim "tensor-small": "source" must be/);
    expectBadInput(runCli(["claims", "--claims", claimsFile([good, { ...SMALL_CLAIM, sizes: [{ states: 2, symbols: 1 }] }])]), /claim "tensor-small": sizes\[0\] \(k=2 d=1\): symbols must be/);
    expectBadInput(
      runCli(["claims", "--claims", claimsFile([good, { ...SMALL_CLAIM, fiber: { equals: "zeros(20000,20000)" } }])]),
      /claim "tensor-small": fiber formula "zeros\(20000,20000\)" is refused: function call/,
    );
  });

  it("refuses a file with no claims", () => {
    expectBadInput(runCli(["claims", "--claims", claimsFile([])]), /claims file .*claims\.json holds no claims/);
  });

  it("names a claims file that is not JSON", () => {
    const file = claimsFile([]);
    writeFileSync(file, "[{");
    expectBadInput(runCli(["claims", "--claims", file]), /cannot read claims file .*claims\.json: /);
  });
});
