import { describe, expect, it } from "vitest";
import { hmmSpec } from "../../src/model/spec.ts";
import { recoveryReport } from "../../src/recover/report.ts";
import { recoveryJson } from "../../src/report/recovery-json.ts";
import { recoveryPlot } from "../../src/report/recovery-svg.ts";
import { renderRecovery } from "../../src/report/recovery-text.ts";
import { parseTask } from "../../src/task/parse.ts";

const spec = hmmSpec(2, 3);
const task = parseTask("x2 -> x1 ⊗ x3");

describe("recovery renderers", () => {
  const exact = recoveryReport(spec, task, { seed: 7 });

  it("an exact recovery: setting, truth, data source, relabelled estimate and its error", () => {
    const text = renderRecovery(exact);
    const lines = text.split("\n");
    expect(lines[0]).toBe("recover: hmm (k=2, d=3, stationary π); task x2 -> x1 ⊗ x3; seed 7");
    expect(lines[1]).toBe("truth: random generic point (seed 7)");
    expect(text).toMatch(/^ {4}"T": \[$/m);
    expect(text).toContain("data: the exact predictor (no sampling noise)");
    expect(text).toMatch(/^estimate, relabelled to the truth's order \(truth states 1\.\.2 are recovered states [12], [12]\):$/m);
    expect(Number(/^error after relabelling: (\S+) \(π \S+, T \S+, O \S+\)$/m.exec(text)![1])).toBeLessThan(1e-8);
    expect(text).not.toContain("time:");
  });

  it("its JSON: truth and estimate in parameter-file form, 1-based permutation", () => {
    const json = JSON.parse(JSON.stringify(recoveryJson(exact)));
    expect(json).toMatchObject({ task: "x2 -> x1 ⊗ x3", seed: 7, samples: 0, recovered: true, truthSource: "random generic point (seed 7)" });
    expect(json.truth.O).toHaveLength(3);
    expect([...json.permutation].sort()).toEqual([1, 2]);
  });

  it("a sweep: a row per N under labelled columns, the exact floor, the slope and the plot", () => {
    const sweep = recoveryReport(spec, task, { seed: 7, ladder: [2000, 20000] });
    expect(sweep.mode).toBe("sweep");
    const text = renderRecovery(sweep, "out/error.svg");
    expect(text).toContain("max-abs error after relabelling, by number of sampled sequences N:");
    expect(text).toMatch(/^ +N {2}error +π +T +O +time$/m);
    expect(text).toMatch(/^ +2000 {2}(\d\.\d\de[+-]\d|failed)/m);
    expect(text).toMatch(/^ +20000 {2}(\d\.\d\de[+-]\d|failed)/m);
    expect(text).toMatch(/^ +exact {2}\d\.\d\de-\d+ +\(the exact predictor: the noiseless floor\)$/m);
    expect(text).toMatch(/^(slope of log10 error against log10 N|slope: too few)/m);
    expect(text.split("\n").at(-1)).toBe("plot: out/error.svg");
    expect(renderRecovery(sweep, null).split("\n").at(-1)).toBe("plot: not written: no sample size could be recovered");
    if (sweep.mode !== "sweep") return;
    const svg = recoveryPlot(sweep);
    if (sweep.runs.some((r) => r.kind === "recovered")) expect(svg).toMatch(/^<svg[\s\S]*Recovery from x2 -&gt; x1 ⊗ x3/);
    expect(recoveryPlot({ ...sweep, runs: [] })).toBeNull();
  });

  it("a sampled run: the data line names N and the sequence length, with time and the noise level", () => {
    const text = renderRecovery(recoveryReport(spec, task, { seed: 7, samples: 5000 }));
    expect(text).toMatch(/^data: 5000 sampled sequences of length 3/m);
    expect(text).toMatch(/^time: \d+\.\d\d s \(sampling, counting and recovery\)$/m);
  });
});
