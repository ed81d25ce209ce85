import { describe, expect, it, vi } from "vitest";
import { compareSummaries } from "../../src/families/check.ts";
import { floatField } from "../../src/field/float.ts";
import { type Rational, rational, rationalField as Q } from "../../src/field/rational.ts";
import type { RationalParameterFile, Witness } from "../../src/witness/witness-pair.ts";
import { PREDICTION_TOLERANCE, WITNESS_TARGET, WitnessError, checkWitnessPair, findExactWitness, findWitness } from "../../src/witness/witness.ts";
import { stationaryLaw, toCoordinates } from "../../src/model/chart.ts";
import { type ParameterFile, toParameterFile, validateParameters } from "../../src/model/params-file.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { relabel, relabelledDistance } from "../../src/model/relabel.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../../src/model/spec.ts";
import { gaussianDesign, informativeDesign } from "../../src/predictor/design.ts";
import { predict } from "../../src/predictor/predict.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import type { Task } from "../../src/task/task.ts";
import { predictByPaths } from "../helpers/enumerate.ts";
import { PassedDeadline } from "../helpers/passed-deadline.ts";
import * as continuation from "../../src/witness/continuation.ts";
import * as rankModule from "../../src/linalg/numerical-rank.ts";

// Every walk the search starts, and every random direction it draws, is recorded (and run unchanged), so tests can check where bounces head.
vi.mock("../../src/witness/continuation.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/witness/continuation.ts")>();
  return { ...actual, walk: vi.fn(actual.walk), randomCombination: vi.fn(actual.randomCombination) };
});
// The rank at each start point passes through unchanged unless a test overrides one call.
vi.mock("../../src/linalg/numerical-rank.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/linalg/numerical-rank.ts")>();
  return { ...actual, numericalRank: vi.fn(actual.numericalRank) };
});

const hmm34: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
const ghmm33: ModelSpec = { family: "ghmm", states: 3, symbols: 3, init: "free", sigma: 1 };
const ghmm22: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const cases: { name: string; spec: ModelSpec; tasks: Task[] }[] = [
  { name: "hmm x1 -> x2", spec: hmm34, tasks: parseTaskSet("x1 -> x2") },
  { name: "hmm all six pairwise (stationary)", spec: hmm34, tasks: parseTaskSet("x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2") },
  { name: "ghmm free x1 -> x2", spec: ghmm33, tasks: parseTaskSet("x1 -> x2") },
];

/** Every permutation of 0..k−1 (brute force, independent of the pruned search under test). */
function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  return permutations(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]));
}

/** min over all k! relabellings of the max-abs entry difference, by brute force. */
function bruteDistance(p: Parameters<number>, q: Parameters<number>): number {
  const flat = (x: Parameters<number>) => [...x.pi, ...x.T.flat(), ...x.emission.flat()];
  const a = flat(p);
  return Math.min(...permutations(p.pi.length).map((s) => Math.max(...flat(relabel(q, s)).map((x, i) => Math.abs(x - a[i])))));
}

/** Reads a witness point back through the parameter-file validator, and checks strict positivity. */
function readPoint(spec: ModelSpec, file: ParameterFile): Parameters<number> {
  const p = validateParameters(file, spec);
  const probabilities = [...p.pi, ...p.T.flat(), ...(spec.family === "hmm" ? p.emission.flat() : [])];
  expect(Math.min(...probabilities)).toBeGreaterThan(0);
  if (spec.init === "stationary") {
    const law = stationaryLaw(floatField, p.T);
    law.forEach((x, i) => expect(Math.abs(x - p.pi[i])).toBeLessThan(1e-12));
  }
  return p;
}

