import { describe, expect, it } from "vitest";
import { decideAtPoint, decideGeneric } from "../../src/identify/decide.ts";
import type { ExactTrial } from "../../src/identify/exact-trial.ts";
import type { FloatTrial } from "../../src/identify/float-trial.ts";
import type { VerifiedRankEvidence } from "../../src/identify/result.ts";
import { numericalRank } from "../../src/linalg/numerical-rank.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";

const N = 3;

/** A float trial whose Jacobian has the given singular values (a diagonal matrix). */
function trial(point: string, singularValues: number[]): FloatTrial {
  const rows = singularValues.map((s, i) => singularValues.map((_, j) => (i === j ? s : 0)));
  const rank = numericalRank(rows, singularValues.length);
  return { rank, evidence: { point } as FloatTrial["evidence"], jacobian: null as unknown as FloatTrial["jacobian"], columnScale: new Float64Array(0), designPoints: null, at: null as unknown as FloatTrial["at"] };
}
const full = (p: string) => trial(p, [1, 0.5, 0.1]); // decided rank 3
const drop = (p: string) => trial(p, [1, 0.5, 0]); // decided rank 2
const undecided = (p: string) => trial(p, [1, 1e-5, 1e-10]); // widest gap 1.5e5 < 1e6
const undecidedDrop = (p: string) => trial(p, [1, 1e-5, 2e-11]); // rank 2 at the widest gap, 5e5 < 1e6

describe("decideGeneric (floats only)", () => {
  it("the fixtures are what they claim", () => {
    expect([full("a").rank.decided, full("a").rank.rank]).toEqual([true, 3]);
    expect([drop("a").rank.decided, drop("a").rank.rank]).toEqual([true, 2]);
    expect(undecided("a").rank.decided).toBe(false);
    expect([undecidedDrop("a").rank.decided, undecidedDrop("a").rank.rank]).toEqual([false, 2]);
  });

  it("a decided full rank at one point settles the generic rank, even when another point drops", () => {
    const d = decideGeneric(N, [], [drop("random point 1"), full("random point 2")]);
    expect(d.verdict).toBe("identifiable");
    expect(d.rank).toBe(N);
    expect(d.reason).toMatch(/random point 2: rank 3, gap/);
    expect(d.notes.join(" ")).toMatch(/random point 1: rank 2/);
  });

  it("a rank drop needs every point decided and agreeing", () => {
    const agreed = decideGeneric(N, [], [drop("random point 1"), drop("random point 2")]);
    expect(agreed.verdict).toBe("not identifiable");
    expect(agreed.rank).toBe(2);
    expect(agreed.reason).toMatch(/at all 2 random points/);

    const withUndecided = decideGeneric(N, [], [undecided("random point 1"), drop("random point 2"), drop("random point 3")]);
    expect(withUndecided.verdict).toBe("inconclusive");
    expect(withUndecided.rank).toBeNull();

    // An undecided point at the same rank as the decided ones is still not evidence.
    const sameRankUndecided = decideGeneric(N, [], [drop("random point 1"), undecidedDrop("random point 2")]);
    expect(sameRankUndecided.verdict).toBe("inconclusive");
    expect(sameRankUndecided.reason).toMatch(/random point 2: rank 2 undecided/);

    const disagree = decideGeneric(N, [], [drop("random point 1"), trial("random point 2", [1, 0, 0])]);
    expect(disagree.verdict).toBe("inconclusive");

    expect(decideGeneric(N, [], [drop("random point 1")]).verdict).toBe("inconclusive");
  });

  it("a given point counts only when it is decided full rank", () => {
    const floats = [drop("random point 1"), drop("random point 2")];
    const settled = decideGeneric(N, [], floats, full("the given point"));
    expect(settled.verdict).toBe("identifiable");
    expect(settled.reason).toMatch(/the given point: rank 3/);
    expect(decideGeneric(N, [], floats, drop("the given point")).verdict).toBe("not identifiable");
    expect(decideGeneric(N, [], floats, undecided("the given point")).verdict).toBe("not identifiable");
  });
});

