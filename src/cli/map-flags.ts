import { InputError } from "../base/errors.ts";
import type { MapSpecFile, Numbers } from "../map/spec.ts";
import { decimal, wholeNumber } from "./options.ts";

/** Flags that describe a simple grid without a spec file: one size grid, each --task one task set. */
export const GRID_OPTIONS = {
  name: { type: "string" },
  model: { type: "string" },
  init: { type: "string" },
  states: { type: "string" },
  symbols: { type: "string" },
  where: { type: "string", multiple: true },
  task: { type: "string", multiple: true },
  sigma: { type: "string" },
  seed: { type: "string" },
} as const;

/** Whether any grid flag was given. */
export function hasGridFlags(values: Record<string, unknown>): boolean {
  return Object.keys(GRID_OPTIONS).some((name) => values[name] !== undefined);
}

/**
 * The spec the grid flags describe, validated afterwards like a file's (so both give the
 * same cells, keys and spec hash): `--model hmm,ghmm --states 2..6 --symbols 2,4,8
 * --where "k <= d" --task "x2 -> x1 ⊗ x3"`.
 */
export function specFromFlags(values: Record<string, unknown>): MapSpecFile {
  const list = (flag: string) => String(values[flag]).split(",").map((v) => v.trim());
  if (values.model === undefined) throw new InputError("give a spec file, or the grid as flags: --model, --states, --symbols and --task");
  for (const flag of ["states", "symbols"]) if (values[flag] === undefined) throw new InputError(`--${flag} is required (a number, a list such as 2,3,5, or a range such as 2..6)`);
  const tasks = (values.task as string[] | undefined) ?? [];
  if (tasks.length === 0) throw new InputError('give at least one task set, e.g. --task "x2 -> x1 ⊗ x3"');
  let sigma: number | undefined;
  if (values.sigma !== undefined) {
    sigma = decimal(String(values.sigma));
    if (sigma === undefined || !(sigma > 0) || !Number.isFinite(sigma)) throw new InputError(`--sigma must be a positive decimal number, got "${values.sigma}"`);
  }
  return {
    name: (values.name as string | undefined) ?? "map",
    models: list("model") as MapSpecFile["models"],
    ...(values.init === undefined ? {} : { inits: list("init") as MapSpecFile["inits"] }),
    sizes: { states: numbersFlag(values.states as string, "--states"), symbols: numbersFlag(values.symbols as string, "--symbols"), ...(values.where === undefined ? {} : { where: values.where as string[] }) },
    taskSets: tasks.map((t) => ({ tasks: t })),
    ...(sigma === undefined ? {} : { sigma }),
    ...(values.seed === undefined ? {} : { seed: wholeNumber(values.seed, "--seed", 0) }),
  };
}

/** "4", "2,3,5" or "2..6". */
function numbersFlag(text: string, flag: string): Numbers {
  const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (range) return { from: Number(range[1]), to: Number(range[2]) };
  if (/^\s*\d+(\s*,\s*\d+)*\s*$/.test(text)) {
    const values = text.split(",").map(Number);
    return values.length === 1 ? values[0] : values;
  }
  throw new InputError(`${flag} takes a number, a list such as 2,3,5, or a range such as 2..6, got "${text}"`);
}