/** max |f(p) − f(q)| recomputed here with `predict` (and, for hmm, the k^L path sum too). */
function recomputedDifference(spec: ModelSpec, tasks: Task[], p: Parameters<number>, q: Parameters<number>): number {
  let max = 0;
  const compare = (task: Task, given: (number | number[])[]) => {
    const a = predict(floatField, spec, p, task, given);
    const b = predict(floatField, spec, q, task, given);
    a.forEach((x, i) => (max = Math.max(max, Math.abs(x - b[i]))));
    if (spec.family === "hmm") {
      const reference = predictByPaths(spec, q, task, given);
      reference.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThan(1e-12));
    }
  };
  for (const task of tasks) {
    if (spec.family === "hmm") {
      for (let x = 0; x < spec.symbols ** task.given.length; x++) {
        compare(task, task.given.map((_, i) => Math.floor(x / spec.symbols ** i) % spec.symbols));
      }
    } else {
      const design = gaussianDesign(spec, q, [task], parameterCount(spec), new Rng(99))[0];
      for (const point of design) compare(task, point.map((x) => [...x]));
      // Inputs far from where either model puts mass.
      const rng = new Rng(100);
      for (let i = 0; i < 20; i++) compare(task, task.given.map(() => Array.from({ length: spec.symbols }, () => 4 * rng.normal())));
    }
  }
  return max;
}

describe("findWitness (null-space continuation)", () => {
  for (const { name, spec, tasks } of cases) {
    it(`${name}: two valid points, ≥ the 0.2 target apart modulo relabelling, predictions equal to 1e-10`, () => {
      const witness = findWitness(spec, tasks, { seed: 5 });
      expect(witness.exact).toBe(false);
      const p = readPoint(spec, witness.first);
      const q = readPoint(spec, witness.second);
      const difference = recomputedDifference(spec, tasks, p, q);
      expect(difference).toBeLessThan(1e-10);
      expect(witness.maxPredictionDifference).toBeLessThan(1e-10);
      const brute = bruteDistance(p, q);
      expect(brute).toBeGreaterThanOrEqual(WITNESS_TARGET);
      expect(witness.shortfall).toBeUndefined();
      expect(witness.distance).toBeCloseTo(brute, 14);
      expect(relabelledDistance(p, q).distance).toBe(witness.distance);
    });
  }

  it("a larger δ is honoured and the same seed gives the same witness", () => {
    const { spec, tasks } = cases[0];
    const a = findWitness(spec, tasks, { seed: 8, distance: 0.1 });
    expect(a.distance).toBeGreaterThanOrEqual(0.1);
    expect(findWitness(spec, tasks, { seed: 8, distance: 0.1 })).toEqual(a);
  });

  it("starts from a given point when asked", () => {
    const { spec, tasks } = cases[0];
    const start = readPoint(spec, findWitness(spec, tasks, { seed: 1 }).second);
    const witness = findWitness(spec, tasks, { seed: 2, start });
    expect(witness.first.T).toEqual(start.T);
    expect(recomputedDifference(spec, tasks, start, readPoint(spec, witness.second))).toBeLessThan(1e-10);
  });

  it("refuses when the Jacobian has full rank", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 5, init: "stationary", sigma: 1 };
    expect(() => findWitness(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1 })).toThrow(WitnessError);
    expect(() => findWitness(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1 })).toThrow(
      /^the Jacobian has full rank at the start point: no direction keeps the predictions$/,
    );
  });
});

describe("relabelledDistance", () => {
  it("is 0 for a relabelled copy (which is not the same point), and the permutation found undoes the relabelling", () => {
    for (const { spec, tasks } of cases) {
      const p = readPoint(spec, findWitness(spec, tasks, { seed: 3 }).first);
      for (const sigma of permutations(3)) {
        const copy = relabel(p, sigma);
        const { distance, permutation } = relabelledDistance(p, copy);
        expect(distance).toBe(0);
        expect(relabel(copy, permutation)).toEqual(p);
        expect(bruteDistance(p, copy)).toBe(0);
        // The copy's predictions agree too: relabelling is the trivial symmetry.
        expect(recomputedDifference(spec, tasks, p, copy)).toBeLessThan(1e-12);
      }
      const moved = relabel(p, [1, 0, 2]);
      expect(Math.max(...moved.pi.map((x, i) => Math.abs(x - p.pi[i])))).toBeGreaterThan(0);
    }
  });
});

