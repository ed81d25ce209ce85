import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { InputError } from "../base/errors.ts";
import { type CellRun, type MapCell, cellKey, cheapFirst, estimatedSeconds, mapCells, shardOf, specHash } from "../map/cells.ts";
import { type CellResult, type MapRecord, formatTally } from "../map/record.ts";
import { type MapGrid, mapGrids } from "../report/map-grid.ts";
import { mapHtml } from "../report/map-html.ts";
import { mapHeatmap } from "../report/map-svg.ts";
import { renderMapSummary } from "../report/map-text.ts";
import { type MapSpec, type MapSpecFile, parseMapSpec, validateMapSpec } from "../map/spec.ts";
import { fileName, prepareFolder, prepareToWrite, print, readText, writeAtomically } from "./io.ts";
import { GRID_OPTIONS, hasGridFlags, specFromFlags } from "./map-flags.ts";
import { workerScript, runPool } from "./map-pool.ts";
import { formatLine, openResults, readResults } from "./map-results.ts";
import { parseOptions, wholeNumber } from "./options.ts";
import { mapProgress } from "./progress.ts";
import { UsageError } from "./usage.ts";
import { maskidVersion } from "./version.ts";

/** `maskid map SPEC.json`: run a grid of analyses on every core, resumably (docs/maps.md); `maskid map merge OUT IN…`. */
export const MAP_OPTIONS = {
  ...GRID_OPTIONS,
  out: { type: "string" },
  workers: { type: "string" },
  shard: { type: "string" },
  svg: { type: "string" },
  html: { type: "string" },
} as const;

interface Shard {
  readonly index: number;
  readonly count: number;
}

interface Job {
  readonly cell: MapCell;
  readonly key: string;
  readonly run: CellRun;
}

export async function runMap(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, MAP_OPTIONS, { command: "map", positionals: true });
  if (positionals[0] === "merge") {
    const given = Object.keys(values).find((k) => values[k as keyof typeof values] !== undefined);
    if (given !== undefined) throw new UsageError(`"maskid map merge" takes no options, got --${given}`);
    return runMerge(positionals.slice(1));
  }
  if (positionals.length > 1) throw new UsageError(`"maskid map" takes one spec file (maskid map SPEC.json), got ${positionals.length}`);
  const specPath = positionals[0];
  if (specPath !== undefined && hasGridFlags(values)) throw new UsageError("give a spec file or the grid as flags (--model, --states, …), not both");
  const { spec, json } = specPath === undefined ? fromFlags(values) : parseMapSpec(readText(specPath, "map spec"), fileName(specPath));
  const shard = shardOption(values.shard, process.env);
  const workers = values.workers === undefined ? availableParallelism() : wholeNumber(values.workers, "--workers", 1);
  const out = values.out ?? defaultOut(specPath ?? spec.name, shard);
  const version = maskidVersion();
  const hash = specHash(json);
  const run: CellRun = { seed: spec.seed, ...(spec.maxSeconds === undefined ? {} : { maxSeconds: spec.maxSeconds }) };
  const all: Job[] = mapCells(spec).map((cell) => ({ cell, key: cellKey(cell, run, version), run }));
  const mine = shard === undefined ? all : all.filter((j) => shardOf(j.key, shard.count) === shard.index);
  prepareToWrite(out);
  for (const dir of [values.svg, values.html]) if (dir !== undefined) prepareFolder(dir);
  const read = readResults(out, { hash, version });
  const records = new Map<string, MapRecord>([...read.lines].map(([key, { line }]) => [key, line]));
  if (read.partial) process.stderr.write(`maskid: note: cut off a partial last line of ${out} (an interrupted write); its cell runs again\n`);
  const counts: Record<string, number> = {};
  const count = (result: CellResult) => (counts[result.verdict] = (counts[result.verdict] ?? 0) + 1);
  for (const j of mine) if (read.lines.has(j.key)) count(read.lines.get(j.key)!.line.result);
  const before = mine.length - mine.filter((j) => !read.lines.has(j.key)).length;
  const todo = cheapFirst(mine.filter((j) => !read.lines.has(j.key)));
  const cost = new Map(todo.map((j) => [j.key, estimatedSeconds(j.cell)]));
  const progress = mapProgress(todo.length, todo.reduce((s, j) => s + cost.get(j.key)!, 0));
  const file = openResults(out, read);
  let done = 0;
  let doneCost = 0;
  try {
    await runPool<Job, CellResult>(
      todo,
      workers,
      workerScript(),
      (job, result) => {
        const record: MapRecord = { spec: { name: spec.name, hash, cells: all.length }, key: job.key, cell: job.cell, run: job.run, result };
        file.append(formatLine(record, version));
        records.set(job.key, record);
        count(result);
        done++;
        doneCost += cost.get(job.key)!;
        progress.update(counts, done, doneCost);
      },
      (_job, e) => ({ verdict: "error", error: `the worker running this cell died: ${e.message}` }),
    );
  } finally {
    file.close();
    progress.done();
  }
  const tally = formatTally(counts);
  const scope = shard === undefined ? `${all.length} cells` : `shard ${shard.index}/${shard.count}: ${mine.length} of ${all.length} cells`;
  print(`map "${spec.name}", ${scope}: ${done} run now, ${before} already in ${out}; ${tally || "no cells"}`);
  const ordered = mine.flatMap((j) => records.get(j.key) ?? []);
  print(`\n${renderMapSummary(ordered)}`);
  if (values.svg !== undefined) writeHeatmaps(values.svg, mapGrids(ordered));
  if (values.html !== undefined) {
    writeAtomically(join(values.html, "index.html"), mapHtml({ name: spec.name, spec: json, seed: spec.seed, version, records: ordered }));
    print(`report written to ${join(values.html, "index.html")}`);
  }
  return 0;
}

