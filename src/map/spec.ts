import { InputError } from "../base/errors.ts";
import { DEFAULT_SEED } from "../base/random.ts";
import { validateSpec } from "../identify/validate.ts";
import type { Family, Init } from "../model/spec.ts";
import { TaskSyntaxError, parseTaskSet } from "../task/parse.ts";
import type { Task } from "../task/task.ts";
import { type SizeCondition, parseCondition } from "./conditions.ts";
import { subsetCount, subsets } from "../base/combinatorics.ts";
import { type WindowFamily, windowTaskCount, windowTasks } from "./task-sets.ts";

/** A whole number, a list of them, or an inclusive range. */
export type Numbers = number | readonly number[] | { readonly from: number; readonly to: number };

/** Sizes (k, d) of a map: every pair of `states` × `symbols` that meets every condition of `where`. */
export interface SizeGrid {
  /** The models these sizes apply to (default: all of the spec's). */
  readonly models?: readonly Family[];
  readonly states: Numbers;
  readonly symbols: Numbers;
  /** Conditions such as "k <= d" or "d >= 2*k" (docs/maps.md). */
  readonly where?: readonly string[];
}

/** A task set given by its tasks: one string with tasks separated by ';', or a list of task strings. */
export interface ListedTaskSet {
  /** Default: the tasks' own text. */
  readonly name?: string;
  readonly tasks: string | readonly string[];
}

/** Task sets generated from a window family: every set of 1..upTo of its tasks (default 1: each task alone). */
export interface GeneratedTaskSets {
  readonly name: string;
  readonly family: WindowFamily;
  readonly upTo?: number;
  /** With a stationary initial law, run one task set per class of shifts and time reversal (default true; docs/maps.md). */
  readonly symmetry?: boolean;
}

/** A map spec file (docs/maps.md, docs/schemas/map-spec.schema.json). */
export interface MapSpecFile {
  readonly name: string;
  readonly models: readonly Family[];
  /** Default ["stationary"]. */
  readonly inits?: readonly Init[];
  readonly sizes: SizeGrid | readonly SizeGrid[];
  readonly taskSets: readonly (ListedTaskSet | GeneratedTaskSets)[];
  /** Emission standard deviation of ghmm cells (default 1). */
  readonly sigma?: number;
  /** The seed of every cell's analysis (default maskid's, so a cell answers as `maskid check` does). */
  readonly seed?: number;
  /** Time budget of each cell's analysis (default: check's, 300 s). */
  readonly maxSeconds?: number;
}

/** A validated spec, every list spelled out. */
export interface MapSpec {
  readonly name: string;
  readonly models: readonly Family[];
  readonly inits: readonly Init[];
  readonly sizes: readonly { readonly models: readonly Family[]; readonly pairs: readonly (readonly [number, number])[] }[];
  readonly taskSets: readonly { readonly name: string; readonly sets: readonly (readonly Task[])[]; readonly symmetry: boolean }[];
  readonly sigma: number;
  readonly seed: number;
  readonly maxSeconds?: number;
}

/** A grid larger than this is refused: at ~0.1 s a cell it is hours of one machine's work, and a typo is likelier. */
export const MAX_CELLS = 200_000;
/** Ranges wider than this are refused (k and d beyond a few dozen are refused by the budgets anyway). */
const MAX_RANGE = 1000;

const FIELDS = ["name", "models", "inits", "sizes", "taskSets", "sigma", "seed", "maxSeconds"];
const MODELS: readonly Family[] = ["hmm", "ghmm"];
const INITS: readonly Init[] = ["stationary", "free"];

/** Parses and validates a spec file's text completely, so that nothing runs until every cell is known to be well formed. */
export function parseMapSpec(text: string, file: string): { spec: MapSpec; json: MapSpecFile } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`cannot read map spec ${file}: ${(e as Error).message}`);
  }
  return { spec: validateMapSpec(json, `map spec ${file}`), json: json as MapSpecFile };
}

