import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatField } from "../../src/field/float.ts";
import { hmmSpec } from "../../src/model/spec.ts";
import { exhaustiveSummary } from "../../src/predictor/summary.ts";
import { discreteTaskRows, locateDiscreteRow } from "../../src/predictor/summary-rows.ts";
import type { Task } from "../../src/task/task.ts";
import { arbHmmSpec } from "../../src/testing/arbitraries.ts";
import { arbDistinctTasks } from "../helpers/arb-tasks.ts";

describe("discrete summary rows located without the summary", () => {
  it("each task has d^(|S|+|U|) rows, and every row's label is the summary's label of that row", () => {
    fc.assert(
      fc.property(arbHmmSpec, arbDistinctTasks(3), (spec, tasks) => {
        const counts = discreteTaskRows(spec, tasks);
        expect(counts).toEqual(tasks.map((t) => spec.symbols ** (t.given.length + t.predict.length)));
        const k = spec.states;
        const uniform = { pi: new Array(k).fill(1 / k), T: Array.from({ length: k }, () => new Array(k).fill(1 / k)), emission: Array.from({ length: spec.symbols }, () => new Array(k).fill(1 / spec.symbols)) };
        const summary = exhaustiveSummary(floatField, spec, uniform, tasks);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(summary.rows);
        for (let row = 0; row < summary.rows; row++) {
          const found = locateDiscreteRow(spec, tasks, counts, row);
          expect(found.label).toBe(summary.label(row));
          // The digits are the 1-based symbols of the label, 0-based.
          const [, input, output] = found.label.split(" | ");
          const symbolsOf = (text: string) => text.split(",").map((part) => Number(part.split("=")[1]) - 1);
          expect(found.given).toEqual(symbolsOf(input));
          expect(found.predicted).toEqual(symbolsOf(output));
          expect(tasks).toContain(found.task);
        }
      }),
      { seed: 3301, numRuns: 25 },
    );
  });

  it("locates rows task by task, inputs before outputs, first listed position most significant", () => {
    const tasks: Task[] = [
      { given: [1], predict: [2] },
      { given: [2, 4], predict: [3, 1] },
    ];
    const spec = hmmSpec(2, 2);
    const counts = discreteTaskRows(spec, tasks);
    expect(counts).toEqual([4, 16]);
    expect(locateDiscreteRow(spec, tasks, counts, 3)).toEqual({ task: tasks[0], given: [1], predicted: [1], label: "x1 -> x2 | x1=2 | x2=2" });
    expect(locateDiscreteRow(spec, tasks, counts, 4)).toEqual({ task: tasks[1], given: [0, 0], predicted: [0, 0], label: "x2, x4 -> x3 ⊗ x1 | x2=1,x4=1 | x3=1,x1=1" });
    expect(locateDiscreteRow(spec, tasks, counts, 4 + 9)).toEqual({ task: tasks[1], given: [1, 0], predicted: [0, 1], label: "x2, x4 -> x3 ⊗ x1 | x2=2,x4=1 | x3=1,x1=2" });
  });

  it("refuses rows outside 0..(total − 1), naming the range", () => {
    const tasks: Task[] = [{ given: [1], predict: [2] }];
    const spec = hmmSpec(2, 3);
    const counts = discreteTaskRows(spec, tasks);
    expect(() => locateDiscreteRow(spec, tasks, counts, 9)).toThrow(new RangeError("summary row 9 outside 0..8"));
    expect(() => locateDiscreteRow(spec, tasks, counts, -1)).toThrow(new RangeError("summary row -1 outside 0..8"));
    expect(() => locateDiscreteRow(spec, tasks, counts, 8)).not.toThrow();
    // Counts beyond the listed tasks do not extend the range.
    expect(() => locateDiscreteRow(spec, tasks, [...counts, 9], 20)).toThrow(RangeError);
  });

  it("the summary refuses the same rows with the same message, for values and labels alike", () => {
    const tasks: Task[] = [{ given: [1], predict: [2] }, { given: [3], predict: [1] }];
    const spec = hmmSpec(2, 2);
    const p = { pi: [0.5, 0.5], T: [[0.5, 0.5], [0.5, 0.5]], emission: [[0.5, 0.5], [0.5, 0.5]] };
    const summary = exhaustiveSummary(floatField, spec, p, tasks);
    const counts = discreteTaskRows(spec, tasks);
    for (const row of [-1, 8, 9]) {
      const message = `summary row ${row} outside 0..7`;
      expect(() => locateDiscreteRow(spec, tasks, counts, row)).toThrow(new RangeError(message));
      expect(() => summary.value(row)).toThrow(new RangeError(message));
      expect(() => summary.label(row)).toThrow(new RangeError(message));
    }
  });
});
