import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TaskSyntaxError, parseTask, parseTaskSet } from "../../src/task/parse.ts";
import { type Task, formatTask, formatTaskSet, taskLength } from "../../src/task/task.ts";
import { arbTask } from "../../src/testing/arbitraries.ts";
import { thrownBy } from "../helpers/thrown.ts";

/** The TaskSyntaxError `f` throws (fails the test if it throws nothing or something else). */
const syntaxError = (f: () => unknown): TaskSyntaxError => thrownBy(TaskSyntaxError, f);

describe("parseTask", () => {
  it.each<[string, Task]>([
    ["x1 -> x2", { given: [1], predict: [2] }],
    ["x2 -> x1 ⊗ x3", { given: [2], predict: [1, 3] }],
    ["x2 -> x1 (x) x3", { given: [2], predict: [1, 3] }],
    ["x2 -> x3 ⊗ x1", { given: [2], predict: [3, 1] }],
    ["x1, x2 -> x3", { given: [1, 2], predict: [3] }],
    ["x3, x1 -> x2", { given: [1, 3], predict: [2] }],
    ["x1,x2->x3*x4", { given: [1, 2], predict: [3, 4] }],
    ["  X1  →  x2 \\otimes x3  ", { given: [1], predict: [2, 3] }],
    ["x10 -> x2", { given: [10], predict: [2] }],
  ])("%s", (text, expected) => {
    expect(parseTask(text)).toEqual(expected);
  });

  it("parses task sets separated by ';'", () => {
    expect(parseTaskSet("x1 -> x2; x1 -> x3")).toEqual([
      { given: [1], predict: [2] },
      { given: [1], predict: [3] },
    ]);
    const six = parseTaskSet("x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2");
    expect(six.length).toBe(6);
    expect(six.map(formatTask)).toEqual(["x1 -> x2", "x2 -> x1", "x1 -> x3", "x3 -> x1", "x2 -> x3", "x3 -> x2"]);
    expect(parseTaskSet("x2 -> x1 (x) x3;x1,x2->x3")).toEqual([
      { given: [2], predict: [1, 3] },
      { given: [1, 2], predict: [3] },
    ]);
  });

  it("taskLength is the last position touched", () => {
    expect(taskLength(parseTask("x2 -> x1 ⊗ x3"))).toBe(3);
    expect(taskLength(parseTask("x4, x1 -> x2"))).toBe(4);
  });
});

describe("canonical printer round-trips", () => {
  const spellings = ["⊗", "(x)", "*", "\\otimes"];
  const arrows = ["->", "→"];

  it("parse(format(t)) = t over generated tasks, and format is a fixed point", () => {
    fc.assert(
      fc.property(arbTask(9, 3), (task) => {
        const text = formatTask(task);
        expect(parseTask(text)).toEqual(task);
        expect(formatTask(parseTask(text))).toBe(text);
      }),
      { seed: 6101, numRuns: 200 },
    );
  });

  it("any spelling (given order, tensor sign, arrow, whitespace) parses to the same task", () => {
    fc.assert(
      fc.property(
        arbTask(9, 3).chain((task) =>
          fc.tuple(
            fc.constant(task),
            fc.shuffledSubarray([...task.given], { minLength: task.given.length, maxLength: task.given.length }),
            fc.array(fc.constantFrom(...spellings), { minLength: 3, maxLength: 3 }),
            fc.constantFrom(...arrows),
            fc.array(fc.constantFrom("", " ", "  ", "\t"), { minLength: 12, maxLength: 12 }),
            fc.boolean(),
          ),
        ),
        ([task, givenOrder, tensors, arrow, ws, upper]) => {
          let w = 0;
          const pad = () => ws[w++ % ws.length];
          const tok = (t: number) => `${upper ? "X" : "x"}${t}`;
          const given = givenOrder.map(tok).join(`${pad()},${pad()}`);
          const predicted = task.predict.map(tok).reduce((s, x, i) => `${s}${pad()}${tensors[i - 1]}${pad()}${x}`);
          const text = `${pad()}${given}${pad()}${arrow}${pad()}${predicted}${pad()}`;
          expect(parseTask(text)).toEqual(task);
        },
      ),
      { seed: 6102, numRuns: 200 },
    );
  });

  it("task sets round-trip through formatTaskSet", () => {
    fc.assert(
      fc.property(fc.array(arbTask(6, 2), { minLength: 1, maxLength: 4 }), (tasks) => {
        expect(parseTaskSet(formatTaskSet(tasks))).toEqual(tasks);
      }),
      { seed: 6103, numRuns: 100 },
    );
  });
});