/** A rational parameter file back to exact parameters. */
function rationalPoint(spec: ModelSpec, file: RationalParameterFile): Parameters<Rational> {
  const parse = (s: string) => {
    const [num, den = "1"] = s.split("/");
    return rational(BigInt(num), BigInt(den));
  };
  const emission = (spec.family === "hmm" ? file.O : file.M)!;
  return { pi: file.pi.map(parse), T: file.T.map((r) => r.map(parse)), emission: emission.map((r) => r.map(parse)) };
}

describe("findExactWitness (docs/math.md §7 families over Q)", () => {
  for (const [index, family] of [
    [0, "W1"],
    [1, "W2"],
  ] as const) {
    const { name, spec, tasks } = cases[index];
    it(`${name}: ${family}, exactly equal summaries, valid rational points`, () => {
      const witness = findExactWitness(spec, tasks) as Witness;
      expect(witness.exact).toBe(true);
      expect(witness.method).toContain(family);
      expect(witness.maxPredictionDifference).toBe(0);
      const p = rationalPoint(spec, witness.rational!.first);
      const q = rationalPoint(spec, witness.rational!.second);
      expect(compareSummaries(Q, spec, p, q, tasks).differing).toEqual([]);
      expect(stationaryLaw(Q, q.T)).toEqual(q.pi);
      const pf = readPoint(spec, witness.first);
      const qf = readPoint(spec, witness.second);
      expect(recomputedDifference(spec, tasks, pf, qf)).toBeLessThan(1e-12);
      expect(bruteDistance(pf, qf)).toBeGreaterThan(0.05);
    });
  }

  it("the exact witness reports its own distance, one step, and how many summary entries were compared", () => {
    for (const index of [0, 1]) {
      const { spec, tasks } = cases[index];
      const witness = findExactWitness(spec, tasks)!;
      const p = rationalPoint(spec, witness.rational!.first);
      const q = rationalPoint(spec, witness.rational!.second);
      expect(witness.steps).toBe(1);
      expect(witness.distance).toBe(relabelledDistance(validateParameters(witness.first, spec), validateParameters(witness.second, spec)).distance);
      expect(witness.method).toMatch(/ \(docs\/math\.md §7\), applied to a fixed rational point$/);
      const rows = compareSummaries(Q, spec, p, q, tasks).rows;
      expect(witness.verification).toBe(`exact rational evaluation of all ${rows} entries of both exhaustive summaries (every input of every task): all equal`);
      expect(Object.keys(witness.rational!.first)).toEqual(["pi", "T", "O"]);
    }
  });

  it("returns null where no exact family applies", () => {
    expect(findExactWitness(ghmm33, parseTaskSet("x1 -> x2"))).toBeNull();
    expect(findExactWitness(hmm34, parseTaskSet("x2 -> x1 ⊗ x3"))).toBeNull();
    expect(findExactWitness({ ...hmm34, init: "free" }, parseTaskSet("x1 -> x3"))).toBeNull();
  });

  it("W1 with free π covers both directions on x1, x2", () => {
    const spec: ModelSpec = { ...hmm34, init: "free" };
    const tasks = parseTaskSet("x1 -> x2; x2 -> x1");
    const witness = findExactWitness(spec, tasks)!;
    expect(witness.method).toContain("W1");
    const p = rationalPoint(spec, witness.rational!.first);
    const q = rationalPoint(spec, witness.rational!.second);
    expect(compareSummaries(Q, spec, p, q, tasks).differing).toEqual([]);
  });
});

