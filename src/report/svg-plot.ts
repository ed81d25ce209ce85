/** One labelled series of (x, y) points; points a log axis cannot show (≤ 0, non-finite) are left out. */
export interface PlotSeries {
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/**
 * A line over the series, in data coordinates and the colour of series `series` (grey when
 * absent): `x` alone spans the plot's height, `y` alone its width, both a vertical segment
 * from (x, y) to (x, toY). `attributes` are written onto the element (e.g. data-rank).
 */
export interface PlotMark {
  readonly x?: number;
  readonly y?: number;
  readonly toY?: number;
  readonly series?: number;
  readonly style: "dashed" | "dotted" | "bracket";
  readonly title?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface PlotOptions {
  readonly title: string;
  /** A smaller second line under the title. */
  readonly subtitle?: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The x axis: powers of ten (default), or whole numbers on a linear scale. The y axis is always log. */
  readonly x?: "log" | "index";
  /**
   * A dashed guide y = c·x^slope (log x), clipped to the plot: c = `atOne` when given, else
   * the line passes through the geometric mean of the first series.
   */
  readonly guide?: { readonly slope: number; readonly label: string; readonly atOne?: number };
  readonly marks?: readonly PlotMark[];
  /** Legend lines for the marks (after the series'). */
  readonly markLegend?: readonly { readonly label: string; readonly style: PlotMark["style"] }[];
  /** The corner the legend sits in, where the data leave room (default top right). */
  readonly legend?: "top right" | "bottom left";
}

const WIDTH = 640;
const HEIGHT = 440;
const MARGIN = { left: 78, right: 24, top: 44, bottom: 60 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const COLOURS = ["#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400"];
const GREY = "#777";
const DASH: Record<PlotMark["style"], string> = { dashed: ' stroke-dasharray="6 4"', dotted: ' stroke-dasharray="2 3"', bracket: "" };

/** An axis in its own unit u (log10 of the value, or the value), with its ticks. */
interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly unit: (v: number) => number;
  readonly major: readonly { readonly u: number; readonly label: string }[];
  readonly minor: readonly number[];
}

/** Up to this many decades an axis has minor ticks at 2…9 and a label at every power of ten. */
const DENSE_DECADES = 8;

/** Decades around the values: labelled ticks at powers of ten (every one, or every 2nd, 5th… over a wide range). */
function logAxis(values: readonly number[]): Axis {
  let lo = Math.floor(Math.log10(Math.min(...values)) + 1e-9);
  let hi = Math.ceil(Math.log10(Math.max(...values)) - 1e-9);
  if (hi <= lo) [lo, hi] = [lo - 0.5, hi + 0.5];
  const dense = hi - lo <= DENSE_DECADES;
  const step = dense ? 1 : ([2, 5, 10, 20, 50].find((s) => (hi - lo) / s <= 12) ?? 100);
  const major = [];
  for (let e = Math.ceil(lo / step) * step; e <= Math.floor(hi); e += step) major.push({ u: e, label: `10${sup(e)}` });
  const minor = [];
  if (dense) for (let e = Math.floor(lo); e < hi; e++) for (let m = 2; m <= 9; m++) if (e + Math.log10(m) > lo && e + Math.log10(m) < hi) minor.push(e + Math.log10(m));
  return { lo, hi, unit: Math.log10, major, minor };
}

/** Whole numbers from half a step below the least value to half above the greatest, ≤ 12 labelled ticks. */
function indexAxis(values: readonly number[]): Axis {
  const lo = Math.floor(Math.min(...values)) - 0.5;
  const hi = Math.ceil(Math.max(...values)) + 0.5;
  const step = [1, 2, 5].flatMap((m) => [1, 10, 100, 1000, 10000].map((p) => m * p)).sort((a, b) => a - b).find((s) => (hi - lo) / s <= 12) ?? 1e5;
  const major = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) if (v >= 1) major.push({ u: v, label: String(v) });
  return { lo, hi, unit: (v) => v, major, minor: [] };
}

/**
 * A self-contained SVG (no scripts, fonts or external references) of series on a log y axis
 * against a log or whole-number x axis, with grid lines at the labelled ticks, optional
 * guide and marks. Each series is one `<g class="series">`. Pure: returns the text.
 */
export function logPlot(series: readonly PlotSeries[], options: PlotOptions): string {
  const clean = series.map((s) => ({ ...s, points: s.points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y)) }));
  const all = clean.flatMap((s) => s.points);
  if (all.length === 0) throw new Error("nothing to plot: no point with positive finite coordinates");
  const marks = options.marks ?? [];
  const xAxis = (options.x === "index" ? indexAxis : logAxis)([...all.map((p) => p.x), ...marks.flatMap((m) => (m.x === undefined ? [] : [m.x]))]);
  // The guide's log10 y at log10 x; it widens the y range so that it is always visible.
  const guide = options.guide;
  let guideAt: ((u: number) => number) | null = null;
  if (guide) {
    const pts = clean[0].points.length > 0 ? clean[0].points : all;
    const mx = pts.reduce((t, p) => t + xAxis.unit(p.x), 0) / pts.length;
    const my = pts.reduce((t, p) => t + Math.log10(p.y), 0) / pts.length;
    const intercept = guide.atOne !== undefined && guide.atOne > 0 ? Math.log10(guide.atOne) : my - guide.slope * mx;
    guideAt = (u) => intercept + guide.slope * u;
  }
  const xs = all.map((p) => xAxis.unit(p.x));
  const guideEnds = guideAt ? [10 ** guideAt(Math.min(...xs)), 10 ** guideAt(Math.max(...xs))] : [];
  const markYs = marks.flatMap((m) => [m.y, m.toY].filter((y): y is number => y !== undefined && y > 0));
  const yAxis = logAxis([...all.map((p) => p.y), ...guideEnds, ...markYs]);
  const pu = (u: number) => MARGIN.left + ((u - xAxis.lo) / (xAxis.hi - xAxis.lo)) * PLOT_W;
  const qu = (u: number) => MARGIN.top + (1 - (u - yAxis.lo) / (yAxis.hi - yAxis.lo)) * PLOT_H;
  const px = (x: number) => pu(xAxis.unit(x));
  const py = (y: number) => qu(Math.log10(y));
  const out = [...frame(options, xAxis, yAxis, pu, qu)];
  const legend: { label: string; colour: string; dash: string }[] = [];
  out.push(`<clipPath id="plot-area"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}"/></clipPath>`);
  if (guide && guideAt) {
    out.push(`<line x1="${f(pu(xAxis.lo))}" y1="${f(qu(guideAt(xAxis.lo)))}" x2="${f(pu(xAxis.hi))}" y2="${f(qu(guideAt(xAxis.hi)))}" stroke="${GREY}"${DASH.dashed} clip-path="url(#plot-area)"/>`);
    legend.push({ label: guide.label, colour: GREY, dash: DASH.dashed });
  }
  clean.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    out.push(`<g class="series" data-label="${escape(s.label)}">`);
    if (pts.length > 1) out.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${pts.map((p) => `${f(px(p.x))},${f(py(p.y))}`).join(" ")}"/>`);
    for (const p of pts) out.push(`<circle cx="${f(px(p.x))}" cy="${f(py(p.y))}" r="3.5" fill="${colour}"><title>${escape(`${s.label}: x = ${p.x}, y = ${p.y.toExponential(3)}`)}</title></circle>`);
    out.push("</g>");
    legend.push({ label: s.label, colour, dash: "" });
  });
  for (const m of marks) out.push(markElement(m, px, py));
  for (const l of options.markLegend ?? []) legend.push({ label: l.label, colour: GREY, dash: DASH[l.style] });
  out.push(...legendBox(legend, options.legend ?? "top right"), "</svg>");
  return `${out.join("\n")}\n`;
}

