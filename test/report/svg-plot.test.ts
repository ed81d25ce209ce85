import { describe, expect, it } from "vitest";
import { logPlot } from "../../src/report/svg-plot.ts";

const options = { title: "error & N", xLabel: "N", yLabel: "error", guide: { slope: -0.5, label: "guide ∝ N^−1/2" } };

describe("logPlot", () => {
  it("draws a self-contained SVG with a decade tick per power of ten and one marker per point", () => {
    const points = [1e3, 1e4, 1e5, 1e6].map((x) => ({ x, y: 3 / Math.sqrt(x) }));
    const svg = logPlot([{ label: "max-abs error", points }], options);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    for (const label of ["10³", "10⁴", "10⁵", "10⁶", "10⁻³", "10⁻¹"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toContain("error &amp; N");
    expect(svg).not.toMatch(/href=|<script|@import|url\((?!#)/);
  });

  it("puts points on a −1/2 line along the −1/2 guide", () => {
    const points = [1e3, 1e5].map((x) => ({ x, y: 1 / Math.sqrt(x) }));
    const svg = logPlot([{ label: "e", points }], options);
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const guide = /<line x1="([\d.]+)" y1="([\d.-]+)" x2="([\d.]+)" y2="([\d.-]+)" stroke="#777"/.exec(svg)!.slice(1).map(Number);
    const slope = (a: number[], b: number[]) => (b[1] - a[1]) / (b[0] - a[0]);
    expect(slope(circles[0], circles[1])).toBeCloseTo(slope([guide[0], guide[1]], [guide[2], guide[3]]), 2);
  });

  it("leaves out points a log axis cannot show, and refuses an empty plot", () => {
    const svg = logPlot([{ label: "e", points: [{ x: 10, y: 0 }, { x: 100, y: 0.1 }, { x: 1000, y: 0.01 }] }], options);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(() => logPlot([{ label: "e", points: [{ x: 10, y: 0 }] }], options)).toThrow(/nothing to plot/);
  });

  it("on an index axis labels whole numbers (at most 12), and writes marks with their attributes", () => {
    const points = Array.from({ length: 30 }, (_, i) => ({ x: i + 1, y: 10 ** -i }));
    const svg = logPlot([{ label: "σ", points }], {
      title: "spectrum",
      xLabel: "i",
      yLabel: "σ",
      x: "index",
      marks: [{ x: 12.5, series: 0, style: "dashed", attributes: { class: "cut", "data-rank": "12" } }],
    });
    const labels = [...svg.matchAll(/text-anchor="middle">(\d+)<\/text>/g)].map((m) => Number(m[1]));
    expect(labels).toEqual([5, 10, 15, 20, 25, 30]);
    expect(svg).toMatch(/<line [^>]*class="cut" data-rank="12"/);
    expect(svg.match(/<circle /g)).toHaveLength(30);
  });
});
