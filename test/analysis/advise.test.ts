import { describe, expect, it } from "vitest";
import { advise, candidateTasks } from "../../src/analysis/advise.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import { hmmSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { formatTask } from "../../src/task/task.ts";

describe("advise", () => {
  it("candidates: tasks on 1..L with 1–2 given and 1–2 predicted, cheapest first, without those present", () => {
    const tasks = candidateTasks(3, parseTaskSet("x1 -> x2")).map(formatTask);
    expect(tasks).toEqual([
      "x2 -> x1", "x1 -> x3", "x2 -> x3", "x3 -> x1", "x3 -> x2",
      "x1, x2 -> x3", "x1, x3 -> x2", "x2, x3 -> x1",
      "x1 -> x2 ⊗ x3", "x2 -> x1 ⊗ x3", "x3 -> x1 ⊗ x2",
    ]);
  });

  it("x1 -> x2 (stationary, k=3, d=5): every listed addition identifies, cheapest first, and check agrees", () => {
    const spec = hmmSpec(3, 5);
    const r = advise(spec, parseTaskSet("x1 -> x2"), { seed: 3, limit: 4 });
    expect(r.rank).toBe(12);
    expect(r.additions.map((a) => a.task)).toEqual(["x1, x2 -> x3", "x1, x3 -> x2", "x2, x3 -> x1", "x1 -> x2 ⊗ x3"]);
    for (const a of r.additions) {
      expect(a.rank).toBe(18);
      expect(a.confirmed).toBe("identifiable");
      expect(analyse(spec, parseTaskSet(`x1 -> x2; ${a.task}`), { seed: 99 }).verdict).toBe("identifiable");
    }
    const costs = r.additions.map((a) => [a.cost.predicted, a.cost.given, a.cost.length].join());
    expect(costs).toEqual([...costs].sort());
  });

  it("an identifying set needs nothing; a hopeless one says no single addition works", () => {
    expect(advise(hmmSpec(2, 3), parseTaskSet("x2 -> x1 ⊗ x3"), { seed: 1 }).additions).toEqual([]);
    const r = advise(hmmSpec(3, 2), parseTaskSet("x1 -> x2"), { seed: 1 });
    expect(r.additions).toEqual([]);
    expect(r.note).toMatch(/no single task/);
  });
});
