import { describe, expect, it } from "vitest";
import { Deadline } from "../../src/base/budget.ts";
import type { ProgressEvent } from "../../src/base/progress.ts";
import { Rng } from "../../src/base/random.ts";
import { SUBSET_TRIGGER } from "../../src/identify/float-trial.ts";
import { summaryRowCount } from "../../src/identify/jacobian.ts";
import { VERIFICATION_MAX_PARAMETERS, analyseLocally } from "../../src/identify/local-analysis.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import { type Init, type ModelSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { inputError } from "../helpers/input-error.ts";

const hmm = (k: number, d: number, init: Init = "stationary"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });
const ghmm = (k: number, d: number, init: Init = "stationary"): ModelSpec => ({ family: "ghmm", states: k, symbols: d, init, sigma: 1 });
const paramsOf = (spec: ModelSpec, seed: number) => randomFloatPoint(spec, new Rng(seed)).params;

/** A deadline that passes once `on` is set (from a progress event), so a run stops at a chosen step. */
class SwitchedDeadline extends Deadline {
  on = false;
  override passed(): boolean {
    return this.on;
  }
}

describe("the verdict's rank and fiber dimension go together", () => {
  it("inconclusive has neither rank nor fiber; identifiable has fiber 0; not identifiable has fiber n − rank", () => {
    const stopped = analyseLocally(ghmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0, maxSeconds: 1e-9 });
    expect(stopped).toMatchObject({ verdict: "inconclusive", rank: null, fiberDimension: null });
    // Inconclusive by the evidence, not the clock: across 29 transitions the floats cannot confirm the rank.
    const faded = analyseLocally(hmm(2, 3), parseTaskSet("x1 -> x30"), { seed: 0 });
    expect(faded).toMatchObject({ verdict: "inconclusive", rank: null, fiberDimension: null });
    const full = analyseLocally(hmm(3, 3), parseTaskSet("x1, x2 -> x3"), { seed: 0 });
    expect(full).toMatchObject({ verdict: "identifiable", rank: 12, fiberDimension: 0 });
    const drop = analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0 });
    expect(drop).toMatchObject({ verdict: "not identifiable", rank: 4, fiberDimension: 9 - 4 });
  });
});

describe("options are validated", () => {
  it.each([
    ["floatPoints", { floatPoints: 0 }, "options.floatPoints"],
    ["exactTrials", { exactTrials: 0 }, "options.exactTrials"],
    ["seed", { seed: -1 }, "options.seed"],
    ["null options", null, "options"],
  ])("%s below its minimum is an InputError naming its field", (_, options, field) => {
    expect(inputError(() => analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), options as never)).field).toBe(field);
  });

  it.each([5, "fast", true])("options %o, not an object, is an InputError naming options", (options) => {
    const e = inputError(() => analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), options as never));
    expect(e.field).toBe("options");
    expect(e.message).toBe("options must be an object");
  });

  it("the smallest allowed values run", () => {
    const r = analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0, floatPoints: 1, exactTrials: 1, maxSeconds: 600 });
    expect(r.verdict).toBe("not identifiable");
    expect(r.evidence.exact).toHaveLength(1);
  });

  it.each([0, -1, Number.NaN, "5"])("maxSeconds %o is an InputError naming options.maxSeconds", (maxSeconds) => {
    expect(inputError(() => analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { maxSeconds: maxSeconds as number })).field).toBe("options.maxSeconds");
  });
});

describe("a run stopped by its deadline says how far it got, in correct English", () => {
  it("nothing done: 0 exact trials and 0 float points", () => {
    const r = analyseLocally(ghmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0, maxSeconds: 1e-9 });
    expect(r.reason).toMatch(/: stopped after 0 exact trials and 0 float points; raise --max-seconds/);
    expect(r.parameters).toEqual([]);
  });

  it("one of each: 1 exact trial and 1 float point (stopped as the second point starts)", () => {
    // At a given point an exact full rank settles nothing, so the stop is reported as such.
    const spec = hmm(3, 3);
    const deadline = new SwitchedDeadline();
    const onProgress = (e: ProgressEvent) => {
      if (e.phase === "float point" && e.done === 2) deadline.on = true;
    };
    const r = analyseLocally(spec, parseTaskSet("x1, x2 -> x3"), { seed: 0, params: paramsOf(spec, 3), deadline, onProgress });
    expect(r.evidence.exact).toHaveLength(1);
    expect(r.evidence.float).toHaveLength(1);
    expect(r.reason).toMatch(/stopped after 1 exact trial and 1 float point;/);
    expect(r.verdict).toBe("inconclusive");
  });
});

