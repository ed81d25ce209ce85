import { parseArgs } from "node:util";
import { InputError } from "../base/errors.ts";
import { DEFAULT_SEED } from "../base/random.ts";
import type { Family, Init, ModelSpec } from "../model/spec.ts";
import { parseTaskSet } from "../task/parse.ts";
import { parseByteSize } from "../analysis/cost-model.ts";
import type { Task } from "../task/task.ts";
import { didYouMean } from "./suggest.ts";
import { UsageError } from "./usage.ts";

/** The options every model command takes: the model, its size, the tasks, the seed, --json. */
export const MODEL_OPTIONS = {
  model: { type: "string" },
  states: { type: "string" },
  symbols: { type: "string" },
  init: { type: "string", default: "stationary" },
  sigma: { type: "string" },
  task: { type: "string", multiple: true },
  seed: { type: "string" },
  json: { type: "boolean", default: false },
} as const;

/** The budgets every computing command takes (docs/budgets.md). */
export const BUDGET_OPTIONS = {
  "max-memory": { type: "string" },
  "max-seconds": { type: "string" },
} as const;

/** What check and predictor share: the model, the budgets, and a point (--params FILE|-). */
export const MODEL_POINT_OPTIONS = { ...MODEL_OPTIONS, ...BUDGET_OPTIONS, params: { type: "string" } } as const;

/** --max-memory 8GiB|500MB|bytes and --max-seconds S into library budget options (undefined: the default). */
export function budgetFlags(values: Record<string, unknown>): { maxMemoryBytes?: number; maxSeconds?: number } {
  const out: { maxMemoryBytes?: number; maxSeconds?: number } = {};
  if (values["max-memory"] !== undefined) {
    const bytes = parseByteSize(String(values["max-memory"]));
    if (bytes === null) throw new InputError(`--max-memory takes a size such as 8GiB, 500MB or a number of bytes, got "${values["max-memory"]}"`);
    out.maxMemoryBytes = bytes;
  }
  if (values["max-seconds"] !== undefined) {
    const text = String(values["max-seconds"]);
    const seconds = Number(text);
    if (text.trim() === "" || !(seconds > 0) || !Number.isFinite(seconds)) throw new InputError(`--max-seconds takes a positive number of seconds, got "${text}"`);
    out.maxSeconds = seconds;
  }
  return out;
}

/** One option as node's parseArgs takes it. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly multiple?: boolean;
  readonly default?: string | boolean;
}
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The value parseOptions gives an option: a boolean, a string, or the list of a repeated one; undefined when absent without a default. */
type OptionValue<S extends OptionSpec> = S["type"] extends "boolean" ? boolean : S["multiple"] extends true ? string[] : string;
export type OptionValues<O extends OptionTable> = { -readonly [K in keyof O]: O[K] extends { default: unknown } ? OptionValue<O[K]> : OptionValue<O[K]> | undefined };

export interface ParseRules {
  /** The command, to name in messages ("check"). */
  readonly command?: string;
  /** Whether bare arguments are allowed (prove's proof names). */
  readonly positionals?: boolean;
  /** Options that only mean something with another: `{ starts: "global" }` refuses --starts without --global. */
  readonly needs?: Readonly<Record<string, string>>;
}

export function parseOptions<O extends OptionTable>(argv: string[], options: O, rules: ParseRules = {}): { values: OptionValues<O>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: bindValues(argv, options, rules.command), options, strict: true, allowPositionals: rules.positionals ?? false, tokens: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  refuseRepeats(parsed.tokens, options);
  const values = parsed.values as Record<string, unknown>;
  for (const [option, needed] of Object.entries(rules.needs ?? {})) {
    if (parsed.tokens.some((t) => t.kind === "option" && t.name === option) && (values[needed] === undefined || values[needed] === false)) {
      throw new UsageError(`--${option} applies to --${needed} only`);
    }
  }
  return { values: values as OptionValues<O>, positionals: parsed.positionals };
}

