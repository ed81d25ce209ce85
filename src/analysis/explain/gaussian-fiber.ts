import { floatDualField } from "../../field/dual.ts";
import { w3Direction, w3Transform } from "../../families/w3.ts";
import { type FloatTrial, inSigmaUnits } from "../../identify/float-trial.ts";
import { numericalRank } from "../../linalg/numerical-rank.ts";
import { mapParameters, toCoordinates } from "../../model/chart.ts";
import type { FloatPoint } from "../../model/random-point.ts";
import { type ModelSpec, entryName, freeCoordinates } from "../../model/spec.ts";
import { describeFamily } from "./families.ts";
import { type RankEvidence, rankEvidence } from "./gaussian-point.ts";

/** The numerical null space of J at one float point, by name (docs/math.md §11.7). */
export interface NumericalFiber {
  readonly point: string;
  /** Coordinates in chart order; the means in units of σ (M/σ). */
  readonly coordinates: readonly string[];
  /** An orthonormal basis (σ units), the right singular vectors below the decided cut mapped back through the column scale. */
  readonly basis: readonly (readonly number[])[];
}

/** W3's tangents against the numerical fiber (docs/math.md §7.4), where it applies. */
export interface NumericalFamilyMatch {
  readonly family: "W3";
  /** Rank of the k − 1 tangents. */
  readonly dimension: RankEvidence;
  /** Rank of the tangents stacked with the null space basis: equal to the fiber dimension iff the tangents lie in it. */
  readonly withFiber: RankEvidence;
  readonly fiber: number;
  readonly isFiber: boolean;
  readonly summary: string;
}

/** Why no family of docs/math.md §7 is matched for these Gaussian emissions, or null when W3 is. */
export function familiesNote(spec: ModelSpec): string | null {
  const w12 = "W1 and W2 move O to OR, which keeps discrete laws but not Gaussian likelihoods, whose posteriors depend on the means nonlinearly";
  return spec.init === "free" ? null : `no family of docs/math.md §7 applies: ${w12}; W3 needs a free initial law (it moves π)`;
}

/** The null space basis D·v (σ units) of a decided drop, orthonormalised; null when the rank is full or undecided. */
export function numericalFiber(spec: ModelSpec, trial: FloatTrial): NumericalFiber | null {
  if (!trial.rank.decided || trial.rank.nullSpace.length === 0) return null;
  const basis = orthonormal(trial.rank.nullSpace.map((v) => v.map((x, j) => x * trial.columnScale[j])));
  return { point: trial.evidence.point, coordinates: freeCoordinates(spec).map(entryName), basis };
}

/** Gram–Schmidt, twice for stability (the columns of D·V are independent: D is invertible). */
function orthonormal(vectors: readonly number[][]): number[][] {
  const out: number[][] = [];
  for (const v of vectors) {
    let w = [...v];
    for (let pass = 0; pass < 2; pass++) {
      for (const u of out) {
        const c = u.reduce((s, x, j) => s + x * w[j], 0);
        w = w.map((x, j) => x - c * u[j]);
      }
    }
    const norm = Math.hypot(...w);
    out.push(w.map((x) => x / norm));
  }
  return out;
}

/**
 * W3's k − 1 tangents at the point (σ units, one-variable float duals along v = e_a − e_k),
 * in the scaled coordinates D⁻¹t of J·D, compared with the decided null space by the gap
 * rule: dim(W3 ∩ null J) = dim W3 + dim null J − rank of the two stacked.
 */
export function matchW3(spec: ModelSpec, point: FloatPoint, trial: FloatTrial): NumericalFamilyMatch | null {
  if (familiesNote(spec) !== null || !trial.rank.decided || trial.rank.rank === trial.jacobian.columns) return null;
  const unit = inSigmaUnits(spec, point);
  const k = spec.states;
  const dual = floatDualField(1);
  const lifted = mapParameters(unit.point.params, (x) => dual.constant(x));
  const tangents = Array.from({ length: k - 1 }, (_, a) => {
    const head = Array.from({ length: k - 1 }, (_, b) => (a === b ? dual.variable(0, 0) : dual.constant(0)));
    const moved = w3Transform(dual, lifted, w3Direction(dual, head), unit.spec.sigma);
    return toCoordinates(unit.spec, moved).map((x, j) => (x.g?.[0] ?? 0) / trial.columnScale[j]);
  });
  const n = trial.jacobian.columns;
  const fiber = n - trial.rank.rank;
  const unitRows = (rows: readonly number[][]) => rows.map((r) => r.map((x) => x / Math.hypot(...r)));
  const dimension = rankEvidence(numericalRank(unitRows(tangents), n, { vectors: false }));
  const withFiber = rankEvidence(numericalRank([...trial.rank.nullSpace, ...unitRows(tangents)], n, { vectors: false }));
  const decided = dimension.decided && withFiber.decided;
  const keeping = dimension.rank + fiber - withFiber.rank;
  const isFiber = decided && withFiber.rank === fiber && dimension.rank === fiber;
  const summary = decided
    ? `${describeFamily("W3", dimension.rank, keeping, fiber, isFiber)}, numerically`
    : `undecided: ${dimension.decided ? withFiber.reason : dimension.reason}`;
  return { family: "W3", dimension, withFiber, fiber, isFiber, summary };
}

