import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Vitest global setup: compile src/ and proofs/ into dist/ (incrementally) before any test
 * runs, so that the tests which spawn bin/maskid.mjs run the JavaScript built from the
 * sources under test, never a stale build.
 */
export default function buildDist(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
}
