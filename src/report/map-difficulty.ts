import type { MapRecord } from "../map/record.ts";
import { parseTaskSet } from "../task/parse.ts";

/**
 * Task difficulty: for a task set of the spec that holds many single tasks (a window
 * family), the fiber dimension against the numbers of given and predicted tokens — one row
 * per model, init and size, one column per shape "g→p", each entry the range over the
 * tasks of that shape ("0", "2–5"; "?" when one was inconclusive or failed).
 */
export function difficultyTable(taskSet: string, records: readonly MapRecord[]): string {
  const shapes = [...new Set(records.map((r) => shape(r.cell.tasks).join("→")))].sort();
  const rows = new Map<string, Map<string, { lo: number; hi: number; unknown: boolean }>>();
  for (const { cell, result } of records) {
    const row = seriesName(cell);
    if (!rows.has(row)) rows.set(row, new Map());
    const column = shape(cell.tasks).join("→");
    const entry = rows.get(row)!.get(column) ?? { lo: Infinity, hi: -Infinity, unknown: false };
    if (result.verdict === "error" || result.fiberDimension === null) entry.unknown = true;
    else {
      entry.lo = Math.min(entry.lo, result.fiberDimension);
      entry.hi = Math.max(entry.hi, result.fiberDimension);
    }
    rows.get(row)!.set(column, entry);
  }
  const text = (e: { lo: number; hi: number; unknown: boolean } | undefined) => {
    if (e === undefined) return "";
    const range = e.lo === Infinity ? "" : e.lo === e.hi ? String(e.lo) : `${e.lo}–${e.hi}`;
    return `${range}${e.unknown ? "?" : ""}`;
  };
  const table = [["", ...shapes], ...[...rows].map(([row, entries]) => [row, ...shapes.map((s) => text(entries.get(s)))])];
  const widths = table[0].map((_, j) => Math.max(...table.map((r) => [...r[j]].length)));
  const lines = table.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ").trimEnd());
  return [`${taskSet}: fiber dimension by given → predicted tokens (range over the tasks of each shape)`, ...lines].join("\n");
}

/** A single task's numbers of given and predicted tokens. */
export function shape(tasks: string): readonly [given: number, predicted: number] {
  const [t] = parseTaskSet(tasks);
  return [t.given.length, t.predict.length];
}

/** One model, init and size: a row of the table, a line of the chart. */
export function seriesName(cell: MapRecord["cell"]): string {
  return `${cell.model} ${cell.init} k=${cell.states} d=${cell.symbols}`;
}

/** Whether a spec task set's cells are single tasks of several shapes or places: a family to read by difficulty. */
export function isSingleTaskFamily(records: readonly MapRecord[]): boolean {
  return new Set(records.map((r) => r.cell.tasks)).size > 1 && records.every((r) => !r.cell.tasks.includes(";"));
}

/** A map's records split into families of single tasks (by spec task set, in order) and the rest, read as k × d grids. */
export function splitFamilies(records: readonly MapRecord[]): { grids: MapRecord[]; families: [taskSet: string, records: MapRecord[]][] } {
  const byTaskSet = new Map<string, MapRecord[]>();
  for (const r of records) byTaskSet.set(r.cell.taskSet, [...(byTaskSet.get(r.cell.taskSet) ?? []), r]);
  const families = [...byTaskSet].filter(([, rs]) => isSingleTaskFamily(rs));
  const names = new Set(families.map(([name]) => name));
  return { grids: records.filter((r) => !names.has(r.cell.taskSet)), families };
}
