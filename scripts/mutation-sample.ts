// A seeded uniform sample of the core's mutants, tested in one StrykerJS run: the score of
// the sample estimates the score of the whole core (with a 95% interval) at a fraction of
// the cost of testing all ~6,900 mutants (about 30 hours on 2 cores).
// Usage: node bin/run-ts.mjs scripts/mutation-sample.ts [--size N] [--seed S] [--all-tests] [--list-only]
// Writes reports/mutation/sample-<seed>.list.json (the sampled mutants), runs Stryker with the checker
// of scripts/mutation-sample-checker.mjs (every mutant outside the sample is set aside
// before any test runs), then updates bench/mutation.md.
// --recheck S tests the survivors of the sample of seed S again, with today's tests
// (reports/mutation/recheck-<S>.list.json); its sources must not have changed since.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** The text a mutant replaces and its whole line (0-based positions), which identify it across edits elsewhere in its file. */
function mutatedText(source: string, start: Position, end: Position): string {
  const lines = source.split("\n");
  const span = start.line === end.line ? lines[start.line].slice(start.column, end.column) : lines[start.line].slice(start.column);
  return `${span}\u0000${lines[start.line].trim()}`;
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
  const back = ({ line, column }: Position): Position => ({ line: line - 1, column: column - 1 });
  const alive = Object.entries(report.files as Record<string, { source: string; mutants: ReportMutant[] }>).flatMap(([file, { source, mutants: found }]) =>
    found
      .filter((m) => (m.status === "Survived" || m.status === "NoCoverage") && inSample.has(reportMutantKey(m, file)))
      .filter((m) => explained({ file, ...m.location.start, mutator: m.mutatorName, replacement: m.replacement ?? "" }) === undefined)
      .map((m) => ({
        file,
        key: reportMutantKey(m, file) as string | null,
        line: m.location.start.line,
        mutator: m.mutatorName,
        replacement: m.replacement ?? "",
        code: source.split("\n")[m.location.start.line - 1].trim(),
        text: mutatedText(source, back(m.location.start), back(m.location.end)),
      })),
  );
  // A mutant's key holds its line and column, so in a file changed since the sample it is
  // found again by what it changes (mutator, replacement, the text it replaces and its
  // line); one that cannot be found so (its code removed or repeated) is listed, not tested.
  const sources = [...new Set(alive.map((m) => m.file))];
  const changed = new Set(spawnSync("git", ["diff", "--name-only", list.commit, "--", ...sources], { encoding: "utf8" }).stdout.split("\n").filter((f) => f !== ""));
  const now = new Map<string, string[]>();
  for (const m of await instrument([...changed])) {
    const id = `${sourcePath(m.fileName)}:${m.mutatorName}:${m.replacement ?? ""}:${mutatedText(readFileSync(m.fileName, "utf8"), m.location.start, m.location.end)}`;
    now.set(id, [...(now.get(id) ?? []), mutantKey(m)]);
  }
  const followed = alive.map((m) => {
    if (!changed.has(m.file)) return m;
    const matches = now.get(`${m.file}:${m.mutator}:${m.replacement}:${m.text}`) ?? [];
    return { ...m, key: matches.length === 1 ? matches[0] : null };
  });
  const retest = followed.filter((m) => m.key !== null);
  const notRetested = followed.filter((m) => m.key === null).map(({ file, line, mutator, replacement, code }) => ({ file, line, mutator, replacement, code }));
  if (notRetested.length > 0) console.error(`mutation recheck: ${notRetested.length} survivors are in code changed since ${list.commit} (removed or repeated there): listed, not tested again`);
  const file = `reports/mutation/recheck-${of}.list.json`;
  writeFileSync(file, `${JSON.stringify({ seed: of, recheckOf: of, tests, commit, drawnAt: new Date().toISOString(), size: retest.length, population: list.population, files: files.length, mutants: retest.map((m) => m.key!).sort(), notRetested }, null, 1)}\n`);
  console.error(`mutation recheck: ${retest.length} survivors of the sample of seed ${of} → ${file}`);
  return file;
}
