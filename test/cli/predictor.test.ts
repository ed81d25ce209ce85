import { describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";
import { rational } from "../../src/field/rational.ts";
import { evaluateAt, symbolsOf, toLatex } from "../../src/field/symbolic.ts";
import { hmmSpec } from "../../src/model/spec.ts";
import { symbolicEntries } from "../../src/symbolic/check-closed-form.ts";
import { parseTask } from "../../src/task/parse.ts";
import { evaluateLatex } from "../helpers/latex-eval.ts";

const small = ["predictor", "--model", "hmm", "--states", "2", "--symbols", "2"];

describe("maskid predictor", () => {
  it("tabulates the predictor at a random point: one row per input, each a law", () => {
    const run = runCli([...small, "--task", "x2 -> x1"]);
    expectClean(run, 0);
    const [title, ...rows] = run.stdout.trimEnd().split("\n");
    expect(title).toBe("x2 -> x1 at a random point (seed 20221128); outputs in order of x1:");
    expect(rows.map((r) => r.split(":")[0].trim())).toEqual(["x2=1", "x2=2"]);
    for (const row of rows) {
      const values = row.split(":")[1].trim().split(" ").map(Number);
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it("--symbolic prints the closed form, its check against forward–backward, and the entries", () => {
    const run = runCli([...small, "--task", "x1 -> x2", "--symbolic"]);
    expectClean(run, 0);
    expect(run.stdout).toMatch(/^closed form:$/m);
    expect(run.stdout).toMatch(/^check against forward–backward: agrees on \d+ entries/m);
    expect(run.stdout).toMatch(/^ {2}given x1=1:$/m);
    expect(run.stdout).toMatch(/^ {4}\[2\] /m);
  });

  it("--symbolic --latex prints each entry as LaTeX that evaluates to the checked entry", () => {
    const run = runCli([...small, "--task", "x2 -> x1 ⊗ x3", "--symbolic", "--latex"]);
    expectClean(run, 0);
    const printed = [...run.stdout.matchAll(/^ {4}\[\d+\] (.*)$/gm)].map((m) => m[1]);
    const entries = symbolicEntries(hmmSpec(2, 2), parseTask("x2 -> x1 ⊗ x3")).flatMap((r) => r.values);
    expect(printed).toEqual(entries.map(toLatex));
    entries.forEach((e, i) => {
      const point = new Map(symbolsOf(e).map((name, j) => [name, rational(BigInt(3 + 5 * j), 17n)]));
      expect(evaluateLatex(printed[i], point)).toEqual(evaluateAt(e, point));
    });
  });

  it("refuses two tasks with one line and exit 2", () => {
    expectBadInput(runCli([...small, "--task", "x2 -> x1; x1 -> x2"]), /predictor takes exactly one task/);
  });
});
