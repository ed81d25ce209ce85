import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

const small = ["check", "--model", "hmm", "--states", "2", "--symbols", "3"];

describe("maskid check", () => {
  it("prints the verdict with its evidence and exits 0", () => {
    const run = runCli([...small, "--task", "x2 -> x1 ⊗ x3"]);
    expectClean(run, 0);
    expect(run.stdout).toMatch(/^model: hmm \(k=2, d=3, stationary π\); task set: x2 -> x1 ⊗ x3; n = 6 parameters$/m);
    expect(run.stdout).toMatch(/^verdict: identifiable/m);
    expect(run.stdout).toMatch(/^ {2}exact rank mod \d+: 6 of 6/m);
    expect(run.stdout).toContain("parameters (✓ locally identifiable");
  });

  it("--json prints the analysis as JSON", () => {
    const run = runCli([...small, "--task", "x1 -> x2", "--json"]);
    expectClean(run, 0);
    const result = JSON.parse(run.stdout);
    expect(result.verdict).toBe("not identifiable");
    expect(result.parameterCount).toBe(6);
    expect(result.fiberDimension).toBeGreaterThan(0);
  });

  it("takes σ from a Gaussian parameter file, and refuses a --sigma that contradicts it", () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-check-"));
    const file = join(dir, "g.json");
    writeFileSync(file, JSON.stringify({ T: [[0.7, 0.4], [0.3, 0.6]], M: [[-1, 1]], sigma: 0.5 }));
    const ghmm = ["check", "--model", "ghmm", "--states", "2", "--symbols", "1", "--task", "x2 -> x1 ⊗ x3", "--params", file];
    const run = runCli([...ghmm, "--json"]);
    expectClean(run, 0);
    expect(JSON.parse(run.stdout).model.sigma).toBe(0.5);
    expectBadInput(runCli([...ghmm, "--sigma", "2"]), /--sigma 2 contradicts sigma 0.5 in .*g\.json$/);
  });

  it("refuses a bad --states with one line and exit 2", () => {
    expectBadInput(runCli(["check", "--model", "hmm", "--states", "0", "--symbols", "2", "--task", "x1 -> x2"]), /--states must be a whole number ≥ 1, got "0"/);
  });

  it("names the parameter file it cannot read", () => {
    expectBadInput(runCli([...small, "--task", "x1 -> x2", "--params", "/nonexistent/p.json"]), /cannot read parameter file \/nonexistent\/p\.json: ENOENT/);
  });
});