describe("decideAtPoint never contradicts the generic verdict it prints", () => {
  // n = k(k − 1) + kd = 3, matching the 3-column fixtures.
  const spec: ModelSpec = { family: "ghmm", states: 1, symbols: 3, init: "stationary", sigma: 1 };
  const params: Parameters<number> = { pi: [1], T: [[1]], emission: [[0.3], [-0.2], [1.1]] };
  it("full rank at the point: identifiable here and generically", () => {
    const at = full("the given point");
    const generic = decideGeneric(N, [], [drop("random point 1"), drop("random point 2")], at);
    const d = decideAtPoint(spec, at, generic, params);
    expect(d.verdict).toBe("identifiable");
    expect(d.notes.find((x) => x.startsWith("generic verdict:"))).toMatch(/^generic verdict: identifiable/);
    // The generic decision's own notes (here: the singular random points) come first, kept.
    expect(generic.notes).toHaveLength(1);
    expect(d.notes).toEqual([...generic.notes, `generic verdict: ${generic.verdict} (${generic.reason})`]);
  });
  it("a drop at the point below a full generic rank: inconclusive (a singular point)", () => {
    const generic = decideGeneric(N, [], [full("random point 1"), full("random point 2")]);
    const d = decideAtPoint(spec, drop("the given point"), generic, params);
    expect(d.verdict).toBe("inconclusive");
    expect(d.reason).toMatch(/may be singular/);
  });
});

describe("decideGeneric with exact evidence (discrete emissions)", () => {
  /** An exact trial of the given rank mod p (only what decideGeneric reads). */
  const exact = (rank: number, p = 36115609) =>
    ({ echelon: { rank, isFull: () => rank === N }, field: { p }, evidence: { prime: p, rank } }) as unknown as ExactTrial;

  it("rank n mod p is a proof, whatever the floats say", () => {
    const d = decideGeneric(N, [exact(N)], [drop("random point 1"), drop("random point 2")]);
    expect(d.verdict).toBe("identifiable");
    expect(d.reason).toMatch(/exact certificate: rank 3 of 3 mod p = 36115609/);
    expect(d.notes.join(" ")).toMatch(/float rank 2 is below the exact rank 3/);
    expect(decideGeneric(N, [exact(N)], [undecided("random point 1"), undecided("random point 2")]).verdict).toBe("identifiable");
  });

  it("a drop needs the exact and the agreed float ranks to be equal", () => {
    expect(decideGeneric(N, [exact(2), exact(2)], [drop("random point 1"), drop("random point 2")]).verdict).toBe("not identifiable");
    // Exact 2 against floats that agree on 1: the exact rank is a lower bound the floats contradict.
    const below = decideGeneric(N, [exact(2)], [trial("random point 1", [1, 0, 0]), trial("random point 2", [1, 0, 0])]);
    expect(below.verdict).toBe("inconclusive");
    expect(below.reason).toMatch(/rank ≥ 2/);
    // Exact 2 against floats that do not agree.
    expect(decideGeneric(N, [exact(2)], [drop("random point 1"), full("random point 2")]).verdict).toBe("inconclusive");
    expect(decideGeneric(N, [exact(2)], [drop("random point 1"), undecided("random point 2")]).verdict).toBe("inconclusive");
  });

  it("the best exact trial counts: an unlucky low trial does not lower the rank", () => {
    const d = decideGeneric(N, [exact(1), exact(2)], [drop("random point 1"), drop("random point 2")]);
    expect(d).toMatchObject({ verdict: "not identifiable", rank: 2 });
  });
});

describe("decideGeneric with a family's upper bound (discrete emissions)", () => {
  const exact = (rank: number, p = 36115609) =>
    ({ echelon: { rank, isFull: () => rank === N }, field: { p }, evidence: { prime: p, rank } }) as unknown as ExactTrial;
  const bound = { rank: 2, family: "W1" as const, dimension: 1, statement: "W1 …" };

  it("an exact rank equal to n − f proves the drop without any float point", () => {
    const d = decideGeneric(N, [exact(2)], [], null, null, bound);
    expect(d).toMatchObject({ verdict: "not identifiable", rank: 2, proof: "exact rank mod p meets a family's bound" });
    expect(d.reason).toMatch(/≥ 2 by the exact rank mod p = 36115609 .* ≤ n − 1 = 2 because the W1 family \(tangent rank 1\)/);
  });

  it("an exact rank below the bound is no proof: the floats decide as before", () => {
    expect(decideGeneric(N, [exact(1)], [], null, null, bound).verdict).toBe("inconclusive");
    const d = decideGeneric(N, [exact(1), exact(1)], [trial("random point 1", [1, 0, 0]), trial("random point 2", [1, 0, 0])], null, null, bound);
    expect(d).toMatchObject({ verdict: "not identifiable", rank: 1, proof: null });
  });

  it("an exact rank above the bound is a contradiction, never a verdict", () => {
    expect(() => decideGeneric(4, [exact(3)], [], null, null, { ...bound, dimension: 2 })).toThrow(/exceeds the W1 bound n − 2 = 2/);
  });
});