describe("a deadline passing between the float trials and their verification", () => {
  it("stops the run with an inconclusive verdict instead of throwing", () => {
    // The given point's trial is announced once and reads all its rows (60 ≤ 6n, one tick
    // each); the deadline passes on the last, so the first check it meets is the one before
    // interval verification.
    const spec = ghmm(3, 3);
    const tasks = parseTaskSet("x1 -> x2");
    const rows = summaryRowCount(spec, tasks, parameterCount(spec));
    expect(rows).toBeLessThanOrEqual(SUBSET_TRIGGER * parameterCount(spec));
    const deadline = new SwitchedDeadline();
    let ticks = 0;
    const onProgress = (e: ProgressEvent) => {
      if (e.phase === "float rank at the given point" && ++ticks === rows + 1) deadline.on = true;
    };
    const r = analyseLocally(spec, tasks, { seed: 0, params: paramsOf(spec, 5), deadline, onProgress });
    expect(ticks).toBe(rows + 1);
    expect(r.verdict).toBe("inconclusive");
    expect(r.evidence.verified).toEqual([]);
    expect(r.reason).toMatch(/stopped after/);
  });
});

describe("a deadline passing during the given point's float trial", () => {
  it("stops the run with an inconclusive verdict that lists the trials done, not the unfinished one", () => {
    const spec = ghmm(3, 3);
    const deadline = new SwitchedDeadline();
    const onProgress = (e: ProgressEvent) => {
      if (e.phase === "float rank at the given point") deadline.on = true;
    };
    const r = analyseLocally(spec, parseTaskSet("x1 -> x2"), { seed: 0, params: paramsOf(spec, 5), deadline, onProgress });
    expect(r.verdict).toBe("inconclusive");
    expect(r.reason).toMatch(/stopped after 0 exact trials and 2 float points;/);
    expect(r.evidence.float.map((f) => f.point)).not.toContain("the given point");
  });
});

describe("which rows the float points use", () => {
  it("a tall summary with no exact trial below n: a subset of 3n rows first, enough at full rank", () => {
    // ghmm (2, 1), n = 4: two tasks of 16 design points each give 32 rows > 6n.
    const r = analyseLocally(ghmm(2, 1), parseTaskSet("x1 -> x2; x1, x2 -> x3"), { seed: 0 });
    expect(r.verdict).toBe("identifiable");
    expect(r.evidence.float.map((f) => [f.rowsUsed, f.rows])).toEqual([
      [12, 32],
      [12, 32],
    ]);
  });
});

describe("how many trials run", () => {
  it("exact trials stop once the rank meets n or a family's bound, and otherwise run as many as asked", () => {
    expect(analyseLocally(hmm(3, 3), parseTaskSet("x1, x2 -> x3"), { seed: 0 }).evidence.exact).toHaveLength(1);
    expect(analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0 }).evidence.exact).toHaveLength(1); // bound n − 2 met
    expect(analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0 }).evidence.exact).toHaveLength(3);
    expect(analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0, exactTrials: 2 }).evidence.exact).toHaveLength(2);
  });

  it("float points: two decided by default when a drop is possible, none once the bound is proven exactly", () => {
    const drop = analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0 });
    expect(drop.evidence.float.filter((f) => f.decided)).toHaveLength(2);
    // Ranks are compared across points only on a drop, so fewer than two are never taken then.
    expect(analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0, floatPoints: 1 }).evidence.float.filter((f) => f.decided)).toHaveLength(2);
    expect(analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0, floatPoints: 3 }).evidence.float.filter((f) => f.decided)).toHaveLength(3);
    const bounded = analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0 });
    expect(bounded.evidence.float).toEqual([]);
    expect(bounded.evidence.notes.some((x) => x.startsWith("float: not needed — rank 2 proven exactly"))).toBe(true);
    expect(analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0, spectra: true }).evidence.float.length).toBeGreaterThanOrEqual(2);
  });
});

