import { InputError } from "../base/errors.ts";
import { validateSpec } from "../identify/validate.ts";
import { type Family, type Init, type ModelSpec, parameterCount } from "../model/spec.ts";
import { parseTaskSet } from "../task/parse.ts";
import type { Task } from "../task/task.ts";
import type { Claim, ClaimSource } from "./claim.ts";
import { evaluateSizeFormula } from "./size-formula.ts";

const FIELDS = ["id", "source", "statement", "family", "init", "tasks", "expected", "fiber", "sizes", "proof"];

/**
 * Parses the text of a user claims file: a JSON array of claims in the catalogue's schema.
 * `name` (the file's path) goes into the file-level errors; the others name the claim and field.
 */
export function parseClaimsFile(text: string, name: string): Claim[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`cannot read claims file ${name}: ${(e as Error).message}`);
  }
  return validateClaims(json, name);
}

/**
 * Sizes whose parameter count n exceeds this are refused: the catalogue's largest has
 * n = 144 and takes a fraction of a second; n = 400 takes seconds for a one-given task,
 * and the work grows with the cube of n.
 */
export const MAX_CLAIM_PARAMETERS = 400;

/**
 * Validates a parsed claims file (a non-empty array of claims with distinct ids) completely:
 * fields, tasks, every size, and every fiber formula at every size, so that nothing runs
 * until everything is known to run. Each message names the claim by its id (by its place
 * in the file when the id itself is at fault).
 */
export function validateClaims(json: unknown, name: string): Claim[] {
  if (!Array.isArray(json)) throw new InputError(`claims file ${name} must hold a JSON array of claims`);
  if (json.length === 0) throw new InputError(`claims file ${name} holds no claims`);
  const claims = json.map((c, i) => validateClaim(c, `claim ${i + 1}`));
  const ids = new Set<string>();
  for (const c of claims) {
    if (ids.has(c.id)) throw new InputError(`claims file ${name}: id "${c.id}" appears twice`);
    ids.add(c.id);
  }
  return claims;
}

export function validateClaim(value: unknown, where: string): Claim {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(`${where} must be an object`);
  const c = value as Record<string, unknown>;
  if (typeof c.id !== "string" || c.id.trim() === "") throw new InputError(`${where}: "id" must be a non-empty string`);
  const id = c.id;
  const at = `claim "${id}"`;
  const unknown = Object.keys(c).filter((key) => !FIELDS.includes(key));
  if (unknown.length) throw new InputError(`${at}: unknown field "${unknown[0]}" (fields: ${FIELDS.join(", ")})`);
  const text = (key: string) => {
    if (typeof c[key] !== "string" || (c[key] as string).trim() === "") throw new InputError(`${at}: "${key}" must be a non-empty string`);
    return c[key] as string;
  };
  const oneOf = <T extends string>(key: string, options: readonly T[]): T => {
    if (!options.includes(c[key] as T)) throw new InputError(`${at}: "${key}" must be one of ${options.join(", ")}, got ${JSON.stringify(c[key])}`);
    return c[key] as T;
  };
  const statement = text("statement");
  const family = oneOf("family", ["hmm", "ghmm"] as const);
  const init = oneOf("init", ["stationary", "free"] as const);
  const expected = oneOf("expected", ["identifiable", "not identifiable"] as const);
  const tasks = text("tasks");
  let parsed: Task[];
  try {
    parsed = parseTaskSet(tasks);
  } catch (e) {
    throw new InputError(`${at}: "tasks": ${(e as Error).message}`);
  }
  const sizes = validateSizes(c.sizes, at, family, init, parsed);
  const fiber = validateFiber(c.fiber, at);
  const source = validateSource(c.source, at);
  if (c.proof !== undefined && c.proof !== null && (typeof c.proof !== "string" || c.proof.trim() === "")) {
    throw new InputError(`${at}: "proof" must be a proof name or null`);
  }
  const claim: Claim = { id, source, statement, family, init, tasks, expected, fiber, sizes, proof: (c.proof as string | null | undefined) ?? null };
  for (const size of sizes) fiberExpectation(claim, size);
  return claim;
}

