// Folds StrykerJS reports (reports/mutation/*.json, not committed: they hold the sources)
// into bench/mutation-scores.json (committed, one entry per source file, each kept until
// that file is run again) and renders bench/mutation.md from it, one row per folder of
// src/. A file mutated by several runs keeps the newest. Mutants listed in
// bench/mutation-equivalent.json, each with its reason, leave the score's denominator.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { coreFolders, mutableFiles } from "../stryker.config.mjs";
import { NOT_SAMPLED, equivalentReasons, reportMutantKey } from "./mutation-sample-checker.mjs";

const REPORTS = "reports/mutation";
const SCORES = "bench/mutation-scores.json";
const EQUIVALENT = "bench/mutation-equivalent.json";

const equivalents = JSON.parse(readFileSync(EQUIVALENT, "utf8"));
const stored = existsSync(SCORES) ? JSON.parse(readFileSync(SCORES, "utf8")) : {};
// Entries keyed by a source path, and sampled runs under "samples" by seed; older summaries
// keyed by folder are dropped.
const files = Object.fromEntries(Object.entries(stored).filter(([name]) => name.startsWith("src/")));
const samples = { ...(stored.samples ?? {}) };
const reasonOf = equivalentReasons(equivalents);

const reports = (existsSync(REPORTS) ? readdirSync(REPORTS) : [])
  .filter((name) => name.endsWith(".json") && !name.endsWith(".incremental.json") && !name.endsWith(".list.json"))
  .map((name) => ({ path: `${REPORTS}/${name}`, time: statSync(`${REPORTS}/${name}`).mtimeMs }))
  .sort((a, b) => a.time - b.time);
for (const { path, time } of reports) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  const date = new Date(time).toISOString().slice(0, 10);
  const recheck = /\/recheck-\d+\.json$/.test(path);
  if (recheck || /\/sample-\d+\.json$/.test(path)) {
    const list = JSON.parse(readFileSync(path.replace(/\.json$/, ".list.json"), "utf8"));
    // A recheck lists a sample's survivors under the sample's seed; a sample drawn again
    // after its recheck makes the recheck stale.
    if (!recheck) samples[list.seed] = sampleScore(report, list, date);
    else if (samples[list.seed]?.runAt <= list.drawnAt) samples[list.seed].recheck = sampleScore(report, list, date);
    continue;
  }
  for (const [file, { source, mutants }] of Object.entries(report.files)) files[file] = fileScore(file, source, mutants, date);
}

writeFileSync(SCORES, `${JSON.stringify({ ...sortedByKey(files), samples }, null, 2)}\n`);
writeFileSync("bench/mutation.md", render(files, Object.values(samples).sort((a, b) => a.runAt.localeCompare(b.runAt))));
console.log(readFileSync("bench/mutation.md", "utf8").split("\n## Survivors")[0]);

/**
 * The sampled run: only the mutants of the sample list count (the rest carry NOT_SAMPLED);
 * one row per folder, and the whole core's score with a 95% Wilson interval.
 */
function sampleScore(report, list, date) {
  const inSample = new Set(list.mutants);
  const byFolder = {};
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const sampled = mutants.filter((m) => inSample.has(reportMutantKey(m, file)));
    // Static and uncovered mutants are settled before the checker sees them, sampled or not.
    // (Reports before the reason read "not in the run's sample" said "not in the sample of …".)
    const setAside = (m) => m.status === "CompileError" && (m.statusReason === NOT_SAMPLED || m.statusReason?.startsWith("not in the sample"));
    const settledEarly = (m) => setAside(m) || m.status === "Ignored" || m.status === "NoCoverage";
    if (mutants.some((m) => !inSample.has(reportMutantKey(m, file)) && !settledEarly(m))) {
      throw new Error(`${file}: a mutant outside the sample was tested; the sample list does not match the report`);
    }
    const folder = file.split("/")[1];
    const score = fileScore(file, source, sampled, date);
    const before = byFolder[folder];
    byFolder[folder] = {
      ...folderRow(before ? [before, score] : [score]),
      alive: [...(before?.alive ?? []), ...score.alive],
      equivalentMutants: [...(before?.equivalentMutants ?? []), ...score.equivalentMutants],
    };
  }
  const found = Object.values(byFolder).reduce((t, row) => t + row.mutants, 0);
  if (found !== list.size) throw new Error(`the sampled report holds ${found} of the ${list.size} sampled mutants`);
  return { date, runAt: list.drawnAt, seed: list.seed, commit: list.commit, tests: list.tests ?? "all", size: list.size, population: list.population, folders: byFolder, ...(list.notRetested?.length ? { notRetested: list.notRetested } : {}) };
}

