import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseParameterFile } from "../../src/model/params-file.ts";
import { entryOf, type ModelSpec } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { recoverFromSamples } from "../../src/recover/empirical.ts";
import { asymptoticStandardErrors } from "../../src/recover/standard-error.ts";
import { parseTask } from "../../src/task/parse.ts";

const spec: ModelSpec = { family: "hmm", states: 3, symbols: 5, init: "stationary", sigma: 1 };
const task = parseTask("x2 -> x1 ⊗ x3");
const TRUTH_FILE = new URL("../../docs/figures/recovery-truth.json", import.meta.url).pathname;
const truth = parseParameterFile(readFileSync(TRUTH_FILE, "utf8"), spec, TRUTH_FILE).params;

describe("asymptoticStandardErrors", () => {
  it("predicts the spread of recovered entries across independent samples (Monte Carlo, 12 runs)", () => {
    const se = asymptoticStandardErrors(spec, task, truth)!;
    expect(se.scaled).toHaveLength(3 + 9 + 15);
    expect(se.maxSdRootN).toBeGreaterThan(1);
    const n = 50_000;
    const runs = 12;
    const squares = new Array<number>(se.scaled.length).fill(0);
    for (let r = 0; r < runs; r++) {
      const run = recoverFromSamples(spec, task, truth, n, new Rng(100 + r));
      if (run.kind !== "recovered") throw new Error(run.reason);
      se.scaled.forEach((e, i) => (squares[i] += (entryOf(run.alignment.aligned, e.entry) - entryOf(truth, e.entry)) ** 2));
    }
    // Root-mean-square error over predicted s.d., averaged over the 27 entries: ≈ 1 when the
    // estimator reaches the delta-method limit (0.96 over 24 runs).
    const ratios = se.scaled.map((e, i) => Math.sqrt(squares[i] / runs) / (e.sdRootN / Math.sqrt(n)));
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    expect(mean).toBeGreaterThan(0.7);
    expect(mean).toBeLessThan(1.3);
  });
});