/** Each size: exactly {states, symbols}, whole numbers the analysis accepts for these tasks, within the parameter limit, and no size twice. */
function validateSizes(value: unknown, at: string, family: Family, init: Init, tasks: readonly Task[]): Claim["sizes"] {
  if (!Array.isArray(value) || value.length === 0) throw new InputError(`${at}: "sizes" must be a non-empty array of {"states", "symbols"}`);
  const seen = new Set<string>();
  return value.map((s, i) => {
    const where = `${at}: sizes[${i}]`;
    if (typeof s !== "object" || s === null || Array.isArray(s)) throw new InputError(`${where} must be an object {"states", "symbols"}`);
    const size = s as Record<string, unknown>;
    const extra = Object.keys(size).filter((key) => key !== "states" && key !== "symbols");
    if (extra.length) throw new InputError(`${where}: unknown field "${extra[0]}" (fields: states, symbols)`);
    for (const key of ["states", "symbols"]) {
      if (!Number.isSafeInteger(size[key]) || (size[key] as number) < 1) throw new InputError(`${where}.${key} must be a whole number ≥ 1, got ${JSON.stringify(size[key])}`);
    }
    const spec: ModelSpec = { family, init, states: size.states as number, symbols: size.symbols as number, sigma: 1 };
    const label = `k=${spec.states} d=${spec.symbols}`;
    try {
      validateSpec(spec, tasks);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // Tasks given twice are the same fault at every size: name the field, not the size.
      if (e.field?.startsWith("tasks")) throw new InputError(`${at}: "tasks": ${e.message}`);
      throw new InputError(`${where} (${label}): ${e.message.replace(/^--(states|symbols)/, "$1")}`);
    }
    const n = parameterCount(spec);
    if (n > MAX_CLAIM_PARAMETERS) {
      throw new InputError(`${where} (${label}) has ${n} parameters; claims are checked up to ${MAX_CLAIM_PARAMETERS} parameters`);
    }
    if (seen.has(label)) throw new InputError(`${where}: size ${label} is given twice`);
    seen.add(label);
    return { states: spec.states, symbols: spec.symbols };
  });
}

function validateFiber(value: unknown, at: string): Claim["fiber"] {
  if (value === undefined) return undefined;
  const f = value as Record<string, unknown>;
  const keys = typeof f === "object" && f !== null && !Array.isArray(f) ? Object.keys(f) : [];
  if (keys.length !== 1 || !["equals", "atLeast"].includes(keys[0]) || typeof f[keys[0]] !== "string") {
    throw new InputError(`${at}: "fiber" must be {"equals": formula} or {"atLeast": formula}, a formula in k and d such as "k*(k-1)/2"`);
  }
  return { [keys[0]]: f[keys[0]] as string };
}

function validateSource(value: unknown, at: string): ClaimSource {
  if (value === undefined) return { kind: "maskid", where: "user claim" };
  const s = value as Record<string, unknown>;
  if (typeof s !== "object" || s === null || Array.isArray(s) || (s.kind !== "paper" && s.kind !== "maskid") || typeof s.where !== "string" || Object.keys(s).length !== 2) {
    throw new InputError(`${at}: "source" must be {"kind": "paper"|"maskid", "where": text}`);
  }
  return { kind: s.kind, where: s.where };
}

/**
 * The claim's expected fiber dimension at (k, d): its formula's value, which must be a
 * whole number from 0 to n (a fiber dimension cannot be anything else). A formula that
 * does not evaluate, or gives anything else, is the claim author's input error.
 */
export function fiberExpectation(claim: Claim, size: { states: number; symbols: number }): { relation: "=" | "≥"; value: number } | null {
  if (!claim.fiber) return null;
  const [relation, formula] = claim.fiber.equals !== undefined ? (["=", claim.fiber.equals] as const) : (["≥", claim.fiber.atLeast!] as const);
  const at = `claim "${claim.id}": fiber formula "${formula}"`;
  let value: number;
  try {
    value = evaluateSizeFormula(formula, size);
  } catch (e) {
    throw new InputError(`${at} is refused: ${(e as Error).message}`);
  }
  const n = parameterCount({ family: claim.family, init: claim.init, states: size.states, symbols: size.symbols, sigma: 1 });
  if (!Number.isInteger(value) || value < 0 || value > n) {
    throw new InputError(`${at} gives ${value} at k=${size.states}, d=${size.symbols}; a fiber dimension is a whole number from 0 to n = ${n}`);
  }
  return { relation, value };
}
