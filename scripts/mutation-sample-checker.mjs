// A StrykerJS checker that sets aside every mutant outside the run's sample (the list
// MUTATION_SAMPLE names, written by scripts/mutation-sample.ts) before any test runs.
// Stryker has no status for "not sampled"; a checker can only pass a mutant or report a
// compile error, so set-aside mutants carry the compile-error status with NOT_SAMPLED as
// the reason, and the summary leaves them out of every count.
import { readFileSync } from "node:fs";
import { PluginKind, declareClassPlugin } from "@stryker-mutator/api/plugin";

/** Where the sample of a seed is listed; its report is the same name without ".list". */
export const sampleFile = (seed) => `reports/mutation/sample-${seed}.list.json`;
export const NOT_SAMPLED = "not in the run's sample";

/** A source file's path from src/ on, whether Stryker gives it absolute or relative. */
export const sourcePath = (file) => file.slice(file.lastIndexOf("/src/") + 1);

/** A mutant's identity, the same from the instrumenter and from a report: file, span, mutator, replacement. */
export function mutantKey(m) {
  const { start, end } = m.location;
  return `${sourcePath(m.fileName ?? m.file)}:${start.line}:${start.column}-${end.line}:${end.column}:${m.mutatorName}:${m.replacement ?? ""}`;
}

/** The same identity for a mutant of a StrykerJS report, which counts lines and columns from 1. */
export function reportMutantKey(m, file) {
  const back = ({ line, column }) => ({ line: line - 1, column: column - 1 });
  return mutantKey({ ...m, file, location: { start: back(m.location.start), end: back(m.location.end) } });
}

/**
 * The reason bench/mutation-equivalent.json gives for a mutant (file, 1-based line and
 * column, mutator, replacement), or undefined. An entry matches its line; one that also
 * gives a column matches only the mutant starting there (two mutants of a line can share
 * mutator and replacement, e.g. each operand of a condition replaced by false).
 */
export function equivalentReasons(entries) {
  const key = (m) => `${m.file}:${m.line}:${m.mutator}:${m.replacement}`;
  const byLine = new Map(entries.filter((e) => e.column === undefined).map((e) => [key(e), e.reason]));
  const byColumn = new Map(entries.filter((e) => e.column !== undefined).map((e) => [`${key(e)}@${e.column}`, e.reason]));
  return (m) => byColumn.get(`${key(m)}@${m.column}`) ?? byLine.get(key(m));
}

class SampleChecker {
  static inject = [];
  sample = new Set();
  async init() {
    this.sample = new Set(JSON.parse(readFileSync(process.env.MUTATION_SAMPLE, "utf8")).mutants);
  }
  async check(mutants) {
    return Object.fromEntries(mutants.map((m) => [m.id, this.sample.has(mutantKey(m)) ? { status: "passed" } : { status: "compileError", reason: NOT_SAMPLED }]));
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Checker, "mutation-sample", SampleChecker)];