/** The header, title, grid, ticks, axis labels and the plot's frame. */
function frame(options: PlotOptions, xAxis: Axis, yAxis: Axis, pu: (u: number) => number, qu: (u: number) => number): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>${escape(options.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="${options.subtitle ? 18 : 24}" text-anchor="middle" font-size="15">${escape(options.title)}</text>`,
  ];
  if (options.subtitle) out.push(`<text x="${WIDTH / 2}" y="35" text-anchor="middle" font-size="11" fill="#555">${escape(options.subtitle)}</text>`);
  const bottom = MARGIN.top + PLOT_H;
  for (const { u, label } of xAxis.major) {
    const x = f(pu(u));
    out.push(`<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${bottom}" stroke="#e3e3e3"/>`, `<text x="${x}" y="${bottom + 18}" text-anchor="middle">${label}</text>`);
  }
  for (const { u, label } of yAxis.major) {
    const y = f(qu(u));
    out.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + PLOT_W}" y2="${y}" stroke="#e3e3e3"/>`, `<text x="${MARGIN.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${label}</text>`);
  }
  for (const u of xAxis.minor) out.push(`<line x1="${f(pu(u))}" y1="${bottom}" x2="${f(pu(u))}" y2="${bottom - 5}" stroke="#333"/>`);
  for (const u of yAxis.minor) out.push(`<line x1="${MARGIN.left}" y1="${f(qu(u))}" x2="${MARGIN.left + 5}" y2="${f(qu(u))}" stroke="#333"/>`);
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#333"/>`,
    `<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 16}" text-anchor="middle">${escape(options.xLabel)}</text>`,
    `<text x="18" y="${MARGIN.top + PLOT_H / 2}" text-anchor="middle" transform="rotate(-90 18 ${MARGIN.top + PLOT_H / 2})">${escape(options.yLabel)}</text>`,
  );
  return out;
}

