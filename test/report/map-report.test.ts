import { describe, expect, it } from "vitest";
import type { CellResult, MapRecord } from "../../src/map/record.ts";
import { mapGrids } from "../../src/report/map-grid.ts";
import { difficultySpec } from "../../src/report/map-difficulty-chart.ts";
import { mapPictures } from "../../src/report/map-pictures.ts";
import { heatmapSpec } from "../../src/report/map-svg.ts";
import { renderVegaLite, withTitles } from "../../src/report/vega-svg.ts";
import { renderMapSummary, renderMapTables } from "../../src/report/map-text.ts";

const answer = (fiberDimension: number | null): CellResult =>
  fiberDimension === null
    ? { verdict: "inconclusive", rank: null, fiberDimension: null, parameterCount: 4, summaryRows: 8, reason: "no decision" }
    : { verdict: fiberDimension === 0 ? "identifiable" : "not identifiable", rank: 4 - fiberDimension, fiberDimension, parameterCount: 4, summaryRows: 8, reason: "rank <4>" };

function record(states: number, symbols: number, result: CellResult, tasks = "x2 -> x1 ⊗ x3", init = "stationary"): MapRecord {
  return { spec: { name: "m", hash: "h", cells: 5 }, key: `${states}${symbols}${tasks}${init}`, cell: { taskSet: tasks, model: "hmm", init: init as "stationary", states, symbols, tasks }, run: { seed: 1 }, result };
}

const records = [
  record(2, 2, answer(0)),
  record(3, 2, answer(5)),
  record(3, 3, { verdict: "error", error: "InputError: refusing & <stopping>" }),
  record(2, 3, answer(null)),
  record(2, 2, answer(2), "x1 -> x2", "free"),
];

describe("map summaries", () => {
  it("group lines into one grid per task set, model and init, over k × d", () => {
    const grids = mapGrids(records);
    expect(grids.map((g) => [g.tasks, g.init, g.states, g.symbols, g.results.size])).toEqual([
      ["x2 -> x1 ⊗ x3", "stationary", [2, 3], [2, 3], 4],
      ["x1 -> x2", "free", [2], [2], 1],
    ]);
  });

  it("print the fiber dimension of each cell, ? for inconclusive and err for an error", () => {
    expect(renderMapTables(mapGrids(records))).toBe(
      [
        "Fiber dimension by k (rows) and d (columns): 0 identifiable, n > 0 not identifiable, ? inconclusive, err error.",
        "",
        "x2 -> x1 ⊗ x3 — hmm, stationary init",
        "     d=2 d=3",
        "k=2    0   ?",
        "k=3    5 err",
        "",
        "x1 -> x2 — hmm, free init",
        "     d=2",
        "k=2    2",
      ].join("\n"),
    );
    expect(renderMapTables(mapGrids(records), 1)).toMatch(/… and 1 more task sets \(in the results file\)$/);
  });

  it("draw a heatmap with a coloured, numbered square per cell and its escaped evidence as the square's title", async () => {
    const svg = await renderVegaLite(heatmapSpec(mapGrids(records)[0]));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const titles = [...svg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})"[^>]*><title>([^<]*)<\/title><\/path>/g)].map((m) => [m[1], m[2].replace(/:.*/, "")]);
    expect(titles.sort()).toEqual([
      ["#2e8b57", "k=2, d=2"],
      ["#555555", "k=3, d=3"],
      ["#bbbbbb", "k=2, d=3"],
      ["#d2691e", "k=3, d=2"],
    ]);
    expect(svg).toContain("k=3, d=3: error: InputError: refusing &amp; &lt;stopping&gt;</title>");
    expect(svg).toContain("k=3, d=2: not identifiable, fiber dimension 5 (rank -1 of 4 parameters, 8 summary rows): rank &lt;4&gt;</title>");
    for (const label of ["0", "5", "?", "err"]) expect(svg).toContain(`>${label}</text>`);
    expect(svg).not.toMatch(/<(script|foreignObject|image)/);
  });

  it("render byte for byte the same twice (the committed pictures are compared)", async () => {
    const grid = mapGrids(records)[0];
    expect(await renderVegaLite(heatmapSpec(grid))).toBe(await renderVegaLite(heatmapSpec(grid)));
  });

  it("refuse a spec vega-lite warns about, instead of drawing something else", async () => {
    const odd = { data: { values: [] }, mark: "bar", encoding: { size: { field: "b", type: "nominal" } } } as const;
    await expect(renderVegaLite(odd)).rejects.toThrow(/^vega-lite WARN: Channel size should not be used with an unsorted discrete field/);
  });

  it("draw a grid or a family with nothing to plot (only errors, inconclusive) without complaint", async () => {
    const failed = (tasks: string, taskSet: string, verdict: "error" | "inconclusive"): MapRecord => ({ ...record(2, 2, verdict === "error" ? { verdict, error: "boom" } : answer(null), tasks), cell: { ...record(2, 2, answer(0), tasks).cell, taskSet } });
    const pictures = await mapPictures([failed("x1 -> x2", "one", "error"), failed("x1 -> x2", "w", "error"), failed("x1 -> x3", "w", "inconclusive")]);
    expect(pictures.map((p) => [p.file, p.cells])).toEqual([["1-hmm-stationary-one", 1], ["2-difficulty-w", 0]]);
    expect(await mapPictures([])).toEqual([]);
  });

  it("turn vega's aria-labels of mark items into titles, leaving groups and text alone", () => {
    expect(withTitles('<g aria-label="axis" role="graphics-symbol"><path aria-label="a &amp; b" role="graphics-symbol" d="M0,0"/><text aria-label="t" role="graphics-symbol">0</text></g>')).toBe(
      '<g aria-label="axis" role="graphics-symbol"><path role="graphics-symbol" d="M0,0"><title>a &amp; b</title></path><text aria-label="t" role="graphics-symbol">0</text></g>',
    );
  });
});

