import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";
import type { ExactTrial } from "./exact-trial.ts";
import type { FloatTrial } from "./float-trial.ts";
import type { LocalProof, RankUpperBoundEvidence, Verdict, VerifiedRankEvidence } from "./result.ts";

export interface Decision {
  readonly verdict: Verdict;
  readonly rank: number | null;
  /** What makes an "identifiable" a proof, if anything does (null: a numerical certificate, or no such verdict). */
  readonly proof: LocalProof | null;
  readonly reason: string;
  readonly notes: string[];
}

const gap = (t: FloatTrial) => t.rank.cut.gapRatio.toExponential(1);

/**
 * The generic verdict. Exact evidence outranks floats where it is a proof (rank_p = n).
 * Without exact evidence, a decided full rank at any one float point settles the generic
 * rank as full: the summary is real-analytic in θ on a connected domain, so the rank at a
 * point is a lower bound for the generic rank (`atPoint`, a given parameter point, counts
 * here too, but only when it is decided full rank). A rank drop needs every float point
 * decided and agreeing (and, with exact evidence, the exact rank to agree too); anything
 * else is inconclusive, with what is known. A full rank verified in interval arithmetic
 * (`verified`, Gaussian emissions) is a proof and outranks the floats the same way. An
 * exact rank equal to `bound`, a proven upper bound n − f from a family in the fiber, is
 * the generic rank, proven from both sides: the floats are not consulted.
 */
export function decideGeneric(
  n: number,
  exact: readonly ExactTrial[],
  floats: readonly FloatTrial[],
  atPoint: FloatTrial | null = null,
  verified: VerifiedRankEvidence | null = null,
  bound: RankUpperBoundEvidence | null = null,
): Decision {
  const notes: string[] = [];
  const floatRank = agreedFloatRank(floats);
  const floatText = floats.map((t) => `${t.evidence.point}: rank ${t.rank.rank}${t.rank.decided ? `, gap ${gap(t)}` : ` undecided (${t.rank.reason})`}`).join("; ");
  if (exact.length > 0) {
    const best = Math.max(...exact.map((t) => t.echelon.rank));
    const primes = exact.map((t) => t.field.p).join(", ");
    if (best === n) {
      const p = exact.find((t) => t.echelon.rank === n)!.field.p;
      const reason = `exact certificate: rank ${n} of ${n} mod p = ${p} at a random point, so the Jacobian has full column rank at almost every point (proof)`;
      return proven(n, "exact rank mod p", reason, floatRank, floatText, notes);
    }
    if (bound !== null && best > bound.rank) {
      throw new Error(`exact rank ${best} mod p exceeds the ${bound.family} bound n − ${bound.dimension} = ${bound.rank}: the family is not in the fiber`);
    }
    if (bound !== null && best === bound.rank) {
      const p = exact.find((t) => t.echelon.rank === best)!.field.p;
      // Float points run here only for their spectra (check --plot); they cannot move a proven rank.
      if (floats.length > 0 && floatRank !== best) notes.push(`the float points do not show the proven rank ${best} (${floatText}): the Jacobian is ill-conditioned there`);
      return {
        verdict: "not identifiable",
        proof: "exact rank mod p meets a family's bound",
        rank: best,
        reason:
          `rank ${best} of ${n}, proven: ≥ ${best} by the exact rank mod p = ${p} at a random point, ≤ n − ${bound.dimension} = ${best} ` +
          `because the ${bound.family} family (tangent rank ${bound.dimension}) lies in every fiber: generic fiber of dimension ${n - best} (proof)`,
        notes,
      };
    }
    if (floatRank === best) {
      return {
        verdict: "not identifiable",
        proof: null,
        rank: best,
        reason:
          `rank ${best} < n = ${n} mod p at ${exact.length} random points (primes ${primes}; rank ≥ ${best} is certified) ` +
          `and in floats at ${floats.length} points (${floatText}): generic fiber of dimension ${n - best}`,
        notes,
      };
    }
    return {
      verdict: "inconclusive",
      proof: null,
      rank: null,
      reason: `exact rank mod p is ${best} of ${n} (so rank ≥ ${best}, fiber ≤ ${n - best}), but the float ranks do not confirm it (${floatText})`,
      notes,
    };
  }
  if (verified?.verified) {
    const reason =
      `verified numerics: at ${verified.point}, interval arithmetic bounds ${verified.reason.replace(/ over the whole enclosure of J$/, "")}, ` +
      `so the Jacobian has full column rank ${n} there and at almost every point (proof; the summary is real-analytic in θ)`;
    return proven(n, "verified numerics", reason, floatRank, floatText, notes);
  }
  const full = [...floats, ...(atPoint ? [atPoint] : [])].filter((t) => t.rank.decided && t.rank.rank === n);
  if (full.length > 0) {
    const others = floats.filter((t) => !full.includes(t));
    if (others.length > 0) {
      notes.push(
        `full rank at ${full.map((t) => t.evidence.point).join(", ")} settles the generic rank; ` +
          `the other points are singular or ill-conditioned (${others.map((t) => `${t.evidence.point}: rank ${t.rank.rank}${t.rank.decided ? "" : " undecided"}`).join("; ")})`,
      );
    }
    const fullText = full.map((t) => `${t.evidence.point}: rank ${n}, gap ${gap(t)}`).join("; ");
    return {
      verdict: "identifiable",
      proof: null,
      rank: n,
      reason:
        `numerical certificate: full rank ${n} of ${n} with a wide gap at ${full.length} point${full.length === 1 ? "" : "s"} (${fullText}); ` +
        "the rank at any point bounds the generic rank from below (the summary is real-analytic in θ)",
      notes,
    };
  }
  if (floatRank === null) {
    return { verdict: "inconclusive", proof: null, rank: null, reason: `float ranks undecided or in disagreement (${floatText})`, notes };
  }
  return {
    verdict: "not identifiable",
    proof: null,
    rank: floatRank,
    reason: `numerical rank ${floatRank} < n = ${n} at all ${floats.length} random points, each decided by a wide gap (${floatText}): generic fiber of dimension ${n - floatRank}`,
    notes,
  };
}