function fileScore(file, source, mutants, date) {
  const lines = source.split("\n");
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
  const alive = [];
  const equivalentMutants = [];
  for (const m of mutants) {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
    const found = { file, line: m.location.start.line, mutator: m.mutatorName, replacement: m.replacement ?? "" };
    const reason = reasonOf({ ...found, column: m.location.start.column });
    if (reason !== undefined) equivalentMutants.push({ ...found, reason });
    else alive.push({ ...found, status: m.status, code: lines[m.location.start.line - 1].trim() });
  }
  return {
    date,
    mutants: mutants.length,
    killed: counts.Killed,
    timedOut: counts.Timeout,
    survived: counts.Survived,
    noCoverage: counts.NoCoverage,
    equivalent: equivalentMutants.length,
    ignoredStatic: counts.Ignored,
    alive,
    equivalentMutants,
  };
}

function render(all, samples) {
  const byFolder = new Map(coreFolders.map((folder) => [folder, []]));
  for (const [file, s] of Object.entries(sortedByKey(all))) {
    const folder = file.split("/")[1];
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), s]);
  }
  const rows = [...byFolder].map(([folder, list]) => [folder, { ...folderRow(list), of: mutableFiles(folder).length }]);
  const total = { ...folderRow(rows.map(([, row]) => row)), of: rows.reduce((t, [, row]) => t + row.of, 0) };
  const counts = (s) => `${s.mutants} | ${s.killed} | ${s.timedOut} | ${s.survived} | ${s.noCoverage} | ${s.equivalent} | ${s.ignoredStatic}`;
  const entries = [...Object.values(sortedByKey(all)), ...samples.flatMap((s) => Object.values(s.folders))];
  const unique = (list) => [...new Map(list.map((m) => [`${m.file}:${m.line}:${m.mutator}:${m.replacement}`, m])).values()];
  const out = [
    "# Mutation testing of the core",
    "",
    "Generated by `npm run mutation:summary` from the reports of `npm run mutation` and",
    "`npm run mutation:sample` (StrykerJS with its vitest runner, `stryker.config.mjs`); do not",
    "edit by hand. Score = detected / (mutants − ignored − equivalent), where detected is killed",
    "or timed out; equivalent mutants are listed below with the reason each cannot be told apart",
    "from the original. Ignored mutants are static: they sit in code that runs while test files",
    "load, so no single test covers them and each would rerun the whole suite.",
    "",
    ...(samples.length > 0 ? ["## The whole core, sampled", "", "Sampled runs, oldest first: each is an independent uniform sample, so each estimates the", "score of the tests at its commit.", ""] : []),
    ...samples.flatMap((s) => renderSample(s, counts)),
    "## Files tested in full",
    "",
    "Each source file keeps the result of its newest full run; a folder's row sums its files",
    "and gives the dates of their runs.",
    "",
    "| folder | files scored | run on | mutants | killed | timed out | survived | no coverage | equivalent | ignored (static) | score |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(([f, s]) => `| ${f} | ${s.files} of ${s.of} | ${s.dates} | ${counts(s)} | ${score(s)} |`),
    `| **all** | ${total.files} of ${total.of} | ${total.dates} | ${counts(total)} | **${score(total)}** |`,
    "",
    "## Survivors not yet killed or explained, in files tested in full",
    "",
    ...orNone(unique(Object.values(all).flatMap((s) => s.alive)).map(aliveLine)),
    "",
    ...samples.flatMap((s) => [
      s.recheck
        ? `### In the sample of seed ${s.seed}, still alive when tested again at commit ${s.recheck.commit}`
        : `### In the sample of seed ${s.seed}, at commit ${s.commit ?? "unknown"} (tests written since may kill them)`,
      "",
      ...orNone([
        ...unique(Object.values((s.recheck ?? s).folders).flatMap((f) => f.alive)).map(aliveLine),
        ...(s.recheck?.notRetested ?? []).map((m) => `- its code removed or moved since the sample, not tested again: ${mutantText(m)}`),
      ]),
      "",
    ]),
    "## Equivalent mutants",
    "",
    ...unique(entries.flatMap((s) => s.equivalentMutants)).map((m) => `- \`${m.file}:${m.line}\` ${m.mutator} → \`${oneLine(m.replacement)}\`: ${m.reason}`),
    "",
  ];
  return out.join("\n");
}