describe("checkWitnessPair: what counts as a witness", () => {
  const tasks = parseTaskSet("x1 -> x2");
  const witness = findWitness(hmm34, tasks, { seed: 3 });
  const first = validateParameters(witness.first, hmm34);
  const second = validateParameters(witness.second, hmm34);

  it("accepts the pair findWitness returns, with its distance and prediction difference", () => {
    const check = checkWitnessPair(hmm34, tasks, first, second, new Rng(1));
    expect(check).toMatchObject({ accepted: true, reason: "" });
    expect(check.distance).toBeCloseTo(witness.distance, 12);
    expect(check.maxDifference).toBeLessThan(PREDICTION_TOLERANCE);
  });

  it("refuses a near miss: predictions that differ by about 1e-8", () => {
    // Move probability 2e-8 between two symbols of state 1: a valid point whose x1 -> x2 predictions move by ~1e-8.
    const emission = second.emission.map((row) => row.slice());
    emission[0][0] += 2e-8;
    emission[1][0] -= 2e-8;
    const nearMiss = { ...second, emission };
    const check = checkWitnessPair(hmm34, tasks, first, nearMiss, new Rng(1));
    expect(check.accepted).toBe(false);
    expect(check.maxDifference).toBeGreaterThan(1e-9);
    expect(check.maxDifference).toBeLessThan(1e-7);
    expect(check.reason).toMatch(/predictions differing by/);
  });

  it("a prediction that is not a number (∞/∞ from an overflowing entry) counts as an infinite difference", () => {
    // An entry of 1e300 overflows the path products to ∞, so a prediction is ∞/∞ = NaN: never an agreement.
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
    const p: Parameters<number> = { pi: [0.5, 0.5], T: [[0.6, 0.3], [0.4, 0.7]], emission: [[1e300, 0.6], [0.7, 0.4], [0.3, 1e300]] };
    const q: Parameters<number> = { ...p, T: [[0.5, 0.3], [0.5, 0.7]] };
    const check = checkWitnessPair(spec, tasks, p, q, new Rng(1));
    expect(check.accepted).toBe(false);
    expect(check.maxDifference).toBe(Infinity);
  });

  it("refuses a point and its relabelling, whose predictions are identical", () => {
    const check = checkWitnessPair(hmm34, tasks, first, relabel(first, [2, 0, 1]), new Rng(1));
    expect(check.maxDifference).toBeLessThan(1e-14);
    expect(check).toMatchObject({ accepted: false });
    expect(check.reason).toMatch(/relabellings of each other/);
  });
});

