import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { exactRankTrial } from "../../src/identify/exact-trial.ts";
import { floatRankTrial } from "../../src/identify/float-trial.ts";
import { NULL_SPACE_SHARE, ROW_SPACE_SHARE, parameterVerdicts } from "../../src/identify/parameter-verdicts.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type ModelSpec, allEntries, entryName, freeCoordinates, parameterCount } from "../../src/model/spec.ts";
import type { FloatTrial } from "../../src/identify/float-trial.ts";
import { parseTaskSet } from "../../src/task/parse.ts";

const hmm = (k: number, d: number): ModelSpec => ({ family: "hmm", states: k, symbols: d, init: "stationary", sigma: 1 });

describe("per-entry verdicts from an exact trial alone", () => {
  it.each([
    [hmm(3, 3), "x1, x2 -> x3"], // full rank: every entry identifiable
    [hmm(3, 2), "x1, x2 -> x3"], // rank 4 of 9: some entries move along the fiber
  ])("%o %s: the verdict is whether the gradient lies in the exact row space", (spec, text) => {
    const tasks = parseTaskSet(text);
    const exact = exactRankTrial(spec, tasks, new Rng(1));
    const rank = exact.echelon.rank;
    const verdicts = parameterVerdicts(spec, rank, null, exact);
    const free = new Set(freeCoordinates(spec).map(entryName));
    expect(verdicts.map((v) => v.name)).toEqual(exact.jacobian.entries.map(entryName));
    for (const v of verdicts) {
      expect(typeof v.exactInRowSpace).toBe("boolean");
      expect(v.verdict).toBe(v.exactInRowSpace ? "identifiable" : "not identifiable");
      expect(v.nullSpaceShare).toBeNull();
      expect(v.free).toBe(free.has(v.name));
    }
    if (rank === exact.jacobian.columns) expect(verdicts.every((v) => v.verdict === "identifiable")).toBe(true);
    else expect(verdicts.some((v) => v.verdict === "not identifiable")).toBe(true);
  });

  it("an exact trial at another rank is not used: inconclusive without a float trial", () => {
    const spec = hmm(3, 2);
    const exact = exactRankTrial(spec, parseTaskSet("x1, x2 -> x3"), new Rng(1));
    const verdicts = parameterVerdicts(spec, exact.echelon.rank + 1, null, exact);
    for (const v of verdicts) expect(v).toMatchObject({ verdict: "inconclusive", exactInRowSpace: null, nullSpaceShare: null });
  });
});

describe("per-entry verdicts from float and exact trials together", () => {
  it("agree entry by entry at the same rank, and the float share decides the same way", () => {
    const spec = hmm(3, 2);
    const tasks = parseTaskSet("x1, x2 -> x3");
    const exact = exactRankTrial(spec, tasks, new Rng(1));
    const rng = new Rng(2);
    const float = floatRankTrial(spec, tasks, randomFloatPoint(spec, rng), "random point 1", rng);
    expect(float.rank.rank).toBe(exact.echelon.rank);
    const both = parameterVerdicts(spec, exact.echelon.rank, float, exact);
    const floatOnly = parameterVerdicts(spec, exact.echelon.rank, float, null);
    const exactOnly = parameterVerdicts(spec, exact.echelon.rank, null, exact);
    both.forEach((v, i) => {
      expect(v.verdict).toBe(exactOnly[i].verdict);
      expect(v.verdict).toBe(floatOnly[i].verdict);
      expect(v.nullSpaceShare).toBe(floatOnly[i].nullSpaceShare);
      expect(v.exactInRowSpace).toBe(exactOnly[i].exactInRowSpace);
    });
  });
});

describe("disagreement and thresholds", () => {
  const spec = hmm(3, 2);
  const tasks = parseTaskSet("x1, x2 -> x3");
  const exact = exactRankTrial(spec, tasks, new Rng(1));
  const rng = new Rng(2);
  const float = floatRankTrial(spec, tasks, randomFloatPoint(spec, rng), "random point 1", rng);

  it("an entry on which float and exact disagree is inconclusive", () => {
    // A float trial claiming an empty null space calls every entry identifiable; the exact row space does not.
    const blind = { ...float, rank: { ...float.rank, nullSpace: [] } };
    const verdicts = parameterVerdicts(spec, exact.echelon.rank, blind, exact);
    expect(verdicts.some((v) => !v.exactInRowSpace)).toBe(true);
    for (const v of verdicts) {
      expect(v.nullSpaceShare).toBe(0);
      expect(v.verdict).toBe(v.exactInRowSpace ? "identifiable" : "inconclusive");
    }
  });

  it("the float verdict follows the null-space share: ≤ 1e-6 identifiable, ≥ 1e-3 not, between inconclusive", () => {
    for (const v of parameterVerdicts(spec, float.rank.rank, float, null)) {
      const share = v.nullSpaceShare!;
      expect(v.verdict).toBe(share <= ROW_SPACE_SHARE ? "identifiable" : share >= NULL_SPACE_SHARE ? "not identifiable" : "inconclusive");
      expect(v.exactInRowSpace).toBeNull();
    }
  });

  it("a float trial that is undecided or at another rank is not used", () => {
    const undecided = { ...float, rank: { ...float.rank, decided: false } };
    for (const f of [undecided, float]) {
      const rank = f === float ? float.rank.rank + 1 : float.rank.rank;
      for (const v of parameterVerdicts(spec, rank, f, null)) expect(v).toMatchObject({ verdict: "inconclusive", nullSpaceShare: null });
    }
  });
});

describe("the share thresholds on a known null space", () => {
  // One null direction e1 and gradients (s, 1, 0, …): the share is s/√(1+s²), so each
  // entry lands on a chosen side of ROW_SPACE_SHARE and NULL_SPACE_SHARE.
  it("identifiable below 1e-6, inconclusive between 1e-6 and 1e-3, not identifiable above", () => {
    const spec = hmm(2, 2);
    const n = parameterCount(spec);
    const entries = allEntries(spec);
    const shares = [0, 1e-7, 5e-7, 2e-6, 1e-5, 1e-4, 5e-4, 2e-3, 0.1, 10];
    const expected = ["identifiable", "identifiable", "identifiable", "inconclusive", "inconclusive", "inconclusive", "inconclusive", "not identifiable", "not identifiable", "not identifiable"];
    const gradient = (i: number) => Float64Array.from({ length: n }, (_, j) => (j === 0 ? shares[i % shares.length] : j === 1 ? 1 : 0));
    const trial = {
      rank: { rank: n - 1, columns: n, decided: true, nullSpace: [Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 0))] },
      jacobian: { columns: n, entries, entryGradient: (e: (typeof entries)[number]) => gradient(entries.indexOf(e)) },
    } as unknown as FloatTrial;
    const verdicts = parameterVerdicts(spec, n - 1, trial, null);
    verdicts.forEach((v, i) => {
      const s = shares[i % shares.length];
      expect(v.nullSpaceShare).toBeCloseTo(s / Math.hypot(s, 1), 15);
      expect(v.verdict).toBe(expected[i % shares.length]);
    });
  });
});
