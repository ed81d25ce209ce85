import type { CellResult } from "../map/record.ts";
import { type MapGrid, cellLabel, gridTitle } from "./map-grid.ts";
import { escape } from "./svg-plot.ts";

const CELL = 44;
const MARGIN = { left: 64, top: 70, right: 24, bottom: 64 };

/** Colour by verdict; not identifiable darkens with the fiber dimension (relative to the grid's largest). */
function fill(result: CellResult | undefined, largest: number): string {
  if (result === undefined) return "white";
  if (result.verdict === "identifiable") return "#2e8b57";
  if (result.verdict === "inconclusive") return "#bbbbbb";
  if (result.verdict === "error") return "#555555";
  const t = largest > 0 ? (result.fiberDimension ?? 0) / largest : 1;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(245, 192)},${mix(176, 57)},${mix(65, 43)})`;
}

/**
 * A self-contained SVG heatmap of one grid: k down, d across, each cell coloured by its
 * verdict with its fiber dimension written in it, and the cell's reason as a tooltip.
 */
export function mapHeatmap(grid: MapGrid): string {
  const title = gridTitle(grid);
  // Wide enough for the title and the legend (text estimated at 7 px a character).
  const width = Math.max(MARGIN.left + grid.symbols.length * CELL + MARGIN.right, 16 + 7 * title.length, 500);
  const height = MARGIN.top + grid.states.length * CELL + MARGIN.bottom;
  const results = grid.states.flatMap((k) => grid.symbols.map((d) => grid.results.get(`${k},${d}`)));
  const largest = Math.max(0, ...results.map((r) => (r && r.verdict !== "error" ? (r.fiberDimension ?? 0) : 0)));
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="8" y="20" font-size="14">${escape(title)}</text>`,
    `<text x="${MARGIN.left + (grid.symbols.length * CELL) / 2}" y="${MARGIN.top - 26}" text-anchor="middle">d (symbols)</text>`,
    `<text transform="translate(16 ${MARGIN.top + (grid.states.length * CELL) / 2}) rotate(-90)" text-anchor="middle">k (states)</text>`,
  ];
  grid.symbols.forEach((d, j) => out.push(`<text x="${MARGIN.left + j * CELL + CELL / 2}" y="${MARGIN.top - 8}" text-anchor="middle">${d}</text>`));
  grid.states.forEach((k, i) => {
    out.push(`<text x="${MARGIN.left - 8}" y="${MARGIN.top + i * CELL + CELL / 2}" text-anchor="end" dominant-baseline="middle">${k}</text>`);
    grid.symbols.forEach((d, j) => {
      const result = grid.results.get(`${k},${d}`);
      const x = MARGIN.left + j * CELL;
      const y = MARGIN.top + i * CELL;
      const tip = result === undefined ? "no result" : result.verdict === "error" ? result.error : `${result.verdict}: ${result.reason}`;
      out.push(`<g><title>${escape(`k=${k}, d=${d}: ${tip}`)}</title><rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" fill="${fill(result, largest)}" stroke="white"/>`);
      out.push(`<text x="${x + CELL / 2}" y="${y + CELL / 2}" text-anchor="middle" dominant-baseline="middle" fill="${result === undefined ? "#999" : "white"}">${escape(cellLabel(result))}</text></g>`);
    });
  });
  const legend: [string, string][] = [["#2e8b57", "identifiable (0)"], ["rgb(219,117,54)", "not identifiable (fiber dim.)"], ["#bbbbbb", "inconclusive"], ["#555555", "error"]];
  let lx = 8;
  const ly = height - 24;
  for (const [colour, label] of legend) {
    out.push(`<rect x="${lx}" y="${ly - 8}" width="14" height="14" fill="${colour}"/>`, `<text x="${lx + 18}" y="${ly}" dominant-baseline="middle" font-size="11">${escape(label)}</text>`);
    lx += 26 + 6 * label.length;
  }
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
