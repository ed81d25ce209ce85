import { entryName, freeCoordinates } from "../model/spec.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { ExactTrial } from "./exact-trial.ts";
import type { FloatTrial } from "./float-trial.ts";
import { projectOut } from "../linalg/numerical-rank.ts";
import type { ParameterVerdict, Verdict } from "./result.ts";

/** A gradient with at most this share in the null space lies in the row space (identifiable). */
export const ROW_SPACE_SHARE = 1e-6;
/** A gradient with at least this share in the null space moves along the fiber. */
export const NULL_SPACE_SHARE = 1e-3;

/**
 * Per-entry local identifiability (docs/math.md §5 and §6.6): an entry of π, T or O|M is locally
 * identifiable iff its gradient lies in the row space of J, i.e. every null-space vector
 * is orthogonal to it. Decided from the float null space, and cross-checked exactly mod p
 * when an exact trial reached the same rank; disagreement gives `inconclusive`.
 */
export function parameterVerdicts(spec: ModelSpec, rank: number, float: FloatTrial | null, exact: ExactTrial | null): ParameterVerdict[] {
  const n = float?.jacobian.columns ?? exact!.jacobian.columns;
  const entries = (float ?? exact)!.jacobian.entries;
  const free = new Set(freeCoordinates(spec).map(entryName));
  const floatUsable = float !== null && float.rank.decided && float.rank.rank === rank;
  const exactUsable = exact !== null && exact.echelon.rank === rank;
  return entries.map((entry) => {
    const name = entryName(entry);
    let share: number | null = null;
    let floatVerdict: Verdict | null = null;
    if (floatUsable) {
      share = rank === n ? 0 : projectOut(float.rank.nullSpace, float.jacobian.entryGradient(entry));
      floatVerdict = share <= ROW_SPACE_SHARE ? "identifiable" : share >= NULL_SPACE_SHARE ? "not identifiable" : "inconclusive";
    }
    let inRowSpace: boolean | null = null;
    if (exactUsable) inRowSpace = rank === n || exact.echelon.inRowSpace(exact.jacobian.entryGradient(entry));
    const exactVerdict: Verdict | null = inRowSpace === null ? null : inRowSpace ? "identifiable" : "not identifiable";
    let verdict: Verdict;
    if (floatVerdict && exactVerdict) verdict = floatVerdict === exactVerdict ? floatVerdict : "inconclusive";
    else verdict = floatVerdict ?? exactVerdict ?? "inconclusive";
    return { name, free: free.has(name), verdict, nullSpaceShare: share, exactInRowSpace: inRowSpace };
  });
}