describe("findWitness: start points, restarts and the reasons it gives", () => {
  const free23: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
  const x1x2 = parseTaskSet("x1 -> x2");
  /** The path counts of a stop summary (`…: 6 paths, farthest points … away; …`), summed. */
  const pathCount = (why: string) => [...why.matchAll(/: (\d+) paths?(?=[,;]|$)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  /** The WitnessError message of a search expected to fail. */
  const failure = (run: () => unknown): string => {
    try {
      run();
    } catch (e) {
      expect(e).toBeInstanceOf(WitnessError);
      return (e as Error).message;
    }
    throw new Error("expected a WitnessError");
  };

  it("refuses a start point with a probability below the positivity margin, saying so", () => {
    const start: Parameters<number> = { pi: [0.5, 0.5], T: [[0.6, 0.4], [0.4, 0.6]], emission: [[1e-9, 0.5], [0.5, 0.2], [0.5 - 1e-9, 0.3]] };
    expect(failure(() => findWitness(free23, x1x2, { seed: 1, start }))).toBe(
      "the start point has a probability below 0.000001: the continuation needs a point strictly inside the parameter set",
    );
  });

  it("refuses a start point where the rank of J is undecided, with the rank's reason", () => {
    // The three emission columns pulled to within 1e-4 of their mean: singular values spread with no wide gap.
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 3, init: "free", sigma: 1 };
    const p = randomFloatPoint(spec, new Rng(3)).params;
    const emission = p.emission.map((row) => {
      const mean = row.reduce((a, b) => a + b, 0) / row.length;
      return row.map((x) => mean + 1e-4 * (x - mean));
    });
    const message = failure(() => findWitness(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1, start: { ...p, emission } }));
    expect(message).toMatch(/^the Jacobian's rank is undecided at the start point \(undecided: widest gap ratio \S+ < 1\.000e\+6 /);
  });

  it("δ beyond every path: no candidate is accepted, and all paths of the 1 + 2 start points are counted (2 ways × 3 null directions each)", () => {
    // n = 5, rank 2: a 3-dimensional null space, so 3 random directions, each walked both ways, from each start point.
    const message = failure(() => findWitness(free23, x1x2, { seed: 3, distance: 5 }));
    expect(message).toMatch(/^no path reached distance 5 modulo relabelling: the step shrank below/);
    expect(pathCount(message)).toBe(3 * 3 * 2);
  });

  it("a one-dimensional null space is walked along its one direction only, both ways: 2 paths", () => {
    // Repeating the only direction would walk the same two paths again.
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const start = randomFloatPoint(spec, new Rng(1)).params;
    const message = failure(() => findWitness(spec, parseTaskSet("x1 -> x2; x1 -> x3"), { seed: 3, distance: 5, start }));
    expect(pathCount(message)).toBe(2);
  });

  it("with a given start there are no restarts: 3 directions × 2 ways", () => {
    const start = randomFloatPoint(free23, new Rng(4)).params;
    const message = failure(() => findWitness(free23, x1x2, { seed: 3, distance: 5, start }));
    expect(pathCount(message)).toBe(3 * 2);
  });

  it("a restart point is blended halfway towards uniform: every probability of π, T and O is at least half of uniform", () => {
    // An unreachable target: the farthest pair of all start points wins, here one from restart point 1.
    const w = findWitness(free23, x1x2, { seed: 10, target: 5 });
    expect(w.method).toMatch(/^null-space continuation from restart point \d/);
    const first = validateParameters(w.first, free23);
    const atLeast = (xs: number[], floor: number) => xs.forEach((x) => expect(x).toBeGreaterThanOrEqual(floor - 1e-12));
    atLeast(first.pi, 1 / 4);
    atLeast(first.T.flat(), 1 / 4);
    atLeast(first.emission.flat(), 1 / 6);
  });

  it("a path that stopped short bounces away from the start: each bounce's first direction has (θ − θ0)·d ≥ 0", () => {
    const walk = vi.mocked(continuation.walk);
    walk.mockClear();
    findWitness(free23, x1x2, { seed: 10, target: 5 });
    const bounces = walk.mock.calls.filter((args) => args[5] !== undefined);
    expect(bounces.length).toBeGreaterThan(0);
    for (const [, start, direction, , , from] of bounces) {
      const along = direction.reduce((sum, x, i) => sum + x * (from![i] - start.theta[i]), 0);
      expect(along).toBeGreaterThanOrEqual(0);
    }
    // The first walks from a start point go both ways along one direction.
    const first = walk.mock.calls.filter((args) => args[5] === undefined);
    expect(first[1][2]).toEqual(first[0][2].map((x) => -x));
  });

  it("a pair that fails the independent check is refused: the next pair is returned, and the shortfall says what was refused", () => {
    // The first walk reports a far point that is off the fiber (another random point): ranked first, it must not be returned.
    const walk = vi.mocked(continuation.walk);
    const offFiber = randomFloatPoint(free23, new Rng(99));
    walk.mockImplementationOnce(() => ({ farthest: { theta: offFiber.theta, params: offFiber.params, distance: 4, steps: 7 }, stopped: "" }));
    const w = findWitness(free23, x1x2, { seed: 10, target: 5 });
    expect(relabelledDistance(validateParameters(w.second, free23), offFiber.params).distance).toBeGreaterThan(0.01);
    expect(w.maxPredictionDifference).toBeLessThan(PREDICTION_TOLERANCE);
    expect(w.distance).toBeLessThan(4);
    expect(w.shortfall).toMatch(/; a pair 4\.00e\+0 apart was refused: the independent check found predictions differing by \S+ ≥ 1e-10 \(predict\(\) at all \d+ discrete inputs/);
  });

  it("when every pair fails the independent check, the error lists each refusal", () => {
    const walk = vi.mocked(continuation.walk);
    const start = randomFloatPoint(free23, new Rng(4));
    const offFiber = randomFloatPoint(free23, new Rng(99));
    walk.mockImplementationOnce(() => ({ farthest: { theta: offFiber.theta, params: offFiber.params, distance: 4, steps: 7 }, stopped: "" }));
    // A given start has no restarts, and a walk that reached the target ends the search: the off-fiber pair is the only one.
    expect(failure(() => findWitness(free23, x1x2, { seed: 3, start: start.params }))).toMatch(
      /^a pair 4\.00e\+0 apart was refused: the independent check found predictions differing by \S+ ≥ 1e-10 \(predict\(\) at all 3 discrete inputs/,
    );
  });

  it("a given start is named in the method, with the dimension of the null space walked in", () => {
    const start = randomFloatPoint(free23, new Rng(4)).params;
    const w = findWitness(free23, x1x2, { seed: 3, target: 5, start });
    expect(w.method).toMatch(/^null-space continuation from the given point: steps of ≤ 0\.05 along the 2-dimensional null space of J, .*residual < 1e-13\), until 5 away/);
  });

  it("the W3 line reaching the target ends the search before any continuation walk (ghmm, free π, x1 -> x2)", () => {
    const walk = vi.mocked(continuation.walk);
    walk.mockClear();
    const w = findWitness(ghmm22, x1x2, { seed: 2 });
    expect(w.method).toMatch(/^the W3 family \(docs\/math\.md §7\.4\) followed exactly along v = t\(e\d − e\d\)/);
    expect(w.steps).toBe(1);
    expect(w.distance).toBeGreaterThanOrEqual(WITNESS_TARGET);
    expect(walk).not.toHaveBeenCalled();
  });

  it("ghmm continuation is traced on one Gaussian design, and says so", () => {
    // A target beyond the W3 line's reach: the farthest pair comes from continuation at a restart point.
    const w = findWitness(ghmm22, x1x2, { seed: 1, target: 2 });
    expect(w.method).toMatch(/^null-space continuation from restart point 1 \(.*, on one Gaussian design drawn at the first point\), /);
    expect(w.maxPredictionDifference).toBeLessThan(PREDICTION_TOLERANCE);
  });

  it("a refused pair that had reached the target leaves no empty clause in the shortfall", () => {
    // The W3 line pair is a valid candidate short of a 3 target; the only walk reports an off-fiber point 4 away and ends the search.
    const walk = vi.mocked(continuation.walk);
    const start = randomFloatPoint(ghmm22, new Rng(5));
    const offFiber = randomFloatPoint(ghmm22, new Rng(99));
    walk.mockImplementationOnce(() => ({ farthest: { theta: offFiber.theta, params: offFiber.params, distance: 4, steps: 7 }, stopped: "" }));
    const w = findWitness(ghmm22, x1x2, { seed: 3, start: start.params, target: 3 });
    expect(w.method).toMatch(/^the W3 family/);
    expect(w.shortfall).toMatch(/^the farthest valid pair found is \d\.\d{3} apart, short of the 3 target: a pair 4\.00e\+0 apart was refused: the independent check/);
  });

  it("restart points are blended halfway towards uniform: every start walked from after the first has π, T and O at least half of uniform", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 3, init: "free", sigma: 1 };
    const walk = vi.mocked(continuation.walk);
    walk.mockClear();
    expect(() => findWitness(spec, x1x2, { seed: 10, distance: 5 })).toThrow(WitnessError);
    const starts = [...new Set(walk.mock.calls.map((args) => args[1]))];
    expect(starts.length).toBe(3);
    for (const { params } of starts.slice(1)) {
      [...params.pi, ...params.T.flat(), ...params.emission.flat()].forEach((x) => expect(x).toBeGreaterThanOrEqual(1 / 6 - 1e-12));
    }
    // Each path bounces at most twice: at most 3 walks per way, 3 directions, 2 ways, 3 start points.
    expect(walk.mock.calls.length).toBeLessThanOrEqual(3 * 3 * 2 * 3);
  });

  it("a restart point whose rank is undecided is passed over with a reason, not thrown: the other points' paths still count", () => {
    const rank = vi.mocked(rankModule.numericalRank);
    const actual = rank.getMockImplementation()!;
    // The first call (the random start point) is real; the second (restart point 1) is undecided.
    rank.mockImplementationOnce(actual).mockImplementationOnce((rows, n) => ({ ...actual(rows, n), decided: false, reason: "a made-up tie" }));
    const message = failure(() => findWitness(free23, x1x2, { seed: 3, distance: 5 }));
    expect(message).toContain("; at restart point 1, the Jacobian's rank is undecided at the start point (a made-up tie): 1 path");
    expect(pathCount(message)).toBe(2 * 3 * 2 + 1);
  });

  it("a bounced path's steps count those before the bounce: 7 to where it met the boundary, then 5 more", () => {
    const walk = vi.mocked(continuation.walk);
    const start = randomFloatPoint(free23, new Rng(4));
    // A point on the fiber through the start, ≥ 0.2 away: what the bounce walk will report.
    const far = validateParameters(findWitness(free23, x1x2, { seed: 2, start: start.params }).second, free23);
    walk
      .mockImplementationOnce(() => ({ farthest: { theta: [...start.theta], params: start.params, distance: 0.01, steps: 7 }, stopped: "met the boundary" }))
      .mockImplementationOnce(() => ({ farthest: { theta: toCoordinates(free23, far), params: far, distance: 0.3, steps: 5 }, stopped: "" }));
    const w = findWitness(free23, x1x2, { seed: 3, start: start.params });
    expect(w.second).toEqual(toParameterFile(free23, far));
    expect(w.steps).toBe(12);
  });

  it("a path that stopped with no point reached is not bounced: its reason is counted without a distance", () => {
    const walk = vi.mocked(continuation.walk);
    walk.mockImplementationOnce(() => ({ farthest: null, stopped: "the direction of travel left the null space" }));
    const start = randomFloatPoint(free23, new Rng(4)).params;
    const message = failure(() => findWitness(free23, x1x2, { seed: 3, distance: 5, start }));
    expect(message).toMatch(/: the direction of travel left the null space: 1 path(;|$)/);
    expect(pathCount(message)).toBe(3 * 2);
  });

  it("a deadline already passed at the first step: no point reached, and the summary says 1 path without distances", () => {
    // Passed for the walks, but lets the start point's Jacobian be computed.
    const deadline = new PassedDeadline();
    expect(failure(() => findWitness(free23, x1x2, { seed: 3, deadline }))).toBe(`no path reached distance 0.05 modulo relabelling: ${deadline.reason}: 1 path`);
  });
});

