// A seeded uniform sample of the core's mutants, tested in one StrykerJS run: the score of
// the sample estimates the score of the whole core (with a 95% interval) at a fraction of
// the cost of testing all ~6,900 mutants (about 30 hours on 2 cores).
// Usage: node bin/run-ts.mjs scripts/mutation-sample.ts [--size N] [--seed S] [--all-tests] [--list-only]
// Writes reports/mutation/sample-<seed>.list.json (the sampled mutants), runs Stryker with the checker
// of scripts/mutation-sample-checker.mjs (every mutant outside the sample is set aside
// before any test runs), then updates bench/mutation.md.
// --recheck S tests the survivors of the sample of seed S again, with today's tests
// (reports/mutation/recheck-<S>.list.json), following each through the diff since the sample.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { Instrumenter } from "@stryker-mutator/instrumenter";
import { DEFAULT_SEED, Rng, shuffle } from "../src/base/random.ts";
import { coreFolders, mutableFiles } from "../stryker.config.mjs";
import { equivalentReasons, mutantKey, reportMutantKey, sampleFile, sourcePath } from "./mutation-sample-checker.mjs";

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
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
mkdirSync("reports/mutation", { recursive: true });

const recheckOf = option("--recheck", 0);
if (recheckOf > 0) {
  const list = await writeRecheckList(recheckOf);
  process.exit(args.includes("--list-only") ? 0 : runStryker(list));
}

const mutants = await instrument(files);
const SAMPLE_FILE = sampleFile(seed);
const sampled = shuffle(mutants, new Rng(seed)).slice(0, Math.min(size, mutants.length));
writeFileSync(SAMPLE_FILE, `${JSON.stringify({ seed, tests, commit, drawnAt: new Date().toISOString(), size: sampled.length, population: mutants.length, files: files.length, mutants: sampled.map(mutantKey).sort() }, null, 1)}\n`);
console.error(`mutation sample: ${sampled.length} of ${mutants.length} mutants in ${files.length} files (seed ${seed}) → ${SAMPLE_FILE}`);
if (args.includes("--list-only")) process.exit(0);

process.exit(runStryker(SAMPLE_FILE));

