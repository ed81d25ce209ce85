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
  /** The same space in reduced echelon form: vector i is 1 at `free[i]` and 0 at the other free coordinates. */
  readonly free: readonly string[];
  readonly echelon: readonly (readonly number[])[];
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
  const names = freeCoordinates(spec).map(entryName);
  const { pivots, rows } = reducedEchelon(basis);
  return { point: trial.evidence.point, coordinates: names, basis, free: pivots.map((j) => names[j]), echelon: rows };
}

/**
 * Gauss–Jordan with complete pivoting (the largest remaining entry each time, for
 * stability on float input): rows span the same space, each 1 at its pivot column and 0
 * at the others. Rows are returned in pivot-column order.
 */
function reducedEchelon(vectors: readonly number[][]): { pivots: number[]; rows: number[][] } {
  const rows = vectors.map((v) => [...v]);
  const pivots: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    let best = { r: i, c: 0, size: -1 };
    for (let r = i; r < rows.length; r++) rows[r].forEach((x, c) => (Math.abs(x) > best.size && !pivots.includes(c) ? (best = { r, c, size: Math.abs(x) }) : null));
    [rows[i], rows[best.r]] = [rows[best.r], rows[i]];
    const top = rows[i][best.c];
    rows[i] = rows[i].map((x) => x / top);
    for (let r = 0; r < rows.length; r++) if (r !== i) rows[r] = rows[r].map((x, c) => x - rows[r][best.c] * rows[i][c]);
    pivots.push(best.c);
  }
  const order = pivots.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c);
  return { pivots: order.map((o) => o.c), rows: order.map((o) => rows[o.i]) };
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

