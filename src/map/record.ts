import { analyse } from "../analysis/analyse.ts";
import type { Verdict } from "../identify/result.ts";
import { type CellRun, type MapCell, cellInput } from "./cells.ts";

/** A cell's answer: the verdict and the rank it rests on (`maskid check --task … --json` has the full evidence). */
export interface CellAnswer {
  readonly verdict: Verdict;
  readonly rank: number | null;
  /** n − rank; null when inconclusive. */
  readonly fiberDimension: number | null;
  readonly parameterCount: number;
  readonly summaryRows: number;
  /** One line: what was decided and on what grounds. */
  readonly reason: string;
}

/** A cell whose analysis threw (a budget refusal, or a bug): its message, so the run goes on. */
export interface CellFailure {
  readonly verdict: "error";
  readonly error: string;
}

export type CellResult = CellAnswer | CellFailure;

/** One line of a map's results file, without the version header (docs/maps.md). */
export interface MapRecord {
  /** The spec the cell came from: its name, its hash, and how many cells it has in all. */
  readonly spec: { readonly name: string; readonly hash: string; readonly cells: number };
  /** sha256 of (cell, run, maskid version): what a rerun skips by. */
  readonly key: string;
  readonly cell: MapCell;
  readonly run: CellRun;
  readonly result: CellResult;
}

/** Runs one cell; a throw becomes a CellFailure with its message. No timings: a line depends only on its key. */
export function runCell(cell: MapCell, run: CellRun): CellResult {
  try {
    const { spec, tasks } = cellInput(cell);
    const r = analyse(spec, tasks, { seed: run.seed, ...(run.maxSeconds === undefined ? {} : { maxSeconds: run.maxSeconds }) });
    return { verdict: r.verdict, rank: r.rank, fiberDimension: r.fiberDimension, parameterCount: r.parameterCount, summaryRows: r.summaryRows, reason: r.reason };
  } catch (e) {
    return { verdict: "error", error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** How many results have each verdict. */
export function countVerdicts(results: Iterable<CellResult>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.verdict] = (counts[r.verdict] ?? 0) + 1;
  return counts;
}

/** Verdict counts in a fixed order ("30 identifiable, 12 not identifiable, 1 error"), zero counts left out. */
export function formatTally(counts: Readonly<Record<string, number>>): string {
  const order = ["identifiable", "not identifiable", "inconclusive", "error"];
  return order.filter((v) => counts[v]).map((v) => `${counts[v]} ${v}`).join(", ");
}