describe("task difficulty", () => {
  const family = (tasks: string, fiber: number | null, states = 2): MapRecord => ({ ...record(states, 2, answer(fiber), tasks), cell: { ...record(states, 2, answer(fiber), tasks).cell, taskSet: "w" } });
  it("tabulates a family of single tasks by given → predicted tokens, as a range over the tasks of each shape", () => {
    const text = renderMapSummary([record(2, 2, answer(0)), family("x1 -> x2", 2), family("x1 -> x3", 1), family("x1 -> x2 ⊗ x3", 0), family("x1, x2 -> x3", null), family("x1 -> x2", 5, 3)]);
    expect(text).toContain("x2 -> x1 ⊗ x3 — hmm, stationary init\n     d=2\nk=2    0");
    expect(text.split("\n").slice(-4)).toEqual([
      "w: fiber dimension by given → predicted tokens (range over the tasks of each shape)",
      "                        1→1  1→2  2→1",
      "hmm stationary k=2 d=2  1–2    0    ?",
      "hmm stationary k=3 d=2    5",
    ]);
  });

  it("charts a family: a point per cell with a fiber dimension, titled with its evidence, in a picture after the grids", async () => {
    const mixed = [record(2, 2, answer(0)), family("x1 -> x2", 2), family("x1 -> x3", 1), family("x1 -> x2 ⊗ x3", 0), family("x1, x2 -> x3", null), family("x1 -> x2", 5, 3)];
    const spec = difficultySpec("w", mixed.slice(1)) as { data: { values: { shape: string; fiber: number; size: string }[] } };
    expect(spec.data.values.map((v) => [v.shape, v.size, v.fiber])).toEqual([["1→1", "k=2 d=2", 2], ["1→1", "k=2 d=2", 1], ["1→2", "k=2 d=2", 0], ["1→1", "k=3 d=2", 5]]);
    const pictures = await mapPictures(mixed);
    expect(pictures.map((p) => [p.file, p.title, p.cells, p.tally])).toEqual([
      ["1-hmm-stationary-x2-x1-x3", "x2 -> x1 ⊗ x3 — hmm, stationary init", 1, "1 identifiable"],
      ["2-difficulty-w", "w: task difficulty", 4, "1 identifiable, 3 not identifiable, 1 inconclusive"],
    ]);
    expect(pictures[1].svg.match(/<title>/g)).toHaveLength(4);
    expect(pictures[1].svg).toContain("<title>hmm stationary k=3 d=2, x1 -&gt; x2: not identifiable, fiber dimension 5");
  });
});
