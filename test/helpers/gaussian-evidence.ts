/**
 * Checks shared by the Gaussian verdict suites: a decided verdict must be backed by the
 * float evidence it reports (rank, gap, singular values at the cut, column scaling).
 */
import { expect } from "vitest";
import { DEFAULT_MIN_GAP } from "../../src/linalg/numerical-rank.ts";
import type { AnalysisResult } from "../../src/analysis/result.ts";
import type { FloatRankEvidence } from "../../src/identify/result.ts";

/** One float point's evidence supports a decided rank `rank` of `n` columns. */
export function expectDecidedFloat(f: FloatRankEvidence, rank: number, n: number): void {
  expect(f.decided).toBe(true);
  expect(f.rank).toBe(rank);
  expect(f.gapRatio).toBeGreaterThanOrEqual(DEFAULT_MIN_GAP);
  expect(f.sigmaUnits).toBe(true);
  // Columns were scaled to unit norm: every norm finite and positive, so the largest
  // singular value of the scaled J is at most √n (‖J D‖_2 ≤ ‖J D‖_F = √n).
  expect(f.columnNorms.smallest).toBeGreaterThan(0);
  expect(Number.isFinite(f.columnNorms.largest)).toBe(true);
  expect(f.largestSingularValue).toBeLessThanOrEqual(Math.sqrt(n) * (1 + 1e-9));
  const above = f.singularValuesAroundCut.find((s) => s.index === rank)!;
  expect(above).toBeDefined();
  const below = f.singularValuesAroundCut.find((s) => s.index === rank + 1);
  const floor = below ? Math.max(below.value, f.tolerance) : f.tolerance;
  expect(above.value / floor).toBeGreaterThanOrEqual(DEFAULT_MIN_GAP * (1 - 1e-9));
}

/** A generic Gaussian result is decided identifiable, with every float point decided at full rank. */
export function expectGaussianIdentifiable(r: AnalysisResult): void {
  const n = r.parameterCount;
  expect(r.verdict, r.reason).toBe("identifiable");
  expect(r.rank).toBe(n);
  expect(r.fiberDimension).toBe(0);
  expect(r.evidence.exact).toEqual([]);
  expect(r.evidence.float.length).toBeGreaterThanOrEqual(2);
  for (const f of r.evidence.float) expectDecidedFloat(f, n, n);
}

/** Never a decided verdict that contradicts a known full generic rank: identifiable, or inconclusive with a reason. */
export function expectNotWronglyDecided(r: AnalysisResult): void {
  if (r.verdict === "identifiable") {
    expect(r.rank).toBe(r.parameterCount);
    const full = r.evidence.float.filter((f) => f.decided && f.rank === r.parameterCount);
    expect(full.length).toBeGreaterThanOrEqual(1);
    for (const f of full) expectDecidedFloat(f, r.parameterCount, r.parameterCount);
  } else {
    expect(r.verdict).toBe("inconclusive");
    expect(r.rank).toBeNull();
    expect(r.reason.length).toBeGreaterThan(0);
  }
}
