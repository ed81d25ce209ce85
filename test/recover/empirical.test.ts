import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseParameterFile, validateParameters } from "../../src/model/params-file.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { Rng } from "../../src/base/random.ts";
import { empiricalFromCounts, recoverFromSamples, sampleEmpiricalPredictor } from "../../src/recover/empirical.ts";
import { exactPredictorTensor } from "../../src/recover/tensor-task.ts";
import { parseTask } from "../../src/task/parse.ts";

const spec: ModelSpec = { family: "hmm", states: 3, symbols: 5, init: "stationary", sigma: 1 };
const task = parseTask("x2 -> x1 ⊗ x3");
/** The well-separated point of docs/recovery.md. */
const TRUTH_FILE = new URL("../../docs/figures/recovery-truth.json", import.meta.url).pathname;
const truth = parseParameterFile(readFileSync(TRUTH_FILE, "utf8"), spec, TRUTH_FILE).params;

describe("empirical predictor", () => {
  it("converges to the exact predictor (every entry within 5 standard errors)", () => {
    const n = 100_000;
    const emp = sampleEmpiricalPredictor(spec, truth, task, n, new Rng(3));
    const exact = exactPredictorTensor(spec, truth, task);
    expect(emp.counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(emp.unseen).toEqual([]);
    for (let s = 0; s < 5; s++) {
      for (let a = 0; a < 5; a++) {
        for (let c = 0; c < 5; c++) {
          const p = exact[s][a][c];
          expect(Math.abs(emp.tensor[s][a][c] - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / emp.counts[s]));
        }
      }
    }
  });

  it("says which inputs were never seen and fills their slice with the pooled mean", () => {
    const d = 2;
    // Only x2 = 1 observed: (x2, x1, x3) = (1, 1, 2) twice and (1, 2, 2) twice.
    const table = [0, 2, 0, 2, 0, 0, 0, 0];
    const emp = empiricalFromCounts(d, table, 4);
    expect(emp.unseen).toEqual([1]);
    expect(emp.counts).toEqual([4, 0]);
    expect(emp.tensor[0]).toEqual([[0, 0.5], [0, 0.5]]);
    expect(emp.tensor[1]).toEqual(emp.tensor[0]);
  });

  it("recovers the well-separated point from 2·10^5 samples to a few 1e-2, reproducibly", () => {
    const run = recoverFromSamples(spec, task, truth, 200_000, new Rng(5));
    expect(run.kind).toBe("recovered");
    if (run.kind !== "recovered") return;
    expect(run.alignment.error).toBeLessThan(0.05);
    const again = recoverFromSamples(spec, task, truth, 200_000, new Rng(5));
    expect(again.kind === "recovered" && again.alignment.error).toBe(run.alignment.error);
  });

  it("recovers with a symbol so rare that some input is never observed", () => {
    // Symbol 5 has probability ~1e-7 in every state: 3·10^4 sequences almost surely never show it.
    const rare = validateParameters(
      {
        T: truth.T,
        O: [
          [0.5, 0.05, 0.05],
          [0.3, 0.15, 0.1],
          [0.1, 0.55, 0.25],
          [0.1 - 1e-7, 0.25 - 1e-7, 0.6 - 1e-7],
          [1e-7, 1e-7, 1e-7],
        ],
      },
      spec,
    );
    const run = recoverFromSamples(spec, task, rare, 30_000, new Rng(2));
    expect(run.unseen).toEqual([4]);
    expect(run.kind).toBe("recovered");
    if (run.kind === "recovered") expect(run.alignment.error).toBeLessThan(0.15);
  });

  it("fails with a reason, not an exception, when the data cannot determine the factors", () => {
    const run = recoverFromSamples(spec, task, truth, 1, new Rng(1));
    expect(run.kind).toBe("failed");
    if (run.kind === "failed") expect(run.reason).toMatch(/observed/);
  });
});