function markElement(m: PlotMark, px: (x: number) => number, py: (y: number) => number): string {
  const colour = m.series === undefined ? GREY : COLOURS[m.series % COLOURS.length];
  const [x1, x2] = m.x === undefined ? [MARGIN.left, MARGIN.left + PLOT_W] : [px(m.x), px(m.x)];
  const [y1, y2] = m.y === undefined ? [MARGIN.top, MARGIN.top + PLOT_H] : [py(m.y), m.x === undefined ? py(m.y) : py(m.toY ?? m.y)];
  const attributes = Object.entries(m.attributes ?? {}).map(([k, v]) => ` ${k}="${escape(v)}"`).join("");
  const width = m.style === "bracket" ? 3 : 1.2;
  const line = `<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${colour}" stroke-width="${width}"${DASH[m.style]}${attributes} clip-path="url(#plot-area)"`;
  return m.title === undefined ? `${line}/>` : `${line}><title>${escape(m.title)}</title></line>`;
}

/** The legend in a corner on a white box; text width estimated at 7 px a character. */
function legendBox(legend: readonly { label: string; colour: string; dash: string }[], corner: NonNullable<PlotOptions["legend"]>): string[] {
  if (legend.length === 0) return [];
  const width = 40 + 7 * Math.max(...legend.map((l) => l.label.length));
  const height = legend.length * 18 + 8;
  const x = corner === "top right" ? MARGIN.left + PLOT_W - width - 8 : MARGIN.left + 8;
  const top = corner === "top right" ? MARGIN.top + 6 : MARGIN.top + PLOT_H - height - 6;
  const out = [`<rect x="${x}" y="${top}" width="${width}" height="${height}" fill="white" stroke="#ccc"/>`];
  legend.forEach((l, i) => {
    const y = top + 13 + i * 18;
    out.push(`<line x1="${x + 8}" y1="${y}" x2="${x + 30}" y2="${y}" stroke="${l.colour}" stroke-width="2"${l.dash}/>`);
    out.push(`<text x="${x + 36}" y="${y}" dominant-baseline="middle">${escape(l.label)}</text>`);
  });
  return out;
}

const f = (v: number) => v.toFixed(1);

function sup(e: number): string {
  const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return `${e < 0 ? "⁻" : ""}${String(Math.abs(e)).split("").map((c) => digits[Number(c)]).join("")}`;
}

/** Text made safe inside SVG (and HTML) elements and attributes. */
export function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
