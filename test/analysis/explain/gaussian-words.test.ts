import { describe, expect, it } from "vitest";
import { explainGaussian } from "../../../src/analysis/explain/gaussian.ts";
import { agreedWords } from "../../../src/analysis/explain/gaussian-words.ts";
import { type Word, evaluateWord } from "../../../src/analysis/explain/words.ts";
import { floatField } from "../../../src/field/float.ts";
import { type Parameters, ghmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";
import { findWitness } from "../../../src/witness/witness.ts";

const SEED = 20221128;

/** Largest entry-wise change of a word between two float points. */
function change(p: Parameters<number>, q: Parameters<number>, w: Word): number {
  const a = evaluateWord(floatField, p, w).flat();
  const b = evaluateWord(floatField, q, w).flat();
  return Math.max(...a.map((x, i) => Math.abs(x - b[i])));
}

describe("matrix words for Gaussian emissions (numerically)", () => {
  const spec = ghmmSpec(3, 1);
  const tasks = parseTaskSet("x1 -> x2");
  const r = explainGaussian(spec, tasks, SEED);

  it("x1 -> x2 (k=3, d=1, stationary): M, diag(π) and M T span all of rank 7, where the laws explain 6", () => {
    expect(r).toMatchObject({ conclusive: true, rank: 7, combinationsReason: null });
    const c = r.combinations!;
    expect(c).toMatchObject({ spans: true, explainedRank: 7, taskRank: 7, candidates: 749, constant: 19 });
    expect(c.spanning.map((w) => [w.word, w.rank])).toEqual([["M", 3], ["diag(π)", 2], ["M T", 3]]);
    expect(c.spanning[2].latex).toBe("M T");
    const kept = c.kept.map((w) => w.word);
    // Constants (1ᵀT = 1ᵀ, 1ᵀπ = 1) have round-off gradients and count for nothing; T moves along the fiber.
    for (const w of ["1ᵀ T", "1ᵀ π", "T", "T²", "Tᵀ"]) expect(kept).not.toContain(w);
    // E[x1] = M π and the pair moment E[x2 x1ᵀ] (kept in the form with fewer transposes).
    for (const w of ["M π", "M T diag(π) Mᵀ"]) expect(kept).toContain(w);
    // Both points decided every word rank and agree.
    for (const p of r.points) expect(p.words).toMatchObject({ undecided: null, explainedRank: { rank: 7, decided: true } });
    for (const p of r.points) expect(p.words!.narrowestGap!).toBeGreaterThanOrEqual(1e6);
  });

  it("every kept word stays constant along a witness path to round-off, while T[0][0] and the words not kept move", () => {
    const w = findWitness(spec, tasks, { seed: 3 });
    const [a, b] = [w.first, w.second].map((f) => ({ pi: f.pi!, T: f.T, emission: f.M! }));
    expect(Math.abs(a.T[0][0] - b.T[0][0])).toBeGreaterThan(0.01);
    for (const word of r.combinations!.kept) expect(change(a, b, word.letters), word.word).toBeLessThan(1e-8);
    for (const word of [["T"], ["T", "T"], ["O", "Tt"]] as Word[]) expect(change(a, b, word)).toBeGreaterThan(1e-3);
  });

  it("full rank (k=3, d=2, x1 -> x2): T and M themselves span rank 12", () => {
    const full = explainGaussian(ghmmSpec(3, 2), tasks, SEED);
    expect(full.combinations).toMatchObject({ spans: true, explainedRank: 12, taskRank: 12 });
    expect(full.combinations!.spanning.map((w) => [w.word, w.rank])).toEqual([["T", 6], ["M", 6]]);
  });

  it("an undecided word rank (k=4, d=1) makes the words inconclusive, with the rank and its gap, while the laws stand", () => {
    const u = explainGaussian(ghmmSpec(4, 1), tasks, SEED);
    expect(u).toMatchObject({ conclusive: true, rank: 10, combinations: null });
    expect(u.observables).not.toBeNull();
    expect(u.combinationsReason).toMatch(/^random point 2: the task set stacked with .+: undecided: widest gap ratio \S+ < 1\.000e\+6/);
    expect(u.points[1].words).toMatchObject({ undecided: expect.stringContaining("undecided"), kept: [] });
  });

  it("the whole answer's reason carries over when no point is decided (x1 -> x40)", () => {
    const far = explainGaussian(ghmmSpec(3, 3), parseTaskSet("x1 -> x40"), SEED);
    expect(far).toMatchObject({ conclusive: false, combinations: null });
    expect(far.combinationsReason).toBe(far.reason);
    for (const p of far.points) expect(p.words).toBeNull();
  });

  it("points that differ on any word, or a point whose words are undecided, give no answer", () => {
    const points = r.points.map((p) => ({ point: p.point, words: p.words! }));
    expect(agreedWords(points, 7).combinations).not.toBeNull();
    const fewer = { ...points[1], words: { ...points[1].words, kept: points[1].words.kept.slice(1) } };
    expect(agreedWords([points[0], fewer], 7)).toEqual({ combinations: null, reason: "the decided points disagree on the words (random point 1 and random point 2)" });
    const undecided = { ...points[0], words: { ...points[0].words, undecided: "why" } };
    expect(agreedWords([undecided, points[1]], 7)).toEqual({ combinations: null, reason: "random point 1: why" });
  });
});
