import { createHash } from "node:crypto";
import { analysisCost } from "../analysis/cost-model.ts";
import type { Family, Init, ModelSpec } from "../model/spec.ts";
import { parseTaskSet } from "../task/parse.ts";
import { type Task, formatTaskSet } from "../task/task.ts";
import type { MapSpec } from "./spec.ts";
import { symmetryClasses } from "./symmetry.ts";

/** One point of a map: one `analyse` call. */
export interface MapCell {
  /** The name of the spec's task set it belongs to. */
  readonly taskSet: string;
  readonly model: Family;
  readonly init: Init;
  readonly states: number;
  readonly symbols: number;
  /** ghmm only: hmm cells leave it out, so that their keys do not depend on it. */
  readonly sigma?: number;
  /** The tasks, in canonical spelling, separated by "; " (as `maskid check --task` takes them). */
  readonly tasks: string;
  /** Task sets of the same spec task set that this cell answers for too, by symmetry (stationary init only; symmetry.ts). */
  readonly equivalent?: readonly string[];
}

/** What a cell's analysis runs with besides the cell itself (it goes into the key). */
export interface CellRun {
  readonly seed: number;
  readonly maxSeconds?: number;
}

/**
 * Every cell of a spec, in spec order (task set, model, init, size, set); a cell listed twice
 * appears once, and with a stationary init a generated family runs one task set per symmetry class.
 */
export function mapCells(spec: MapSpec): MapCell[] {
  const cells = new Map<string, MapCell>();
  for (const { name, sets, symmetry } of spec.taskSets) {
    const all = sets.map((representative) => ({ representative, others: [] as readonly (readonly Task[])[] }));
    const reduced = symmetry ? symmetryClasses(sets) : all;
    for (const grid of spec.sizes) {
      for (const model of grid.models) {
        for (const init of spec.inits) {
          for (const [states, symbols] of grid.pairs) {
            for (const { representative, others } of init === "stationary" ? reduced : all) {
              const cell: MapCell = {
                taskSet: name,
                model,
                init,
                states,
                symbols,
                ...(model === "ghmm" ? { sigma: spec.sigma } : {}),
                tasks: formatTaskSet(representative),
                ...(others.length > 0 ? { equivalent: others.map(formatTaskSet) } : {}),
              };
              cells.set(JSON.stringify(cell), cell);
            }
          }
        }
      }
    }
  }
  return [...cells.values()];
}

/** The model spec and tasks of a cell, as `analyse` takes them. */
export function cellInput(cell: MapCell): { spec: ModelSpec; tasks: Task[] } {
  return { spec: { family: cell.model, states: cell.states, symbols: cell.symbols, init: cell.init, sigma: cell.sigma ?? 1 }, tasks: parseTaskSet(cell.tasks) };
}

/** The content hash a result line is keyed by: the cell, how it is run, and the maskid that ran it. */
export function cellKey(cell: MapCell, run: CellRun, version: string): string {
  return sha256(canonicalJson({ cell, run, version }));
}

/** The hash that tells one spec from another (whitespace and key order aside). */
export function specHash(json: unknown): string {
  return sha256(canonicalJson(json));
}

/** Shard of a key among `count`, 1-based: a deterministic, roughly even split. */
export function shardOf(key: string, count: number): number {
  return (Number.parseInt(key.slice(0, 12), 16) % count) + 1;
}

/** Cells by estimated time (cost-model.ts), cheapest first, so that a map shows most of its answers early; ties by key. */
export function cheapFirst<T extends { cell: MapCell; key: string }>(cells: readonly T[]): T[] {
  const cost = new Map(cells.map((c) => [c.key, estimatedSeconds(c.cell)]));
  return [...cells].sort((a, b) => cost.get(a.key)! - cost.get(b.key)! || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function estimatedSeconds(cell: MapCell): number {
  const { spec, tasks } = cellInput(cell);
  return analysisCost(spec, tasks).seconds;
}

/** JSON with object keys sorted at every depth, so that equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
