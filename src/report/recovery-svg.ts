import type { RecoveryReport } from "../recover/report.ts";
import { formatTask } from "../task/task.ts";
import { sdText } from "./recovery-text.ts";
import { logPlot } from "./svg-plot.ts";

/** A sweep's error against N, with the delta-method guide; null when no run was recovered (nothing to plot). */
export function recoveryPlot(report: Extract<RecoveryReport, { mode: "sweep" }>): string | null {
  const points = report.runs.flatMap((r) => (r.kind === "recovered" && r.alignment.error > 0 ? [{ x: r.samples, y: r.alignment.error }] : []));
  if (points.length === 0) return null;
  const { spec, sdRootN } = report;
  return logPlot([{ label: `max-abs error (seed ${report.seed})`, points }], {
    title: `Recovery from ${formatTask(report.task)}: hmm k=${spec.states}, d=${spec.symbols}, ${spec.init} π`,
    subtitle: `truth: ${report.truthSource}`,
    xLabel: "N, sampled sequences",
    yLabel: "max |estimate − truth| after relabelling",
    guide: sdRootN === null ? { slope: -0.5, label: "guide ∝ N^−1/2" } : { slope: -0.5, atOne: sdRootN, label: `largest asymptotic s.d. ${sdText(sdRootN)}` },
  });
}
