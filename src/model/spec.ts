/** The two emission families of docs/math.md §1. */
export type Family = "hmm" | "ghmm";
/** `stationary`: π solves Tπ = π (a function of T); `free`: π is its own parameter. */
export type Init = "stationary" | "free";

/** A model family with its sizes: everything but the parameter values. */
export interface ModelSpec {
  readonly family: Family;
  /** k, the number of hidden states. */
  readonly states: number;
  /** d, the number of symbols (hmm) or the observation dimension (ghmm). */
  readonly symbols: number;
  readonly init: Init;
  /** Known emission standard deviation (ghmm only). */
  readonly sigma: number;
}

/** A concrete parameter point over some number system. `emission` is O (hmm) or M (ghmm), d×k. */
export interface Parameters<E> {
  readonly pi: E[];
  /** T[i][j] = P(h_{t+1} = i | h_t = j). */
  readonly T: E[][];
  /** O[a][j] = P(x = a | h = j), or M[a][j] = (μ_j)_a. */
  readonly emission: E[][];
}

/** A discrete-emission spec (hmm): k = `states` hidden states, d = `symbols` symbols. */
export function hmmSpec(states: number, symbols: number, init: Init = "stationary"): ModelSpec {
  return { family: "hmm", states, symbols, init, sigma: 1 };
}

/** A Gaussian-emission spec (ghmm): k = `states`, observations in R^d with d = `symbols`, known standard deviation `sigma`. */
export function ghmmSpec(states: number, symbols: number, init: Init = "stationary", sigma = 1): ModelSpec {
  return { family: "ghmm", states, symbols, init, sigma };
}

export function emissionName(spec: ModelSpec): "O" | "M" {
  return spec.family === "hmm" ? "O" : "M";
}

/** n = (free ? k−1 : 0) + k(k−1) + (hmm ? k(d−1) : kd)   (docs/math.md §2). */
export function parameterCount(spec: ModelSpec): number {
  const { states: k, symbols: d } = spec;
  return (spec.init === "free" ? k - 1 : 0) + k * (k - 1) + (spec.family === "hmm" ? k * (d - 1) : k * d);
}

/** One entry of π, T or O/M, with 0-based indices (π entries have col = 0). */
export interface EntryRef {
  readonly matrix: "pi" | "T" | "O" | "M";
  readonly row: number;
  readonly col: number;
}

/** Human name of an entry, 1-based as in the paper: `pi[2]`, `T[1,3]`, `O[4,2]`. */
export function entryName(e: EntryRef): string {
  return e.matrix === "pi" ? `pi[${e.row + 1}]` : `${e.matrix}[${e.row + 1},${e.col + 1}]`;
}

/**
 * The free coordinates in chart order: π's first k−1 entries (free init), then each
 * column of T without its last entry, then each column of O without its last entry
 * (or every entry of M, column by column). Last entries are 1 − the sum of the others.
 */
export function freeCoordinates(spec: ModelSpec): EntryRef[] {
  const { states: k, symbols: d } = spec;
  const out: EntryRef[] = [];
  if (spec.init === "free") for (let i = 0; i < k - 1; i++) out.push({ matrix: "pi", row: i, col: 0 });
  for (let j = 0; j < k; j++) for (let i = 0; i < k - 1; i++) out.push({ matrix: "T", row: i, col: j });
  const em = emissionName(spec);
  const rows = spec.family === "hmm" ? d - 1 : d;
  for (let j = 0; j < k; j++) for (let a = 0; a < rows; a++) out.push({ matrix: em, row: a, col: j });
  return out;
}

/** Every entry of π, T and O/M, free and derived, in reading order. */
export function allEntries(spec: ModelSpec): EntryRef[] {
  const { states: k, symbols: d } = spec;
  const out: EntryRef[] = [];
  for (let i = 0; i < k; i++) out.push({ matrix: "pi", row: i, col: 0 });
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out.push({ matrix: "T", row: i, col: j });
  const em = emissionName(spec);
  for (let a = 0; a < d; a++) for (let j = 0; j < k; j++) out.push({ matrix: em, row: a, col: j });
  return out;
}

/** Reads an entry of a parameter point. */
export function entryOf<E>(p: Parameters<E>, e: EntryRef): E {
  return e.matrix === "pi" ? p.pi[e.row] : e.matrix === "T" ? p.T[e.row][e.col] : p.emission[e.row][e.col];
}