/** The sampled run's section: its folders and the core's estimated score with its interval. */
function renderSample(sampled, counts) {
  const rows = coreFolders.filter((f) => sampled.folders[f]).map((f) => [f, sampled.folders[f]]);
  const total = folderRow(rows.map(([, row]) => row));
  const scored = total.killed + total.timedOut + total.survived + total.noCoverage - total.equivalent;
  const [low, high] = wilson(total.killed + total.timedOut, scored);
  return [
    `### Seed ${sampled.seed}, at commit ${sampled.commit ?? "unknown"}`,
    "",
    `A uniform sample of ${sampled.size} of the core's ${sampled.population} mutants, run on ${sampled.date}, each tested`,
    sampled.tests === "core"
      ? "against the core's own unit and law tests that cover it (a lower bound on the whole suite's score)."
      : "against every test that covers it.",
    `Estimated score of the core: **${score(total)}**, 95% interval ${low}%–${high}% (Wilson, over the`,
    `${scored} scored mutants of the sample). Command: \`npm run mutation:sample -- --size ${sampled.size} --seed ${sampled.seed}${sampled.tests === "core" ? "" : " --all-tests"}\`.`,
    "",
    "| folder | sampled mutants | killed | timed out | survived | no coverage | equivalent | ignored (static) | score |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(([f, s]) => `| ${f} | ${counts(s)} | ${score(s)} |`),
    `| **core** | ${counts(total)} | **${score(total)}** |`,
    "",
    ...(sampled.recheck ? renderRecheck(sampled.recheck) : []),
  ];
}

/**
 * A sample's survivors tested again with the tests of a later commit. The sample's score
 * stays as drawn: tests written after seeing its survivors would bias a new score upwards.
 */
function renderRecheck(recheck) {
  const t = folderRow(Object.values(recheck.folders));
  return [
    `Its ${recheck.size} survivors (explained equivalents left out), tested again at commit ${recheck.commit} on ${recheck.date}`,
    `(\`npm run mutation:sample -- --recheck ${recheck.seed}\`): ${t.killed} killed, ${t.timedOut} timed out, ${t.survived} survive,`,
    `${t.noCoverage} not covered, ${t.equivalent} explained as equivalent since` +
      (recheck.notRetested ? `; ${recheck.notRetested.length} more, whose code was removed or moved since the sample, not tested again.` : "."),
    "The score above is the sample's as drawn.",
    "",
  ];
}

/** The 95% Wilson score interval of a proportion x/n, in percent to one decimal. */
function wilson(x, n) {
  if (n === 0) return [0, 100];
  const z = 1.96;
  const p = x / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  const pct = (v) => Math.round(1000 * v) / 10;
  return [pct(centre - half), pct(centre + half)];
}

function orNone(lines) {
  return lines.length > 0 ? lines : ["- none"];
}

function aliveLine(m) {
  return `- ${m.status === "NoCoverage" ? "not covered" : "survived"}: ${mutantText(m)}`;
}

function mutantText(m) {
  return `\`${m.file}:${m.line}\` ${m.mutator} → \`${oneLine(m.replacement)}\` in \`${oneLine(m.code)}\``;
}

/** Sums file entries (or folder rows) into one row. */
function folderRow(list) {
  const sum = (field) => list.reduce((t, s) => t + s[field], 0);
  const dates = [...new Set(list.flatMap((s) => (s.dates ?? s.date).split(" to ")))].filter((d) => d !== "").sort();
  return {
    files: list.reduce((t, s) => t + (s.files ?? 1), 0),
    dates: dates.length <= 1 ? (dates[0] ?? "") : `${dates[0]} to ${dates[dates.length - 1]}`,
    ...Object.fromEntries(["mutants", "killed", "timedOut", "survived", "noCoverage", "equivalent", "ignoredStatic"].map((f) => [f, sum(f)])),
  };
}

function score(s) {
  if (s.files === 0) return "not run";
  const detected = s.killed + s.timedOut;
  const scored = detected + s.survived + s.noCoverage - s.equivalent;
  return `${scored === 0 ? 100 : Math.round((1000 * detected) / scored) / 10}%`;
}

function sortedByKey(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

function oneLine(text) {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
}
