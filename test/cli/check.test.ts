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

  it("refuses an option given twice instead of taking the last", () => {
    expectBadInput(runCli([...small, "--states", "3", "--task", "x1 -> x2"]), /--states is given twice/);
    expectBadInput(runCli([...small, "--model", "ghmm", "--task", "x1 -> x2"]), /--model is given twice/);
  });

  it("says which option lacks its value when the next word is another option", () => {
    expectBadInput(runCli(["check", "--model", "hmm", "--states", "--symbols", "3", "--task", "x1 -> x2"]), /--states needs a value/);
    const task = runCli([...small, "--task", "-> x2"]);
    expect(task.status).toBe(2);
    expect(task.stderr).toMatch(/^maskid: error: bad task: .*column 1 of "-> x2"/);
  });

  it("reads numbers as decimal only", () => {
    const ghmm = ["check", "--model", "ghmm", "--states", "2", "--symbols", "1", "--task", "x1 -> x2"];
    expectBadInput(runCli([...ghmm, "--sigma", "0x10"]), /--sigma must be a positive decimal number .*got "0x10"/);
    expectBadInput(runCli([...small, "--task", "x1 -> x2", "--seed", "0b101"]), /--seed must be a whole number ≥ 0, got "0b101"/);
    expectBadInput(runCli([...small, "--task", "x1 -> x2", "--global", "--starts", " "]), /--starts must be a whole number ≥ 0, got " "/);
  });

  it("names the parameter file it cannot read", () => {
    expectBadInput(runCli([...small, "--task", "x1 -> x2", "--params", "/nonexistent/p.json"]), /cannot read parameter file \/nonexistent\/p\.json: no such file or folder \(ENOENT\)$/);
  });
});

describe("maskid check at points where the analysis cannot run", () => {
  const dir = mkdtempSync(join(tmpdir(), "maskid-points-"));
  const file = (name: string, point: object) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(point));
    return path;
  };
  const T = [[0.7, 0.4], [0.3, 0.6]];

  it("refuses a parameter file with a key it does not know", () => {
    const path = file("typo.json", { T, O: [[0.5, 0.5], [0.5, 0.5]], Pi: [0.5, 0.5] });
    expectBadInput(runCli(["check", "--model", "hmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--params", path]), /unknown key "Pi"; a hmm parameter file takes the keys pi, T, O$/);
  });

  it("refuses T without a unique stationary law under stationary init, with the reason", () => {
    const path = file("identity.json", { T: [[1, 0], [0, 1]], pi: [0.5, 0.5], O: [[0.5, 0.5], [0.5, 0.5]] });
    expectBadInput(runCli(["check", "--model", "hmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--params", path]), /no unique stationary law.*--init free/);
  });

  it.each([
    ["zero", 0],
    ["underflowing", 1e-300],
  ])("names the input of %s probability instead of dividing by it", (_, tiny) => {
    const path = file(`o-${tiny}.json`, { T, O: [[0.5, 0.5], [0.5 - tiny, 0.5 - tiny], [tiny, tiny]] });
    const run = runCli(["check", "--model", "hmm", "--states", "2", "--symbols", "3", "--task", "x1 -> x2", "--params", path]);
    expectBadInput(run, /x1 -> x2: x1=3 has probability 0 \(or below 1e-250\)/);
  });

  it("refuses Gaussian means whose squares overflow", () => {
    const path = file("huge-means.json", { T, M: [[1e200, 0], [0, 1e200]] });
    expectBadInput(runCli(["check", "--model", "ghmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--params", path]), /over 1e\+100 σ/);
  });
});
