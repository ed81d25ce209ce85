import { describe, expect, it, vi } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec, Parameters } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import * as continuation from "../../src/witness/continuation.ts";
import { WitnessError, findWitness } from "../../src/witness/witness.ts";
import { thrownBy } from "../helpers/thrown.ts";

// Every walk the search starts runs unchanged unless a test overrides it.
vi.mock("../../src/witness/continuation.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/witness/continuation.ts")>();
  return { ...actual, walk: vi.fn(actual.walk) };
});

const free22: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const free23: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
const x1x2 = parseTaskSet("x1 -> x2");

/** The WitnessError a search is expected to throw. */
const thrown = (run: () => unknown): WitnessError => thrownBy(WitnessError, run);

describe("WitnessError: the search's failures name themselves", () => {
  it("a thrown WitnessError has name WitnessError, so its string form says which error it is", () => {
    const start: Parameters<number> = { pi: [0.5, 0.5], T: [[0.6, 0.4], [0.4, 0.6]], emission: [[1e-9, 0.5], [0.5, 0.2], [0.5 - 1e-9, 0.3]] };
    const e = thrown(() => findWitness(free23, x1x2, { seed: 1, start }));
    expect(e.name).toBe("WitnessError");
    expect(String(e)).toMatch(/^WitnessError: the start point has a probability below/);
  });
});

describe("findWitness: the failure message lists every refusal and every path's farthest distance", () => {
  it("two pairs both refused by the independent check: the error is both refusals, farthest first, joined by '; '", () => {
    // A given start has no restarts. The first walk reports an off-fiber point 4 away and stops
    // short, so it bounces; the bounce reports another off-fiber point 3 away and reaches the target.
    const walk = vi.mocked(continuation.walk);
    const start = randomFloatPoint(free23, new Rng(4));
    const [a, b] = [99, 98].map((seed) => randomFloatPoint(free23, new Rng(seed)));
    walk
      .mockImplementationOnce(() => ({ farthest: { theta: a.theta, params: a.params, distance: 4, steps: 7 }, stopped: "met the boundary" }))
      .mockImplementationOnce(() => ({ farthest: { theta: b.theta, params: b.params, distance: 3, steps: 5 }, stopped: "" }));
    const message = thrown(() => findWitness(free23, x1x2, { seed: 3, start: start.params })).message;
    const refusals = message.split("; ");
    expect(refusals).toHaveLength(2);
    const refusal = (apart: string) => new RegExp(`^a pair ${apart} apart was refused: the independent check found predictions differing by \\S+ ≥ 1e-10 \\(predict\\(\\) at all 3 discrete inputs[^;]*\\)$`);
    expect(refusals[0]).toMatch(refusal("4\\.00e\\+0"));
    expect(refusals[1]).toMatch(refusal("3\\.00e\\+0"));
  });

  it("each path's farthest distance is shown to 3 decimals, in the order the paths were walked", () => {
    // A one-dimensional null space at a given start: one direction, walked both ways, so 2 paths.
    // Every walk of a path (its bounces included) stops with the same reason and distance, so
    // the summary reads those two distances whatever the number of bounces.
    const walk = vi.mocked(continuation.walk);
    const actual = walk.getMockImplementation()!;
    const start = randomFloatPoint(free22, new Rng(1));
    const ways = [0.31234, 0.04567];
    const distanceOf = new Map<readonly number[], number>();
    let paths = 0;
    walk.mockImplementation((_level, p, _direction, _rank, _target, from) => {
      const distance = from === undefined ? ways[paths++] : distanceOf.get(from)!;
      const theta = [...p.theta];
      distanceOf.set(theta, distance);
      return { farthest: { theta, params: p.params, distance, steps: 1 }, stopped: "a made-up stop" };
    });
    try {
      const message = thrown(() => findWitness(free22, parseTaskSet("x1 -> x2; x1 -> x3"), { seed: 3, distance: 5, start: start.params })).message;
      expect(message).toBe("no path reached distance 5 modulo relabelling: a made-up stop: 2 paths, farthest points 0.312, 0.046 away");
    } finally {
      walk.mockImplementation(actual);
    }
  });
});

describe("findWitness: the method says where the search started", () => {
  it("a given start is 'the given point', the first random start 'a random generic point', a restart 'restart point i' (blended)", () => {
    const walk = vi.mocked(continuation.walk);
    const actual = walk.getMockImplementation()!;
    const method = (w: { method: string }) => /^null-space continuation from (.*?): steps of/.exec(w.method)?.[1];
    const given = randomFloatPoint(free23, new Rng(4)).params;
    expect(method(findWitness(free23, x1x2, { seed: 3, start: given }))).toBe("the given point");
    // Without a start, the random point's paths reach the target: no restart is walked.
    expect(method(findWitness(free23, x1x2, { seed: 3 }))).toBe("a random generic point");
    // Every walk from the first start point stops at once with no point: the witness comes from restart point 1.
    let first: continuation.Walk | undefined;
    let firstStart: unknown;
    walk.mockImplementation((level, p, ...rest) => {
      firstStart ??= p;
      if (p === firstStart) return (first = { farthest: null, stopped: "a made-up stop" });
      return actual(level, p, ...rest);
    });
    try {
      const w = findWitness(free23, x1x2, { seed: 3 });
      expect(first).toBeDefined();
      expect(method(w)).toBe("restart point 1 (a random point with columns blended halfway towards uniform)");
    } finally {
      walk.mockImplementation(actual);
    }
  });
});
