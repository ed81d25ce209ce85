import { describe, expect, it } from "vitest";
import { parseCondition } from "../../src/map/conditions.ts";
import { cellKey, mapCells, shardOf } from "../../src/map/cells.ts";
import { validateMapSpec } from "../../src/map/spec.ts";
import { windowTaskCount, windowTasks } from "../../src/map/task-sets.ts";
import { formatTask } from "../../src/task/task.ts";
import { inputError } from "../helpers/input-error.ts";

const base = { name: "t", models: ["hmm"], sizes: { states: 2, symbols: 3 }, taskSets: [{ tasks: "x2 -> x1 ⊗ x3" }] };
const cellsOf = (over: Record<string, unknown>) => mapCells(validateMapSpec({ ...base, ...over }, "spec.json"));
const message = (over: Record<string, unknown>) => inputError(() => validateMapSpec({ ...base, ...over }, "spec.json")).message;

describe("size conditions", () => {
  it("compare linear expressions in k and d", () => {
    expect(parseCondition("k <= d", "w")(3, 3)).toBe(true);
    expect(parseCondition("k <= d", "w")(4, 3)).toBe(false);
    expect(parseCondition("d >= 2*k + 1", "w")(2, 5)).toBe(true);
    expect(parseCondition("d >= 2*k + 1", "w")(2, 4)).toBe(false);
    expect(parseCondition("k - 1 != d", "w")(3, 2)).toBe(false);
  });
  it("refuse anything else with the condition in the message", () => {
    for (const bad of ["k <= ", "k < d < 4", "k ** 2 <= d", "k <= q", "k d <= 3", 3]) {
      expect(inputError(() => parseCondition(bad, "sizes.where[0]")).message).toMatch(/^sizes\.where\[0\]/);
    }
  });
});

describe("window families", () => {
  it("list every task on the window with the given numbers of tokens, and count them without listing", () => {
    const tasks = windowTasks({ window: 3, maxGiven: 1, maxPredicted: 2 }).map(formatTask);
    expect(tasks).toContain("x2 -> x1 ⊗ x3");
    expect(tasks).toContain("x1 -> x2");
    expect(tasks).not.toContain("x1, x2 -> x3");
    expect(tasks).toHaveLength(9);
    for (const f of [{ window: 4, maxGiven: 2, maxPredicted: 2 }, { window: 5, maxGiven: 3, maxPredicted: 1 }, { window: 2, maxGiven: 4, maxPredicted: 4 }]) {
      expect(windowTaskCount(f)).toBe(windowTasks(f).length);
    }
  });
});

describe("map specs", () => {
  it("expand models × inits × sizes × task sets, with conditions and ranges", () => {
    const cells = cellsOf({ models: ["hmm", "ghmm"], inits: ["stationary", "free"], sizes: { states: { from: 2, to: 4 }, symbols: [2, 3, 4], where: ["k <= d"] } });
    expect(cells).toHaveLength(2 * 2 * 6);
    expect(cells.every((c) => c.states <= c.symbols)).toBe(true);
    expect(cells.filter((c) => c.model === "ghmm").every((c) => c.sigma === 1)).toBe(true);
    expect(cells.filter((c) => c.model === "hmm").every((c) => c.sigma === undefined)).toBe(true);
  });

  it("draw every set of up to m tasks from a family", () => {
    const cells = cellsOf({ inits: ["free"], taskSets: [{ name: "w3", family: { window: 3, maxGiven: 1, maxPredicted: 1 }, upTo: 2 }] });
    expect(cells).toHaveLength(6 + 15);
    expect(cells.map((c) => c.tasks)).toContain("x1 -> x2; x1 -> x3");
  });

  it("give each size grid its own models", () => {
    const cells = cellsOf({ models: ["hmm", "ghmm"], sizes: [{ models: ["ghmm"], states: 2, symbols: 1 }, { states: 2, symbols: 2 }] });
    expect(cells.map((c) => `${c.model} ${c.symbols}`).sort()).toEqual(["ghmm 1", "ghmm 2", "hmm 2"]);
  });

  it("refuse bad specs with a message naming the place", () => {
    expect(message({ models: ["hmm", "hmmm"] })).toMatch(/"models" holds "hmmm"; allowed: hmm, ghmm/);
    expect(message({ inits: ["stationary", "stationary"] })).toMatch(/"inits" names a value twice/);
    expect(message({ colour: 1 })).toMatch(/unknown field "colour"/);
    expect(message({ name: "" })).toMatch(/"name" must be a non-empty string/);
    expect(message({ sizes: { states: 0, symbols: 3 } })).toMatch(/sizes\.states must be a whole number ≥ 1, got 0/);
    expect(message({ sizes: { states: { from: 4, to: 2 }, symbols: 3 } })).toMatch(/sizes\.states\.to must be a whole number ≥ 4/);
    expect(message({ sizes: { states: 2, symbols: [1, 2] } })).toMatch(/hmm needs at least 2 symbols/);
    expect(message({ sizes: { states: 3, symbols: 2, where: ["k <= d"] } })).toMatch(/makes no cells/);
    expect(message({ sizes: { states: 2, symbols: 2, where: "k <= d" } })).toMatch(/where must be a list/);
    expect(message({ taskSets: [{ tasks: "x1 -> x1" }] })).toMatch(/taskSets\[0\]\.tasks: bad task: x1 is both given and predicted/);
    expect(message({ taskSets: [{ tasks: ["x1 -> x2", "x1 -> x2"] }] })).toMatch(/taskSets\[0\]\.tasks: task "x1 -> x2" is given twice/);
    expect(message({ taskSets: [{ tasks: "x1 -> x2" }, { tasks: "x1 -> x2" }] })).toMatch(/two task sets are named "x1 -> x2"/);
    expect(message({ taskSets: [{ name: "w", family: { window: 1, maxGiven: 1, maxPredicted: 1 } }] })).toMatch(/window must be a whole number ≥ 2/);
    expect(message({ taskSets: [{ name: "w", family: { window: 12, maxGiven: 6, maxPredicted: 6 }, upTo: 3 }] })).toMatch(/more than the 200000 a map may have/);
    expect(message({ seed: -1 })).toMatch(/"seed" must be a whole number ≥ 0/);
    expect(inputError(() => validateMapSpec([], "spec.json")).message).toMatch(/must hold a JSON object/);
  });
});

describe("cell keys and shards", () => {
  const [cell] = cellsOf({});
  it("change with the cell, the seed and the version, and not with key order", () => {
    const key = cellKey(cell, { seed: 1 }, "0.1.0");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cellKey({ ...cell, states: 3 }, { seed: 1 }, "0.1.0")).not.toBe(key);
    expect(cellKey(cell, { seed: 2 }, "0.1.0")).not.toBe(key);
    expect(cellKey(cell, { seed: 1 }, "0.1.1")).not.toBe(key);
    const reordered = Object.fromEntries(Object.entries(cell).reverse()) as typeof cell;
    expect(cellKey(reordered, { seed: 1 }, "0.1.0")).toBe(key);
  });
  it("split cells into shards that cover each cell once", () => {
    const cells = cellsOf({ sizes: { states: { from: 1, to: 6 }, symbols: { from: 2, to: 8 } } });
    const keys = cells.map((c) => cellKey(c, { seed: 1 }, "v"));
    const shards = keys.map((k) => shardOf(k, 3));
    expect(new Set(shards)).toEqual(new Set([1, 2, 3]));
    for (const s of [1, 2, 3]) expect(shards.filter((x) => x === s).length).toBeGreaterThan(keys.length / 6);
  });
});
