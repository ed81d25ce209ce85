import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { relabel, relabelledDistance } from "../../src/model/relabel.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { arbPermutation } from "../../src/testing/arbitraries.ts";

const FC = { seed: 20240611, numRuns: 200 };

function inverse(sigma: readonly number[]): number[] {
  const out = new Array<number>(sigma.length);
  sigma.forEach((s, i) => (out[s] = i));
  return out;
}

/** Every permutation of 0..k−1 in lexicographic order (brute force, independent of the search under test). */
function lexPermutations(k: number): number[][] {
  const out: number[][] = [];
  const go = (prefix: number[]) => {
    if (prefix.length === k) out.push(prefix);
    for (let c = 0; c < k; c++) if (!prefix.includes(c)) go([...prefix, c]);
  };
  go([]);
  return out;
}

const flat = (x: Parameters<number>) => [...x.pi, ...x.T.flat(), ...x.emission.flat()];
const maxAbsDifference = (p: Parameters<number>, q: Parameters<number>) => {
  const a = flat(p);
  return Math.max(0, ...flat(q).map((x, i) => Math.abs(x - a[i])));
};

/** A valid random point (hmm or ghmm, k states, d symbols) from a seed. */
function point(family: "hmm" | "ghmm", k: number, d: number, seed: number): Parameters<number> {
  const spec: ModelSpec = { family, states: k, symbols: d, init: seed % 2 === 0 ? "stationary" : "free", sigma: 1 };
  return randomFloatPoint(spec, new Rng(seed)).params;
}

/** A k-state point with coarse entries (multiples of 1/4, not normalised): many exact ties between relabellings. */
const arbCoarsePoint = (k: number, d: number): fc.Arbitrary<Parameters<number>> => {
  const entry = fc.integer({ min: 0, max: 4 }).map((x) => x / 4);
  const matrix = (rows: number) => fc.array(fc.array(entry, { minLength: k, maxLength: k }), { minLength: rows, maxLength: rows });
  return fc.record({ pi: fc.array(entry, { minLength: k, maxLength: k }), T: matrix(k), emission: matrix(d) });
};

describe("relabel", () => {
  it("follows the convention: state i of relabel(p, σ) is state σ[i] of p (π'[i] = π[σ[i]], T'[i][j] = T[σ[i]][σ[j]], O'[a][j] = O[a][σ[j]])", () => {
    const p: Parameters<string> = {
      pi: ["p0", "p1", "p2"],
      T: [0, 1, 2].map((i) => [0, 1, 2].map((j) => `T${i}${j}`)),
      emission: [0, 1].map((a) => [0, 1, 2].map((j) => `O${a}${j}`)),
    };
    expect(relabel(p, [2, 0, 1])).toEqual({
      pi: ["p2", "p0", "p1"],
      T: [
        ["T22", "T20", "T21"],
        ["T02", "T00", "T01"],
        ["T12", "T10", "T11"],
      ],
      emission: [
        ["O02", "O00", "O01"],
        ["O12", "O10", "O11"],
      ],
    });
  });

  it("is undone by the inverse permutation, and composes as relabel(relabel(p, σ), τ) = relabel(p, σ∘τ)", () => {
    const arb = fc
      .record({ k: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: 2, max: 4 }), seed: fc.nat(), ghmm: fc.boolean() })
      .chain(({ k, ...rest }) => fc.record({ sigma: arbPermutation(k), tau: arbPermutation(k) }).map((perms) => ({ k, ...rest, ...perms })));
    fc.assert(
      fc.property(arb, ({ k, d, seed, ghmm, sigma, tau }) => {
        const p = point(ghmm ? "ghmm" : "hmm", k, d, seed);
        expect(relabel(relabel(p, sigma), inverse(sigma))).toEqual(p);
        expect(relabel(relabel(p, inverse(sigma)), sigma)).toEqual(p);
        expect(relabel(relabel(p, sigma), tau)).toEqual(relabel(p, tau.map((t) => sigma[t])));
      }),
      FC,
    );
  });
});

