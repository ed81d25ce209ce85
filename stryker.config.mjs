import { readdirSync } from "node:fs";
import { basename, resolve } from "node:path";

// Mutation testing of the core. `npm run mutation` runs every core folder;
// `npm run mutation -- field linalg` runs some (scripts/mutation.mjs sets MUTATE).
// Each run keeps its own incremental file, so a rerun only tests mutants whose code
// or covering tests changed, and the work can be spread over several runs.
// A target is a folder of src/ ("field") or one file in it ("field/interval.ts"); the
// report is named after it ("field-interval").
// Several targets, separated by spaces, share one run (one dry run of the suite) and one
// report, named after the first target with "+" (the summary splits reports by file).
const targets = (process.env.MUTATE ?? "field").split(/\s+/).filter((t) => t !== "");
// A sampled run (scripts/mutation-sample.ts sets MUTATION_SAMPLE, an absolute path) tests
// only the sampled mutants; its reports are named after the sample ("sample-<seed>").
const sample = process.env.MUTATION_SAMPLE;
const folder = sample
  ? basename(sample, ".list.json")
  : targets[0].replace(/\.ts$/, "").replace(/\//g, "-") + (targets.length > 1 ? "+" : "");
const globs = targets.map((t) => (t.endsWith(".ts") ? `src/${t}` : `src/${t}/**/*.ts`));
// Files left out of a run by name: "!src/field/interval.ts" (MUTATE_SKIP, spaces between).
const skipped = (process.env.MUTATE_SKIP ?? "").split(/\s+/).filter((t) => t !== "").map((t) => `!src/${t}`);

/** The folders of src/ that make up the core, in the order `npm run mutation` takes them. */
export const coreFolders = ["task", "field", "linalg", "model", "predictor", "identify", "witness", "uniqueness"];

// Rendering to text and LaTeX is checked by the documents' byte-compare and the LaTeX
// round-trip, not by laws; the nerdamer adapter is a thin call-through.
const LEFT_OUT = ["src/field/nerdamer.ts", "src/field/latex.ts", "src/field/expr-text.ts"];

/** The source files of a core folder that a full run mutates. */
export function mutableFiles(folder) {
  return readdirSync(`src/${folder}`).filter((f) => f.endsWith(".ts")).map((f) => `src/${folder}/${f}`).filter((f) => !LEFT_OUT.includes(f));
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: [
    "@stryker-mutator/vitest-runner",
    resolve("scripts/mutation-live-reporter.mjs"),
    ...(sample ? [resolve("scripts/mutation-sample-checker.mjs")] : []),
  ],
  ...(sample ? { checkers: ["mutation-sample"] } : {}),
  // `related` finds tests by import graph, which misses tests that reach a file through
  // src/index.ts; per-test coverage does the narrowing instead.
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [
    ...globs,
    ...skipped,
    ...LEFT_OUT.map((f) => `!${f}`),
  ],
  // Mutants in code that runs while test files load (module constants, the claims
  // catalogue) are covered by no single test, so each would rerun the whole suite
  // (~80 s). They are counted as ignored in the report, not as killed.
  ignoreStatic: true,
  // Two cores: one test process leaves room for the machine's other work.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 10_000,
  // The first run of the whole suite, under per-test coverage, on a busy 2-core machine.
  dryRunTimeoutMinutes: 30,
  incremental: true,
  incrementalFile: `reports/mutation/${folder}.incremental.json`,
  reporters: ["clear-text", "progress-append-only", "json", "live"],
  jsonReporter: { fileName: `reports/mutation/${folder}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: "node_modules/.cache/stryker-tmp",
  // Reports of other runs are not copied into the sandbox (and may change while it is made).
  ignorePatterns: ["reports", ".scratch"],
  cleanTempDir: "always",
};
