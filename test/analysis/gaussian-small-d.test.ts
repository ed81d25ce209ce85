import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { Rng } from "../../src/base/random.ts";
import { floatField } from "../../src/field/float.ts";
import { jacobianAt } from "../../src/identify/jacobian.ts";
import { numericalRank } from "../../src/linalg/numerical-rank.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type Init, type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { gaussianDesign } from "../../src/predictor/design.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { expectDecidedFloat } from "../helpers/gaussian-evidence.ts";

const ghmm = (k: number, d: number, init: Init): ModelSpec => ({ family: "ghmm", states: k, symbols: d, init, sigma: 1 });

/**
 * Float rank of J at a random point on a design of samples from the model, many more
 * inputs than the analysis uses (20n): a computation that shares the Jacobian code but not
 * the design, the point rule or the column scaling of the analysis. The best of three
 * points, since a sampled design may saturate.
 */
function sampledRank(spec: ModelSpec, tasks: string, seed: number): number {
  const parsed = parseTaskSet(tasks);
  const n = parameterCount(spec);
  let best = 0;
  for (let i = 0; i < 3; i++) {
    const rng = new Rng(1000 * seed + i);
    const point = randomFloatPoint(spec, rng);
    const design = gaussianDesign(spec, point.params, parsed, 5 * n, rng);
    const J = jacobianAt(floatField, spec, point.theta, parsed, design);
    const rows = Array.from({ length: J.rows }, (_, r) => J.row(r));
    const norms = Array.from({ length: n }, (_, j) => Math.hypot(...rows.map((row) => row[j])));
    best = Math.max(best, numericalRank(rows.map((row) => row.map((x, j) => x / norms[j])), n).rank);
  }
  return best;
}

describe("Gaussian emissions with one-dimensional observations", () => {
  // E[x2 | x1 = x] = Σ_h β_h c_h e^{μ_h x} / Σ_h β_h e^{μ_h x} (σ = 1) is unchanged by a common
  // shift of the μ_h and a common factor of the β_h: it depends on at most 3k − 2 numbers,
  // so the rank is at most 3k − 2, whatever n is (docs/math.md §9).
  for (const init of ["stationary", "free"] as Init[]) {
    for (const k of [2, 3, 4, 5]) {
      it(`x1 -> x2, ${init}, k = ${k}: decided at rank 3k − 2 = ${3 * k - 2} at seeds 0–2`, () => {
        const spec = ghmm(k, 1, init);
        const n = parameterCount(spec);
        for (const seed of [0, 1, 2]) {
          const r = analyse(spec, parseTaskSet("x1 -> x2"), { seed });
          expect(r.rank, r.reason).toBe(3 * k - 2);
          expect(r.verdict).toBe(3 * k - 2 === n ? "identifiable" : "not identifiable");
          for (const f of r.evidence.float) expectDecidedFloat(f, 3 * k - 2, n);
        }
      });
    }
  }
});

describe("Gaussian emissions with d < k reach a verdict that a sampled design confirms", () => {
  const cases: [number, number, string][] = [
    [4, 1, "x1 -> x2"],
    [5, 1, "x2 -> x1 ⊗ x3"],
    [3, 2, "x1 -> x2"],
    [4, 2, "x2 -> x1 ⊗ x3"],
    [5, 2, "x1 -> x2; x1 -> x3"],
    [5, 3, "x2 -> x1 ⊗ x3"],
  ];
  for (const [k, d, tasks] of cases) {
    it(`k = ${k}, d = ${d}, ${tasks}`, () => {
      const spec = ghmm(k, d, "stationary");
      const r = analyse(spec, parseTaskSet(tasks), { seed: 0 });
      expect(r.verdict, r.reason).not.toBe("inconclusive");
      for (const f of r.evidence.float) expect(f.decided).toBe(true);
      expect(sampledRank(spec, tasks, 0)).toBe(r.rank);
    });
  }
});
