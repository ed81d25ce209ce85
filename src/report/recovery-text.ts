import { toParameterFile } from "../model/params-file.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Alignment } from "../recover/align.ts";
import { type RecoveryHeader, type RecoveryOutcome, type RecoveryReport, sampleOutcome } from "../recover/report.ts";
import { formatTask, type Task } from "../task/task.ts";

/**
 * `maskid recover`'s text: the setting and the truth, then the estimate and its error (one
 * run) or a table of error against N (a sweep). `plot` is where a sweep's plot was written,
 * or null when there was nothing to plot.
 */
export function renderRecovery(report: RecoveryReport, plot: string | null = null): string {
  switch (report.mode) {
    case "exact":
      return renderSingle(report, 0, "the exact predictor (no sampling noise)", report.result);
    case "samples": {
      const { run } = report;
      const source = `${run.samples} sampled sequences of length ${sequenceLength(report.task)}${unseenNote(report.task, run.unseen)}`;
      return renderSingle(report, run.samples, source, sampleOutcome(run), run.seconds);
    }
    case "sweep":
      return renderSweep(report, plot ?? "not written: no sample size could be recovered");
  }
}

/** The delta-method s.d. of an entry as a multiple of 1/√N: "113/√N". */
export function sdText(sdRootN: number): string {
  return `${sdRootN.toPrecision(3)}/√N`;
}

function renderHeader(h: RecoveryHeader): string[] {
  const { spec } = h;
  return [
    `recover: hmm (k=${spec.states}, d=${spec.symbols}, ${spec.init} π); task ${formatTask(h.task)}; seed ${h.seed}`,
    ...h.warnings.map((w) => `warning: ${w}`),
    `truth: ${h.truthSource}`,
    indent(parameterText(spec, h.truth)),
  ];
}

function renderSingle(h: RecoveryHeader, samples: number, source: string, result: RecoveryOutcome, seconds?: number): string {
  const out = [...renderHeader(h), `data: ${source}`];
  if (typeof result === "string") {
    out.push(`recovery failed: ${result}`);
  } else {
    out.push(`estimate, relabelled to the truth's order (truth states 1..${result.permutation.length} are recovered states ${result.permutation.map((i) => i + 1).join(", ")}):`);
    out.push(indent(parameterText(h.spec, result.aligned)));
    out.push(`error after relabelling: ${errorText(result)}`);
  }
  if (samples > 0 && h.sdRootN !== null) out.push(`sampling noise alone: largest asymptotic s.d. of an entry ${sdText(h.sdRootN)} = ${(h.sdRootN / Math.sqrt(samples)).toExponential(2)} at this N`);
  if (seconds !== undefined) out.push(`time: ${seconds.toFixed(2)} s (sampling, counting and recovery)`);
  return out.join("\n");
}

function renderSweep(report: Extract<RecoveryReport, { mode: "sweep" }>, plotNote: string): string {
  const { exact, runs, slope } = report;
  const out = [...renderHeader(report), "max-abs error after relabelling, by number of sampled sequences N:"];
  const row = (n: string, err: string, rest: string) => `  ${n.padStart(10)}  ${err.padEnd(9)} ${rest}`;
  out.push(row("N", "error", "π         T         O         time"));
  for (const r of runs) {
    if (r.kind === "failed") out.push(row(String(r.samples), "failed", `${r.reason}`));
    else {
      const e = r.alignment.errors;
      out.push(row(String(r.samples), r.alignment.error.toExponential(2), `${[e.pi, e.T, e.emission].map((x) => x.toExponential(2).padEnd(9)).join(" ")} ${r.seconds.toFixed(2)} s${r.unseen.length ? ` (${r.unseen.length} input(s) unseen)` : ""}`));
    }
  }
  out.push(row("exact", typeof exact === "string" ? "failed" : exact.error.toExponential(2), typeof exact === "string" ? exact : "(the exact predictor: the noiseless floor)"));
  out.push(slope === null ? "slope: too few recovered runs to fit" : `slope of log10 error against log10 N (least squares): ${slope.toFixed(2)} (sampling noise alone gives −0.5)`);
  if (report.sdRootN !== null) out.push(`largest asymptotic s.d. of an entry (delta method, the plot's guide): ${sdText(report.sdRootN)}`);
  out.push(`plot: ${plotNote}`);
  return out.join("\n");
}

function sequenceLength(task: Task): number {
  return Math.max(...task.given, ...task.predict);
}

function unseenNote(task: Task, unseen: readonly number[]): string {
  const g = `x${task.given[0]}`;
  return unseen.length === 0 ? "" : `; never observed: ${unseen.map((s) => `${g}=${s + 1}`).join(", ")} (their slices carry no weight)`;
}

function errorText(a: Alignment): string {
  return `${a.error.toExponential(2)} (π ${a.errors.pi.toExponential(2)}, T ${a.errors.T.toExponential(2)}, O ${a.errors.emission.toExponential(2)})`;
}

/** Parameter-file JSON with one matrix row per line. */
function parameterText(spec: ModelSpec, p: Parameters<number>): string {
  const file = toParameterFile(spec, p) as unknown as Record<string, number[] | number[][]>;
  const num = (x: number) => String(Number(x.toPrecision(10)));
  const lines = Object.entries(file).map(([key, value]) => {
    if (!Array.isArray(value[0])) return `  "${key}": [${(value as number[]).map(num).join(", ")}]`;
    return `  "${key}": [\n${(value as number[][]).map((r) => `    [${r.map(num).join(", ")}]`).join(",\n")}\n  ]`;
  });
  return `{\n${lines.join(",\n")}\n}`;
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
