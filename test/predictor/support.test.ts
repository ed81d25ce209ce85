import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ghmmSpec, hmmSpec, type Parameters } from "../../src/model/spec.ts";
import { digitsLabel, NEGLIGIBLE_PROBABILITY, unsupportedInputs } from "../../src/predictor/support.ts";
import type { Task } from "../../src/task/task.ts";

const T2 = [
  [0.5, 0.5],
  [0.5, 0.5],
];
/** Symbol 3 is never emitted: O[2][h] = 0 for both states. */
const silentThird: Parameters<number> = { pi: [0.5, 0.5], T: T2, emission: [[0.5, 0.25], [0.5, 0.75], [0, 0]] };
const x1x2: Task = { given: [1], predict: [2] };

describe("digitsLabel", () => {
  it("spells a mixed-radix index, first position most significant, 1-based symbols", () => {
    expect(digitsLabel([2, 5], 7, 3)).toBe("x2=3,x5=2");
    expect(digitsLabel([4], 0, 2)).toBe("x4=1");
    expect(digitsLabel([1, 2, 3], 5, 2)).toBe("x1=2,x2=1,x3=2");
    expect(digitsLabel([], 0, 4)).toBe("");
  });

  it("is a bijection from 0..d^n−1 onto the labels, ordered like the base-d digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }), (n, d) => {
        const positions = Array.from({ length: n }, (_, i) => 2 * i + 1);
        for (let index = 0; index < d ** n; index++) {
          const digits = index.toString(d).padStart(n, "0").split("").map((c) => Number.parseInt(c, d) + 1);
          expect(digitsLabel(positions, index, d)).toBe(positions.map((p, i) => `x${p}=${digits[i]}`).join(","));
        }
      }),
      { seed: 11, numRuns: 12 },
    );
  });
});

describe("unsupportedInputs", () => {
  it("lists each discrete input of probability zero, labelled by task and input", () => {
    expect(unsupportedInputs(hmmSpec(2, 3), silentThird, [x1x2])).toEqual(["x1 -> x2: x1=3"]);
    expect(unsupportedInputs(hmmSpec(2, 3), silentThird, [{ given: [1, 3], predict: [2] }])).toEqual([
      "x1, x3 -> x2: x1=1,x3=3",
      "x1, x3 -> x2: x1=2,x3=3",
      "x1, x3 -> x2: x1=3,x3=1",
      "x1, x3 -> x2: x1=3,x3=2",
      "x1, x3 -> x2: x1=3,x3=3",
    ]);
  });

  it("lists nothing when every input has positive probability", () => {
    const full: Parameters<number> = { ...silentThird, emission: [[0.5, 0.25], [0.25, 0.5], [0.25, 0.25]] };
    expect(unsupportedInputs(hmmSpec(2, 3), full, [x1x2, { given: [1, 2], predict: [4] }])).toEqual([]);
  });

  it("goes through the tasks in order and stops at `limit` (5 by default)", () => {
    const tasks: Task[] = [x1x2, { given: [2, 3], predict: [1] }];
    expect(unsupportedInputs(hmmSpec(2, 3), silentThird, tasks)).toEqual([
      "x1 -> x2: x1=3",
      "x2, x3 -> x1: x2=1,x3=3",
      "x2, x3 -> x1: x2=2,x3=3",
      "x2, x3 -> x1: x2=3,x3=1",
      "x2, x3 -> x1: x2=3,x3=2",
    ]);
    expect(unsupportedInputs(hmmSpec(2, 3), silentThird, tasks, 2)).toEqual(["x1 -> x2: x1=3", "x2, x3 -> x1: x2=1,x3=3"]);
    expect(unsupportedInputs(hmmSpec(2, 3), silentThird, tasks, 0)).toEqual([]);
    expect(unsupportedInputs(hmmSpec(2, 3), silentThird, tasks, 100)).toHaveLength(6);
  });

  it("treats probabilities up to NEGLIGIBLE_PROBABILITY (and NaN) as zero, and larger ones as support", () => {
    // π = (1, 0) makes P(x1 = a) exactly O[a][1].
    const at = (tiny: number): Parameters<number> => ({ pi: [1, 0], T: T2, emission: [[1, 1], [tiny, tiny]] });
    const spec = hmmSpec(2, 2, "free");
    expect(unsupportedInputs(spec, at(NEGLIGIBLE_PROBABILITY), [x1x2])).toEqual(["x1 -> x2: x1=2"]);
    expect(unsupportedInputs(spec, at(1e-300), [x1x2])).toEqual(["x1 -> x2: x1=2"]);
    expect(unsupportedInputs(spec, at(Number.NaN), [x1x2])).toEqual(["x1 -> x2: x1=2"]);
    expect(unsupportedInputs(spec, at(NEGLIGIBLE_PROBABILITY * 4), [x1x2])).toEqual([]);
    expect(unsupportedInputs(spec, at(1e-200), [x1x2])).toEqual([]);
  });

  it("never lists Gaussian inputs, whose density is always positive, whatever the means", () => {
    // Read as if they were O, these means would give inputs of weight zero or below.
    const means: Parameters<number> = { pi: [0.5, 0.5], T: T2, emission: [[0, 0], [-1, -2]] };
    expect(unsupportedInputs(ghmmSpec(2, 2), means, [x1x2])).toEqual([]);
  });
});
