import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { cellInput, mapCells } from "../../src/map/cells.ts";
import { validateMapSpec } from "../../src/map/spec.ts";
import { mirrored, symmetryKey } from "../../src/map/symmetry.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { formatTaskSet } from "../../src/task/task.ts";

const key = (text: string) => symmetryKey(parseTaskSet(text));

describe("symmetry classes of task sets (stationary init)", () => {
  it("join shifts and mirror images, and nothing else", () => {
    expect(key("x2 -> x3")).toBe(key("x1 -> x2"));
    expect(key("x2 -> x1")).toBe(key("x1 -> x2"));
    expect(key("x1 -> x2 ⊗ x3")).toBe(key("x3 -> x1 ⊗ x2"));
    expect(key("x1 -> x2 ⊗ x3")).not.toBe(key("x2 -> x1 ⊗ x3"));
    expect(key("x1 -> x2; x1 -> x3")).toBe(key("x3 -> x1; x3 -> x2"));
    expect(key("x1 -> x2; x1 -> x3")).not.toBe(key("x1 -> x2; x2 -> x3"));
    expect(formatTaskSet(mirrored(parseTaskSet("x1, x2 -> x4 ⊗ x3")))).toBe("x3, x4 -> x1 ⊗ x2");
  });

  it("apply to stationary cells of generated families only", () => {
    const spec = validateMapSpec(
      {
        name: "s",
        models: ["hmm"],
        inits: ["stationary", "free"],
        sizes: { states: 2, symbols: 2 },
        taskSets: [{ name: "w", family: { window: 3, maxGiven: 1, maxPredicted: 1 } }, { name: "off", family: { window: 3, maxGiven: 1, maxPredicted: 1 }, symmetry: false }, { tasks: "x2 -> x3" }, { tasks: "x1 -> x2" }],
      },
      "s.json",
    );
    const cells = mapCells(spec);
    const count = (taskSet: string, init: string) => cells.filter((c) => c.taskSet === taskSet && c.init === init).length;
    expect([count("w", "stationary"), count("w", "free"), count("off", "stationary"), count("x2 -> x3", "stationary")]).toEqual([2, 6, 6, 1]);
    const lag = cells.find((c) => c.taskSet === "w" && c.init === "stationary" && c.tasks === "x1 -> x2")!;
    expect([...lag.equivalent!].sort()).toEqual(["x1 -> x3", "x2 -> x1", "x2 -> x3", "x3 -> x1", "x3 -> x2"].filter((t) => key(t) === key("x1 -> x2")).sort());
  });

  // The test the reduction rests on: on a sample of cells, every member of a class gets the
  // representative's verdict and rank from its own analysis.
  it("give every member of a class the representative's verdict and rank (a sample of cells)", () => {
    const spec = validateMapSpec(
      {
        name: "sample",
        models: ["hmm", "ghmm"],
        sizes: [{ models: ["hmm"], states: [2, 3], symbols: 3 }, { models: ["ghmm"], states: 2, symbols: 2 }],
        taskSets: [
          { name: "one task", family: { window: 3, maxGiven: 2, maxPredicted: 2 } },
          { name: "pairs", family: { window: 3, maxGiven: 1, maxPredicted: 1 }, upTo: 2 },
        ],
      },
      "sample.json",
    );
    let compared = 0;
    for (const cell of mapCells(spec).filter((c) => c.equivalent)) {
      const { spec: model, tasks } = cellInput(cell);
      const own = analyse(model, tasks);
      for (const other of cell.equivalent!) {
        const r = analyse(model, parseTaskSet(other));
        expect({ tasks: other, verdict: r.verdict, rank: r.rank }).toEqual({ tasks: other, verdict: own.verdict, rank: own.rank });
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  }, 120_000);
});
