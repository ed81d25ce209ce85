import { describe, expect, it } from "vitest";
import { primeField } from "../../src/field/prime.ts";
import { type Rational, rationalField as Q } from "../../src/field/rational.ts";
import { cpFactors } from "../../src/uniqueness/cp-factors.ts";
import { kruskalEvidence } from "../../src/uniqueness/kruskal-evidence.ts";
import { readBack } from "../../src/uniqueness/read-back.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { randomRationalCoordinates } from "../../src/model/rational-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTask, parseTaskSet } from "../../src/task/parse.ts";

const hmm = (k: number, d: number, init: "stationary" | "free"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });
const point = (spec: ModelSpec) => randomFloatPoint(spec, new Rng(3)).params;

describe("kruskalEvidence", () => {
  it("proves x2 -> x1 ⊗ x3 (hmm k=3, d=5, stationary): ranks (3,3,3) ≥ 8 and the read-back holds", () => {
    const spec = hmm(3, 5, "stationary");
    const e = kruskalEvidence(spec, point(spec), parseTask("x2 -> x1 ⊗ x3"), { seed: 1 });
    expect(e.threshold).toBe(8);
    expect(e.separator).toBe("h2");
    expect([e.exact!.ranks.kC.rank, e.exact!.ranks.kA.rank, e.exact!.ranks.kB.rank]).toEqual([3, 3, 3]);
    expect(e.exact!.holds).toBe(true);
    expect(e.exact!.readBack.established).toBe(true);
    expect(e.exact!.readBack.conditions.map((c) => c.name)).toContain("the read-back returns the point itself");
    expect(e.factorsUnique && e.proven).toBe(true);
    expect(e.numerical!.holds).toBe(true);
    expect(e.numerical!.ranks.kC.weakestIndependent!.relative).toBeGreaterThan(1e-9);
    expect(e.statement).toMatch(/generic global identifiability is proven/);
  });

  it("proves the other consecutive tensor tasks wherever the linear read-back applies", () => {
    const cases: [ModelSpec, string][] = [
      [hmm(3, 4, "free"), "x1 -> x2 ⊗ x3"],
      [hmm(3, 3, "free"), "x1 -> x3 ⊗ x2"],
      [hmm(3, 3, "stationary"), "x3 -> x1 ⊗ x2"],
      [hmm(3, 5, "free"), "x3 -> x2 ⊗ x1"],
      [hmm(3, 4, "free"), "x2 -> x1 ⊗ x3"],
      [hmm(2, 2, "stationary"), "x2 -> x1 ⊗ x3"],
      [hmm(3, 4, "free"), "x3 -> x2 ⊗ x4"],
      [hmm(3, 3, "stationary"), "x4 -> x3 ⊗ x5"],
    ];
    for (const [spec, text] of cases) {
      const e = kruskalEvidence(spec, null, parseTask(text), { seed: 2 });
      expect(e.proven, `${spec.init} k=${spec.states} d=${spec.symbols} ${text}: ${e.statement}`).toBe(true);
    }
  });

  it("also proves over exact rationals at a valid positive point", () => {
    const spec = hmm(3, 5, "stationary");
    const e = kruskalEvidence(spec, null, parseTask("x2 -> x1 ⊗ x3"), { seed: 4, exactField: "rational" });
    expect(e.exact!.field).toBe("Q");
    expect(e.proven).toBe(true);
  });

  it("k=5 > d=4: Kruskal still pins the CP factors (4+4+4 ≥ 12) but the read-back fails — and the task is indeed not identifiable", () => {
    const spec = hmm(5, 4, "stationary");
    const task = parseTask("x2 -> x1 ⊗ x3");
    const e = kruskalEvidence(spec, null, task, { seed: 5 });
    expect(e.exact!.sum).toBe(12);
    expect(e.factorsUnique).toBe(true);
    expect(e.proven).toBe(false);
    expect(e.exact!.readBack.conditions.find((c) => c.name === "rank O = k")!.holds).toBe(false);
    expect(e.statement).toMatch(/NOT proven/);
    // Independent confirmation that no proof may be printed: the Jacobian has a null direction.
    const local = analyse(spec, [task], { seed: 5 });
    expect(local.fiberDimension).toBe(1);
  });

  it("free init with d = k and the middle token given: factors unique, read-back not established (not claimed)", () => {
    const e = kruskalEvidence(hmm(3, 3, "free"), null, parseTask("x2 -> x1 ⊗ x3"), { seed: 6 });
    expect(e.factorsUnique).toBe(true);
    expect(e.proven).toBe(false);
    expect(e.exact!.readBack.reason).toMatch(/d > k/);
  });

  it("no conclusion when Kruskal's sum is below 2k+2 (k=4, d=3)", () => {
    const e = kruskalEvidence(hmm(4, 3, "stationary"), null, parseTask("x2 -> x1 ⊗ x3"), { seed: 7 });
    expect(e.exact!.sum).toBe(9);
    expect(e.exact!.holds).toBe(false);
    expect(e.factorsUnique || e.proven).toBe(false);
    expect(e.statement).toMatch(/^No conclusion from Kruskal/);
  });

  it("unique factors without a read-back: the statement says what is not proven and that the rest rests on the search", () => {
    const e = kruskalEvidence(hmm(3, 3, "free"), null, parseTask("x2 -> x1 ⊗ x3"), { seed: 6 });
    expect(e.factorsUnique && !e.proven).toBe(true);
    expect(e.statement).toContain(`NOT proven: that the factors determine (π, T, O) — ${e.exact!.readBack.reason}. Parameters with equal factors could still differ; `);
    expect(e.statement.endsWith("Parameters with equal factors could still differ; global identifiability rests on the search.")).toBe(true);
  });

  it("exact trials that tie keep the first: a second trial with the same score does not replace it", () => {
    // k=4, d=3: every trial gives the same (generic) ranks and no proof, so all trials tie.
    const spec = hmm(4, 3, "stationary");
    const task = parseTask("x2 -> x1 ⊗ x3");
    const one = kruskalEvidence(spec, null, task, { seed: 7, exactTrials: 1 });
    const two = kruskalEvidence(spec, null, task, { seed: 7, exactTrials: 2 });
    expect(two.exact!.sum).toBe(one.exact!.sum);
    expect(two.exact!.holds).toBe(false);
    expect(two.exact).toEqual(one.exact);
  });

  it("Kruskal's condition is sum ≥ 2k + 2, met with equality at k = d = 2 (numerically and exactly)", () => {
    const spec = hmm(2, 2, "stationary");
    const e = kruskalEvidence(spec, point(spec), parseTask("x2 -> x1 ⊗ x3"), { seed: 2 });
    expect(e.threshold).toBe(6);
    expect([e.numerical!.sum, e.numerical!.holds, e.numerical!.inputs]).toEqual([6, true, 2]);
    expect([e.exact!.sum, e.exact!.holds]).toEqual([6, true]);
  });

  it("at least one exact trial runs, whatever exactTrials says", () => {
    const e = kruskalEvidence(hmm(2, 3, "free"), null, parseTask("x1 -> x2 ⊗ x3"), { seed: 3, exactTrials: 0 });
    expect(e.exact).not.toBeNull();
    expect(e.proven).toBe(true);
  });

  it("non-consecutive positions: factors may be unique, but no read-back is claimed", () => {
    const e = kruskalEvidence(hmm(3, 4, "stationary"), null, parseTask("x2 -> x1 ⊗ x4"), { seed: 8 });
    expect(e.factorsUnique).toBe(true);
    expect(e.proven).toBe(false);
    expect(e.exact!.readBack.reason).toMatch(/not consecutive/);
  });

  it("Gaussian emissions: numerical ranks only, never a proof", () => {
    const spec: ModelSpec = { family: "ghmm", states: 3, symbols: 3, init: "stationary", sigma: 1 };
    const e = kruskalEvidence(spec, point(spec), parseTask("x2 -> x1 ⊗ x3"), { seed: 9 });
    expect(e.exact).toBeNull();
    expect(e.proven || e.factorsUnique).toBe(false);
    expect(e.numerical!.sum).toBe(9);
    expect(e.statement).toMatch(/Nothing is proven/);
  });

  it("is plain serialisable data", () => {
    const spec = hmm(2, 3, "free");
    const e = kruskalEvidence(spec, point(spec), parseTaskSet("x1 -> x2 ⊗ x3")[0], { seed: 10 });
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});

describe("read-back guards its own derivation", () => {
  it("tampered factors fail the 'returns the point itself' check (or an earlier one)", () => {
    const spec = hmm(3, 4, "stationary");
    const F = primeField(33554467);
    const p = fromCoordinates(F, spec, randomPrimeCoordinates(spec, F, new Rng(1)));
    const f = cpFactors(F, spec, p, parseTask("x1 -> x2 ⊗ x3"));
    expect(readBack(F, spec, p, f).established).toBe(true);
    // Swap two columns of B only: no longer a common relabelling of the factors.
    const B = f.B.map((row) => [row[1], row[0], row[2]]);
    const r = readBack(F, spec, p, { ...f, B });
    expect(r.established).toBe(false);
  });

  it("over Q the reconstruction is exact for every consecutive tensor task with d > k", () => {
    for (const init of ["stationary", "free"] as const) {
      const spec = hmm(2, 3, init);
      for (const text of ["x2 -> x1 ⊗ x3", "x1 -> x2 ⊗ x3", "x3 -> x1 ⊗ x2", "x2 -> x3 ⊗ x1"]) {
        const p = fromCoordinates(Q, spec, randomRationalCoordinates(spec, new Rng(21)));
        const r = readBack<Rational>(Q, spec, p, cpFactors(Q, spec, p, parseTask(text)));
        expect(r.established, `${init} ${text}: ${r.reason}`).toBe(true);
      }
    }
  });
});