describe("relabelledDistance", () => {
  it("is 0 at relabel(p, σ), with permutation σ⁻¹ (relabel(q, permutation) = p), for random σ and k ≤ 7", () => {
    const arb = fc
      .record({ k: fc.integer({ min: 1, max: 7 }), d: fc.integer({ min: 2, max: 4 }), seed: fc.nat(), ghmm: fc.boolean() })
      .chain(({ k, ...rest }) => arbPermutation(k).map((sigma) => ({ k, ...rest, sigma })));
    fc.assert(
      fc.property(arb, ({ k, d, seed, ghmm, sigma }) => {
        const p = point(ghmm ? "ghmm" : "hmm", k, d, seed);
        const q = relabel(p, sigma);
        const r = relabelledDistance(p, q);
        expect(r.distance).toBe(0);
        expect(r.permutation).toEqual(inverse(sigma));
        expect(relabel(q, r.permutation)).toEqual(p);
        // Swapping the arguments gives the inverse matching.
        expect(relabelledDistance(q, p)).toEqual({ distance: 0, permutation: sigma });
      }),
      FC,
    );
  });

  it("matches brute force over all k! relabellings for k ≤ 4: the same minimum, attained by the lexicographically first minimiser", () => {
    const arb = fc
      .record({ k: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 3 }) })
      .chain(({ k, d }) => fc.record({ p: arbCoarsePoint(k, d), q: arbCoarsePoint(k, d) }));
    fc.assert(
      fc.property(arb, ({ p, q }) => {
        let best = Infinity;
        let argmin: number[] = [];
        for (const sigma of lexPermutations(p.pi.length)) {
          const d = maxAbsDifference(p, relabel(q, sigma));
          if (d < best) [best, argmin] = [d, sigma];
        }
        const r = relabelledDistance(p, q);
        expect(r.distance).toBe(best);
        expect(r.permutation).toEqual(argmin);
        expect(maxAbsDifference(p, relabel(q, r.permutation))).toBe(r.distance);
        expect(relabelledDistance(q, p).distance).toBe(r.distance);
      }),
      FC,
    );
  });

  it("matches brute force on random valid points too (hmm and ghmm, k ≤ 4)", () => {
    for (let seed = 0; seed < 40; seed++) {
      const k = 1 + (seed % 4);
      const family = seed % 3 === 0 ? "ghmm" : "hmm";
      const p = point(family, k, 3, seed);
      const q = point(family, k, 3, 1000 + seed);
      const brute = Math.min(...lexPermutations(k).map((sigma) => maxAbsDifference(p, relabel(q, sigma))));
      const r = relabelledDistance(p, q);
      expect(r.distance).toBe(brute);
      expect(maxAbsDifference(p, relabel(q, r.permutation))).toBe(brute);
    }
  });

  it("treats NaN as the worst difference: distance Infinity and the identity permutation, never a small distance", () => {
    const p = point("hmm", 3, 4, 1);
    const broken = { ...p, T: p.T.map((row, i) => row.map((x, j) => (i === 1 && j === 2 ? Number.NaN : x))) };
    expect(relabelledDistance(p, broken)).toEqual({ distance: Infinity, permutation: [0, 1, 2] });
    expect(relabelledDistance(broken, p)).toEqual({ distance: Infinity, permutation: [0, 1, 2] });
    expect(relabelledDistance(broken, broken).distance).toBe(Infinity);
  });

  it("refuses points with different numbers of states", () => {
    expect(() => relabelledDistance(point("hmm", 2, 3, 1), point("hmm", 3, 3, 1))).toThrow(RangeError);
  });
});

describe("relabelledDistance ties", () => {
  it("go to the first minimiser in lexicographic order of σ", () => {
    // States 1 and 2 of this point are identical, so σ = (0 1 2) and (1 0 2) both attain 0.
    const p = { pi: [0.25, 0.25, 0.5], T: [[0.2, 0.2, 0.1], [0.2, 0.2, 0.1], [0.6, 0.6, 0.8]], emission: [[0.3, 0.3, 0.9], [0.7, 0.7, 0.1]] };
    expect(relabelledDistance(p, p)).toEqual({ distance: 0, permutation: [0, 1, 2] });
    const moved = relabel(p, [2, 0, 1]);
    // relabel(moved, σ) = p for σ = (1 2 0) and (2 1 0); the first is lexicographically smaller.
    expect(relabelledDistance(p, moved)).toEqual({ distance: 0, permutation: [1, 2, 0] });
  });
});
