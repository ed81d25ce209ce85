import { type MapRecord, countVerdicts, formatTally } from "../map/record.ts";
import type { MapPicture } from "./map-pictures.ts";
import { renderMapSummary } from "./map-text.ts";
import { escape } from "./svg-plot.ts";

export interface MapReportInput {
  readonly name: string;
  /** The spec as given (file or flags), shown verbatim. */
  readonly spec: unknown;
  readonly seed: number;
  readonly version: string;
  readonly records: readonly MapRecord[];
  readonly pictures: readonly MapPicture[];
}

/**
 * A self-contained HTML page for one map (no scripts, nothing fetched, styles inline): the
 * spec and seed, the verdict counts, an index of its pictures with their verdict counts,
 * each picture inline (every cell's evidence on hover, as the SVG's titles), and the text
 * summary. Each figure carries data-cells, the number of cells it draws, for a reader (or a
 * test) to check against.
 */
export function mapHtml(input: MapReportInput): string {
  const counts = countVerdicts(input.records.map((r) => r.result));
  const index = input.pictures.map((p) => `<li><a href="#${p.file}">${escape(p.title)}</a>: ${escape(p.tally)}</li>`);
  const figures = input.pictures.map((p) => `<figure id="${p.file}" data-cells="${p.cells}">\n${p.svg}\n<figcaption>${escape(p.title)}</figcaption>\n</figure>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>maskid map: ${escape(input.name)}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em;max-width:80em}figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}figcaption{font-size:small;color:#555}pre{background:#f6f6f6;padding:1em;overflow:auto}</style>
</head>
<body>
<h1>maskid map: ${escape(input.name)}</h1>
<p>${input.records.length} cells: ${escape(formatTally(counts) || "none")}. Seed ${input.seed}; maskid ${escape(input.version)}. Hover over a square or point for its cell's verdict, rank and reason; <code>maskid check</code> with the cell's model, sizes, tasks and seed prints its full evidence.</p>
<h2>Pictures</h2>
<ol>
${index.join("\n")}
</ol>
${figures.join("\n")}
<h2>Summary</h2>
<pre>${escape(renderMapSummary(input.records))}</pre>
<h2>Spec</h2>
<pre>${escape(JSON.stringify(input.spec, null, 2))}</pre>
</body>
</html>
`;
}
