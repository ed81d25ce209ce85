import type { MapRecord } from "../map/record.ts";
import { seriesName, shape } from "./map-difficulty.ts";
import { cellEvidence, hasFiber } from "./map-grid.ts";
import type { VegaLiteSpec } from "./vega-svg.ts";

/**
 * The vega-lite spec of a family's task-difficulty chart: a panel per model and init, the
 * fiber dimension against the shape of the task, given → predicted tokens (1→1, 1→2, …,
 * 2→1, …); a point per task with its evidence as description, coloured by size; for each
 * size a line through the least fiber over the tasks of each shape (the best placed),
 * across the shapes with the same number of given tokens. Cells without a fiber dimension
 * (inconclusive, failed) have no point; the text table marks them.
 */
export function difficultySpec(taskSet: string, records: readonly MapRecord[]): VegaLiteSpec {
  const cells = records.flatMap(({ cell, result }) => {
    if (!hasFiber(result)) return [];
    const [given, predicted] = shape(cell.tasks);
    return [{ model: `${cell.model}, ${cell.init} init`, size: `k=${cell.states} d=${cell.symbols}`, given, shape: `${given}→${predicted}`, fiber: result.fiberDimension, evidence: `${seriesName(cell)}, ${cell.tasks}: ${cellEvidence(result)}` }];
  });
  const distinct = (key: "model" | "size" | "shape") => [...new Set(cells.map((v) => v[key]))];
  const [models, sizes, shapes] = [distinct("model"), distinct("size"), distinct("shape").sort()];
  // x is the shape's place; each size's points sit a little apart from the others', so that equal fibers do not hide each other.
  const values = cells.map((c) => ({ ...c, at: shapes.indexOf(c.shape) + (sizes.indexOf(c.size) - (sizes.length - 1) / 2) * (0.6 / sizes.length) }));
  const axis = { values: shapes.map((_, i) => i), labelExpr: `${JSON.stringify(shapes)}[datum.value]`, grid: false };
  const x = { type: "quantitative" as const, title: "given → predicted tokens", scale: { domain: [-0.5, shapes.length - 0.5], nice: false, zero: false }, axis };
  const y = { type: "quantitative", title: "fiber dimension" } as const;
  return {
    title: { text: `${taskSet}: task difficulty`, subtitle: "fiber dimension (0: identifiable) by given → predicted tokens; lines: the best placed task of each shape", anchor: "start", limit: 0 },
    data: { values },
    transform: [{ joinaggregate: [{ op: "min", field: "fiber", as: "best" }], groupby: ["model", "size", "shape"] }],
    facet: { column: { field: "model", type: "nominal", title: null, sort: models, header: { labelFontSize: 12 } } },
    spec: {
      width: 50 * shapes.length,
      height: 220,
      encoding: { color: { field: "size", type: "nominal", title: "size", scale: { domain: sizes, scheme: "category10" } } },
      layer: [
        { mark: { type: "line", aria: false }, encoding: { x: { ...x, field: "at" }, y: { ...y, field: "best" }, detail: { field: "given", type: "ordinal" } } },
        { mark: { type: "point", filled: true, size: 36, opacity: 0.9 }, encoding: { x: { ...x, field: "at" }, y: { ...y, field: "fiber" }, description: { field: "evidence" } } },
      ],
    },
    config: { font: "Helvetica, Arial, sans-serif", background: "white" },
  };
}
