import { InputError } from "../base/errors.ts";
import { DivisionByZero } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { stationaryLaw } from "./chart.ts";
import { type ModelSpec, type Parameters, emissionName } from "./spec.ts";

/** A parameter file or object that is not a valid point of the model; the message names the place. */
export class ParameterError extends InputError {
  override readonly name = "ParameterError";
  constructor(message: string) {
    super(message, { field: "params" });
  }
}

/**
 * Means this large (in units of σ) overflow double precision in ‖μ‖²/σ², the Gaussian
 * logits; no model that far from the origin can be analysed in floats.
 */
export const MAX_MEAN_OVER_SIGMA = 1e100;

/** Sums of stochastic columns must be 1 within this (files hold rounded decimals). */
export const STOCHASTIC_TOLERANCE = 1e-9;

/** The JSON shape of a parameter point, rows first: T[i][j] = P(h' = i | h = j), O[a][j] = P(x = a | h = j). */
export interface ParameterFile {
  pi?: number[];
  T: number[][];
  O?: number[][];
  M?: number[][];
  sigma?: number;
}

/** A parameter file's point, with the σ it states (a Gaussian file may give one; validated). */
export interface ParsedParameterFile {
  readonly params: Parameters<number>;
  readonly sigma: number | undefined;
}

/**
 * Parses and validates the text of a parameter file; `name` (its path) goes into the
 * message when the text is not JSON.
 */
export function parseParameterFile(text: string, spec: ModelSpec, name: string): ParsedParameterFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const hint = /\b(NaN|-?Infinity)\b/.test(text) ? " (it holds NaN or Infinity: not numbers in JSON, and not valid parameters)" : "";
    throw new ParameterError(`parameter file ${name} is not JSON${hint}: ${(e as Error).message}`);
  }
  const file = isHmmlearnLayout(json) ? fromHmmlearnLayout(json, name) : json;
  const params = validateParameters(file, spec);
  return { params, sigma: (file as ParameterFile).sigma };
}

/** hmmlearn's attribute names, as a model's fitted parameters dump to JSON. */
const HMMLEARN_KEYS = ["startprob_", "transmat_", "emissionprob_", "means_", "covars_"];

function isHmmlearnLayout(json: unknown): json is Record<string, unknown> {
  return typeof json === "object" && json !== null && !Array.isArray(json) && Object.keys(json).some((key) => HMMLEARN_KEYS.includes(key));
}

/**
 * hmmlearn's layout read as maskid's. hmmlearn puts the current state in rows
 * (transmat_[i][j] = P(h' = j | h = i), emissionprob_[i][a] = P(x = a | h = i), means_[i] =
 * μ_i), maskid in columns, so T = transmat_ᵀ, O = emissionprob_ᵀ, M = means_ᵀ; π is
 * startprob_. A Gaussian model needs one σ for every state and coordinate: covars_ must be
 * spherical and equal (k variances, or k matrices c·I with the same c).
 */
function fromHmmlearnLayout(obj: Record<string, unknown>, name: string): ParameterFile {
  const unknown = Object.keys(obj).filter((key) => !HMMLEARN_KEYS.includes(key));
  if (unknown.length) {
    throw new ParameterError(`${name} mixes hmmlearn keys with "${unknown[0]}"; use hmmlearn's (${HMMLEARN_KEYS.join(", ")}) or maskid's (pi, T, O or M, sigma)`);
  }
  const rows = (key: string): number[][] => {
    const value = obj[key];
    if (!Array.isArray(value) || !value.every((row) => Array.isArray(row))) throw new ParameterError(`${key} in ${name} must be an array of rows`);
    return value as number[][];
  };
  const transpose = (m: number[][]) => (m.length === 0 ? [] : m[0].map((_, j) => m.map((row) => row[j])));
  const file: ParameterFile = { T: transpose(rows("transmat_")) };
  if (obj.startprob_ !== undefined) file.pi = obj.startprob_ as number[];
  if (obj.emissionprob_ !== undefined) file.O = transpose(rows("emissionprob_"));
  if (obj.means_ !== undefined) file.M = transpose(rows("means_"));
  if (obj.covars_ !== undefined) file.sigma = Math.sqrt(sphericalVariance(obj.covars_, name));
  return file;
}

function sphericalVariance(covars: unknown, name: string): number {
  const refuse = () => {
    throw new ParameterError(`covars_ in ${name} is not one variance for every state and coordinate: maskid's Gaussian HMM has covariance σ²I with one known σ`);
  };
  if (!Array.isArray(covars) || covars.length === 0) return refuse();
  const variances = covars.map((c) => {
    if (typeof c === "number") return c;
    if (!Array.isArray(c) || !c.every((row, i) => Array.isArray(row) && row.length === c.length && row.every((x, j) => typeof x === "number" && (i === j || x === 0)))) return refuse();
    const diagonal = (c as number[][]).map((row, i) => row[i]);
    return diagonal.every((x) => x === diagonal[0]) ? diagonal[0] : refuse();
  });
  if (!variances.every((v) => v === variances[0]) || !(variances[0] > 0)) return refuse();
  return variances[0];
}

/**
 * Checks shape, finiteness, signs and column sums, and returns the point; π is computed
 * when omitted under stationary init, and checked against Tπ = π when given.
 */