describe("decideGeneric and decideAtPoint with a verification in interval arithmetic", () => {
  const proof = (point: string, verified = true): VerifiedRankEvidence => ({
    point,
    verified,
    normBound: verified ? 0.01 : 3,
    widestRelativeWidth: 1e-12,
    rowsUsed: 9,
    columns: N,
    reason: verified ? "‖I − R·PᵀJD‖∞ ≤ 0.0100 < 1 over the whole enclosure of J" : "‖I − R·PᵀJD‖∞ ≤ 3.00 is not below 1",
  });

  it("a verified full rank is a proof, even against agreeing float drops", () => {
    const d = decideGeneric(N, [], [drop("random point 1"), drop("random point 2")], null, proof("random point 1"));
    expect(d.verdict).toBe("identifiable");
    expect(d.reason).toMatch(/^verified numerics: at random point 1, interval arithmetic bounds ‖I − R·PᵀJD‖∞ ≤ 0.0100 < 1, so/);
    expect(d.notes.join(" ")).toMatch(/float rank 2 is below the verified rank 3/);
    const undecidedFloats = decideGeneric(N, [], [undecided("random point 1"), undecided("random point 2")], null, proof("random point 2"));
    expect(undecidedFloats.verdict).toBe("identifiable");
  });

  it("a failed verification changes nothing", () => {
    const floats = [drop("random point 1"), drop("random point 2")];
    expect(decideGeneric(N, [], floats, null, proof("random point 1", false))).toEqual(decideGeneric(N, [], floats));
    const none = [undecided("random point 1"), undecided("random point 2")];
    expect(decideGeneric(N, [], none, null, proof("random point 1", false)).verdict).toBe("inconclusive");
  });

  it("at a given point, only a verification of that point decides it", () => {
    const spec: ModelSpec = { family: "ghmm", states: 1, symbols: 3, init: "stationary", sigma: 1 };
    const params: Parameters<number> = { pi: [1], T: [[1]], emission: [[0.3], [-0.2], [1.1]] };
    const atPoint = undecided("the given point");
    const generic = decideGeneric(N, [], [full("random point 1"), full("random point 2")]);
    expect(decideAtPoint(spec, atPoint, generic, params, proof("random point 1")).verdict).toBe("inconclusive");
    const proven = decideAtPoint(spec, atPoint, generic, params, proof("the given point"));
    expect(proven.verdict).toBe("identifiable");
    expect(proven.reason).toMatch(/verified in interval arithmetic .*\(proof\)$/);
  });
});

