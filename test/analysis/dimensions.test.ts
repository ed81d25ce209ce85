import { describe, expect, it } from "vitest";
import { isPrime } from "../../src/field/prime.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import type { AnalysisResult } from "../../src/analysis/result.ts";
import { type Family, type Init, type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { type Task, formatTask } from "../../src/task/task.ts";
import { Rng } from "../../src/base/random.ts";
import { floatRankTrial } from "../../src/identify/float-trial.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";

const SIX = "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2";
const MIN_GAP = 1e6;

const spec = (family: Family, init: Init, k: number, d: number): ModelSpec => ({ family, states: k, symbols: d, init, sigma: 1 });

/**
 * Checks that the evidence of a decided analysis supports its verdict: the rank is
 * n − fiber; decided float ranks have wide gaps and agree with the rank; for discrete
 * emissions, exact ranks are primes' ranks ≤ the rank, with a proof (rank n mod p) for
 * `identifiable`, and for `not identifiable` either a small Schwartz–Zippel bound with
 * agreeing floats or the exact rank meeting a family's bound (then no float point runs,
 * so a float point is taken here to cross-check the proven rank independently).
 */
function expectEvidenceSupports(result: AnalysisResult, s: ModelSpec, tasks: readonly Task[]): void {
  const n = parameterCount(s);
  expect(result.parameterCount).toBe(n);
  expect(result.verdict).not.toBe("inconclusive");
  expect(result.rank).not.toBeNull();
  expect(result.fiberDimension).toBe(n - result.rank!);
  expect(result.scope).toBe("generic");

  const decided = result.evidence.float.filter((f) => f.decided);
  // A proof mod p needs only corroborating: one decided float point on a row block (float-corroboration.ts).
  const proven = result.evidence.exact.some((e) => e.rank === n);
  const bounded = result.proof === "exact rank mod p meets a family's bound";
  expect(decided.length).toBeGreaterThanOrEqual(bounded ? 0 : proven ? 1 : 2);
  for (const f of decided) {
    expect(f.rank).toBe(result.rank);
    expect(f.gapRatio).toBeGreaterThanOrEqual(MIN_GAP);
    expect(f.rowsUsed).toBeGreaterThanOrEqual(Math.min(n, f.rows));
    expect(f.rowsUsed).toBeLessThanOrEqual(f.rows);
    // The singular values around the cut show the gap.
    const above = f.singularValuesAroundCut.find((x) => x.index === f.rank);
    const below = f.singularValuesAroundCut.find((x) => x.index === f.rank + 1);
    if (above && below) expect(above.value).toBeGreaterThanOrEqual(MIN_GAP * Math.max(below.value, f.tolerance) * (1 - 1e-9));
  }

  if (s.family === "hmm") {
    expect(result.evidence.exact.length).toBeGreaterThan(0);
    for (const e of result.evidence.exact) {
      expect(isPrime(e.prime)).toBe(true);
      expect(e.prime).toBeLessThan(2 ** 26);
      expect(e.columns).toBe(n);
      expect(e.rank).toBeLessThanOrEqual(result.rank!);
      expect(e.rowsSeen).toBeLessThanOrEqual(e.rows);
    }
    if (result.verdict === "identifiable") {
      expect(result.evidence.exact.some((e) => e.rank === n)).toBe(true);
      expect(result.evidence.schwartzZippel).toBeNull();
    } else if (bounded) {
      const bound = result.evidence.rankUpperBound!;
      expect(bound.rank).toBe(result.rank);
      expect(bound.dimension).toBe(result.fiberDimension);
      expect(result.evidence.exact).toHaveLength(1);
      expect(result.evidence.exact[0].rank).toBe(result.rank);
      expect(result.evidence.float).toEqual([]);
      expect(result.evidence.schwartzZippel).toBeNull();
      expect(result.evidence.notes.join(" ")).toMatch(/float: not needed — rank \d+ proven exactly/);
      const check = floatRankTrial(s, tasks, randomFloatPoint(s, new Rng(result.seed)), "cross-check", new Rng(result.seed + 1));
      expect(check.rank).toMatchObject({ decided: true, rank: result.rank });
    } else {
      // Every trial agrees on the deficient rank, and the chance that all were unlucky is tiny.
      for (const e of result.evidence.exact) expect(e.rank).toBe(result.rank);
      const sz = result.evidence.schwartzZippel;
      expect(sz).not.toBeNull();
      expect(sz!.perTrial.length).toBe(result.evidence.exact.length);
      for (const b of sz!.perTrial) expect(b).toBeLessThan(1e-3);
      expect(sz!.combined).toBeLessThan(1e-3);
      expect(sz!.degreeBound).toBeGreaterThan(0);
    }
  } else {
    expect(result.evidence.exact).toEqual([]);
    expect(result.evidence.schwartzZippel).toBeNull();
  }
}

describe("W1: one pairwise task leaves a k(k−1)-dimensional fiber (hmm x1 -> x2)", () => {
  for (const init of ["stationary", "free"] as const) {
    for (const k of [2, 3]) {
      for (let d = k; d <= k + 2; d++) {
        it(`${init}, k = ${k}, d = ${d}`, () => {
          const s = spec("hmm", init, k, d);
          const tasks = parseTaskSet("x1 -> x2");
          const result = analyse(s, tasks, { seed: 1000 * k + d });
          expect(result.verdict).toBe("not identifiable");
          expectEvidenceSupports(result, s, tasks);
          expect(result.fiberDimension!).toBeGreaterThanOrEqual(k * (k - 1));
          // The summary is d columns of d entries, each column summing to 1: rank ≤ d(d−1).
          expect(result.rank!).toBeLessThanOrEqual(d * (d - 1));
        });
      }
    }
  }
});

describe("W2: all six pairwise tasks on x1, x2, x3 leave a k(k−1)/2-dimensional fiber (hmm, stationary)", () => {
  for (const k of [2, 3]) {
    for (let d = k; d <= k + 2; d++) {
      it(`k = ${k}, d = ${d}`, () => {
        const s = spec("hmm", "stationary", k, d);
        const tasks = parseTaskSet(SIX);
        const result = analyse(s, tasks, { seed: 2000 + 10 * k + d });
        expect(result.verdict).toBe("not identifiable");
        expectEvidenceSupports(result, s, tasks);
        expect(result.fiberDimension).toBe((k * (k - 1)) / 2);
      });
    }
  }
});

describe("W3: Gaussian x1 -> x2 with free π leaves a (k−1)-dimensional fiber", () => {
  for (const k of [2, 3]) {
    for (let d = k; d <= k + 1; d++) {
      it(`k = ${k}, d = ${d}`, () => {
        const s = spec("ghmm", "free", k, d);
        const tasks = parseTaskSet("x1 -> x2");
        const result = analyse(s, tasks, { seed: 3000 + 10 * k + d });
        expect(result.verdict).toBe("not identifiable");
        expectEvidenceSupports(result, s, tasks);
        expect(result.fiberDimension).toBe(k - 1);
      });
    }
  }

  it("stationarity or a second lag removes it (k = 2, d = 2)", () => {
    const stationary = spec("ghmm", "stationary", 2, 2);
    const r1 = analyse(stationary, parseTaskSet("x1 -> x2"), { seed: 3100 });
    expect(r1.verdict).toBe("identifiable");
    expectEvidenceSupports(r1, stationary, parseTaskSet("x1 -> x2"));
    const free = spec("ghmm", "free", 2, 2);
    const r2 = analyse(free, parseTaskSet("x1 -> x2; x1 -> x3"), { seed: 3101 });
    expect(r2.verdict).toBe("identifiable");
    expectEvidenceSupports(r2, free, parseTaskSet("x1 -> x2; x1 -> x3"));
  });
});

describe("the reference rows of docs/math.md §9", () => {
  const rows: { family: Family; init: Init; k: number; d: number; tasks: string; n: number; fiber: number }[] = [
    { family: "hmm", init: "stationary", k: 3, d: 5, tasks: "x1 -> x2", n: 18, fiber: 6 },
    { family: "hmm", init: "stationary", k: 3, d: 5, tasks: SIX, n: 18, fiber: 3 },
    { family: "hmm", init: "stationary", k: 3, d: 5, tasks: "x2 -> x1 ⊗ x3", n: 18, fiber: 0 },
    { family: "hmm", init: "free", k: 2, d: 2, tasks: "x1 -> x2", n: 5, fiber: 3 },
    { family: "ghmm", init: "stationary", k: 3, d: 3, tasks: "x1 -> x2", n: 15, fiber: 0 },
    { family: "ghmm", init: "free", k: 3, d: 3, tasks: "x1 -> x2", n: 17, fiber: 2 },
  ];

  it.each(rows)("$family $init k=$k d=$d [$tasks]: n = $n, fiber = $fiber", (row) => {
    const s = spec(row.family, row.init, row.k, row.d);
    const tasks = parseTaskSet(row.tasks);
    const result = analyse(s, tasks, { seed: 20221128 });
    expect(result.parameterCount).toBe(row.n);
    expect(result.fiberDimension).toBe(row.fiber);
    expect(result.rank).toBe(row.n - row.fiber);
    expect(result.verdict).toBe(row.fiber === 0 ? "identifiable" : "not identifiable");
    expect(result.tasks.map((t) => t.text)).toEqual(tasks.map(formatTask));
    expect(result.tasks.map((t) => t.given)).toEqual(tasks.map((t) => t.given));
    expectEvidenceSupports(result, s, tasks);
    if (row.family === "hmm") {
      // Exact ranks: n − fiber at every trial; an identifiable row is proven by rank n mod p at the first trial.
      for (const e of result.evidence.exact) expect(e.rank).toBe(row.n - row.fiber);
      if (row.fiber === 0) {
        expect(result.evidence.exact.length).toBe(1);
        expect(result.evidence.exact[0].rank).toBe(row.n);
        expect(result.reason).toMatch(/mod p/);
      } else {
        // A drop takes every trial, unless one meets the family's bound (a proof).
        expect(result.evidence.exact.length).toBeGreaterThanOrEqual(result.proof === null ? 2 : 1);
      }
    }
    // Per-entry verdicts cover every entry of π, T and O|M.
    expect(result.parameters.length).toBe(row.k + row.k * row.k + row.d * row.k);
    if (row.fiber === 0) for (const p of result.parameters) expect(p.verdict).toBe("identifiable");
    else expect(result.parameters.some((p) => p.verdict === "not identifiable")).toBe(true);
  });

  it("the same seed gives the same result (pure)", () => {
    const s = spec("hmm", "stationary", 3, 5);
    const a = analyse(s, parseTaskSet("x1 -> x2"), { seed: 7 });
    const b = analyse(s, parseTaskSet("x1 -> x2"), { seed: 7 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