/**
 * The verdict at a given point. Full rank there means the predictor is injective near it
 * (inverse function theorem). A rank drop there means non-identifiability only when the
 * point's rank equals the generic rank (then the rank is constant nearby and the level
 * set is a manifold of positive dimension) and the point is interior (so that manifold
 * stays among valid parameters).
 */
export function decideAtPoint(
  spec: ModelSpec,
  trial: FloatTrial,
  generic: Decision,
  params: Parameters<number>,
  verified: VerifiedRankEvidence | null = null,
): Decision {
  const n = parameterCount(spec);
  const notes = [...generic.notes, `generic verdict: ${generic.verdict} (${generic.reason})`];
  const r = trial.rank.rank;
  if (verified?.verified && verified.point === trial.evidence.point) {
    return {
      verdict: "identifiable",
      proof: "verified numerics",
      rank: n,
      reason: `full rank ${n} of ${n} at this point, verified in interval arithmetic (${verified.reason}): the predictor is injective near this point (proof)`,
      notes,
    };
  }
  if (!trial.rank.decided) {
    return { verdict: "inconclusive", proof: null, rank: null, reason: `float rank at this point is undecided: ${trial.rank.reason}`, notes };
  }
  if (r === n) {
    return {
      verdict: "identifiable",
      proof: null,
      rank: n,
      reason: `full rank ${n} of ${n} at this point (gap ${gap(trial)}): the predictor is injective near this point`,
      notes,
    };
  }
  if (generic.rank !== r) {
    return {
      verdict: "inconclusive",
      proof: null,
      rank: null,
      reason: `rank ${r} < ${n} at this point, but the generic rank is ${generic.rank ?? "undecided"}: this point may be singular`,
      notes,
    };
  }
  if (!isInterior(spec, params)) {
    return {
      verdict: "inconclusive",
      proof: null,
      rank: null,
      reason: `rank ${r} < ${n} at this point, but the point lies on the boundary (a zero entry), where the fiber may leave the parameter set`,
      notes,
    };
  }
  return {
    verdict: "not identifiable",
    proof: null,
    rank: r,
    reason: `rank ${r} < ${n} at this point, equal to the generic rank, at an interior point: a ${n - r}-dimensional family of parameters near it gives the same predictions`,
    notes,
  };
}

/** An "identifiable" that a proof settles, with a note when the floats fell short of it. */
function proven(n: number, proof: LocalProof, reason: string, floatRank: number | null, floatText: string, notes: string[]): Decision {
  const by = proof === "exact rank mod p" ? "exact" : "verified";
  if (floatRank !== null && floatRank < n) {
    notes.push(`float rank ${floatRank} is below the ${by} rank ${n}: the Jacobian is ill-conditioned at the float points (${floatText})`);
  }
  return { verdict: "identifiable", proof, rank: n, reason, notes };
}

/**
 * The rank every float point agrees on: at least two points, every one of them decided,
 * all at the same rank. An undecided point is not evidence of a drop, but it is not
 * evidence against one either, and a point that saturates can look decided: a rank drop
 * must therefore survive every point tried.
 */
function agreedFloatRank(floats: readonly FloatTrial[]): number | null {
  const ranks = new Set(floats.map((t) => t.rank.rank));
  return floats.length >= 2 && floats.every((t) => t.rank.decided) && ranks.size === 1 ? floats[0].rank.rank : null;
}

/** Every probability strictly positive (Gaussian means are unconstrained). */
function isInterior(spec: ModelSpec, p: Parameters<number>): boolean {
  const positive = (m: number[][]) => m.every((row) => row.every((x) => x > 0));
  return p.pi.every((x) => x > 0) && positive(p.T) && (spec.family === "ghmm" || positive(p.emission));
}
