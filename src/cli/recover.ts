import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../base/errors.ts";
import { toParameterFile } from "../model/params-file.ts";
import { randomFloatPoint } from "../model/random-point.ts";
import { regularityChecks } from "../model/regularity.ts";
import { type ModelSpec, type Parameters } from "../model/spec.ts";
import { Rng } from "../base/random.ts";
import type { Alignment } from "../recover/align.ts";
import type { SampleRecovery } from "../recover/empirical.ts";
import { RecoveryError } from "../recover/jennrich.ts";
import { logLogPlot } from "../report/recovery-svg.ts";
import { asymptoticStandardErrors } from "../recover/standard-error.ts";
import { DEFAULT_LADDER, logLogSlope, recoverExact, sweepSamples } from "../recover/sweep.ts";
import { checkRecoverable } from "../recover/tensor-task.ts";
import type { Progress } from "../recover/sample.ts";
import { formatTask, type Task } from "../task/task.ts";
import { readParameterFile } from "./io.ts";
import { MODEL_OPTIONS, modelSpec, parseOptions, seedOf, taskList } from "./options.ts";
import { UsageError } from "./usage.ts";

/** Where `--sweep` writes its plot unless `--plot` says otherwise. */
export const DEFAULT_PLOT = "docs/figures/recovery-error.svg";

/** Sample sizes above this are refused up front (sampling runs at roughly 10⁶ sequences a second). */
const MAX_SAMPLES = 1e10;

/**
 * `maskid recover`: recover (π, T, O) of a discrete HMM from the predictor of
 * `x2 -> x1 ⊗ x3` (or `x1 -> x2 ⊗ x3`): exact, from N samples, or over a ladder of N with a
 * log–log plot of the error. The truth is a parameter file or a seeded random generic point.
 * Exit 1 when recovery fails (for a sweep: at every N), 2 on bad input.
 */
export function runRecover(argv: string[]): number {
  const { values } = parseOptions(bareSweep(argv), {
    ...MODEL_OPTIONS,
    params: { type: "string" },
    samples: { type: "string" },
    sweep: { type: "string" },
    plot: { type: "string" },
  });
  const spec = modelSpec(values);
  const tasks = taskList(values.task);
  if (tasks.length !== 1) throw new InputError("recover takes exactly one task");
  const task = tasks[0];
  checkRecoverable(spec, task);
  if (values.sweep !== undefined && values.samples !== undefined) throw new UsageError("give --samples or --sweep, not both");
  if (values.plot !== undefined && values.sweep === undefined) throw new UsageError("--plot applies to --sweep only");
  const seed = seedOf(values.seed);
  const truth = values.params !== undefined ? readParameterFile(values.params, spec).params : randomFloatPoint(spec, new Rng(seed)).params;
  checkRecoverable(spec, task, truth);
  const header: Header = {
    spec,
    task,
    seed,
    truthSource: values.params !== undefined ? `parameter file ${values.params}` : `random generic point (seed ${seed})`,
    truth,
    warnings: regularityChecks(spec, truth).filter((c) => !c.holds).map((c) => `${c.name} fails at the truth (${c.detail}): recovery may fail or be inaccurate`),
    sdRootN: asymptoticStandardErrors(spec, task, truth)?.maxSdRootN ?? null,
  };
  const exact = () => attempt(() => recoverExact(spec, task, truth, seed));
  const progress = progressBar();
  if (values.sweep !== undefined) {
    const ladder = values.sweep === "" ? DEFAULT_LADDER : sampleList(values.sweep, "--sweep");
    const plotPath = values.plot ?? DEFAULT_PLOT;
    preparePlotPath(plotPath);
    const runs = sweepSamples(spec, task, truth, ladder, seed, progress.update);
    progress.done();
    const slope = logLogSlope(runs);
    const plot = sweepPlot(header, runs);
    if (plot !== null) writeAtomically(plotPath, plot);
    const plotNote = plot === null ? "not written: no sample size could be recovered" : plotPath;
    const floor = exact();
    const report = { ...jsonHeader(header), exact: jsonRun(spec, floor), runs: runs.map((r) => jsonSample(spec, r)), slope, plot: plot === null ? null : plotPath };
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderSweep(header, floor, runs, slope, plotNote));
    return plot === null ? 1 : 0;
  }
  const samples = values.samples === undefined ? 0 : sampleCount(values.samples, "--samples", 0);
  if (samples === 0) {
    const result = exact();
    const report = { ...jsonHeader(header), samples: 0, ...jsonRun(spec, result) };
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderSingle(header, 0, "the exact predictor (no sampling noise)", result));
    return typeof result === "string" ? 1 : 0;
  }
  const [run] = sweepSamples(spec, task, truth, [samples], seed, progress.update);
  progress.done();
  const report = { ...jsonHeader(header), ...jsonSample(spec, run) };
  const source = `${samples} sampled sequences of length ${sequenceLength(task)}${unseenNote(task, run.unseen)}`;
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderSingle(header, samples, source, run.kind === "recovered" ? run.alignment : run.reason, run.seconds));
  return run.kind === "recovered" ? 0 : 1;
}

interface Header {
  readonly spec: ModelSpec;
  readonly task: Task;
  readonly seed: number;
  readonly truthSource: string;
  readonly truth: Parameters<number>;
  readonly warnings: string[];
  /** Largest delta-method s.d. of an entry, times √N (null when the fit's information matrix is singular). */
  readonly sdRootN: number | null;
}