/**
 * Joins `--flag value` into `--flag=value` for string options, so that a value starting
 * with a dash (the task "-> x2") reaches its own validator instead of node's. A value that
 * is itself a known option (`--states --symbols 3`), or no value at all, is a missing value.
 * An unknown option is refused here, with the nearest known one when it looks like a typo.
 */
function bindValues(argv: string[], options: OptionTable, command?: string): string[] {
  const known = options as Record<string, { type: string }>;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const name = argv[i].startsWith("--") ? argv[i].slice(2).split("=")[0] : "";
    if (argv[i].startsWith("-") && argv[i] !== "-" && !(name in known)) throw unknownOption(argv[i].split("=")[0], Object.keys(known), command);
    if (known[name]?.type !== "string" || argv[i].includes("=")) {
      out.push(argv[i]);
      continue;
    }
    const next = argv[i + 1];
    if (next === undefined || (next.startsWith("--") && next.slice(2).split("=")[0] in known)) throw new UsageError(`${argv[i]} needs a value`);
    out.push(`${argv[i]}=${next}`);
    i++;
  }
  return out;
}

function unknownOption(flag: string, known: string[], command?: string): UsageError {
  const hint = didYouMean(flag.replace(/^-+/, ""), known, (w) => `--${w}`);
  const where = command === undefined ? "" : ` for "maskid ${command}"`;
  return new UsageError(`unknown option ${flag}${where}${hint || (command === undefined ? "" : `; "maskid ${command} --help" lists its options`)}`);
}

/** An option that takes one value may be given once: with two, which one was meant is a guess. */
function refuseRepeats(tokens: readonly { kind: string; name?: string; rawName?: string }[], options: OptionTable): void {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option" || token.name === undefined) continue;
    if ((options as Record<string, { multiple?: boolean }>)[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`${token.rawName} is given twice`);
    seen.add(token.name);
  }
}

/** Reads --model, --states, --symbols, --init, --sigma into a spec, with clear errors. */
export function modelSpec(values: Record<string, unknown>): ModelSpec {
  const family = required(values.model, "--model") as Family;
  if (family !== "hmm" && family !== "ghmm") throw new InputError(`unknown model "${family}" (use hmm or ghmm)`);
  const init = values.init as Init;
  if (init !== "stationary" && init !== "free") throw new InputError(`--init must be stationary or free, got "${init}"`);
  if (family === "hmm" && values.sigma !== undefined) throw new InputError("--sigma applies to ghmm only");
  const sigma = values.sigma === undefined ? 1 : decimal(values.sigma as string);
  if (sigma === undefined || !(sigma > 0) || !Number.isFinite(sigma)) {
    throw new InputError(`--sigma must be a positive decimal number (such as 1, 0.5 or 2e-1), got "${values.sigma}"`);
  }
  return {
    family,
    states: wholeNumber(values.states, "--states", 1),
    symbols: wholeNumber(values.symbols, "--symbols", family === "hmm" ? 2 : 1),
    init,
    sigma,
  };
}

export function taskList(texts: unknown): Task[] {
  const list = (texts as string[] | undefined) ?? [];
  if (list.length === 0) throw new InputError('give at least one task, e.g. --task "x2 -> x1 ⊗ x3"');
  return list.flatMap((t) => parseTaskSet(t));
}

export function seedOf(text: unknown): number {
  if (text === undefined) return DEFAULT_SEED;
  return wholeNumber(text, "--seed", 0);
}

function required(value: unknown, flag: string): string {
  if (value === undefined) throw new InputError(`${flag} is required`);
  return value as string;
}

export function wholeNumber(value: unknown, flag: string, min: number): number {
  const text = required(value, flag);
  const n = decimal(text);
  if (n === undefined || !Number.isSafeInteger(n) || n < min) {
    throw new InputError(`${flag} must be a whole number ≥ ${min}, got "${text}"`);
  }
  return n;
}

/** A number as the command line writes it: decimal digits, an optional point and exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value of a decimal number such as 3, 0.5, 1e-3 or 2.5E4, or undefined for anything
 * else: hex, binary and octal literals, "Infinity", an empty or blank text (all of which
 * Number() would accept). The value may still overflow to ±Infinity; callers bound it.
 */
export function decimal(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}