describe("decideAtPoint: a drop at the point", () => {
  // n = k(k − 1) + k(d − 1) = 3 for a discrete chain with one state and four symbols.
  const hmm: ModelSpec = { family: "hmm", states: 1, symbols: 4, init: "stationary", sigma: 1 };
  const interior: Parameters<number> = { pi: [1], T: [[1]], emission: [[0.1], [0.2], [0.3], [0.4]] };
  const generic = decideGeneric(N, [], [drop("random point 1"), drop("random point 2")]);

  it("equal to the generic rank at an interior point: not identifiable, with the fiber's dimension", () => {
    const d = decideAtPoint(hmm, drop("the given point"), generic, interior);
    expect(d).toMatchObject({ verdict: "not identifiable", rank: 2, proof: null });
    expect(d.reason).toBe("rank 2 < 3 at this point, equal to the generic rank, at an interior point: a 1-dimensional family of parameters near it gives the same predictions");
  });

  it("on the boundary (a zero in π, T or the emissions): inconclusive, the fiber may leave the parameter set", () => {
    const onBoundary: Parameters<number>[] = [
      { ...interior, emission: [[0], [0.2], [0.3], [0.5]] },
      { ...interior, pi: [0] },
      { ...interior, T: [[0]] },
    ];
    for (const params of onBoundary) {
      const d = decideAtPoint(hmm, drop("the given point"), generic, params);
      expect(d).toMatchObject({ verdict: "inconclusive", rank: null });
      expect(d.reason).toMatch(/lies on the boundary \(a zero entry\)/);
    }
    // Gaussian means are unconstrained: a zero or negative mean is no boundary.
    const ghmm: ModelSpec = { family: "ghmm", states: 1, symbols: 3, init: "stationary", sigma: 1 };
    expect(decideAtPoint(ghmm, drop("the given point"), generic, { pi: [1], T: [[1]], emission: [[0], [-0.2], [1.1]] }).verdict).toBe("not identifiable");
  });

  it("undecided at the point: inconclusive, saying why; the generic verdict is kept in the notes", () => {
    const d = decideAtPoint(hmm, undecided("the given point"), generic, interior);
    expect(d.verdict).toBe("inconclusive");
    expect(d.reason).toMatch(/^float rank at this point is undecided: /);
    expect(d.notes).toContain(`generic verdict: not identifiable (${generic.reason})`);
  });

  it("a drop below an undecided generic rank: inconclusive, naming it", () => {
    const unknown = decideGeneric(N, [], [drop("random point 1"), undecided("random point 2")]);
    expect(decideAtPoint(hmm, drop("the given point"), unknown, interior).reason).toBe("rank 2 < 3 at this point, but the generic rank is undecided: this point may be singular");
  });
});

