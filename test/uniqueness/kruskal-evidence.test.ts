import { describe, expect, it } from "vitest";
import { primeField, randomPrime } from "../../src/field/prime.ts";
import { type Rational, rationalField as Q } from "../../src/field/rational.ts";
import { cpFactors } from "../../src/uniqueness/cp-factors.ts";
import { kruskalEvidence } from "../../src/uniqueness/kruskal-evidence.ts";
import { readBack } from "../../src/uniqueness/read-back.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { randomRationalCoordinates } from "../../src/model/rational-point.ts";
import { type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { informativeDesign } from "../../src/predictor/design.ts";
import { streamRng } from "../../src/uniqueness/seeds.ts";
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

describe("kruskalEvidence: the words of the evidence", () => {
  const KRUSKAL_ARGUMENT =
    "Each \"every r columns independent\" is a non-zero r×r minor there, i.e. a rational function of θ that is not identically zero, " +
    "so these ranks hold outside a proper algebraic subset of parameters. For θ outside it, Kruskal's theorem makes the rank-";

  it("a proof names the factors, the separator, the prime point, the ranks, the read-back method and the conclusion", () => {
    const spec = hmm(2, 2, "stationary");
    const e = kruskalEvidence(spec, point(spec), parseTask("x2 -> x1 ⊗ x3"), { seed: 2 });
    const x = e.exact!;
    expect(e.kind).toBe("kruskal");
    expect(e.task).toBe("x2 -> x1 ⊗ x3");
    expect(e.states).toBe(2);
    expect(e.factors).toBe("C[s][m] = P(h2 = m | x2 = s), A = E[x1 | h2], B = E[x3 | h2]; f(x2) = Σ_m C[·][m] a_m ⊗ b_m");
    expect(e.numerical!.point).toBe("the float analysis point");
    expect(x.field).toBe(`F_${x.prime}`);
    expect(x.prime).toBeGreaterThanOrEqual(2 ** 25);
    expect(x.prime).toBeLessThan(2 ** 26);
    expect(x.point).toBe("uniformly random point of F_p^n (free coordinates), p a random prime in [2^25, 2^26)");
    expect(x.resampled).toBe(0);
    expect(e.statement).toBe(
      `Proven (exact, generic): at a random point of F_${x.prime}^n the Kruskal ranks of x2 -> x1 ⊗ x3 are (k_C, k_A, k_B) = (2, 2, 2), sum 6 ≥ 2k+2 = 6. ` +
        KRUSKAL_ARGUMENT +
        "2 CP decomposition of the predictor tensor X[s] = f(x2 = s) unique up to one permutation of its terms and " +
        "rescaling within terms; the rescaling is pinned because the columns of A and B are probability vectors (so the rows of C are " +
        "fixed too). Hence every parameter point θ' (any point, generic or not, at which every input has positive probability) with the same x2 -> x1 ⊗ x3 predictions has the same factors C, A, B up to a " +
        "common relabelling of h2. " +
        `Read-back (${x.readBack.method}): its conditions hold exactly at the same point, hence generically, so the factors determine ` +
        "(π, T, O). Conclusion: for generic θ the fiber of x2 -> x1 ⊗ x3 is exactly the relabellings of θ — generic global identifiability is proven " +
        "(for every θ outside a proper algebraic subset; not for every θ).",
    );
  });

  it("over Q the point is described as a positive rational one, and the statement says so", () => {
    const e = kruskalEvidence(hmm(2, 3, "free"), null, parseTask("x1 -> x2 ⊗ x3"), { seed: 4, exactField: "rational" });
    expect([e.exact!.field, e.exact!.prime]).toEqual(["Q", null]);
    expect(e.exact!.point).toBe("random positive rational point (stochastic columns of integers 1..9 over their sum)");
    expect(e.statement).toMatch(/^Proven \(exact, generic\): at a random rational point the Kruskal ranks of x1 -> x2 ⊗ x3 are \(k_C, k_A, k_B\) = \(2, 2, 2\), sum 6 ≥ 2k\+2 = 6\. /);
    expect(e.statement).toContain("X[s] = f(x1 = s)");
    expect(e.numerical).toBeNull();
  });

  it("no conclusion: the statement gives the ranks, the sum and the threshold, and says the condition is only sufficient", () => {
    const e = kruskalEvidence(hmm(4, 3, "stationary"), null, parseTask("x2 -> x1 ⊗ x3"), { seed: 7 });
    const { kC, kA, kB } = e.exact!.ranks;
    expect(e.statement).toBe(
      `No conclusion from Kruskal: at a random point of F_${e.exact!.prime}^n the Kruskal ranks of x2 -> x1 ⊗ x3 are (k_C, k_A, k_B) = (${kC.rank}, ${kA.rank}, ${kB.rank}), sum 9 < 2k+2 = 10. ` +
        "Kruskal's condition is sufficient, not necessary, and exact ranks at one point are lower bounds on the generic ones.",
    );
  });

  const GAUSSIAN_TAIL =
    "Nothing is proven: Gaussian emissions admit no exact evaluation (exp), and their factors A, B are means whose " +
    "individual scale Kruskal does not pin (only each term a_m ⊗ b_m is pinned, by the rows of C summing to 1).";
  const ghmm = (k: number): ModelSpec => ({ family: "ghmm", states: k, symbols: 2, init: "stationary", sigma: 1 });

  it("Gaussian emissions: the statement reports the numerical sum against 2k+2, whichever side it falls", () => {
    const met = kruskalEvidence(ghmm(2), point(ghmm(2)), parseTask("x2 -> x1 ⊗ x3"), { seed: 9 });
    expect(met.numerical!.holds).toBe(true);
    expect(met.statement).toBe(
      `At the float point the numerical Kruskal ranks sum to ${met.numerical!.sum} (≥ 2k+2 = 6): numerical evidence that the CP decomposition is unique at that point. ` + GAUSSIAN_TAIL,
    );
    // k = 3 means in R^2: A and B have Kruskal rank ≤ 2, so the sum stays below 8.
    const unmet = kruskalEvidence(ghmm(3), point(ghmm(3)), parseTask("x2 -> x1 ⊗ x3"), { seed: 9 });
    expect(unmet.numerical!.holds).toBe(false);
    expect(unmet.statement).toBe(`At the float point the numerical Kruskal ranks sum to ${unmet.numerical!.sum} (< 2k+2 = 8): Kruskal's sufficient condition is not met there. ` + GAUSSIAN_TAIL);
  });

  it("Gaussian emissions without a float point: nothing numerical, nothing proven", () => {
    const e = kruskalEvidence(ghmm(2), null, parseTask("x2 -> x1 ⊗ x3"), { seed: 9 });
    expect([e.numerical, e.exact, e.factorsUnique, e.proven]).toEqual([null, null, false, false]);
    expect(e.statement).toBe(GAUSSIAN_TAIL);
  });

  it("the numerical options reach the ranks: given inputs are the rows of C, and a tolerance of 1 leaves only rank ≤ 1", () => {
    const spec = hmm(2, 3, "free");
    const p = point(spec);
    const e = kruskalEvidence(spec, p, parseTask("x1 -> x2 ⊗ x3"), { seed: 3, inputs: [0, 2] });
    expect(e.numerical!.inputs).toBe(2);
    expect(e.numerical!.ranks.kC.rows).toBe(2);
    const strict = kruskalEvidence(spec, p, parseTask("x1 -> x2 ⊗ x3"), { seed: 3, relativeTolerance: 1 });
    expect(strict.numerical!.ranks.kA.relativeTolerance).toBe(1);
    expect(strict.numerical!.sum).toBeLessThanOrEqual(3);
    expect(strict.numerical!.holds).toBe(false);
  });

  it("Gaussian emissions: by default the rows of C are the whole design drawn at the point from the seed's stream 0", () => {
    // Same numerical evidence as passing that design's given tokens explicitly.
    const spec = ghmm(2);
    const p = point(spec);
    const task = parseTask("x2 -> x1 ⊗ x3");
    const design = informativeDesign(spec, p, [task], parameterCount(spec), streamRng(9, 0))[0].map((x) => x[0]);
    const byDefault = kruskalEvidence(spec, p, task, { seed: 9 });
    expect(byDefault.numerical!.inputs).toBe(design.length);
    expect(byDefault.numerical).toEqual(kruskalEvidence(spec, p, task, { seed: 9, inputs: design }).numerical);
  });
});

describe("kruskalEvidence: exact trials", () => {
  // Random rational points (integers 1..9 over their sum) are degenerate often enough to make a trial fail.
  it("two trials by default: a first rational point with a rank drop is replaced by a second that proves", () => {
    const spec = hmm(2, 2, "stationary");
    const task = parseTask("x2 -> x1 ⊗ x3");
    const one = kruskalEvidence(spec, null, task, { seed: 3, exactField: "rational", exactTrials: 1 });
    expect([one.exact!.sum, one.exact!.holds, one.proven]).toEqual([3, false, false]);
    const byDefault = kruskalEvidence(spec, null, task, { seed: 3, exactField: "rational" });
    expect([byDefault.exact!.sum, byDefault.proven]).toEqual([6, true]);
    expect(byDefault).toEqual(kruskalEvidence(spec, null, task, { seed: 3, exactField: "rational", exactTrials: 2 }));
  });

  it("unique factors without a read-back do not stop the trials: a later proof is preferred", () => {
    const spec = hmm(2, 3, "free");
    const task = parseTask("x2 -> x1 ⊗ x3");
    const one = kruskalEvidence(spec, null, task, { seed: 11, exactField: "rational", exactTrials: 1 });
    expect([one.factorsUnique, one.proven, one.exact!.sum]).toEqual([true, false, 6]);
    const two = kruskalEvidence(spec, null, task, { seed: 11, exactField: "rational", exactTrials: 2 });
    expect([two.factorsUnique, two.proven, two.exact!.sum]).toEqual([true, true, 6]);
  });

  it("trial t draws its point from the seed's stream 1 + t: the first trial's prime is the first prime of stream 1", () => {
    const e = kruskalEvidence(hmm(2, 3, "free"), null, parseTask("x1 -> x2 ⊗ x3"), { seed: 5 });
    expect(e.proven).toBe(true);
    expect(e.exact!.prime).toBe(randomPrime(streamRng(5, 1)));
  });
});
