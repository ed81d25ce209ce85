import { describe, expect, it, vi } from "vitest";
import * as examples from "../../src/families/examples.ts";
import { relabel } from "../../src/model/relabel.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { findExactWitness } from "../../src/witness/exact-witness.ts";

// The family examples pass through unchanged unless a test overrides one call.
vi.mock("../../src/families/examples.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/families/examples.ts")>();
  return { ...actual, w1Example: vi.fn(actual.w1Example) };
});

const hmm34: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
const x1x2 = parseTaskSet("x1 -> x2");

describe("findExactWitness: an example that is only a relabelling is never reported as a witness", () => {
  it("a W1 example whose second point relabels its first (valid, same predictions, distance 0) is refused as an internal error", () => {
    // The real examples are a positive distance apart; a relabelling passes the validity and
    // summary checks, so only the distance guard stands between it and a 0-apart "witness".
    const w1 = vi.mocked(examples.w1Example);
    const actual = w1.getMockImplementation()!;
    w1.mockImplementationOnce((spec) => {
      const { first } = actual(spec);
      return { first, second: relabel(first, [1, 2, 0]), move: "a relabelling" };
    });
    expect(() => findExactWitness(hmm34, x1x2)).toThrow(/^internal: the W1 example is a relabelling of its first point$/);
    // The next call is the real W1 example again: a witness a positive distance apart.
    expect(findExactWitness(hmm34, x1x2)!.distance).toBeGreaterThan(0);
  });
});