describe("syntax errors point at the problem", () => {
  it.each<[string, number, RegExp]>([
    ["x1 -> x1", 6, /both given and predicted/],
    ["x1 ->", 5, /found the end/],
    ["x0 -> x2", 0, /start at x1/],
    ["x1 -> x2 ⊗", 10, /after '⊗'/],
    ["x1 -> x2 ⊗ x2", 11, /predicted twice/],
    ["-> x2", 0, /given token/],
    ["x1 -> y", 6, /unexpected character 'y'/],
    ["x1, x1 -> x2", 4, /given twice/],
    ["x1 -> x2 x3", 9, /expected '⊗' or the end/],
    ["x1 x2", 3, /expected '->'/],
    ["x -> x2", 1, /position number/],
    ["x1, -> x2", 4, /given token after ','/],
    ["", 0, /given token/],
    ["x1 -> -> x2", 6, /expected a token to predict after '->' \(a token such as x1\), found '->'$/],
    ["x1 -> ⊗ x2", 6, /found '⊗'$/],
    ["x1000001 -> x2", 0, /beyond the largest allowed, x1000000/],
    ["x99999999999999999999 -> x2", 0, /position x99999999999999999999 is beyond/],
  ])("%s → column %i", (text, column, reason) => {
    const e = syntaxError(() => parseTask(text));
    expect(e.column).toBe(column);
    expect(e.reason).toMatch(reason);
    expect(e.input).toBe(text);
    // The caret line puts '^' under the reported column.
    const [line, caret] = e.pointer().split("\n");
    expect(line).toBe(`  ${text}`);
    expect(caret.indexOf("^")).toBe(column + 2);
    expect(e.message).toContain(`column ${column + 1}`);
  });

  it("the largest position is accepted, and the error is named for what it is", () => {
    expect(parseTask("x1000000 -> x1")).toEqual({ given: [1000000], predict: [1] });
    expect(syntaxError(() => parseTask("x1 ->")).name).toBe("TaskSyntaxError");
  });

  it("errors inside a task set carry the column in the whole input", () => {
    const text = "x1 -> x2; x1 -> y";
    const e = syntaxError(() => parseTaskSet(text));
    expect(e.column).toBe(text.indexOf("y"));
    expect(e.input).toBe(text);
    const e2 = syntaxError(() => parseTaskSet("x1 -> x2; x3 -> x3"));
    expect(e2.column).toBe(16);
    const e3 = syntaxError(() => parseTaskSet("x1 -> x2;"));
    expect(e3.reason).toMatch(/empty task/);
    expect(e3.column).toBe(9);
    const e4 = syntaxError(() => parseTaskSet("x1 -> x2;; x1 -> x3"));
    expect(e4.column).toBe(9);
    // A piece of blanks is an empty task too, not a task missing its tokens.
    const e5 = syntaxError(() => parseTaskSet("x1 -> x2;  ; x1 -> x3"));
    expect(e5.reason).toBe("empty task");
  });

  it("a task that parses never contains a position twice and always has both sides", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("x1", "x2", "x3", ",", "->", "⊗", " "), { minLength: 1, maxLength: 9 }),
        (parts) => {
          const text = parts.join("");
          let task: Task;
          try {
            task = parseTask(text);
          } catch (e) {
            expect(e).toBeInstanceOf(TaskSyntaxError);
            const err = e as TaskSyntaxError;
            expect(err.column).toBeGreaterThanOrEqual(0);
            expect(err.column).toBeLessThanOrEqual(text.length);
            return;
          }
          expect(task.given.length).toBeGreaterThan(0);
          expect(task.predict.length).toBeGreaterThan(0);
          const all = [...task.given, ...task.predict];
          expect(new Set(all).size).toBe(all.length);
          expect(parseTask(formatTask(task))).toEqual(task);
        },
      ),
      { seed: 6104, numRuns: 300 },
    );
  });
});
