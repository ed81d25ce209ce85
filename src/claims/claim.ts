import type { Family, Init } from "../model/spec.ts";

/** Where a claim comes from: the paper (with its label), or a finding of maskid itself. */
export type ClaimSource = { readonly kind: "paper"; readonly where: string } | { readonly kind: "maskid"; readonly where: string };

/**
 * An identifiability claim, checked over a list of sizes. Expected fiber dimensions are
 * formulas in k (states) and d (symbols), e.g. "k*(k-1)/2", evaluated with mathjs.
 */
export interface Claim {
  readonly id: string;
  readonly source: ClaimSource;
  /** The claim in plain words. */
  readonly statement: string;
  readonly family: Family;
  readonly init: Init;
  /** A task set, tasks separated by ';'. */
  readonly tasks: string;
  readonly expected: "identifiable" | "not identifiable";
  /** The fiber dimension equals this formula, or is at least this formula. */
  readonly fiber?: { readonly equals?: string; readonly atLeast?: string };
  readonly sizes: readonly { readonly states: number; readonly symbols: number }[];
  /** The proof in proofs/ that backs it (a file name without extension), or null. */
  readonly proof: string | null;
}