/** `--sweep` with no value (last, or followed by another flag) means the default ladder. */
function bareSweep(argv: string[]): string[] {
  return argv.map((a, i) => (a === "--sweep" && (i + 1 === argv.length || argv[i + 1].startsWith("--")) ? "--sweep=" : a));
}

function attempt(run: () => Alignment): Alignment | string {
  try {
    return run();
  } catch (e) {
    if (e instanceof RecoveryError) return e.message;
    throw e;
  }
}

/** A count such as 1000000, 1e6 or 1_000_000 (whole, within [min, MAX_SAMPLES]). */
function sampleCount(text: string, flag: string, min: number): number {
  const n = Number(text.trim().replace(/_/g, ""));
  if (text.trim() === "" || !Number.isSafeInteger(n) || n < min || n > MAX_SAMPLES) {
    throw new InputError(`${flag} takes whole numbers from ${min} to ${MAX_SAMPLES.toExponential(0)} (such as 1000 or 1e6), got "${text}"`);
  }
  return n;
}

function sampleList(text: string, flag: string): number[] {
  return text.split(",").map((item) => sampleCount(item, flag, 1));
}

function sequenceLength(task: Task): number {
  return Math.max(...task.given, ...task.predict);
}

function unseenNote(task: Task, unseen: readonly number[]): string {
  const g = `x${task.given[0]}`;
  return unseen.length === 0 ? "" : `; never observed: ${unseen.map((s) => `${g}=${s + 1}`).join(", ")} (their slices carry no weight)`;
}

function jsonHeader(h: Header) {
  return {
    model: h.spec,
    task: formatTask(h.task),
    seed: h.seed,
    truthSource: h.truthSource,
    truth: toParameterFile(h.spec, h.truth),
    warnings: h.warnings,
    asymptoticMaxSdRootN: h.sdRootN,
  };
}

/** A recovery as JSON: the relabelled estimate in parameter-file form, errors, and the 1-based permutation used. */
function jsonRun(spec: ModelSpec, a: Alignment | string) {
  if (typeof a === "string") return { recovered: false, reason: a };
  return { recovered: true, error: a.error, errors: a.errors, permutation: a.permutation.map((i) => i + 1), estimate: toParameterFile(spec, a.aligned) };
}

function jsonSample(spec: ModelSpec, run: SampleRecovery) {
  return { samples: run.samples, unseenInputs: run.unseen.map((s) => s + 1), seconds: run.seconds, ...jsonRun(spec, run.kind === "recovered" ? run.alignment : run.reason) };
}

function renderHeader(h: Header): string[] {
  const { spec } = h;
  return [
    `recover: hmm (k=${spec.states}, d=${spec.symbols}, ${spec.init} π); task ${formatTask(h.task)}; seed ${h.seed}`,
    ...h.warnings.map((w) => `warning: ${w}`),
    `truth: ${h.truthSource}`,
    indent(parameterText(spec, h.truth)),
  ];
}

function renderSingle(h: Header, samples: number, source: string, result: Alignment | string, seconds?: number): string {
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
  return `${out.join("\n")}\n`;
}

function renderSweep(h: Header, exact: Alignment | string, runs: readonly SampleRecovery[], slope: number | null, plotPath: string): string {
  const out = [...renderHeader(h), "max-abs error after relabelling, by number of sampled sequences N:"];
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
  if (h.sdRootN !== null) out.push(`largest asymptotic s.d. of an entry (delta method, the plot's guide): ${sdText(h.sdRootN)}`);
  out.push(`plot: ${plotPath}`);
  return `${out.join("\n")}\n`;
}

function sdText(sdRootN: number): string {
  return `${sdRootN.toPrecision(3)}/√N`;
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

/** The sweep's SVG, or null when no run was recovered (nothing to plot). */
function sweepPlot(h: Header, runs: readonly SampleRecovery[]): string | null {
  const points = runs.flatMap((r) => (r.kind === "recovered" && r.alignment.error > 0 ? [{ x: r.samples, y: r.alignment.error }] : []));
  if (points.length === 0) return null;
  return logLogPlot([{ label: `max-abs error (seed ${h.seed})`, points }], {
    title: `Recovery from ${formatTask(h.task)}: hmm k=${h.spec.states}, d=${h.spec.symbols}, ${h.spec.init} π`,
    subtitle: `truth: ${h.truthSource}`,
    xLabel: "N, sampled sequences",
    yLabel: "max |estimate − truth| after relabelling",
    guide:
      h.sdRootN === null
        ? { slope: -0.5, label: "guide ∝ N^−1/2" }
        : { slope: -0.5, atOne: h.sdRootN, label: `largest asymptotic s.d. ${sdText(h.sdRootN)}` },
  });
}

/** Creates the plot's folder and checks it is writable before a long sweep starts, not after. */
function preparePlotPath(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (e) {
    throw new InputError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Writes to a temporary file beside the target, then renames: readers never see half a file. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (e) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created.
    }
    throw new InputError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** One line on stderr, redrawn in place, only when stderr is a terminal. */
function progressBar(): { update: Progress | undefined; done: () => void } {
  if (!process.stderr.isTTY) return { update: undefined, done: () => {} };
  const width = 30;
  let shown = -1;
  return {
    update: (done, total) => {
      const percent = Math.floor((100 * done) / total);
      if (percent === shown) return;
      shown = percent;
      const filled = Math.round((width * done) / total);
      process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}%  ${done}/${total} sequences`);
    },
    done: () => {
      if (shown >= 0) process.stderr.write("\r\x1b[K");
    },
  };
}