/** `maskid map merge OUT IN…`: the lines of every input, one per cell, sorted by key; inputs of different specs or versions are refused. */
function runMerge(files: readonly string[]): number {
  if (files.length < 2) throw new UsageError('"maskid map merge" takes the output file and at least one results file: maskid map merge OUT IN…');
  const [out, ...inputs] = files;
  const merged = new Map<string, { text: string; from: string }>();
  let expected: { hash: string; version: string } | undefined;
  let total = 0;
  for (const input of inputs) {
    if (!existsSync(input)) throw new InputError(`cannot read results file ${input}: no such file or folder (ENOENT)`);
    const read = readResults(input, expected, "merge the parts of one map, run by one maskid version");
    if (read.partial) process.stderr.write(`maskid: note: ignored a partial last line of ${input} (an interrupted write)\n`);
    for (const [key, { text, line }] of read.lines) {
      expected ??= { hash: line.spec.hash, version: line.maskidVersion };
      total = line.spec.cells;
      const seen = merged.get(key);
      if (seen !== undefined && seen.text !== text) throw new InputError(`${seen.from} and ${input} hold different results for cell ${key.slice(0, 12)}`);
      merged.set(key, { text, from: input });
    }
  }
  prepareToWrite(out);
  writeAtomically(out, [...merged.keys()].sort().map((k) => merged.get(k)!.text).join(""));
  const missing = total - merged.size;
  print(`merged ${merged.size} of ${total} cells from ${inputs.length} file${inputs.length === 1 ? "" : "s"} into ${out}${missing > 0 ? `; ${missing} cells missing` : ""}`);
  return 0;
}

/** --shard I/N, or a Slurm job array's task (SLURM_ARRAY_TASK_ID from SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT). */
function shardOption(text: string | undefined, env: Record<string, string | undefined>): Shard | undefined {
  if (text === undefined && (env.SLURM_ARRAY_TASK_ID === undefined || env.SLURM_ARRAY_TASK_COUNT === undefined)) return undefined;
  const [index, count, what] =
    text !== undefined
      ? [Number(/^(\d+)\/\d+$/.exec(text)?.[1]), Number(/^\d+\/(\d+)$/.exec(text)?.[1]), `--shard ${text}`]
      : [Number(env.SLURM_ARRAY_TASK_ID) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0) + 1, Number(env.SLURM_ARRAY_TASK_COUNT), `SLURM_ARRAY_TASK_ID ${env.SLURM_ARRAY_TASK_ID} of SLURM_ARRAY_TASK_COUNT ${env.SLURM_ARRAY_TASK_COUNT}`];
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(`${what}: a shard is I/N with 1 ≤ I ≤ N, such as 1/3${text === undefined ? " (use a job array without steps, such as --array=0-2)" : ""}`);
  }
  return { index, count };
}

function fromFlags(values: Record<string, unknown>): { spec: MapSpec; json: MapSpecFile } {
  const json = specFromFlags(values);
  return { spec: validateMapSpec(json, "the map given by flags"), json };
}

/** One heatmap per grid, numbered in spec order (task texts alone could give two grids one file name). */
function writeHeatmaps(dir: string, grids: readonly MapGrid[]): void {
  const digits = String(grids.length).length;
  grids.forEach((grid, i) => {
    const slug = `${grid.model}-${grid.init}-${grid.taskSet}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    writeAtomically(join(dir, `${String(i + 1).padStart(digits, "0")}-${slug}.svg`), mapHeatmap(grid));
  });
  print(`${grids.length} heatmap${grids.length === 1 ? "" : "s"} written to ${dir}`);
}

/** SPEC.json (or a map given by flags, named NAME) → SPEC.jsonl in the current folder (SPEC.shard-1-of-3.jsonl for a shard). */
function defaultOut(specPath: string, shard: Shard | undefined): string {
  const stem = basename(specPath).replace(/\.json$/i, "");
  return `${stem}${shard === undefined ? "" : `.shard-${shard.index}-of-${shard.count}`}.jsonl`;
}