describe("findWitness: a bounce from the start point itself, and Gaussian restart points", () => {
  const free23: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
  const x1x2 = parseTaskSet("x1 -> x2");

  it("a path whose farthest point is the start itself bounces along the drawn direction, not its negative ((θ − θ0)·d = 0 keeps d)", () => {
    const walk = vi.mocked(continuation.walk);
    const combination = vi.mocked(continuation.randomCombination);
    walk.mockClear();
    combination.mockClear();
    const start = randomFloatPoint(free23, new Rng(4));
    // The first walk ends where it began; the bounce walk then stops the search, short of δ.
    walk
      .mockImplementationOnce(() => ({ farthest: { theta: [...start.theta], params: start.params, distance: 0, steps: 3 }, stopped: "met the boundary" }))
      .mockImplementationOnce(() => ({ farthest: { theta: [...start.theta], params: start.params, distance: 0, steps: 1 }, stopped: "" }));
    expect(() => findWitness(free23, x1x2, { seed: 3, start: start.params })).toThrow(WitnessError);
    const bounce = walk.mock.calls[1];
    expect(bounce[5]).toEqual(start.theta);
    // Draw 0 is the first path's direction, draw 1 the bounce's: passed on unchanged.
    expect(combination.mock.results).toHaveLength(2);
    expect(bounce[2]).toEqual(combination.mock.results[1].value);
  });

  it("a ghmm restart point blends π and T halfway towards uniform but keeps the drawn means (means are not probabilities)", () => {
    const ghmm22: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const walk = vi.mocked(continuation.walk);
    walk.mockClear();
    findWitness(ghmm22, x1x2, { seed: 1, target: 2 });
    const starts = [...new Set(walk.mock.calls.map((args) => args[1]))];
    expect(starts.length).toBeGreaterThan(1);
    // findWitness forks start, design, direction, verify and restart streams from the seed, in that order.
    const rng = new Rng(1);
    for (let i = 0; i < 4; i++) rng.fork();
    const restartRng = rng.fork();
    const drawn = randomFloatPoint(ghmm22, restartRng).params;
    const restart = starts[1].params;
    restart.emission.forEach((row, s) => row.forEach((x, j) => expect(x).toBeCloseTo(drawn.emission[s][j], 12)));
    restart.T.forEach((row, s) => row.forEach((x, j) => expect(x).toBeCloseTo((drawn.T[s][j] + 1 / 2) / 2, 12)));
  });
});