describe("decideGeneric: what each verdict says", () => {
  const exact = (rank: number, p = 36115609) =>
    ({ echelon: { rank, isFull: () => rank === N }, field: { p }, evidence: { prime: p, rank } }) as unknown as ExactTrial;

  it("a float drop names every point, its gap and the fiber's dimension", () => {
    const d = decideGeneric(N, [], [drop("random point 1"), drop("random point 2")]);
    expect(d.reason).toMatch(/^numerical rank 2 < n = 3 at all 2 random points, each decided by a wide gap \(random point 1: rank 2, gap \S+; random point 2: rank 2, gap \S+\): generic fiber of dimension 1$/);
    const none = decideGeneric(N, [], [undecided("random point 1"), undecided("random point 2")]);
    expect(none.reason).toMatch(/^float ranks undecided or in disagreement \(random point 1: rank \d undecided \(/);
  });

  it("an exact drop names its primes, the certified bound and the float points", () => {
    const d = decideGeneric(N, [exact(2, 5), exact(2, 7)], [drop("random point 1"), drop("random point 2")]);
    expect(d.reason).toMatch(/^rank 2 < n = 3 mod p at 2 random points \(primes 5, 7; rank ≥ 2 is certified\) and in floats at 2 points \(random point 1: rank 2, gap /);
    expect(d.reason).toMatch(/: generic fiber of dimension 1$/);
    const unconfirmed = decideGeneric(N, [exact(1)], [drop("random point 1"), drop("random point 2")]);
    expect(unconfirmed.reason).toMatch(/^exact rank mod p is 1 of 3 \(so rank ≥ 1, fiber ≤ 2\), but the float ranks do not confirm it \(random point 1: rank 2/);
  });

  it("a full rank settles it and names the other points, decided or not", () => {
    const d = decideGeneric(N, [], [drop("random point 1"), undecided("random point 2"), full("random point 3")]);
    expect(d.reason).toMatch(/^numerical certificate: full rank 3 of 3 with a wide gap at 1 point \(random point 3: rank 3, gap /);
    expect(d.notes).toEqual([
      "full rank at random point 3 settles the generic rank; the other points are singular or ill-conditioned (random point 1: rank 2; random point 2: rank 3 undecided)",
    ]);
    const two = decideGeneric(N, [], [full("random point 1"), full("random point 2")]);
    expect(two.reason).toMatch(/at 2 points \(/);
    expect(two.notes).toEqual([]);
  });

  it("a family-bound proof notes float points that miss the proven rank, and only those", () => {
    const bound = { rank: 2, family: "W2" as const, dimension: 1, statement: "W2 …" };
    const missed = decideGeneric(N, [exact(2)], [full("random point 1"), full("random point 2")], null, null, bound);
    expect(missed.verdict).toBe("not identifiable");
    expect(missed.notes.join(" ")).toMatch(/^the float points do not show the proven rank 2 \(random point 1: rank 3/);
    expect(decideGeneric(N, [exact(2)], [drop("random point 1"), drop("random point 2")], null, null, bound).notes).toEqual([]);
  });
});

describe("decideGeneric and decideAtPoint: the details a verdict carries", () => {
  const exact = (rank: number, p = 36115609) =>
    ({ echelon: { rank, isFull: () => rank === N }, field: { p }, evidence: { prime: p, rank } }) as unknown as ExactTrial;
  const bound = { rank: 2, family: "W1" as const, dimension: 1, statement: "W1 …" };

  it("a proof names the prime of the trial that reached it, not the first trial's", () => {
    expect(decideGeneric(N, [exact(2, 5), exact(3, 7)], []).reason).toMatch(/rank 3 of 3 mod p = 7 /);
    expect(decideGeneric(N, [exact(1, 5), exact(2, 7)], [], null, null, bound).reason).toMatch(/by the exact rank mod p = 7 at a random point/);
  });

  it("a proof adds a note only when agreeing float points fall short of it", () => {
    expect(decideGeneric(N, [exact(N)], [full("random point 1"), full("random point 2")]).notes).toEqual([]);
    expect(decideGeneric(N, [exact(N)], [undecided("random point 1"), undecided("random point 2")]).notes).toEqual([]);
    const d = decideGeneric(N, [exact(2)], [], null, null, bound);
    expect(d.notes).toEqual([]);
    expect(d.reason).toMatch(/: generic fiber of dimension 1 \(proof\)$/);
  });

  it("several full-rank points are all named, in the reason and the note", () => {
    const d = decideGeneric(N, [], [full("random point 1"), drop("random point 2"), full("random point 3")]);
    expect(d.reason).toMatch(/at 2 points \(random point 1: rank 3, gap \S+; random point 3: rank 3, gap \S+\); the rank at any point bounds the generic rank from below \(the summary is real-analytic in θ\)$/);
    expect(d.notes[0]).toMatch(/^full rank at random point 1, random point 3 settles the generic rank/);
  });

  it("at a point: a verified rank is a proof by verified numerics; a float full rank names its gap", () => {
    const spec: ModelSpec = { family: "ghmm", states: 1, symbols: 3, init: "stationary", sigma: 1 };
    const params: Parameters<number> = { pi: [1], T: [[1]], emission: [[0.3], [-0.2], [1.1]] };
    const generic = decideGeneric(N, [], [full("random point 1"), full("random point 2")]);
    const verified: VerifiedRankEvidence = { point: "the given point", verified: true, normBound: 0.01, widestRelativeWidth: 1e-12, rowsUsed: 3, columns: N, reason: "‖I − R·PᵀJD‖∞ ≤ 0.0100 < 1" };
    expect(decideAtPoint(spec, full("the given point"), generic, params, verified).proof).toBe("verified numerics");
    expect(decideAtPoint(spec, full("the given point"), generic, params).reason).toMatch(/^full rank 3 of 3 at this point \(gap \S+\): the predictor is injective near this point$/);
  });

  it("a single zero among positive entries of π or a row of T is a boundary point", () => {
    const hmm: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const twoDrop = decideGeneric(4, [], [trial("random point 1", [1, 0.5, 0, 0]), trial("random point 2", [1, 0.5, 0, 0])]);
    const at = trial("the given point", [1, 0.5, 0, 0]);
    const interior: Parameters<number> = { pi: [0.5, 0.5], T: [[0.5, 0.3], [0.5, 0.7]], emission: [[0.4, 0.1], [0.6, 0.9]] };
    expect(decideAtPoint(hmm, at, twoDrop, interior).verdict).toBe("not identifiable");
    expect(decideAtPoint(hmm, at, twoDrop, { ...interior, pi: [1, 0] }).verdict).toBe("inconclusive");
    expect(decideAtPoint(hmm, at, twoDrop, { ...interior, T: [[0.5, 0], [0.5, 1]] }).verdict).toBe("inconclusive");
  });
});
