import { type MapRecord, countVerdicts, formatTally } from "../map/record.ts";
import { gridTitle, mapGrids } from "./map-grid.ts";
import { mapHeatmap } from "./map-svg.ts";
import { renderMapSummary } from "./map-text.ts";
import { escape } from "./svg-plot.ts";

export interface MapReportInput {
  readonly name: string;
  /** The spec as given (file or flags), shown verbatim. */
  readonly spec: unknown;
  readonly seed: number;
  readonly version: string;
  readonly records: readonly MapRecord[];
}

/**
 * A self-contained HTML page for one map (no scripts, styles inline): the spec and seed,
 * the verdict counts, one heatmap per task set, model and init (each square's reason on
 * hover), and the text summary.
 */
export function mapHtml(input: MapReportInput): string {
  const counts = countVerdicts(input.records.map((r) => r.result));
  const grids = mapGrids(input.records);
  const figures = grids.map((g, i) => `<figure id="grid-${i + 1}">\n${mapHeatmap(g)}<figcaption>${escape(gridTitle(g))}</figcaption>\n</figure>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>maskid map: ${escape(input.name)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;max-width:80em}figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}figcaption{font-size:small;color:#555}pre{background:#f6f6f6;padding:1em;overflow:auto}</style>
</head>
<body>
<h1>maskid map: ${escape(input.name)}</h1>
<p>${input.records.length} cells: ${escape(formatTally(counts) || "none")}. Seed ${input.seed}; maskid ${escape(input.version)}. Hover over a square for its verdict and reason; <code>maskid check</code> with the cell's model, sizes, tasks and seed prints its full evidence.</p>
<h2>Heatmaps</h2>
${figures.join("\n")}
<h2>Summary</h2>
<pre>${escape(renderMapSummary(input.records))}</pre>
<h2>Spec</h2>
<pre>${escape(JSON.stringify(input.spec, null, 2))}</pre>
</body>
</html>
`;
}