describe("an exact proof finished before the deadline stands", () => {
  it.each([
    [hmm(3, 3), "x1, x2 -> x3", "identifiable", 12],
    [hmm(2, 2), "x1 -> x2", "not identifiable", 2],
  ] as const)("%o %s: %s with rank %i, floats cut short", (spec, text, verdict, rank) => {
    const deadline = new SwitchedDeadline();
    const onProgress = (e: ProgressEvent) => {
      if (e.phase === "float point") deadline.on = true;
    };
    // spectra: the floats also run after a bound is met, so that the deadline stops them.
    const r = analyseLocally(spec, parseTaskSet(text), { seed: 0, deadline, onProgress, spectra: true });
    expect(r).toMatchObject({ verdict, rank, fiberDimension: parameterCount(spec) - rank, proof: expect.anything() });
    expect(r.reason).toMatch(/; the float trials were cut short by the time budget$/);
    expect(r.evidence.float).toEqual([]);
    expect(r.evidence.notes).toEqual([deadline.reason]);
    // Per-entry verdicts come from the exact trial alone.
    expect(r.parameters.length).toBeGreaterThan(0);
    for (const p of r.parameters) expect(p.verdict).toBe(p.exactInRowSpace ? "identifiable" : "not identifiable");
  });
});

describe("Schwartz–Zippel evidence for an exact rank below n", () => {
  it("combines the per-trial bounds by their product", () => {
    const r = analyseLocally(hmm(3, 2), parseTaskSet("x1, x2 -> x3"), { seed: 0 });
    const sz = r.evidence.schwartzZippel!;
    expect(sz.perTrial).toHaveLength(r.evidence.exact.length);
    expect(sz.perTrial.length).toBeGreaterThan(1);
    r.evidence.exact.forEach((e, i) => expect(sz.perTrial[i]).toBe(Math.min(1, sz.degreeBound / e.prime)));
    expect(sz.combined).toBeCloseTo(sz.perTrial.reduce((a, b) => a * b, 1), 30);
    expect(sz.combined).toBeGreaterThan(0);
  });

  it("is absent without exact trials (Gaussian emissions) and when an exact rank is a proof (rank n, or a family's bound met)", () => {
    expect(analyseLocally(ghmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0 }).evidence.schwartzZippel).toBeNull();
    expect(analyseLocally(hmm(3, 3), parseTaskSet("x1, x2 -> x3"), { seed: 0 }).evidence.schwartzZippel).toBeNull();
    expect(analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0 }).evidence.schwartzZippel).toBeNull();
  });
});

describe("float points after exact trials short of n", () => {
  it("read every row once: no row subset is tried first when a drop is expected", () => {
    // k = 2, d = 14, x1 -> x2: rank n − 2 is proven exactly (W1), and `spectra` still runs the floats.
    const spec = hmm(2, 14);
    const tasks = parseTaskSet("x1 -> x2");
    const n = parameterCount(spec);
    const rows = summaryRowCount(spec, tasks, n);
    expect(rows).toBeGreaterThan(SUBSET_TRIGGER * n); // a tall summary: a subset would be tried otherwise
    const ticks = new Map<number, number>();
    const onProgress = (e: ProgressEvent) => {
      if (e.phase === "float point") ticks.set(e.done!, (ticks.get(e.done!) ?? 0) + 1);
    };
    const r = analyseLocally(spec, tasks, { seed: 0, spectra: true, onProgress });
    expect(r.evidence.exact.every((e) => e.rank < n)).toBe(true);
    expect(r.evidence.float.length).toBeGreaterThan(0);
    for (const f of r.evidence.float) expect(f.rowsUsed).toBe(rows);
    // One event as the point starts, then one per row read.
    expect([...ticks.values()]).toEqual(r.evidence.float.map(() => rows + 1));
  });
});

