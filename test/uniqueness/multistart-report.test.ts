import { describe, expect, it } from "vitest";
import type { ProgressEvent } from "../../src/base/progress.ts";
import { randomFloatPoint } from "../../src/model/random-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { multiStart } from "../../src/uniqueness/multistart.ts";
import { streamRng } from "../../src/uniqueness/seeds.ts";

/**
 * What multiStart tells a reader besides its numbers: progress events name their phase,
 * and the method text states every tolerance the verdict depends on. maxIterations 0 keeps
 * the runs instant (no LM step, so no heartbeat: one event per start).
 */
describe("multiStart: progress and method text", () => {
  const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
  const tasks = parseTaskSet("x1 -> x2 ⊗ x3");
  const truth = randomFloatPoint(spec, streamRng(1, 0)).params;

  it("each start is announced as phase 'multistart', s of starts", () => {
    const events: ProgressEvent[] = [];
    multiStart(spec, tasks, truth, { seed: 1, starts: 2, maxIterations: 0, onProgress: (e) => events.push(e) });
    expect(events).toEqual([
      { phase: "multistart", done: 1, total: 2 },
      { phase: "multistart", done: 2, total: 2 },
    ]);
  });

  it("the result is tagged kind 'multistart', with the tasks as written and the seed and starts it was asked for", () => {
    // The kind is what a reader of the JSON report dispatches on.
    const r = multiStart(spec, tasks, truth, { seed: 1, starts: 2, maxIterations: 0 });
    expect(r.kind).toBe("multistart");
    expect(r.tasks).toEqual(["x1 -> x2 ⊗ x3"]);
    expect([r.seed, r.requestedStarts, r.starts]).toEqual([1, 2, 2]);
  });

  it("the method states the cluster tolerance it used (default and given)", () => {
    const byDefault = multiStart(spec, tasks, truth, { seed: 1, starts: 1, maxIterations: 0 });
    expect(byDefault.method).toBe(
      "Levenberg–Marquardt (scalar damping, Nielsen update) on ‖F(θ) − F(θ0)‖² over 5 log-ratio coordinates " +
        "(every iterate strictly inside the parameter set), exact forward-mode Jacobian of all 8 summary rows; " +
        "≤ 0 iterations per start from random valid points; converged: residual < 1e-20; " +
        "solutions clustered by relabelled L∞ distance < 0.00001",
    );
    const given = multiStart(spec, tasks, truth, { seed: 1, starts: 1, maxIterations: 0, clusterTolerance: 0.25 });
    expect(given.method.endsWith("; solutions clustered by relabelled L∞ distance < 0.25")).toBe(true);
  });
});