/** Every mutant StrykerJS makes of the files as they are now. */
async function instrument(names: string[]): Promise<InstrumentedMutant[]> {
  const quiet = () => undefined;
  const logger = { debug: quiet, info: quiet, trace: quiet, warn: console.warn, error: console.error, fatal: console.error, isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true };
  const instrumenter = new Instrumenter(logger as never);
  const { mutants } = await instrumenter.instrument(
    names.map((name: string) => ({ name, content: readFileSync(name, "utf8"), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [] } as never,
  );
  return mutants as InstrumentedMutant[];
}

type Position = { line: number; column: number };
type InstrumentedMutant = { fileName: string; mutatorName: string; replacement?: string; location: { start: Position; end: Position } };

/** Each line of `file` at `commit` (1-based) to its line now, or null where the diff changed it. */
function lineMap(commit: string, file: string): (line: number) => number | null {
  const diff = spawnSync("git", ["diff", "-U0", commit, "--", file], { encoding: "utf8" }).stdout;
  const hunks = [...diff.matchAll(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/gm)].map((h) => ({
    from: Number(h[1]),
    removed: h[2] === undefined ? 1 : Number(h[2]),
    added: h[3] === undefined ? 1 : Number(h[3]),
  }));
  return (line) => {
    let shift = 0;
    for (const h of hunks) {
      // A hunk removing nothing inserts after line `from`; otherwise it replaces from … from + removed − 1.
      const last = h.from + h.removed - 1;
      if (h.removed > 0 && line >= h.from && line <= last) return null;
      if (line > (h.removed === 0 ? h.from : last)) shift += h.added - h.removed;
    }
    return line + shift;
  };
}

/** Tests the mutants a list file names, then updates bench/mutation.md; returns the exit status. */
function runStryker(listFile: string): number {
  const run = spawnSync("npx", ["stryker", "run"], { stdio: "inherit", env: { ...process.env, MUTATE: coreFolders.join(" "), MUTATION_SAMPLE: resolve(listFile), MUTATION_TESTS: tests } });
  if (run.status !== 0) return run.status ?? 1;
  return spawnSync(process.execPath, ["scripts/mutation-summary.mjs"], { stdio: "inherit" }).status ?? 1;
}

/** Lists the survivors of a sample that no entry of bench/mutation-equivalent.json explains. */
async function writeRecheckList(of: number): Promise<string> {
  const refuse = (why: string): never => {
    console.error(`maskid mutation sample: cannot recheck seed ${of}: ${why}`);
    process.exit(2);
  };
  const listFile = sampleFile(of);
  const reportFile = listFile.replace(/\.list\.json$/, ".json");
  const read = (file: string) => {
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch {
      return refuse(`${file} is missing or not JSON (run the sample first)`);
    }
  };
  const list = read(listFile);
  const report = read(reportFile);
  const inSample = new Set<string>(list.mutants);
  const explained = equivalentReasons(read("bench/mutation-equivalent.json"));
  type ReportMutant = { status: string; mutatorName: string; replacement?: string; location: { start: Position; end: Position } };
  const alive = Object.entries(report.files as Record<string, { source: string; mutants: ReportMutant[] }>).flatMap(([file, { source, mutants: found }]) =>
    found
      .filter((m) => (m.status === "Survived" || m.status === "NoCoverage") && inSample.has(reportMutantKey(m, file)))
      .filter((m) => explained({ file, ...m.location.start, mutator: m.mutatorName, replacement: m.replacement ?? "" }) === undefined)
      .map((m) => ({
        file,
        key: reportMutantKey(m, file) as string | null,
        mutator: m.mutatorName,
        replacement: m.replacement ?? "",
        code: source.split("\n")[m.location.start.line - 1].trim(),
        start: m.location.start,
        end: m.location.end,
      })),
  );
  // A mutant's key holds its line and column, so in a file changed since the sample its
  // lines are followed through the diff; one whose first or last line changed (or that the
  // instrumenter no longer makes there) is listed, not tested again.
  const sources = [...new Set(alive.map((m) => m.file))];
  const changed = new Set(spawnSync("git", ["diff", "--name-only", list.commit, "--", ...sources], { encoding: "utf8" }).stdout.split("\n").filter((f) => f !== ""));
  const existing = new Set((await instrument([...changed])).map(mutantKey));
  const maps = new Map([...changed].map((file) => [file, lineMap(list.commit, file)]));
  const followed = alive.map((m) => {
    const map = maps.get(m.file);
    if (!map) return m;
    const [start, end] = [map(m.start.line), map(m.end.line)];
    if (start === null || end === null) return { ...m, key: null };
    const key = reportMutantKey({ mutatorName: m.mutator, replacement: m.replacement, location: { start: { ...m.start, line: start }, end: { ...m.end, line: end } } }, m.file);
    return { ...m, key: existing.has(key) ? key : null };
  });
  const retest = followed.filter((m) => m.key !== null);
  const notRetested = followed.filter((m) => m.key === null).map(({ file, start, mutator, replacement, code }) => ({ file, line: start.line, mutator, replacement, code }));
  if (notRetested.length > 0) console.error(`mutation recheck: ${notRetested.length} survivors are in code changed since ${list.commit}: listed, not tested again`);
  const file = `reports/mutation/recheck-${of}.list.json`;
  // Stryker reuses an incremental result without asking the checker, so a result kept from an
  // earlier recheck (another list) would count a mutant this list sets aside.
  rmSync(`reports/mutation/recheck-${of}.incremental.json`, { force: true });
  writeFileSync(file, `${JSON.stringify({ seed: of, tests, commit, drawnAt: new Date().toISOString(), size: retest.length, population: list.population, files: files.length, mutants: retest.map((m) => m.key!).sort(), notRetested }, null, 1)}\n`);
  console.error(`mutation recheck: ${retest.length} survivors of the sample of seed ${of} → ${file}`);
  return file;
}
