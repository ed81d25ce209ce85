import { InputError } from "../base/errors.ts";
import { parseTaskSet } from "../task/parse.ts";
import type { Claim } from "./claim.ts";

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

/** Validates a parsed claims file (an array of claims with distinct ids). */
export function validateClaims(json: unknown, name: string): Claim[] {
  if (!Array.isArray(json)) throw new InputError(`claims file ${name} must hold a JSON array of claims`);
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
  const unknown = Object.keys(c).filter((key) => !FIELDS.includes(key));
  if (unknown.length) throw new InputError(`${where}: unknown field "${unknown[0]}" (fields: ${FIELDS.join(", ")})`);
  const text = (key: string) => {
    if (typeof c[key] !== "string" || (c[key] as string).trim() === "") throw new InputError(`${where}: "${key}" must be a non-empty string`);
    return c[key] as string;
  };
  const id = text("id");
  const at = `claim "${id}"`;
  const oneOf = <T extends string>(key: string, options: readonly T[]): T => {
    if (!options.includes(c[key] as T)) throw new InputError(`${at}: "${key}" must be one of ${options.join(", ")}, got ${JSON.stringify(c[key])}`);
    return c[key] as T;
  };
  const tasks = text("tasks");
  try {
    parseTaskSet(tasks);
  } catch (e) {
    throw new InputError(`${at}: "tasks": ${(e as Error).message}`);
  }
  if (!Array.isArray(c.sizes) || c.sizes.length === 0) throw new InputError(`${at}: "sizes" must be a non-empty array of {"states", "symbols"}`);
  const sizes = c.sizes.map((s, i) => {
    const size = s as Record<string, unknown>;
    for (const key of ["states", "symbols"]) {
      if (!Number.isInteger(size?.[key]) || (size[key] as number) < 1) throw new InputError(`${at}: sizes[${i}].${key} must be a whole number ≥ 1`);
    }
    return { states: size.states as number, symbols: size.symbols as number };
  });
  let fiber: Claim["fiber"];
  if (c.fiber !== undefined) {
    const f = c.fiber as Record<string, unknown>;
    const keys = Object.keys(f ?? {});
    if (typeof f !== "object" || f === null || keys.length !== 1 || !["equals", "atLeast"].includes(keys[0]) || typeof f[keys[0]] !== "string") {
      throw new InputError(`${at}: "fiber" must be {"equals": formula} or {"atLeast": formula}, a formula in k and d such as "k*(k-1)/2"`);
    }
    fiber = { [keys[0]]: f[keys[0]] as string };
  }
  const source = c.source === undefined ? { kind: "maskid" as const, where: "user claim" } : (c.source as Claim["source"]);
  if (typeof source !== "object" || !["paper", "maskid"].includes(source.kind) || typeof source.where !== "string") {
    throw new InputError(`${at}: "source" must be {"kind": "paper"|"maskid", "where": text}`);
  }
  if (c.proof !== undefined && c.proof !== null && typeof c.proof !== "string") throw new InputError(`${at}: "proof" must be a proof name or null`);
  return {
    id,
    source,
    statement: text("statement"),
    family: oneOf("family", ["hmm", "ghmm"] as const),
    init: oneOf("init", ["stationary", "free"] as const),
    tasks,
    expected: oneOf("expected", ["identifiable", "not identifiable"] as const),
    fiber,
    sizes,
    proof: (c.proof as string | null | undefined) ?? null,
  };
}