describe("verification in interval arithmetic", () => {
  it("discrete emissions are never verified in intervals (their exact rank is the proof)", () => {
    for (const [spec, task] of [[hmm(3, 3), "x1, x2 -> x3"], [hmm(3, 2), "x1, x2 -> x3"]] as const) {
      const r = analyseLocally(spec, parseTaskSet(task), { seed: 0 });
      expect(r.evidence.float.length).toBeGreaterThan(0);
      expect(r.evidence.verified).toEqual([]);
    }
  });

  it("the given point is verified first when its float rank is full", () => {
    const spec = ghmm(3, 3);
    const r = analyseLocally(spec, parseTaskSet("x1 -> x2"), { seed: 0, params: paramsOf(spec, 5) });
    expect(r.verdict).toBe("identifiable");
    expect(r.evidence.verified[0]).toMatchObject({ point: "the given point", verified: true });
    expect(r.evidence.verified).toHaveLength(1);
  });

  it("a decided drop at the given point, agreeing with the random points, is not tried", () => {
    const spec = ghmm(3, 3, "free"); // W3: fiber k − 1
    const r = analyseLocally(spec, parseTaskSet("x1 -> x2"), { seed: 0, params: paramsOf(spec, 5) });
    expect(r.verdict).toBe("not identifiable");
    expect(r.evidence.float.every((f) => f.decided && f.rank < r.parameterCount)).toBe(true);
    expect(r.evidence.verified).toEqual([]);
  });

  it(`is tried at n = ${VERIFICATION_MAX_PARAMETERS}`, () => {
    const at = analyseLocally(ghmm(2, 99), parseTaskSet("x1 -> x2"), { seed: 0 });
    expect(at.parameterCount).toBe(VERIFICATION_MAX_PARAMETERS);
    expect(at.evidence.verified.length).toBeGreaterThan(0);
    expect(at.evidence.verified[0].rowsUsed).toBeGreaterThanOrEqual(VERIFICATION_MAX_PARAMETERS);
    expect(at.evidence.verified[0].reason ?? "").not.toMatch(/not tried/);
  });

  it(`is reported as not tried above n = ${VERIFICATION_MAX_PARAMETERS}, naming the first candidate`, () => {

    const above = analyseLocally(ghmm(2, 100), parseTaskSet("x1 -> x2"), { seed: 0 });
    expect(above.parameterCount).toBe(202);
    expect(above.evidence.verified).toEqual([
      {
        point: "random point 1",
        verified: false,
        normBound: null,
        widestRelativeWidth: null,
        rowsUsed: 0,
        columns: 202,
        reason: `not tried: n = 202 is above ${VERIFICATION_MAX_PARAMETERS}, where interval arithmetic (O(m·n² + n³)) costs several times the float analysis`,
      },
    ]);
  });
});

describe("a given point", () => {
  it("adds its own float trial to the evidence, after the random points", () => {
    const spec = hmm(3, 3);
    const r = analyseLocally(spec, parseTaskSet("x1, x2 -> x3"), { seed: 0, params: paramsOf(spec, 3) });
    expect(r.scope).toBe("at this point");
    expect(r.evidence.float.filter((f) => f.point === "the given point")).toHaveLength(1);
  });
});

describe("a given point's notes", () => {
  it("carry the generic verdict beside the point's, each note once", () => {
    // The point's decision adds a note on the generic verdict; notes it shares with the generic decision are not repeated.
    const spec = hmm(3, 3);
    const r = analyseLocally(spec, parseTaskSet("x1, x2 -> x3"), { seed: 0, params: paramsOf(spec, 3) });
    expect(r.evidence.notes.filter((x) => x.startsWith("generic verdict: identifiable"))).toHaveLength(1);
    expect(new Set(r.evidence.notes).size).toBe(r.evidence.notes.length);
    // Without a point there is no such note.
    const g = analyseLocally(spec, parseTaskSet("x1, x2 -> x3"), { seed: 0 });
    expect(g.evidence.notes.some((x) => x.startsWith("generic verdict"))).toBe(false);
  });
});

describe("the design's description", () => {
  it("gives a Gaussian analysis' design per task, its spread of inputs, and the units of J; a discrete analysis has none", () => {
    const one = analyseLocally(ghmm(2, 1), parseTaskSet("x1 -> x2; x1, x2 -> x3"), { seed: 0 });
    // n = 2 (T) + 2 (means) = 4 coordinates: max(2k, ⌈4n / 1⌉) = 16 points per task.
    expect(one.evidence.design).toBe(
      "16 + 16 design points per float point where the states compete (per task N = max(2k, ⌈4n / d^|U|⌉); " +
        "each given token spread over [min μ − 3σ, max μ + 3σ], the first stratified; " +
        "J in units of σ with unit-norm columns, so the verdict does not depend on σ or the scale of the means)",
    );
    const two = analyseLocally(ghmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0 });
    expect(two.evidence.design).toContain("each given token at random log-odds t_h ~ N(0, 1.5²) plus noise orthogonal to the mean differences; ");
    expect(two.evidence.design).toMatch(/^\d+ design points per float point/);
    expect(analyseLocally(hmm(2, 2), parseTaskSet("x1 -> x2"), { seed: 0 }).evidence.design).toBeNull();
  });
});
