import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { primeField } from "../../src/field/prime.ts";
import { entryDegrees, minorDegreeBound, schwartzZippelBound } from "../../src/identify/schwartz-zippel.ts";
import { kernel } from "../../src/linalg/elimination.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { exhaustiveSummary } from "../../src/predictor/summary.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const F = primeField(1_000_003);

/**
 * Whether every summary entry, restricted to a random line θ(t) = a + t·b of F_p^n, is a
 * ratio N(t)/D(t) with deg N ≤ dn and deg D ≤ dd: the values at M > dn + dd + 1 points of
 * t must satisfy N(t_i) − f(t_i) D(t_i) = 0 for one non-zero (N, D). A multivariate
 * entry of degrees (dn, dd) restricts to such a ratio on every line, so a bound that is
 * too small shows up as an empty kernel on a generic line.
 */
function entriesFitDegrees(spec: ModelSpec, taskText: string, dn: number, dd: number, seed: number): boolean {
  const rng = new Rng(seed);
  const n = parameterCount(spec);
  const a = Array.from({ length: n }, () => rng.int(1, F.p - 1));
  const b = Array.from({ length: n }, () => rng.int(1, F.p - 1));
  const tasks = parseTaskSet(taskText);
  const ts: number[] = [];
  const values: number[][] = [];
  for (let t = 1; ts.length < dn + dd + 6; t++) {
    try {
      const params = fromCoordinates(F, spec, a.map((x, i) => F.add(x, F.mul(t, b[i]))));
      const summary = exhaustiveSummary(F, spec, params, tasks);
      values.push(Array.from({ length: summary.rows }, (_, r) => summary.value(r)));
      ts.push(t);
    } catch (e) {
      if (!(e instanceof DivisionByZero)) throw e; // a pole on the line: skip that t
    }
  }
  const powers = (t: number, d: number) => Array.from({ length: d + 1 }, (_, j) => Array.from({ length: j }).reduce<number>((x) => F.mul(x, t), 1));
  return values[0].every((_, row) => {
    const system = ts.map((t, i) => [...powers(t, dn), ...powers(t, dd).map((x) => F.neg(F.mul(values[i][row], x)))]);
    return kernel(F, system, dn + dd + 2).length > 0;
  });
}

const hmm = (k: number, d: number, init: "stationary" | "free"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });

describe("the Schwartz–Zippel degree bounds hold for the actual entries", () => {
  it.each([
    [hmm(2, 2, "free"), "x1 -> x2"],
    [hmm(2, 3, "stationary"), "x1 -> x2"],
    [hmm(3, 2, "stationary"), "x1 -> x3"],
    [hmm(2, 2, "stationary"), "x2 -> x1 ⊗ x3"],
    [hmm(2, 2, "free"), "x1, x2 -> x3"],
    [hmm(3, 2, "free"), "x3 -> x1 ⊗ x2"],
  ])("%o %s: every entry fits the bound on a random line, and the bound is tight", (spec, task) => {
    const { numerator, denominator } = entryDegrees(spec, parseTaskSet(task)[0]);
    expect(entriesFitDegrees(spec, task, numerator, denominator, 1)).toBe(true);
    // Tight in the numerator: one degree fewer no longer fits (so a bound that forgets the
    // predicted tokens, or any other term, is caught).
    expect(entriesFitDegrees(spec, task, numerator - 1, denominator, 1)).toBe(false);
  });

  it("a minor of size m has degree at most m (deg N + deg D − 1), the worst task counting", () => {
    const spec = hmm(3, 5, "stationary");
    const tasks = parseTaskSet("x1 -> x2; x2 -> x1 ⊗ x3");
    const worst = Math.max(...tasks.map((t) => entryDegrees(spec, t).numerator + entryDegrees(spec, t).denominator - 1));
    expect(minorDegreeBound(spec, tasks, 18)).toBe(18 * worst);
  });
});

describe("the Schwartz–Zippel probability bound", () => {
  it("is degree / p, capped at 1 (a probability)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 2, max: 2 ** 26 }), (degree, p) => {
        const bound = schwartzZippelBound(degree, p);
        expect(bound).toBeGreaterThanOrEqual(0);
        expect(bound).toBeLessThanOrEqual(1);
        expect(bound).toBe(degree <= p ? degree / p : 1);
      }),
      { seed: 42, numRuns: 200 },
    );
    expect(schwartzZippelBound(30, 33_554_393)).toBe(30 / 33_554_393);
  });
});
