import { type MapGrid, cellEvidence, cellLabel, gridTitle } from "./map-grid.ts";
import type { VegaLiteSpec } from "./vega-svg.ts";

/** Every verdict in a fixed order and colour, so that all heatmaps share one legend. */
const VERDICTS = ["identifiable", "not identifiable", "inconclusive", "error"];
const COLOURS = ["#2e8b57", "#d2691e", "#bbbbbb", "#555555"];
const CELL = 40;

/**
 * The vega-lite spec of one grid's heatmap: k down, d across, each cell coloured by its
 * verdict with its fiber dimension written in it and its evidence as its description (the
 * SVG's hover title). (k, d) pairs the spec leaves out stay blank.
 */
export function heatmapSpec(grid: MapGrid): VegaLiteSpec {
  const values = grid.states.flatMap((k) =>
    grid.symbols.flatMap((d) => {
      const result = grid.results.get(`${k},${d}`);
      return result === undefined ? [] : [{ k, d, verdict: result.verdict, label: cellLabel(result), evidence: `k=${k}, d=${d}: ${cellEvidence(result)}` }];
    }),
  );
  return {
    title: { text: gridTitle(grid), anchor: "start", limit: 0 },
    data: { values },
    width: { step: CELL },
    height: { step: CELL },
    encoding: {
      x: { field: "d", type: "ordinal", title: "d (symbols)", scale: { domain: [...grid.symbols] }, axis: { orient: "top", labelAngle: 0 } },
      y: { field: "k", type: "ordinal", title: "k (states)", scale: { domain: [...grid.states] } },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "white" },
        encoding: {
          color: { field: "verdict", type: "nominal", title: "verdict", scale: { domain: VERDICTS, range: COLOURS }, legend: { orient: "bottom", direction: "horizontal" } },
          description: { field: "evidence" },
        },
      },
      {
        mark: { type: "text", fontSize: 13, aria: false },
        encoding: { text: { field: "label" }, color: { condition: { test: "datum.verdict === 'inconclusive'", value: "black" }, value: "white" } },
      },
    ],
    config: { font: "Helvetica, Arial, sans-serif", background: "white" },
  };
}
