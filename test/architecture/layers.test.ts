import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "maskid-layers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the sources with some files changed, checked by the project's own rule set. */
function cruiseWith(changes: Record<string, (text: string) => string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(work, "copy-"));
  for (const entry of ["src", "proofs", ".dependency-cruiser.cjs", "tsconfig.json", "package.json"]) {
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  for (const [file, change] of Object.entries(changes)) writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
  const run = spawnSync(process.execPath, [join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs"), "src", "proofs", "--config", ".dependency-cruiser.cjs"], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("the layer rules (dependency-cruiser)", () => {
  it("pass on the sources as they are", () => {
    const run = cruiseWith({});
    expect(run.output).toMatch(/no dependency violations found/);
    expect(run.status).toBe(0);
  });

  it("fail on an upward import, a cycle, a deep import from proofs/ and ml-matrix outside its adapter", () => {
    const run = cruiseWith({
      "src/base/random.ts": (text) => `import "../cli/main.ts";\n${text}`,
      "src/task/task.ts": (text) => `import "./parse.ts";\n${text}`,
      "proofs/index.ts": (text) => `import "../src/model/spec.ts";\n${text}`,
      "src/model/regularity.ts": (text) => `import "ml-matrix";\n${text}`,
    });
    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/no-upward-from-base: src\/base\/random\.ts → src\/cli\/main\.ts/);
    expect(run.output).toMatch(/no-cycles/);
    expect(run.output).toMatch(/proofs-use-the-public-api: proofs\/index\.ts → src\/model\/spec\.ts/);
    expect(run.output).toMatch(/ml-matrix-behind-its-adapter: src\/model\/regularity\.ts/);
  });
});
