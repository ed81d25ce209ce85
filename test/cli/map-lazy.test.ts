import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * vega and vega-lite are loaded only when a map draws (--svg, --html): every other command
 * starts without them. A module hook reports each vega module a run resolves.
 */
const BIN = fileURLToPath(new URL("../../bin/maskid.mjs", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "maskid-map-lazy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const hooks = join(tmp, "hooks.mjs");
writeFileSync(
  hooks,
  `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/\\/node_modules\\/vega(-lite)?\\//.test(r.url)) process.stderr.write("vega loaded\\n");
  return r;
}
`,
);
const register = join(tmp, "register.mjs");
writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

function vegaLoaded(args: readonly string[]): boolean {
  const run = spawnSync(process.execPath, ["--import", pathToFileURL(register).href, BIN, ...args], { encoding: "utf8", cwd: tmp });
  expect(run.status, run.stderr).toBe(0);
  return run.stderr.includes("vega loaded");
}

describe("vega is loaded only to draw", () => {
  const map = ["map", "--model", "hmm", "--init", "free", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--name", "lazy", "--workers", "1"];
  it("not by check, --version, or a map without pictures", () => {
    expect(vegaLoaded(["--version"])).toBe(false);
    expect(vegaLoaded(["check", "--model", "hmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2"])).toBe(false);
    expect(vegaLoaded(map)).toBe(false);
  });
  it("by a map that draws", () => {
    expect(vegaLoaded([...map, "--svg", join(tmp, "svg")])).toBe(true);
  });
});
