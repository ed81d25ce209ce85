import { availableParallelism } from "node:os";
import { basename, join, resolve } from "node:path";
import { InputError } from "../base/errors.ts";
import { type CellRun, type MapCell, cellKey, cheapFirst, estimatedSeconds, mapCells, shardOf, specHash } from "../map/cells.ts";
import { type CellResult, type MapRecord, countVerdicts, formatTally } from "../map/record.ts";
import { mapHtml } from "../report/map-html.ts";
import { type MapPicture, mapPictures } from "../report/map-pictures.ts";
import { renderMapSummary } from "../report/map-text.ts";
import { type MapSpec, type MapSpecFile, parseMapSpec, validateMapSpec } from "../map/spec.ts";
import { fileName, prepareFolder, prepareToWrite, print, readText, writeAtomically } from "./io.ts";
import { GRID_OPTIONS, hasGridFlags, specFromFlags } from "./map-flags.ts";
import { runMerge } from "./map-merge.ts";
import { workerScript, runPool } from "./map-pool.ts";
import { formatLine, openResults, readResults } from "./map-results.ts";
import { parseOptions, wholeNumber } from "./options.ts";
import { mapProgress } from "./map-progress.ts";
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
  // Every output is checked before any cell runs: a long run must not fail at its end.
  prepareToWrite(out);
  // Outer folders first, so `--html out --svg out/svg` can create both.
  const folders = [values.svg, values.html].filter((d): d is string => d !== undefined);
  for (const dir of folders.sort((a, b) => resolve(a).length - resolve(b).length)) prepareFolder(dir);
  const read = readResults(out, { hash, version });
  if (read.partial) process.stderr.write(`maskid: note: cut off a partial last line of ${out} (an interrupted write); its cell runs again\n`);
  const records = new Map<string, MapRecord>([...read.lines].map(([key, { line }]) => [key, line]));
  const before = mine.filter((j) => records.has(j.key)).length;
  const file = openResults(out, read);
  const header = { name: spec.name, hash, cells: all.length };
  let ran: number;
  try {
    ran = await runCells(
      mine.filter((j) => !records.has(j.key)),
      workers,
      mine.flatMap((j) => records.get(j.key)?.result ?? []),
      (job, result) => {
        const record: MapRecord = { spec: header, key: job.key, cell: job.cell, run: job.run, result };
        file.append(formatLine(record, version));
        records.set(job.key, record);
      },
    );
  } finally {
    file.close();
  }
  const ordered = mine.flatMap((j) => records.get(j.key) ?? []);
  const counts = countVerdicts(ordered.map((r) => r.result));
  const scope = shard === undefined ? `${all.length} cells` : `shard ${shard.index}/${shard.count}: ${mine.length} of ${all.length} cells`;
  print(`map "${spec.name}", ${scope}: ${ran} run now, ${before} already in ${out}; ${formatTally(counts) || "no cells"}`);
  print(`\n${renderMapSummary(ordered)}`);
  if (values.svg === undefined && values.html === undefined) return 0;
  const pictures = await mapPictures(ordered);
  if (values.svg !== undefined) writePictures(values.svg, pictures);
  if (values.html !== undefined) {
    // The page inlines every picture; the files beside it serve papers and slides.
    if (values.svg === undefined) writePictures(values.html, pictures);
    writeAtomically(join(values.html, "index.html"), mapHtml({ name: spec.name, spec: json, seed: spec.seed, version, records: ordered, pictures }));
    print(`report written to ${join(values.html, "index.html")}`);
  }
  return 0;
}

/** Runs `jobs` cheapest first on the pool, recording each result as it comes, with the progress line; returns how many ran. */
async function runCells(jobs: readonly Job[], workers: number, earlier: readonly CellResult[], record: (job: Job, result: CellResult) => void): Promise<number> {
  const todo = cheapFirst(jobs);
  const cost = new Map(todo.map((j) => [j.key, estimatedSeconds(j.cell)]));
  const progress = mapProgress(todo.length, todo.reduce((s, j) => s + cost.get(j.key)!, 0));
  const counts = countVerdicts(earlier);
  let done = 0;
  let doneCost = 0;
  try {
    await runPool<Job, CellResult>(
      todo,
      workers,
      workerScript(),
      (job, result) => {
        record(job, result);
        counts[result.verdict] = (counts[result.verdict] ?? 0) + 1;
        done++;
        doneCost += cost.get(job.key)!;
        progress.update(counts, done, doneCost);
      },
      (_job, e) => ({ verdict: "error", error: `the worker running this cell died: ${e.message}` }),
    );
  } finally {
    progress.done();
  }
  return done;
}

/** --shard I/N, or a Slurm job array's task (SLURM_ARRAY_TASK_ID from SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT). */
function shardOption(text: string | undefined, env: Record<string, string | undefined>): Shard | undefined {
  if (text === undefined && (env.SLURM_ARRAY_TASK_ID === undefined || env.SLURM_ARRAY_TASK_COUNT === undefined)) return undefined;
  const given = text === undefined ? null : /^(\d+)\/(\d+)$/.exec(text);
  const [index, count, what] =
    text !== undefined
      ? [Number(given?.[1]), Number(given?.[2]), `--shard ${text}`]
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

function writePictures(dir: string, pictures: readonly MapPicture[]): void {
  for (const p of pictures) writeAtomically(join(dir, `${p.file}.svg`), p.svg);
  print(`${pictures.length} picture${pictures.length === 1 ? "" : "s"} written to ${dir}`);
}

/** SPEC.json (or a map given by flags, named NAME) → SPEC.jsonl in the current folder (SPEC.shard-1-of-3.jsonl for a shard). */
function defaultOut(specPath: string, shard: Shard | undefined): string {
  const stem = basename(specPath).replace(/\.json$/i, "");
  return `${stem}${shard === undefined ? "" : `.shard-${shard.index}-of-${shard.count}`}.jsonl`;
}
