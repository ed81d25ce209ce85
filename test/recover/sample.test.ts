import { describe, expect, it } from "vitest";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { sampleSequences } from "../../src/recover/sample.ts";

const spec: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
const params = randomFloatPoint(spec, new Rng(1)).params;

const draw = (seed: number, count: number, length: number): number[][] => {
  const out: number[][] = [];
  sampleSequences(params, count, length, new Rng(seed), (x) => out.push([...x]));
  return out;
};

describe("sampleSequences", () => {
  it("is reproducible: the same seed gives the same sequences, another seed others", () => {
    const a = draw(7, 200, 5);
    expect(draw(7, 200, 5)).toEqual(a);
    expect(draw(8, 200, 5)).not.toEqual(a);
    expect(a.every((x) => x.length === 5 && x.every((s) => Number.isInteger(s) && s >= 0 && s < 4))).toBe(true);
  });

  it("draws x1 from Oπ and x2 given x1 from the model's pairwise law", () => {
    const n = 200_000;
    const pairs = new Float64Array(16);
    sampleSequences(params, n, 2, new Rng(9), (x) => pairs[x[0] * 4 + x[1]]++);
    const { pi, T, emission: O } = params;
    for (let a = 0; a < 4; a++) {
      for (let b = 0; b < 4; b++) {
        // P(x1 = a, x2 = b) = Σ_{i,j} O[a][i] π_i T[j][i] O[b][j]
        let p = 0;
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) p += O[a][i] * pi[i] * T[j][i] * O[b][j];
        const sd = Math.sqrt((p * (1 - p)) / n);
        expect(Math.abs(pairs[a * 4 + b] / n - p)).toBeLessThan(5 * sd);
      }
    }
  });

  it("reports progress ending at the total", () => {
    const seen: number[] = [];
    sampleSequences(params, 70_000, 3, new Rng(1), () => {}, (done, total) => {
      expect(total).toBe(70_000);
      seen.push(done);
    });
    expect(seen).toEqual([65_536, 70_000]);
  });
});
