import type { ModelSpec } from "../model/spec.ts";
import type { RegularityCheck } from "../model/regularity.ts";
import type { FamilyName } from "../families/applies.ts";

/**
 * What makes a local verdict a proof. "identifiable": full rank mod p (discrete emissions)
 * or full rank verified in interval arithmetic (Gaussian emissions). "not identifiable":
 * an exact rank mod p equal to n − f, where f is the dimension of a family lying in the
 * fiber (docs/math.md §6.5), so the generic rank is exactly that. Otherwise the field is null
 * (a numerical certificate, or rank evidence that is not a proof).
 */
export type LocalProof = "exact rank mod p" | "verified numerics" | "exact rank mod p meets a family's bound";

/** The three answers maskid gives; `inconclusive` always comes with its reason. */
export type Verdict = "identifiable" | "not identifiable" | "inconclusive";

/** Numerical rank of J at one float point (docs/math.md §6.3). */
export interface FloatRankEvidence {
  /** `random point 1`, `random point 2`, or `the given point`. */
  readonly point: string;
  readonly rank: number;
  readonly decided: boolean;
  readonly reason: string;
  /** Jacobian rows used out of the summary's rows (a row subset bounds σ_min(J) from below). */
  readonly rowsUsed: number;
  readonly rows: number;
  /** Singular values around the cut, 1-based indices. */
  readonly singularValuesAroundCut: readonly { index: number; value: number }[];
  /**
   * All n singular values of the J whose rank was taken, descending: in the scaled
   * coordinates (columns at unit norm; for Gaussian emissions, means in units of σ).
   */
  readonly singularValues: readonly number[];
  /**
   * When the rank is decided below n: an orthonormal basis of the null space of that
   * same scaled J, the fiber's tangent directions; otherwise null.
   */
  readonly nullSpace: FiberDirections | null;
  readonly largestSingularValue: number;
  readonly gapRatio: number;
  readonly tolerance: number;
  /**
   * Euclidean norms of J's columns before they were scaled to unit norm (the singular
   * values above are those of the scaled J, whose rank is J's).
   */
  readonly columnNorms: { readonly smallest: number; readonly largest: number };
  /** Gaussian emissions: J was taken in units of σ (means M/σ, inputs x/σ). */
  readonly sigmaUnits: boolean;
}

/** Directions that leave every prediction unchanged, as vectors over the chart's free coordinates. */
export interface FiberDirections {
  /** The free coordinates in chart order, named as in `parameters` (`pi[1]`, `T[1,1]`, `O[1,2]`). */
  readonly coordinates: readonly string[];
  /** n − rank orthonormal vectors, each with one entry per coordinate (scaled coordinates, like `singularValues`). */
  readonly basis: readonly (readonly number[])[];
}

/** Exact rank of J at a random point of F_p^n (docs/math.md §6.1). */
export interface ExactRankEvidence {
  readonly prime: number;
  readonly rank: number;
  readonly columns: number;
  /** Rows reduced before the rank saturated (or all of them). */
  readonly rowsSeen: number;
  readonly rows: number;
  /** Rows drawn uniformly at random (without replacement) first, and the seed of that draw: at rank n, these rows are the proof. */
  readonly sample: { readonly rows: number; readonly seed: number };
  /** True when the random draw stalled below n and every row not drawn was then reduced in index order. */
  readonly streamed: boolean;
  /** Points resampled because a denominator vanished mod p. */
  readonly resampled: number;
}

/**
 * Full column rank of J verified in interval arithmetic at one float point (Gaussian
 * emissions; docs/math.md §6.4): a proof of rank n there, hence generically.
 */
export interface VerifiedRankEvidence {
  /** The float point it repeats, e.g. `random point 1`. */
  readonly point: string;
  readonly verified: boolean;
  /** An upper bound on ‖I − R·PᵀJD‖∞ over the enclosure of J; below 1 is the proof. Null when J could not be enclosed. */
  readonly normBound: number | null;
  /** The widest entry of the enclosure of J relative to its magnitude. */
  readonly widestRelativeWidth: number | null;
  readonly rowsUsed: number;
  readonly columns: number;
  readonly reason: string;
}

/** The Schwartz–Zippel bound on the chance that every exact trial fell below the generic rank. */
export interface SchwartzZippelEvidence {
  readonly degreeBound: number;
  readonly perTrial: readonly number[];
  /** Product over independent trials. */
  readonly combined: number;
  readonly statement: string;
}

export interface ParameterVerdict {
  /** `pi[1]`, `T[2,1]`, `O[3,2]`: 1-based. */
  readonly name: string;
  /** A free coordinate of the chart, or derived (a last entry, or a stationary π entry). */
  readonly free: boolean;
  readonly verdict: Verdict;
  /** ‖projection of the entry's gradient on the float null space‖ / ‖gradient‖; 0 means in the row space. */
  readonly nullSpaceShare: number | null;
  /** Gradient in the row space of J mod p at the exact trial's point. */
  readonly exactInRowSpace: boolean | null;
}

/**
 * A proven upper bound on the generic rank: n − f, f the dimension of a family of
 * docs/math.md §7 that keeps every prediction (discrete emissions; the largest that applies).
 */
export interface RankUpperBoundEvidence {
  readonly rank: number;
  readonly family: FamilyName;
  readonly dimension: number;
  /** What the family is and how its dimension is known. */
  readonly statement: string;
}

export interface Evidence {
  readonly exact: readonly ExactRankEvidence[];
  /** Discrete emissions: n − the dimension of the largest family that applies, or null when none does. */
  readonly rankUpperBound: RankUpperBoundEvidence | null;
  readonly float: readonly FloatRankEvidence[];
  /** Interval-arithmetic verifications of full rank (Gaussian emissions), in the order tried. */
  readonly verified: readonly VerifiedRankEvidence[];
  readonly schwartzZippel: SchwartzZippelEvidence | null;
  readonly regularity: readonly RegularityCheck[] | null;
  /** Gaussian input design: points per task and the rule that sized it. */
  readonly design: string | null;
  readonly notes: readonly string[];
}

/** A task as the analysis read it: its canonical text and its positions. */
export interface AnalysedTask {
  readonly text: string;
  readonly given: readonly number[];
  readonly predict: readonly number[];
}

/** The verdict with the rank it rests on; each variant carries only what can hold for it. */
export type VerdictOutcome =
  | { readonly verdict: "identifiable"; readonly rank: number; readonly fiberDimension: 0 }
  | {
      readonly verdict: "not identifiable";
      readonly rank: number;
      /** n − rank: independent directions that leave every prediction unchanged. */
      readonly fiberDimension: number;
    }
  | { readonly verdict: "inconclusive"; readonly rank: null; readonly fiberDimension: null };

/** What the local analysis (identify/local-analysis.ts) returns: a verdict and everything that supports it. */
export type LocalAnalysis = VerdictOutcome & {
  readonly kind: "analysis";
  /** `generic`: a statement about almost every parameter point; `at this point`: about the given one. */
  readonly scope: "generic" | "at this point";
  /** Local identifiability (Jacobian rank); global evidence comes from other checks. */
  readonly level: "local";
  /** One line: what was decided and on what grounds. */
  readonly reason: string;
  /** What makes the verdict a proof (see LocalProof); null for a numerical certificate, for rank evidence short of a proof, and for "inconclusive". */
  readonly proof: LocalProof | null;
  readonly model: ModelSpec;
  readonly tasks: readonly AnalysedTask[];
  readonly parameterCount: number;
  readonly summaryRows: number;
  readonly seed: number;
  readonly evidence: Evidence;
  readonly parameters: readonly ParameterVerdict[];
};