/** Validates a parsed spec; `at` starts every message ("map spec s.json"). */
export function validateMapSpec(json: unknown, at: string): MapSpec {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new InputError(`${at} must hold a JSON object`);
  const s = json as Record<string, unknown>;
  const unknown = Object.keys(s).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) throw new InputError(`${at}: unknown field "${unknown}" (fields: ${FIELDS.join(", ")})`);
  if (typeof s.name !== "string" || s.name.trim() === "") throw new InputError(`${at}: "name" must be a non-empty string`);
  const models = choices(s.models, MODELS, `${at}: "models"`);
  const inits = s.inits === undefined ? (["stationary"] as Init[]) : choices(s.inits, INITS, `${at}: "inits"`);
  const sigma = s.sigma === undefined ? 1 : s.sigma;
  if (typeof sigma !== "number" || !(sigma > 0) || !Number.isFinite(sigma)) throw new InputError(`${at}: "sigma" must be a positive number, got ${JSON.stringify(sigma)}`);
  const seed = s.seed === undefined ? DEFAULT_SEED : whole(s.seed, 0, `${at}: "seed"`);
  if (s.maxSeconds !== undefined && !(typeof s.maxSeconds === "number" && s.maxSeconds > 0 && Number.isFinite(s.maxSeconds))) {
    throw new InputError(`${at}: "maxSeconds" must be a positive number, got ${JSON.stringify(s.maxSeconds)}`);
  }
  const grids = Array.isArray(s.sizes) ? s.sizes : [s.sizes];
  if (grids.length === 0) throw new InputError(`${at}: "sizes" must not be empty`);
  const sizes = grids.map((g, i) => sizeGrid(g, models, `${at}: sizes${Array.isArray(s.sizes) ? `[${i}]` : ""}`));
  if (!Array.isArray(s.taskSets) || s.taskSets.length === 0) throw new InputError(`${at}: "taskSets" must be a non-empty array`);
  const counts = s.taskSets.map((t, i) => taskSetCount(t, `${at}: taskSets[${i}]`));
  const cells = inits.length * counts.reduce((a, b) => a + b, 0) * sizes.reduce((sum, g) => sum + g.models.length * g.pairs.length, 0);
  if (cells > MAX_CELLS) throw new InputError(`${at} makes ${cells} cells, more than the ${MAX_CELLS} a map may have; split it into several specs`);
  if (cells === 0) throw new InputError(`${at} makes no cells: no size meets the conditions`);
  const taskSets = s.taskSets.map((t, i) => taskSet(t, `${at}: taskSets[${i}]`));
  const names = new Set<string>();
  for (const t of taskSets) {
    if (names.has(t.name)) throw new InputError(`${at}: two task sets are named "${t.name}"`);
    names.add(t.name);
  }
  return { name: s.name, models, inits, sizes, taskSets, sigma, seed, ...(s.maxSeconds === undefined ? {} : { maxSeconds: s.maxSeconds as number }) };
}

function sizeGrid(value: unknown, models: readonly Family[], at: string): MapSpec["sizes"][number] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(`${at} must be an object { states, symbols, where? }`);
  const g = value as Record<string, unknown>;
  const unknown = Object.keys(g).find((key) => !["models", "states", "symbols", "where"].includes(key));
  if (unknown !== undefined) throw new InputError(`${at}: unknown field "${unknown}" (fields: models, states, symbols, where)`);
  const own = g.models === undefined ? models : choices(g.models, models, `${at}.models`);
  const states = numbers(g.states, 1, `${at}.states`);
  const symbols = numbers(g.symbols, 1, `${at}.symbols`);
  if (g.where !== undefined && !Array.isArray(g.where)) throw new InputError(`${at}.where must be a list of conditions such as ["k <= d"]`);
  const conditions: SizeCondition[] = ((g.where as unknown[] | undefined) ?? []).map((c, i) => parseCondition(c, `${at}.where[${i}]`));
  const pairs = states.flatMap((k) => symbols.filter((d) => conditions.every((c) => c(k, d))).map((d) => [k, d] as const));
  if (own.includes("hmm") && pairs.some(([, d]) => d < 2)) throw new InputError(`${at}: hmm needs at least 2 symbols, and the grid holds d = 1 (add the condition "d >= 2", or list ghmm alone in "models")`);
  return { models: own, pairs };
}

function taskSetCount(value: unknown, at: string): number {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(`${at} must be an object: { name?, tasks } or { name, family, upTo? }`);
  const t = value as Record<string, unknown>;
  if (t.family === undefined) return 1;
  const family = windowFamily(t.family, `${at}.family`);
  const upTo = t.upTo === undefined ? 1 : whole(t.upTo, 1, `${at}.upTo`);
  const tasks = windowTaskCount(family);
  if (tasks === 0) throw new InputError(`${at}.family has no tasks: a window of ${family.window} position(s) leaves no room to predict`);
  return subsetCount(tasks, upTo);
}

