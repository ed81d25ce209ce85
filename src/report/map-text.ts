import type { MapRecord } from "../map/record.ts";
import { difficultyTable, splitFamilies } from "./map-difficulty.ts";
import { type MapGrid, cellLabel, gridTitle, mapGrids } from "./map-grid.ts";

/** Grids printed at most; a larger map is better read from its SVGs or its JSON lines. */
export const MAX_PRINTED_GRIDS = 40;

/**
 * The map's answers as text tables, one per task set × model × init: rows k, columns d,
 * each entry the fiber dimension (0: identifiable), "?" inconclusive, "err" an error.
 */
export function renderMapTables(grids: readonly MapGrid[], limit = MAX_PRINTED_GRIDS): string {
  const blocks = grids.slice(0, limit).map(renderGrid);
  const legend = "Fiber dimension by k (rows) and d (columns): 0 identifiable, n > 0 not identifiable, ? inconclusive, err error.";
  const more = grids.length > limit ? [`… and ${grids.length - limit} more task sets (in the results file)`] : [];
  return [legend, ...blocks, ...more].join("\n\n");
}

function renderGrid(grid: MapGrid): string {
  const labels = grid.states.map((k) => grid.symbols.map((d) => cellLabel(grid.results.get(`${k},${d}`))));
  const width = Math.max(3, ...grid.symbols.map((d) => `d=${d}`.length), ...labels.flat().map((l) => l.length));
  const stub = Math.max(...grid.states.map((k) => `k=${k}`.length));
  const row = (head: string, cells: readonly string[]) => `${head.padEnd(stub)}  ${cells.map((c) => c.padStart(width)).join(" ")}`.trimEnd();
  return [gridTitle(grid), row("", grid.symbols.map((d) => `d=${d}`)), ...grid.states.map((k, i) => row(`k=${k}`, labels[i]))].join("\n");
}

/**
 * What `maskid map` prints at the end: a difficulty table for each family of single tasks,
 * and k × d grids for the other task sets.
 */
export function renderMapSummary(records: readonly MapRecord[]): string {
  const { grids, families } = splitFamilies(records);
  return [...(grids.length > 0 ? [renderMapTables(mapGrids(grids))] : []), ...families.map(([name, rs]) => difficultyTable(name, rs))].join("\n\n");
}
