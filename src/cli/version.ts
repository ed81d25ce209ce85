import { createRequire } from "node:module";

/**
 * The version in maskid's own package.json, read through the package's self-reference
 * ("maskid/package.json" in its exports), so the sources under vitest and the compiled
 * dist/ read the same file. `maskid --version` and every --json result use it.
 */
export function maskidVersion(): string {
  return (createRequire(import.meta.url)("maskid/package.json") as { version: string }).version;
}