function taskSet(value: unknown, at: string): MapSpec["taskSets"][number] {
  const t = value as Record<string, unknown>;
  if (t.family !== undefined) {
    const unknown = Object.keys(t).find((key) => !["name", "family", "upTo", "symmetry"].includes(key));
    if (unknown !== undefined) throw new InputError(`${at}: unknown field "${unknown}" (a generated task set has fields name, family, upTo, symmetry)`);
    if (typeof t.name !== "string" || t.name.trim() === "") throw new InputError(`${at}: "name" must be a non-empty string`);
    if (t.symmetry !== undefined && typeof t.symmetry !== "boolean") throw new InputError(`${at}: "symmetry" must be true or false`);
    const upTo = t.upTo === undefined ? 1 : (t.upTo as number);
    return { name: t.name, sets: subsets(windowTasks(windowFamily(t.family, `${at}.family`)), upTo), symmetry: t.symmetry !== false };
  }
  const unknown = Object.keys(t).find((key) => !["name", "tasks"].includes(key));
  if (unknown !== undefined) throw new InputError(`${at}: unknown field "${unknown}" (a listed task set has fields name, tasks)`);
  if (t.name !== undefined && (typeof t.name !== "string" || t.name.trim() === "")) throw new InputError(`${at}: "name" must be a non-empty string`);
  const texts = typeof t.tasks === "string" ? [t.tasks] : t.tasks;
  if (!Array.isArray(texts) || texts.length === 0 || texts.some((x) => typeof x !== "string")) {
    throw new InputError(`${at}: "tasks" must be a task string such as "x2 -> x1 ⊗ x3" (several separated by ';') or a non-empty list of them`);
  }
  const tasks = texts.flatMap((text: string) => {
    try {
      return parseTaskSet(text);
    } catch (e) {
      if (e instanceof TaskSyntaxError) throw new InputError(`${at}.tasks: bad task: ${e.message}`);
      throw e;
    }
  });
  try {
    validateSpec({ family: "ghmm", states: 1, symbols: 1, init: "free", sigma: 1 }, tasks);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${at}.tasks: ${e.message}`);
    throw e;
  }
  return { name: (t.name as string | undefined) ?? texts.join("; "), sets: [tasks], symmetry: false };
}

function windowFamily(value: unknown, at: string): WindowFamily {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(`${at} must be an object { window, maxGiven, maxPredicted }`);
  const f = value as Record<string, unknown>;
  const unknown = Object.keys(f).find((key) => !["window", "maxGiven", "maxPredicted"].includes(key));
  if (unknown !== undefined) throw new InputError(`${at}: unknown field "${unknown}" (fields: window, maxGiven, maxPredicted)`);
  return { window: whole(f.window, 2, `${at}.window`), maxGiven: whole(f.maxGiven, 1, `${at}.maxGiven`), maxPredicted: whole(f.maxPredicted, 1, `${at}.maxPredicted`) };
}

/** A whole number, a list, or { from, to }: the sorted distinct values, each ≥ min. */
function numbers(value: unknown, min: number, at: string): number[] {
  if (typeof value === "number") return [whole(value, min, at)];
  if (Array.isArray(value)) {
    if (value.length === 0) throw new InputError(`${at} must not be an empty list`);
    return [...new Set(value.map((v, i) => whole(v, min, `${at}[${i}]`)))].sort((a, b) => a - b);
  }
  if (typeof value === "object" && value !== null && "from" in value && "to" in value && Object.keys(value).length === 2) {
    const r = value as { from: unknown; to: unknown };
    const from = whole(r.from, min, `${at}.from`);
    const to = whole(r.to, from, `${at}.to`);
    if (to - from > MAX_RANGE) throw new InputError(`${at} spans more than ${MAX_RANGE} values`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  throw new InputError(`${at} must be a whole number, a list of them, or a range { "from": 2, "to": 6 }, got ${JSON.stringify(value)}`);
}

function whole(value: unknown, min: number, at: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) throw new InputError(`${at} must be a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
  return value;
}

function choices<T extends string>(value: unknown, allowed: readonly T[], at: string): T[] {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`${at} must be a non-empty list drawn from ${allowed.join(", ")}`);
  for (const v of value) if (!allowed.includes(v as T)) throw new InputError(`${at} holds ${JSON.stringify(v)}; allowed: ${allowed.join(", ")}`);
  if (new Set(value).size !== value.length) throw new InputError(`${at} names a value twice`);
  return value as T[];
}
