import { type MapRecord, countVerdicts, formatTally } from "../map/record.ts";
import { difficultySpec } from "./map-difficulty-chart.ts";
import { splitFamilies } from "./map-difficulty.ts";
import { gridTitle, hasFiber, mapGrids } from "./map-grid.ts";
import { heatmapSpec } from "./map-svg.ts";
import { renderVegaLite } from "./vega-svg.ts";

/** One picture of a map: a k × d heatmap of a task set, or a family's task-difficulty chart. */
export interface MapPicture {
  /** A file name without extension, numbered in spec order (task texts alone could give two pictures one name). */
  readonly file: string;
  readonly title: string;
  /** How many cells it draws as a mark with their evidence. */
  readonly cells: number;
  /** The verdicts of all its cells, drawn or not ("30 identifiable, 5 not identifiable"). */
  readonly tally: string;
  readonly svg: string;
}

/**
 * The pictures `maskid map --svg/--html` draws, as the text summary reads the map: a heatmap
 * per task set, model and init, then a difficulty chart per family of single tasks.
 */
export async function mapPictures(records: readonly MapRecord[]): Promise<MapPicture[]> {
  const { grids, families } = splitFamilies(records);
  const drafts = [
    ...mapGrids(grids).map((g) => ({ slug: `${g.model}-${g.init}-${g.taskSet}`, title: gridTitle(g), results: [...g.results.values()], cells: g.results.size, spec: heatmapSpec(g) })),
    ...families.map(([name, rs]) => {
      const results = rs.map((r) => r.result);
      return { slug: `difficulty-${name}`, title: `${name}: task difficulty`, results, cells: results.filter(hasFiber).length, spec: difficultySpec(name, rs) };
    }),
  ];
  const digits = String(drafts.length).length;
  const pictures: MapPicture[] = [];
  // One at a time: a map can have hundreds of pictures, and each view holds its scenegraph.
  for (const [i, { slug, title, results, cells, spec }] of drafts.entries()) {
    const file = `${String(i + 1).padStart(digits, "0")}-${slug.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
    pictures.push({ file, title, cells, tally: formatTally(countVerdicts(results)), svg: await renderVegaLite(spec) });
  }
  return pictures;
}
