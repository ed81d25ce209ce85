import type { ParameterFile } from "../model/params-file.ts";

/** A parameter point as exact rationals, each entry written `p/q` (the file shape of ParameterFile). */
export interface RationalParameterFile {
  readonly pi: readonly string[];
  readonly T: readonly (readonly string[])[];
  readonly O?: readonly (readonly string[])[];
  readonly M?: readonly (readonly string[])[];
}

/**
 * Two parameter points that make the same predictions on the task set and are not
 * relabellings of each other: a counterexample to identifiability (docs/math.md §5).
 */
export interface Witness {
  readonly first: ParameterFile;
  readonly second: ParameterFile;
  /**
   * min over the k! relabellings σ of the second point of the max-abs (L∞, not Euclidean)
   * difference over every entry of π, T and O|M.
   */
  readonly distance: number;
  /** max |f(first) − f(second)| over the verification inputs (see `verification`); 0 for exact witnesses. */
  readonly maxPredictionDifference: number;
  /** How the pair was found. */
  readonly method: string;
  /** Accepted continuation steps (numerical), or 1 for a closed-form move. */
  readonly steps: number;
  /** True when both points are rational and the predictions were compared in exact arithmetic. */
  readonly exact: boolean;
  /** Which inputs the predictions were compared on, and how. */
  readonly verification: string;
  /** Numerical witnesses closer than the 0.2 target only: where the paths stopped, so why the pair is not farther apart. */
  readonly shortfall?: string;
  /** Exact witnesses only: both points as exact rationals (the floats above are their roundings). */
  readonly rational?: { readonly first: RationalParameterFile; readonly second: RationalParameterFile };
}

/**
 * What `analyse(…, { witness: true })` adds to a non-identifiable verdict: a numerical
 * witness from the result's seed (at the given point when there is one), an exact
 * rational pair where a family of docs/math.md §7 applies (generic verdicts only), and notes on
 * whatever could not be found.
 */
export interface WitnessSearch {
  readonly numerical: Witness | null;
  readonly exact: Witness | null;
  readonly notes: readonly string[];
  /** Set when the time budget cut the numerical search short (then no numerical witness is not a failure). */
  readonly stopped?: string;
}
