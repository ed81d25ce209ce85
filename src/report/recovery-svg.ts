import type { RecoveryReport } from "../recover/report.ts";
import { formatTask } from "../task/task.ts";
import { sdText } from "./recovery-text.ts";

/** One labelled series of (x, y) points; non-positive or non-finite points are left out (log axes). */
export interface PlotSeries {
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface LogLogPlotOptions {
  readonly title: string;
  /** A smaller second line under the title. */
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /**
   * A dashed guide y = c·x^slope, clipped to the plot: c = `atOne` when given, else the line
   * passes through the geometric mean of the first series.
   */
  readonly guide?: { readonly slope: number; readonly label: string; readonly atOne?: number };
}

const WIDTH = 640;
const HEIGHT = 440;
const MARGIN = { left: 78, right: 24, top: 44, bottom: 60 };
const COLOURS = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad"];

/**
 * A self-contained SVG (no scripts, fonts or external references) of series on log–log axes,
 * with a tick and grid line at every power of ten in range. Pure: returns the text.
 */
export function logLogPlot(series: readonly PlotSeries[], options: LogLogPlotOptions): string {
  const clean = series.map((s) => ({ ...s, points: s.points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y)) }));
  const all = clean.flatMap((s) => s.points);
  if (all.length === 0) throw new Error("nothing to plot: no point with positive finite coordinates");
  const range = (values: number[]) => {
    let lo = Math.floor(Math.log10(Math.min(...values)) + 1e-9);
    let hi = Math.ceil(Math.log10(Math.max(...values)) - 1e-9);
    if (hi <= lo) [lo, hi] = [lo - 0.5, hi + 0.5];
    return [lo, hi] as const;
  };
  const [x0, x1] = range(all.map((p) => p.x));
  // The guide's log10 y at log10 x; it widens the y range so that it is always visible.
  const guide = options.guide;
  let guideAt: ((lx: number) => number) | null = null;
  if (guide) {
    const pts = clean[0].points.length > 0 ? clean[0].points : all;
    const mx = pts.reduce((t, p) => t + Math.log10(p.x), 0) / pts.length;
    const my = pts.reduce((t, p) => t + Math.log10(p.y), 0) / pts.length;
    const intercept = guide.atOne !== undefined && guide.atOne > 0 ? Math.log10(guide.atOne) : my - guide.slope * mx;
    guideAt = (lx) => intercept + guide.slope * lx;
  }
  const guideEnds = guideAt ? [10 ** guideAt(Math.log10(Math.min(...all.map((p) => p.x)))), 10 ** guideAt(Math.log10(Math.max(...all.map((p) => p.x))))] : [];
  const [y0, y1] = range([...all.map((p) => p.y), ...guideEnds]);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const px = (x: number) => MARGIN.left + ((Math.log10(x) - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => MARGIN.top + (1 - (Math.log10(y) - y0) / (y1 - y0)) * plotH;
  const f = (v: number) => v.toFixed(1);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>${escape(options.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="${options.subtitle ? 18 : 24}" text-anchor="middle" font-size="15">${escape(options.title)}</text>`,
  );
  if (options.subtitle) out.push(`<text x="${WIDTH / 2}" y="35" text-anchor="middle" font-size="11" fill="#555">${escape(options.subtitle)}</text>`);
  for (let e = Math.ceil(x0); e <= Math.floor(x1); e++) {
    const x = f(px(10 ** e));
    out.push(`<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + plotH}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${x}" y="${MARGIN.top + plotH + 18}" text-anchor="middle">10${sup(e)}</text>`);
  }
  for (let e = Math.ceil(y0); e <= Math.floor(y1); e++) {
    const y = f(py(10 ** e));
    out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">10${sup(e)}</text>`);
  }
  // Minor ticks at 2..9 × 10^e on both axes.
  for (let e = Math.floor(x0); e < x1; e++) {
    for (let m = 2; m <= 9; m++) {
      const lx = e + Math.log10(m);
      if (lx > x0 && lx < x1) out.push(`<line x1="${f(px(10 ** lx))}" y1="${MARGIN.top + plotH}" x2="${f(px(10 ** lx))}" y2="${MARGIN.top + plotH - 5}" stroke="#333"/>`);
    }
  }
  for (let e = Math.floor(y0); e < y1; e++) {
    for (let m = 2; m <= 9; m++) {
      const ly = e + Math.log10(m);
      if (ly > y0 && ly < y1) out.push(`<line x1="${MARGIN.left}" y1="${f(py(10 ** ly))}" x2="${MARGIN.left + 5}" y2="${f(py(10 ** ly))}" stroke="#333"/>`);
    }
  }
  out.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle">${escape(options.xLabel)}</text>`);
  out.push(
    `<text x="18" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 18 ${MARGIN.top + plotH / 2})">${escape(options.yLabel)}</text>`,
  );
  const legend: { label: string; colour: string; dashed: boolean }[] = [];
  if (guide && guideAt) {
    out.push(
      `<clipPath id="plot-area"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}"/></clipPath>`,
      `<line x1="${f(px(10 ** x0))}" y1="${f(py(10 ** guideAt(x0)))}" x2="${f(px(10 ** x1))}" y2="${f(py(10 ** guideAt(x1)))}" stroke="#777" stroke-dasharray="6 4" clip-path="url(#plot-area)"/>`,
    );
    legend.push({ label: guide.label, colour: "#777", dashed: true });
  }
  clean.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (pts.length > 1) out.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${pts.map((p) => `${f(px(p.x))},${f(py(p.y))}`).join(" ")}"/>`);
    for (const p of pts) out.push(`<circle cx="${f(px(p.x))}" cy="${f(py(p.y))}" r="3.5" fill="${colour}"><title>${escape(`${s.label}: x = ${p.x}, y = ${p.y.toExponential(3)}`)}</title></circle>`);
    legend.push({ label: s.label, colour, dashed: false });
  });
  // Legend in the top-right corner on a white box; text width estimated at 7 px a character.
  if (legend.length > 0) {
    const width = 40 + 7 * Math.max(...legend.map((l) => l.label.length));
    const x = MARGIN.left + plotW - width - 8;
    out.push(`<rect x="${x}" y="${MARGIN.top + 6}" width="${width}" height="${legend.length * 18 + 8}" fill="white" stroke="#ccc"/>`);
    legend.forEach((l, i) => {
      const y = MARGIN.top + 19 + i * 18;
      out.push(`<line x1="${x + 8}" y1="${y}" x2="${x + 30}" y2="${y}" stroke="${l.colour}" stroke-width="2"${l.dashed ? ' stroke-dasharray="6 4"' : ""}/>`);
      out.push(`<text x="${x + 36}" y="${y}" dominant-baseline="middle">${escape(l.label)}</text>`);
    });
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

function sup(e: number): string {
  const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return `${e < 0 ? "⁻" : ""}${String(Math.abs(e)).split("").map((c) => digits[Number(c)]).join("")}`;
}

/** Text made safe inside SVG (and HTML) elements and attributes. */
export function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A sweep's error against N, with the delta-method guide; null when no run was recovered (nothing to plot). */
export function recoveryPlot(report: Extract<RecoveryReport, { mode: "sweep" }>): string | null {
  const points = report.runs.flatMap((r) => (r.kind === "recovered" && r.alignment.error > 0 ? [{ x: r.samples, y: r.alignment.error }] : []));
  if (points.length === 0) return null;
  const { spec, sdRootN } = report;
  return logLogPlot([{ label: `max-abs error (seed ${report.seed})`, points }], {
    title: `Recovery from ${formatTask(report.task)}: hmm k=${spec.states}, d=${spec.symbols}, ${spec.init} π`,
    subtitle: `truth: ${report.truthSource}`,
    xLabel: "N, sampled sequences",
    yLabel: "max |estimate − truth| after relabelling",
    guide: sdRootN === null ? { slope: -0.5, label: "guide ∝ N^−1/2" } : { slope: -0.5, atOne: sdRootN, label: `largest asymptotic s.d. ${sdText(sdRootN)}` },
  });
}