export function validateParameters(json: unknown, spec: ModelSpec): Parameters<number> {
  const { states: k, symbols: d } = spec;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ParameterError("parameters must be a JSON object with keys pi, T and " + emissionName(spec));
  }
  const obj = json as Record<string, unknown>;
  const em = emissionName(spec);
  const other = em === "O" ? "M" : "O";
  if (other in obj) throw new ParameterError(`a ${spec.family} model takes "${em}", not "${other}"`);
  const allowed = spec.family === "ghmm" ? ["pi", "T", em, "sigma"] : ["pi", "T", em];
  const unknown = Object.keys(obj).filter((key) => !allowed.includes(key));
  if (unknown.length) {
    const why = unknown[0] === "sigma" ? "sigma applies to ghmm only" : `unknown key "${unknown[0]}"`;
    throw new ParameterError(`${why}; a ${spec.family} parameter file takes the keys ${allowed.join(", ")}`);
  }
  // σ is checked before the means are measured in units of it.
  if (obj.sigma !== undefined && (typeof obj.sigma !== "number" || !(obj.sigma > 0) || !Number.isFinite(obj.sigma))) {
    throw new ParameterError(`sigma must be a positive number, got ${JSON.stringify(obj.sigma)}`);
  }
  const T = matrix(obj.T, "T", k, k);
  const emission = matrix(obj[em], em, d, k);
  if (spec.family === "hmm") for (const row of emission) row.forEach((x, j) => nonNegative(x, `${em}[${emission.indexOf(row) + 1},${j + 1}]`));
  T.forEach((row, i) => row.forEach((x, j) => nonNegative(x, `T[${i + 1},${j + 1}]`)));
  checkColumnSums(T, "T");
  if (spec.family === "hmm") checkColumnSums(emission, em);
  if (spec.family === "ghmm") {
    const sigma = typeof obj.sigma === "number" ? obj.sigma : spec.sigma;
    const largest = Math.max(...emission.flat().map(Math.abs));
    if (largest / sigma > MAX_MEAN_OVER_SIGMA) {
      throw new ParameterError(`a mean entry of ${largest} is over ${MAX_MEAN_OVER_SIGMA} σ: its square overflows double precision`);
    }
  }
  // Under stationary init the chart computes π from T, so T must have exactly one stationary law.
  let stationary: number[] | null = null;
  if (spec.init === "stationary") {
    try {
      stationary = stationaryLaw(floatField, T);
    } catch (e) {
      if (!(e instanceof DivisionByZero)) throw e;
      throw new ParameterError(
        "T has no unique stationary law (its chain has more than one closed class), so under stationary init π is not a function of T; use --init free",
      );
    }
  }
  let pi: number[];
  if (obj.pi === undefined) {
    if (stationary === null) throw new ParameterError('free init needs "pi"');
    pi = stationary;
  } else {
    pi = vector(obj.pi, "pi", k);
    pi.forEach((x, i) => nonNegative(x, `pi[${i + 1}]`));
    const total = pi.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > STOCHASTIC_TOLERANCE) throw new ParameterError(`pi sums to ${total}, not 1`);
    if (spec.init === "stationary") {
      const drift = Math.max(...T.map((row, i) => Math.abs(row.reduce((s, t, j) => s + t * pi[j], 0) - pi[i])));
      if (drift > 1e-8) throw new ParameterError(`pi is not stationary for T (max |Tπ − π| = ${drift.toExponential(2)}); use --init free`);
    }
  }
  return { pi, T, emission };
}

function vector(value: unknown, name: string, length: number): number[] {
  if (!Array.isArray(value)) throw new ParameterError(`${name} must be an array of ${length} numbers`);
  if (value.length !== length) throw new ParameterError(`${name} has ${value.length} entries, expected ${length}`);
  return value.map((x, i) => {
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new ParameterError(`${name}[${i + 1}] is ${JSON.stringify(x) ?? String(x)}, not a finite number`);
    }
    return x;
  });
}

function matrix(value: unknown, name: string, rows: number, cols: number): number[][] {
  if (!Array.isArray(value)) throw new ParameterError(`${name} must be a ${rows}×${cols} array of rows`);
  if (value.length !== rows) throw new ParameterError(`${name} has ${value.length} rows, expected ${rows}`);
  return value.map((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw new ParameterError(`${name} row ${i + 1} must have ${cols} entries`);
    }
    return row.map((x, j) => {
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new ParameterError(`${name}[${i + 1},${j + 1}] is ${JSON.stringify(x) ?? String(x)}, not a finite number`);
      }
      return x;
    });
  });
}

function nonNegative(x: number, where: string): void {
  if (x < 0) throw new ParameterError(`${where} is ${x}; probabilities cannot be negative`);
}

function checkColumnSums(m: number[][], name: string): void {
  for (let j = 0; j < m[0].length; j++) {
    const total = m.reduce((s, row) => s + row[j], 0);
    if (Math.abs(total - 1) > STOCHASTIC_TOLERANCE) {
      throw new ParameterError(`column ${j + 1} of ${name} sums to ${total}, not 1 (columns are conditional laws)`);
    }
  }
}

/** The file form of a point (what `--params` reads and every printed point uses). */
export function toParameterFile(spec: ModelSpec, p: Parameters<number>): ParameterFile {
  const out: ParameterFile = { pi: p.pi, T: p.T };
  out[emissionName(spec)] = p.emission;
  if (spec.family === "ghmm") out.sigma = spec.sigma;
  return out;
}
