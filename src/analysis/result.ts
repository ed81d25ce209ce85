import type { ApplicableFamily } from "../families/applies.ts";
import type { LocalAnalysis } from "../identify/result.ts";
import type { GlobalEvidence } from "../uniqueness/evidence.ts";
import type { WitnessSearch } from "../witness/witness-pair.ts";

type Variant<V extends LocalAnalysis["verdict"]> = Extract<LocalAnalysis, { verdict: V }>;

/** A generic or pointwise full-rank verdict, with its certificate in `evidence`. */
export type IdentifiableAnalysis = Variant<"identifiable"> & {
  /** Only when asked for (`global`): Kruskal with read-back, and a multi-start search. */
  readonly global?: GlobalEvidence;
};

/** A rank drop agreed by every trial, with the witness pair when one was asked for. */
export type NotIdentifiableAnalysis = Variant<"not identifiable"> & {
  /**
   * Generic verdicts only: a family of docs/math.md §7 whose dimension equals the fiber
   * dimension n − rank, so that it is the whole fiber (a proof of non-identifiability); null
   * when no family applies or none has that dimension.
   */
  readonly familyProof: ApplicableFamily | null;
  /** Only when asked for (`witness`): a second point with the same predictions. */
  readonly witness?: WitnessSearch;
  readonly global?: GlobalEvidence;
};

/** No rank could be decided; `reason` and `evidence` say what was tried. */
export type InconclusiveAnalysis = Variant<"inconclusive"> & {
  readonly global?: GlobalEvidence;
};

/**
 * The whole answer of `analyse`, and the object `maskid check --json` prints: a union on
 * `verdict`, each variant carrying the evidence that supports it.
 */
export type AnalysisResult = IdentifiableAnalysis | NotIdentifiableAnalysis | InconclusiveAnalysis;
