// A seeded uniform sample of the core's mutants, tested in one StrykerJS run: the score of
// the sample estimates the score of the whole core (with a 95% interval) at a fraction of
// the cost of testing all ~6,900 mutants (about 30 hours on 2 cores).
// Usage: node bin/run-ts.mjs scripts/mutation-sample.ts [--size N] [--seed S] [--all-tests] [--list-only]
// Writes reports/mutation/sample-<seed>.list.json (the sampled mutants), runs Stryker with the checker
// of scripts/mutation-sample-checker.mjs (every mutant outside the sample is set aside
// before any test runs), then updates bench/mutation.md.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Instrumenter } from "@stryker-mutator/instrumenter";
import { DEFAULT_SEED, Rng, shuffle } from "../src/base/random.ts";
import { coreFolders, mutableFiles } from "../stryker.config.mjs";
import { mutantKey, sampleFile } from "./mutation-sample-checker.mjs";

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`maskid mutation sample: ${name} needs a positive integer, got ${args[at + 1] ?? "nothing"}`);
    process.exit(2);
  }
  return value;
};
const size = option("--size", 400);
const seed = option("--seed", DEFAULT_SEED);
// The core's own tests unless --all-tests (see vitest.mutation.config.ts).
const tests = args.includes("--all-tests") ? "all" : "core";

const files: string[] = coreFolders.flatMap(mutableFiles);

const quiet = () => undefined;
const logger = { debug: quiet, info: quiet, trace: quiet, warn: console.warn, error: console.error, fatal: console.error, isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true };
const instrumenter = new Instrumenter(logger as never);
const { mutants } = await instrumenter.instrument(
  files.map((name: string) => ({ name, content: readFileSync(name, "utf8"), mutate: true })),
  { plugins: null, excludedMutations: [], ignorers: [] } as never,
);
const SAMPLE_FILE = sampleFile(seed);
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
const sampled = shuffle(mutants, new Rng(seed)).slice(0, Math.min(size, mutants.length));
mkdirSync("reports/mutation", { recursive: true });
writeFileSync(SAMPLE_FILE, `${JSON.stringify({ seed, tests, commit, drawnAt: new Date().toISOString(), size: sampled.length, population: mutants.length, files: files.length, mutants: sampled.map(mutantKey).sort() }, null, 1)}\n`);
console.error(`mutation sample: ${sampled.length} of ${mutants.length} mutants in ${files.length} files (seed ${seed}) → ${SAMPLE_FILE}`);
if (args.includes("--list-only")) process.exit(0);

const run = spawnSync("npx", ["stryker", "run"], { stdio: "inherit", env: { ...process.env, MUTATE: coreFolders.join(" "), MUTATION_SAMPLE: resolve(SAMPLE_FILE), MUTATION_TESTS: tests } });
if (run.status !== 0) process.exit(run.status ?? 1);
const summary = spawnSync(process.execPath, ["scripts/mutation-summary.mjs"], { stdio: "inherit" });
process.exit(summary.status ?? 1);
