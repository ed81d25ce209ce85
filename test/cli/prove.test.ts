import { describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

describe("maskid prove", () => {
  it("prints the proof's title, a pass line per step and a summary", () => {
    const run = runCli(["prove", "pairwise-w1"]);
    expectClean(run, 0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^pairwise-w1: /);
    const steps = lines.filter((l) => /^ {2}(pass|FAIL) {2}\d+\. /.test(l));
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.every((l) => l.startsWith("  pass") && /\[\d+\.\d\d s\]$/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe("1 of 1 proofs pass");
  });

  it("--json prints the runs", () => {
    const run = runCli(["prove", "pairwise-w1", "--json"]);
    expectClean(run, 0);
    const [proof] = JSON.parse(run.stdout).proofs;
    expect(proof).toMatchObject({ name: "pairwise-w1", passed: true });
    expect(proof.steps.every((s: { passed: boolean; evidence: string }) => s.passed && s.evidence.length > 0)).toBe(true);
  });

  it("refuses an unknown proof, listing the known ones, with exit 2", () => {
    expectBadInput(runCli(["prove", "no-such-proof"]), /unknown proof "no-such-proof"; known: .*pairwise-w1/);
  });
});
