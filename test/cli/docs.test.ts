import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

describe("maskid docs", () => {
  // One run: generating the documents checks the whole catalogue (tens of seconds).
  it("writes every derivation document into --dir, and nothing else", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "maskid-docs-")), "derivations");
    const run = runCli(["docs", "--dir", dir]);
    expectClean(run, 0);
    const files = readdirSync(dir);
    expect(run.stdout).toBe(`wrote ${files.length} documents to ${dir}\n`);
    expect(files).toContain("index.md");
    expect(files.every((f) => f.endsWith(".md"))).toBe(true);
    expect(readFileSync(join(dir, "tensor-x2-x1x3.md"), "utf8")).toContain("## Verdicts across sizes");
  });

  it("refuses an unknown option with exit 2", () => {
    expectBadInput(runCli(["docs", "--out", "x"]), /Unknown option '--out'/);
  });
});
