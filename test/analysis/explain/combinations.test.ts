import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Combinations, identifiableCombinations } from "../../../src/analysis/explain/combinations.ts";
import { echelonOf } from "../../../src/analysis/explain/modp.ts";
import { primeField } from "../../../src/field/prime.ts";
import { randomPrimeCoordinates } from "../../../src/model/random-point.ts";
import { PRIMES } from "../../../src/testing/arbitraries.ts";
import { explain } from "../../../src/analysis/explain/explain.ts";
import { type Word, evaluateWord } from "../../../src/analysis/explain/words.ts";
import { Rng } from "../../../src/base/random.ts";
import { w1Example, w2Example } from "../../../src/families/examples.ts";
import { w1Basis, w1Matrix, w1Transform } from "../../../src/families/w1.ts";
import { floatField } from "../../../src/field/float.ts";
import { rationalField as Q, rationalToString } from "../../../src/field/rational.ts";
import { validateParameters } from "../../../src/model/params-file.ts";
import { randomFloatPoint } from "../../../src/model/random-point.ts";
import { type ModelSpec, type Parameters, entryName, freeCoordinates, hmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";
import { specArb } from "../../../src/testing/arbitraries.ts";
import { combinationHeadline } from "../../../src/report/explain-text.ts";
import { findWitness } from "../../../src/witness/witness.ts";

const SIX = "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2";

/** Largest entry-wise change of a word between two float points. */
function change(p: Parameters<number>, q: Parameters<number>, w: Word): number {
  const a = evaluateWord(floatField, p, w).flat();
  const b = evaluateWord(floatField, q, w).flat();
  return Math.max(...a.map((x, i) => Math.abs(x - b[i])));
}

/** The evidence behind a report: the kept words lie in J's row space and the chosen ones reach the reported rank. */
function expectConsistent(c: Combinations) {
  expect(c.explainedRank).toBeLessThanOrEqual(c.taskRank);
  expect(c.spans).toBe(c.explainedRank === c.taskRank);
  for (const w of c.spanning) expect(c.kept.map((k) => k.word)).toContain(w.word);
  expect(c.spanning.reduce((s, w) => s + w.rank, 0)).toBeGreaterThanOrEqual(c.explainedRank);
}

describe("identifiable combinations", () => {
  const spec = hmmSpec(3, 5);
  const pair = explain(spec, parseTaskSet("x1 -> x2"), { seed: 1 });

  it("x1 -> x2 (stationary, k=3, d=5): the pair law O T diag(π) Oᵀ alone spans rank 12", () => {
    const c = pair.combinations;
    expectConsistent(c);
    expect(c).toMatchObject({ spans: true, explainedRank: 12, taskRank: 12 });
    expect(c.spanning.map((w) => [w.word, w.rank])).toEqual([["O T diag(π) Oᵀ", 12]]);
    expect(c.spanning[0].latex).toBe("O T \\operatorname{diag}(\\pi) O^{\\top}");
    // Degenerate words (1ᵀT = 1ᵀ, 1ᵀπ = 1) have no gradient and are not reported; T itself is not determined.
    const kept = c.kept.map((w) => w.word);
    for (const w of ["1ᵀ T", "1ᵀ π", "T", "O", "T²", "O diag(π) Oᵀ"]) expect(kept).not.toContain(w);
    expect(kept).toContain("O π");
    expect(c.constant).toBeGreaterThan(0);
    expect(pair.generic.combinationMatrices).toBe(1);
    expect(pair.generic.probability).toBeLessThan(1e-3);
  });

  it("every reported word stays constant along W1 (float, to round-off); T[0][0] and the lag-2 law do not", () => {
    const start = randomFloatPoint(spec, new Rng(5)).params;
    const rng = new Rng(6);
    for (const E of w1Basis(floatField, 3)) {
      const moved = w1Transform(floatField, start, w1Matrix(floatField, E, 0.05 * (rng.uniform() + 0.5)));
      for (const w of pair.combinations.kept) expect(change(start, moved, w.letters), w.word).toBeLessThan(1e-13);
      expect(Math.abs(moved.T[0][0] - start.T[0][0]) + Math.abs(moved.T[1][1] - start.T[1][1])).toBeGreaterThan(1e-4);
    }
    const R = w1Matrix(floatField, w1Basis(floatField, 3)[0], 0.05);
    expect(change(start, w1Transform(floatField, start, R), ["O", "T", "T", "D", "Ot"])).toBeGreaterThan(1e-5);
  });

  it("the exact W1 pair of check --witness agrees on every reported word, exactly", () => {
    const { first, second } = w1Example(spec);
    for (const w of pair.combinations.kept) {
      const [a, b] = [first, second].map((p) => evaluateWord(Q, p, w.letters).flat().map(rationalToString));
      expect(a, w.word).toEqual(b);
    }
  });

  it("the six pairwise tasks (stationary, k=3, d=3): O diag(π) Oᵀ and the lag-1 pair law span rank 9; the W2 pair keeps them exactly", () => {
    const s = hmmSpec(3, 3);
    const r = explain(s, parseTaskSet(SIX), { seed: 1 });
    const c = r.combinations;
    expectConsistent(c);
    expect(c).toMatchObject({ spans: true, explainedRank: 9 });
    expect(c.spanning.map((w) => w.word)).toEqual(["O diag(π) Oᵀ", "O T diag(π) Oᵀ"]);
    expect(c.kept.map((w) => w.word)).toContain("O T² diag(π) Oᵀ");
    const { first, second } = w2Example(s);
    for (const w of c.kept) {
      const [a, b] = [first, second].map((p) => evaluateWord(Q, p, w.letters).flat().map(rationalToString));
      expect(a, w.word).toEqual(b);
    }
    // The W2 pair does move T, so the exact agreement above is not vacuous.
    expect(evaluateWord(Q, first, ["T"]).flat().map(rationalToString)).not.toEqual(evaluateWord(Q, second, ["T"]).flat().map(rationalToString));
  });

  it("where no word spans the row space (x2 -> x1 ⊗ x3 at k=3 > d=2) it says how much rank the words explain, and the words stay on the fiber", () => {
    const s = hmmSpec(3, 2);
    const tasks = parseTaskSet("x2 -> x1 ⊗ x3");
    const r = explain(s, tasks, { seed: 1 });
    expectConsistent(r.combinations);
    expect(r.combinations).toMatchObject({ spans: false, explainedRank: 3, taskRank: 4 });
    // The words' own rank is a further statement, so the union bound counts two matrices.
    expect(r.generic.combinationMatrices).toBe(2);
    expect(combinationHeadline(r.combinations, "it")).toMatch(/^words explain rank 3 of 4 for it: .*nothing in the grammar spans the rest$/);
    const witness = findWitness(s, tasks, { seed: 2 });
    const [p, q] = [witness.first, witness.second].map((f) => validateParameters(f, s));
    for (const w of r.combinations.kept) expect(change(p, q, w.letters), w.word).toBeLessThan(1e-8);
  });

  it("a word is kept only when every entry's gradient is in the row space (J spanned by chosen coordinates)", () => {
    const s = hmmSpec(2, 3);
    const field = primeField(PRIMES[3]);
    const theta = randomPrimeCoordinates(s, field, new Rng(8));
    const names = freeCoordinates(s).map(entryName);
    const unitRows = (which: (name: string) => boolean) => names.flatMap((name, j) => (which(name) ? [names.map((_, i) => (i === j ? 1 : 0))] : []));
    const combinationsFor = (which: (name: string) => boolean) => identifiableCombinations(field, s, theta, echelonOf(field, names.length, unitRows(which)), 1);
    // One entry of O (O[1,1]) is in the span, the others are not: O is not kept, nothing is.
    expect(combinationsFor((name) => name === "O[1,1]")).toMatchObject({ kept: [], explainedRank: 0, spans: false, matrices: 0 });
    // Every free entry of O: O spans, and the words that are functions of O alone (O Oᵀ, the row sums O 1, 1ᵀ T² Oᵀ = (O 1)ᵀ) are kept too.
    const all = combinationsFor((name) => name.startsWith("O["));
    expect(all.spanning.map((w) => w.word)).toEqual(["O"]);
    expect(all.kept.map((w) => w.word)).toEqual(expect.arrayContaining(["O", "O Oᵀ", "O 1"]));
    const [p, q] = [1, 2].map((seed) => randomFloatPoint(s, new Rng(seed)).params);
    const sameO = { ...q, emission: p.emission };
    for (const w of all.kept) expect(change(p, sameO, w.letters), w.word).toBeLessThan(1e-14);
    expect(change(p, sameO, ["T"])).toBeGreaterThan(1e-3);
    expect(all).toMatchObject({ spans: true, explainedRank: 4 });
  });

  it("a full-rank task set identifies O and T themselves", () => {
    const r = explain(hmmSpec(2, 3), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1 });
    expect(r.combinations).toMatchObject({ spans: true, explainedRank: 6 });
    expect(r.combinations.spanning.map((w) => w.word).sort()).toEqual(["O", "T"]);
  });

  it("property: every word explain reports is constant along the numerical witness path of check --witness", () => {
    const arbTasks = fc.subarray(["x1 -> x2", "x2 -> x1", "x1 -> x3", "x2 -> x3", "x1, x2 -> x3", "x3 -> x1"], { minLength: 1, maxLength: 3 });
    let witnessed = 0;
    fc.assert(
      fc.property(specArb({ families: ["hmm"], minStates: 2, maxStates: 3 }), arbTasks, fc.integer({ min: 1, max: 1000 }), (s: ModelSpec, text, seed) => {
        const tasks = parseTaskSet(text.join("; "));
        const r = explain(s, tasks, { seed });
        expectConsistent(r.combinations);
        if (r.fiberDimension === 0) return;
        const witness = findWitness(s, tasks, { seed });
        const [p, q] = [witness.first, witness.second].map((f) => validateParameters(f, s));
        for (const w of r.combinations.kept) expect(change(p, q, w.letters), `${w.word} at ${text.join("; ")}`).toBeLessThan(1e-8);
        witnessed++;
      }),
      { seed: 1011, numRuns: 6 },
    );
    expect(witnessed).toBeGreaterThanOrEqual(3);
  });
});
