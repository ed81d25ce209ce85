import type { AnalysisResult } from "../analysis/result.ts";
import { type PlotMark, logPlot } from "./svg-plot.ts";

/** Between the gap bars of successive points, in index units. */
const BAR_SPACING = 0.06;

/**
 * The singular spectrum of the Jacobian at each float point of an analysis (`check --plot`):
 * σ_i against i on a log scale, one series per point, each with its rank cut (a dashed line
 * between σ_r and σ_r+1, `data-rank` = r), its gap (a bar from σ_r down to max(σ_r+1, noise
 * floor), whose ratio is the gap) and its noise floor (dotted). Null when no float point
 * finished (an analysis stopped by its time budget first).
 */
export function spectrumPlot(result: AnalysisResult): string | null {
  const floats = result.evidence.float;
  if (floats.length === 0) return null;
  const n = result.parameterCount;
  const marks: PlotMark[] = floats.flatMap((f, series): PlotMark[] => {
    const data = { "data-point": f.point, "data-rank": String(f.rank) };
    const below = Math.max(f.singularValues[f.rank] ?? 0, f.tolerance);
    const cut = f.rank + 0.5;
    return [
      { x: cut, series, style: "dashed", attributes: { class: "cut", ...data }, title: `${f.point}: rank cut after σ${f.rank}` },
      // Bars of points with the same rank sit side by side, not on top of each other.
      ...(f.rank > 0 ? [{ x: cut + BAR_SPACING * (series - (floats.length - 1) / 2), y: f.singularValues[f.rank - 1], toY: below, series, style: "bracket", attributes: { class: "gap", ...data }, title: `${f.point}: gap ${f.gapRatio.toExponential(2)}` } as const] : []),
      ...(f.tolerance > 0 ? [{ y: f.tolerance, series, style: "dotted", attributes: { class: "noise-floor", "data-point": f.point }, title: `${f.point}: noise floor ${f.tolerance.toExponential(2)}` } as const] : []),
    ];
  });
  const zeros = floats.reduce((count, f) => count + f.singularValues.filter((s) => !(s > 0)).length, 0);
  const { model, tasks } = result;
  return logPlot(
    floats.map((f) => ({
      label: `${f.point}: rank ${f.rank}${f.decided ? "" : "?"}/${n}, gap ${f.gapRatio.toExponential(1)}`,
      points: f.singularValues.map((y, i) => ({ x: i + 1, y })),
    })),
    {
      title: `Singular values of J: ${model.family} k=${model.states}, d=${model.symbols}, ${model.init} π`,
      subtitle: `${tasks.map((t) => t.text).join("; ")} · ${result.verdict}${zeros > 0 ? ` · ${zeros} zero singular value${zeros === 1 ? "" : "s"} not drawn` : ""}`,
      xLabel: "index i",
      yLabel: `σᵢ (columns at unit norm${floats[0].sigmaUnits ? ", units of σ" : ""})`,
      x: "index",
      marks,
      // The spectrum falls from top left to bottom right; below σ₁ at the left there is room.
      legend: "bottom left",
      markLegend: [
        { label: "rank cut; bar: the gap", style: "dashed" },
        { label: "noise floor", style: "dotted" },
      ],
    },
  );
}
