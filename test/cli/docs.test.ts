import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

const COMMITTED = fileURLToPath(new URL("../../docs/derivations", import.meta.url));

describe("maskid docs", () => {
  // One run: generating the documents checks the whole catalogue (tens of seconds), so this
  // test is also the byte-compare of the committed docs/derivations/ (run `maskid docs` after a change).
  it("writes every derivation document into --dir, nothing else, equal to the committed ones", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "maskid-docs-")), "derivations");
    const run = runCli(["docs", "--dir", dir]);
    expectClean(run, 0);
    const files = readdirSync(dir).sort();
    expect(run.stdout).toBe(`wrote ${files.length} documents to ${dir}\n`);
    expect(files).toContain("index.md");
    expect(files).toEqual(readdirSync(COMMITTED).sort());
    for (const name of files) {
      const text = readFileSync(join(dir, name), "utf8");
      expect(text, `${name} differs from docs/derivations/${name}`).toBe(readFileSync(join(COMMITTED, name), "utf8"));
      if (name === "index.md") continue;
      // Every claim document shows a verdict table and either a proof or the reason it has none.
      expect(text).toContain("## Verdicts across sizes");
      expect(text.includes("✓ *Evidence:*") || text.includes("No proof in `proofs/`")).toBe(true);
    }
  });

  it("refuses a --dir that is an existing file, a system folder, or lies under a missing folder, writing nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-docs-"));
    const file = join(dir, "file");
    writeFileSync(file, "mine");
    expectBadInput(runCli(["docs", "--dir", file]), /cannot write into .*file: it is not a folder$/);
    expectBadInput(runCli(["docs", "--check", "--dir", file]), /cannot check .*file: it is not a folder$/);
    expect(readFileSync(file, "utf8")).toBe("mine");
    expectBadInput(runCli(["docs", "--dir", "/etc/maskid-docs"]), /refusing to write into \/etc\/maskid-docs: it is a system folder/);
    expect(existsSync("/etc/maskid-docs")).toBe(false);
    expectBadInput(runCli(["docs", "--dir", join(dir, "a", "b")]), /cannot create folder .*a\/b: its parent .*a does not exist$/);
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it("refuses an unknown option with exit 2", () => {
    expectBadInput(runCli(["docs", "--out", "x"]), /unknown option --out/);
  });
});
