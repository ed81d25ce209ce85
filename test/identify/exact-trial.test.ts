import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { exactRankTrial } from "../../src/identify/exact-trial.ts";
import { summaryRowCount } from "../../src/identify/jacobian.ts";
import { type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const hmm = (k: number, d: number): ModelSpec => ({ family: "hmm", states: k, symbols: d, init: "stationary", sigma: 1 });

describe("exactRankTrial", () => {
  it("reports its prime, rank and rows; stops at full rank (n = 12, 27 rows)", () => {
    const spec = hmm(3, 3);
    const tasks = parseTaskSet("x1, x2 -> x3");
    const n = parameterCount(spec);
    const t = exactRankTrial(spec, tasks, new Rng(1));
    expect(t.evidence).toMatchObject({ prime: t.field.p, rank: n, columns: n, rows: summaryRowCount(spec, tasks, n), resampled: 0 });
    expect(t.field.p).toBeGreaterThanOrEqual(2 ** 25);
    expect(t.field.p).toBeLessThan(2 ** 26);
    expect(t.evidence.rowsSeen).toBeLessThanOrEqual(t.evidence.rows);
    expect(t.echelon.isFull()).toBe(true);
    expect(t.theta).toHaveLength(n);
  });

  it("stops at an upper bound below n", () => {
    const spec = hmm(3, 3);
    const t = exactRankTrial(spec, parseTaskSet("x1, x2 -> x3"), new Rng(1), undefined, undefined, 5);
    expect(t.evidence.rank).toBe(5);
  });

  it("lets errors other than a vanishing denominator through (only those are retried at a new point)", () => {
    const boom = () => {
      throw new Error("boom");
    };
    expect(() => exactRankTrial(hmm(2, 2), parseTaskSet("x1 -> x2"), new Rng(1), undefined, boom)).toThrow("boom");
  });
});