describe("checkWitnessPair (ghmm): predictions recomputed at fresh inputs", () => {
  const tasks = parseTaskSet("x1 -> x2");
  const first: Parameters<number> = { pi: [0.4, 0.6], T: [[0.7, 0.2], [0.3, 0.8]], emission: [[1, -1], [-1, 1]] };

  it("refuses two points whose means differ, counting the inputs it compared at", () => {
    const moved = { ...first, emission: [[1.5, -1], [-1, 1]] };
    const check = checkWitnessPair(ghmm22, tasks, first, moved, new Rng(1));
    expect(check.accepted).toBe(false);
    expect(check.maxDifference).toBeGreaterThan(1e-3);
    expect(check.reason).toMatch(/^the independent check found predictions differing by/);
    // Inputs from two fresh designs (one per point): none compared would accept any pair.
    const inputs = Number(/^predict\(\) at (\d+) fresh random inputs/.exec(check.verification)![1]);
    expect(inputs).toBeGreaterThan(0);
  });

  it("compares at two fresh designs, one drawn at each point from the same rng", () => {
    const moved = { ...first, emission: [[1.5, -1], [-1, 1]] };
    const check = checkWitnessPair(ghmm22, tasks, first, moved, new Rng(1));
    const rng = new Rng(1);
    const n = parameterCount(ghmm22);
    const designs = [informativeDesign(ghmm22, first, tasks, n, rng), informativeDesign(ghmm22, moved, tasks, n, rng)];
    const expected = designs.reduce((sum, d) => sum + d.reduce((s, points) => s + points.length, 0), 0);
    expect(check.verification).toBe(`predict() at ${expected} fresh random inputs (where each point's states compete, drawn afresh: not the design the path was traced on)`);
  });

  it("refuses a relabelled copy as a relabelling: its recomputed predictions are equal", () => {
    const check = checkWitnessPair(ghmm22, tasks, first, relabel(first, [1, 0]), new Rng(1));
    expect(check.maxDifference).toBeLessThan(1e-14);
    expect(check.reason).toMatch(/relabellings of each other/);
  });
});
