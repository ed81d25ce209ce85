import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, shuffle } from "../../src/base/random.ts";

describe("Rng", () => {
  it("replays the same stream for the same seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = new Rng(seed);
        const b = new Rng(seed);
        for (let i = 0; i < 5; i++) expect(a.uniform()).toBe(b.uniform());
      }),
      { numRuns: 50, seed: 1 },
    );
  });

  it("gives children streams unlike their parent's and their siblings'", () => {
    const parent = new Rng(7);
    const [c1, c2] = [parent.fork(), parent.fork()];
    const first = (r: Rng) => Array.from({ length: 4 }, () => r.uniform());
    const p = first(new Rng(7));
    const [x, y] = [first(c1), first(c2)];
    expect(x).not.toEqual(p);
    expect(x).not.toEqual(y);
  });

  it("draws integers in [min, max] and uniforms in [0, 1)", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(2, 5);
      expect(n >= 2 && n <= 5 && Number.isInteger(n)).toBe(true);
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe("shuffle", () => {
  it("returns a permutation and leaves its input alone", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 30 }), fc.integer({ min: 0, max: 1000 }), (items, seed) => {
        const copy = items.slice();
        const out = shuffle(items, new Rng(seed));
        expect(items).toEqual(copy);
        expect(out.slice().sort((a, b) => a - b)).toEqual(items.slice().sort((a, b) => a - b));
      }),
      { numRuns: 100, seed: 2 },
    );
  });
});
