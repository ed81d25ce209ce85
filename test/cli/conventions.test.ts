import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ADVISE_OPTIONS } from "../../src/cli/advise.ts";
import { CHECK_OPTIONS } from "../../src/cli/check.ts";
import { CLAIMS_OPTIONS } from "../../src/cli/claims.ts";
import { DOCS_OPTIONS } from "../../src/cli/docs.ts";
import { MAP_OPTIONS } from "../../src/cli/map.ts";
import { PREDICTOR_OPTIONS } from "../../src/cli/predictor.ts";
import { PROVE_OPTIONS } from "../../src/cli/prove.ts";
import { RECOVER_OPTIONS } from "../../src/cli/recover.ts";
import { closest, editDistance } from "../../src/cli/suggest.ts";
import { COMMAND_HELP, commandHelp } from "../../src/cli/usage.ts";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const small = ["--model", "hmm", "--states", "2", "--symbols", "2"];
const POINT = JSON.stringify({ pi: [0.4, 0.6], T: [[0.7, 0.2], [0.3, 0.8]], O: [[0.9, 0.4], [0.1, 0.6]] });

describe("did you mean", () => {
  it("measures edits, a swap of neighbours counting one", () => {
    expect(editDistance("seed", "seed")).toBe(0);
    expect(editDistance("sede", "seed")).toBe(1);
    expect(editDistance("chek", "check")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests a near word or a unique prefix, and nothing for a far one", () => {
    expect(closest("sead", ["seed", "states"])).toBe("seed");
    expect(closest("predicter", ["predictor", "prove"])).toBe("predictor");
    expect(closest("sym", ["symbols", "symbolic"])).toBeUndefined();
    expect(closest("symbolik", ["symbols", "symbolic"])).toBe("symbolic");
    expect(closest("frobnicate", ["check", "claims"])).toBeUndefined();
  });
});

describe("every command's help lists every option it takes", () => {
  it.each([
    ["check", CHECK_OPTIONS],
    ["claims", CLAIMS_OPTIONS],
    ["predictor", PREDICTOR_OPTIONS],
    ["prove", PROVE_OPTIONS],
    ["docs", DOCS_OPTIONS],
    ["recover", RECOVER_OPTIONS],
    ["map", MAP_OPTIONS],
    ["advise", ADVISE_OPTIONS],
  ] as const)("%s", (command, options) => {
    const help = commandHelp(command);
    for (const name of Object.keys(options)) expect(help).toContain(`--${name}`);
  });
});

describe("maskid's command-line conventions (spawned)", () => {
  it("--version and version print the package's version", () => {
    for (const args of [["--version"], ["version"]]) {
      const run = runCli(args);
      expectClean(run, 0);
      expect(run.stdout).toBe(`${VERSION}\n`);
    }
    expectBadInput(runCli(["version", "--json"]), /"maskid version" takes no arguments/);
  });

  it("-h and --help after any command print that command's help and exit 0, without running it", () => {
    for (const command of Object.keys(COMMAND_HELP).filter((c) => c !== "help" && c !== "version")) {
      const run = runCli([command, "--help"]);
      expectClean(run, 0);
      expect(run.stdout).toBe(commandHelp(command as keyof typeof COMMAND_HELP));
    }
    const run = runCli(["check", ...small, "--task", "x1 -> x2", "-h"]);
    expectClean(run, 0);
    expect(run.stdout).toMatch(/^Usage:\n {2}maskid check /);
    expect(runCli(["help", "recover"]).stdout).toBe(commandHelp("recover"));
  });

  it("suggests the nearest command or option when one is mistyped", () => {
    expectBadInput(runCli(["chek"]), /unknown command "chek"; did you mean "check"\?/);
    expectBadInput(runCli(["--verison"]), /unknown option "--verison"; did you mean --version\?/);
    expectBadInput(runCli(["frobnicate"]), /unknown command "frobnicate"; commands: claims, check, /);
    expectBadInput(runCli(["check", ...small, "--task", "x1 -> x2", "--sead", "3"]), /unknown option --sead for "maskid check"; did you mean --seed\?/);
    expectBadInput(runCli(["predictor", ...small, "--task", "x1 -> x2", "--symbolik"]), /did you mean --symbolic\?/);
    expectBadInput(runCli(["docs", "--out", "x"]), /unknown option --out for "maskid docs"; "maskid docs --help" lists its options$/);
  });

  it("refuses an option that needs another without it", () => {
    expectBadInput(runCli(["check", ...small, "--task", "x1 -> x2", "--starts", "3"]), /--starts applies to --global only/);
    expectBadInput(runCli(["predictor", ...small, "--task", "x1 -> x2", "--latex"]), /--latex applies to --symbolic only/);
    expectBadInput(runCli(["predictor", ...small, "--task", "x1 -> x2", "--symbolic", "--params", "p.json"]), /--params applies to the table, not to --symbolic/);
  });

  it("predictor --json prints the table, and the closed form with --symbolic, as JSON", () => {
    const table = runCli(["predictor", ...small, "--task", "x2 -> x1", "--json"]);
    expectClean(table, 0);
    const parsed = JSON.parse(table.stdout) as { task: string; point: string; rows: { given: number[]; values: number[] }[] };
    expect(parsed.task).toBe("x2 -> x1");
    expect(parsed.point).toMatch(/^a random point \(seed \d+\)$/);
    expect(parsed.rows.map((r) => r.given)).toEqual([[1], [2]]);
    for (const row of parsed.rows) expect(row.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);

    const symbolic = runCli(["predictor", ...small, "--task", "x1 -> x2", "--symbolic", "--latex", "--json"]);
    expectClean(symbolic, 0);
    const form = JSON.parse(symbolic.stdout) as { closedForm: { latex: string } | null; check: { agrees: boolean }; entries: { given: number[]; values: string[] }[] };
    expect(form.closedForm?.latex).toBeTypeOf("string");
    expect(form.check.agrees).toBe(true);
    expect(form.entries[0]?.values[0]).toBeTypeOf("string");
  });

  it("--params - reads the parameter file from standard input", () => {
    const run = runCli(["predictor", ...small, "--task", "x2 -> x1", "--params", "-", "--json"], { input: POINT });
    expectClean(run, 0);
    const parsed = JSON.parse(run.stdout) as { point: string; rows: { values: number[] }[] };
    expect(parsed.point).toBe("standard input");
    expect(parsed.rows[0]?.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);

    const check = runCli(["check", ...small, "--task", "x2 -> x1 ⊗ x3", "--params", "-", "--json"], { input: POINT });
    expectClean(check, 0);
    expect((JSON.parse(check.stdout) as { verdict: string }).verdict).toBe("identifiable");

    expectBadInput(runCli(["check", ...small, "--task", "x1 -> x2", "--params", "-"], { input: "{" }), /standard input/);
  });
});
