import type { CellAnswer, CellResult, MapRecord } from "../map/record.ts";

/** The cells of one task set for one model and init, laid out over k (rows) × d (columns). */
export interface MapGrid {
  readonly taskSet: string;
  readonly tasks: string;
  /** Task sets answered by the same cells, by symmetry. */
  readonly equivalent: number;
  readonly model: string;
  readonly init: string;
  readonly states: readonly number[];
  readonly symbols: readonly number[];
  /** `${k},${d}` → result */
  readonly results: ReadonlyMap<string, CellResult>;
}

/** Groups result lines into grids, in the order their first line appears. */
export function mapGrids(records: Iterable<MapRecord>): MapGrid[] {
  const grids = new Map<string, { grid: Omit<MapGrid, "states" | "symbols">; states: Set<number>; symbols: Set<number>; results: Map<string, CellResult> }>();
  for (const { cell, result } of records) {
    const id = JSON.stringify([cell.taskSet, cell.tasks, cell.model, cell.init, cell.sigma]);
    let entry = grids.get(id);
    if (entry === undefined) {
      const results = new Map<string, CellResult>();
      entry = { grid: { taskSet: cell.taskSet, tasks: cell.tasks, equivalent: cell.equivalent?.length ?? 0, model: cell.model, init: cell.init, results }, states: new Set(), symbols: new Set(), results };
      grids.set(id, entry);
    }
    entry.states.add(cell.states);
    entry.symbols.add(cell.symbols);
    entry.results.set(`${cell.states},${cell.symbols}`, result);
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return [...grids.values()].map((e) => ({ ...e.grid, states: sorted(e.states), symbols: sorted(e.symbols) }));
}

/** What a grid cell shows: the fiber dimension (0 = identifiable), "?" inconclusive, "err" an error, "" no result. */
export function cellLabel(result: CellResult | undefined): string {
  if (result === undefined) return "";
  if (result.verdict === "error") return "err";
  return result.fiberDimension === null ? "?" : String(result.fiberDimension);
}

/** Whether a cell has a fiber dimension to draw (not inconclusive, not failed). */
export function hasFiber(result: CellResult): result is CellAnswer & { readonly fiberDimension: number } {
  return result.verdict !== "error" && result.fiberDimension !== null;
}

/** A cell's evidence in one line: verdict, fiber dimension and rank, and the reason (or the error). */
export function cellEvidence(result: CellResult): string {
  if (result.verdict === "error") return `error: ${result.error}`;
  const rank = result.rank === null ? "rank undecided" : `rank ${result.rank}`;
  const fiber = result.fiberDimension === null ? "" : `, fiber dimension ${result.fiberDimension}`;
  return `${result.verdict}${fiber} (${rank} of ${result.parameterCount} parameters, ${result.summaryRows} summary rows): ${result.reason}`;
}

/** A grid's heading: the task set, its model and init. */
export function gridTitle(grid: MapGrid): string {
  const name = grid.taskSet === grid.tasks ? grid.tasks : `${grid.taskSet}: ${grid.tasks}`;
  return `${name}${grid.equivalent > 0 ? ` (and ${grid.equivalent} equivalent by symmetry)` : ""} — ${grid.model}, ${grid.init} init`;
}
