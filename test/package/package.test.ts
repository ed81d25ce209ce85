import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * maskid as a user gets it: `npm pack` (of the dist/ that the global setup built), the
 * tarball installed into an empty project, then plain Node, a strict TypeScript consumer
 * and `npx maskid`. The install fetches maskid's dependencies (and fast-check, the peer of
 * maskid/arbitraries) from the npm cache when they are there and from the registry
 * otherwise: this test needs the network on a machine whose npm cache lacks them.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; devDependencies: Record<string, string> };
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

let work = "";
let project = "";
let packed: string[] = [];

const run = (command: string, args: string[], cwd = project) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "maskid-package-"));
  project = join(work, "project");
  // --ignore-scripts: dist/ is already fresh, and other tests are running its CLI meanwhile.
  const [report] = JSON.parse(run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as { filename: string; files: { path: string }[] }[];
  packed = report!.files.map((f) => f.path);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run(NPM, ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, report!.filename), `fast-check@${PACKAGE.devDependencies["fast-check"]}`]);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball, installed into an empty project (npm install: cache or registry)", () => {
  it("holds the built library, its types and the CLI, and no sources, tests, benchmarks or CI files", () => {
    expect(packed).toContain("dist/src/index.js");
    expect(packed).toContain("dist/src/index.d.ts");
    expect(packed).toContain("dist/src/testing/arbitraries.js");
    expect(packed).toContain("dist/proofs/index.js");
    expect(packed).toContain("bin/maskid.mjs");
    expect(packed.filter((p) => /^(test|bench|\.ci|src|proofs|docs)\//.test(p) || /\.tsbuildinfo$/.test(p))).toEqual([]);
    expect(packed.filter((p) => p.endsWith(".ts") && !p.endsWith(".d.ts"))).toEqual([]);
  });

  it("installs without tsx or esbuild", () => {
    expect(existsSync(join(project, "node_modules", "maskid"))).toBe(true);
    expect(existsSync(join(project, "node_modules", "tsx"))).toBe(false);
    expect(existsSync(join(project, "node_modules", "esbuild"))).toBe(false);
  });

  it("plain node imports maskid and analyses a small case, and maskid/arbitraries draws specs", () => {
    const script = `
      import { analyse, parseTaskSet } from "maskid";
      import { arbSpec } from "maskid/arbitraries";
      import fc from "fast-check";
      const spec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
      const result = analyse(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1 });
      const specs = fc.sample(arbSpec, { numRuns: 5, seed: 1 });
      console.log(JSON.stringify({ verdict: result.verdict, specs: specs.length }));`;
    writeFileSync(join(project, "use.mjs"), script);
    expect(JSON.parse(run(process.execPath, ["use.mjs"]))).toEqual({ verdict: "identifiable", specs: 5 });
  });

  it("type-checks a TypeScript consumer under module NodeNext, strict and noUncheckedIndexedAccess, maskid's .d.ts included", () => {
    writeFileSync(
      join(project, "use.ts"),
      `import { analyse, parseTaskSet, type AnalysisResult, type ModelSpec } from "maskid";
       import { arbScenario, type Scenario } from "maskid/arbitraries";
       import fc from "fast-check";
       const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
       const result: AnalysisResult = analyse(spec, parseTaskSet("x2 -> x1 ⊗ x3"));
       const verdict: string = result.verdict;
       const scenarios: Scenario[] = fc.sample(arbScenario(), 1);
       export { verdict, scenarios };
      `,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, noEmit: true, types: [] },
        files: ["use.ts"],
      }),
    );
    expect(run(process.execPath, [TSC, "-p", "."])).toBe("");
  });

  it("npx maskid --version prints the version", () => {
    expect(run("npx", ["--no-install", "maskid", "--version"])).toBe(`${PACKAGE.version}\n`);
  });
});
