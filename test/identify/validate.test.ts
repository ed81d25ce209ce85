import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { InputError } from "../../src/base/errors.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { MAX_POSITION, type Task } from "../../src/task/task.ts";
import { validateSpec } from "../../src/identify/validate.ts";
import { inputError } from "../helpers/input-error.ts";

const good: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
const task: Task = { given: [1], predict: [2] };


describe("analyse validates its arguments with typed errors naming the field", () => {
  it.each([
    ["given position 0", [{ given: [0], predict: [2] }], "tasks[0].given"],
    ["given position −1", [{ given: [-1], predict: [2] }], "tasks[0].given"],
    ["given position 1.5", [{ given: [1.5], predict: [2] }], "tasks[0].given"],
    ["a position past the maximum", [{ given: [1], predict: [2_000_000] }], "tasks[0].predict"],
    ["no predicted token", [{ given: [1], predict: [] }], "tasks[0].predict"],
    ["given unsorted", [{ given: [3, 1], predict: [2] }], "tasks[0].given"],
    ["a position both given and predicted", [{ given: [1], predict: [1] }], "tasks[0]"],
    ["a null task", [null], "tasks[0]"],
    ["tasks not an array", null, "tasks"],
    ["no tasks", [], "tasks"],
  ])("%s", (_, tasks, field) => {
    expect(inputError(() => analyse(good, tasks as unknown as Task[])).field).toBe(field);
  });

  it.each([
    ["a null spec", null, "spec"],
    ["states as a string", { ...good, states: "2" }, "spec.states"],
    ["states NaN", { ...good, states: Number.NaN }, "spec.states"],
    ["an unknown family", { ...good, family: "pomdp" }, "spec.family"],
    ["sigma 0", { ...good, family: "ghmm", sigma: 0 }, "spec.sigma"],
  ])("%s", (_, spec, field) => {
    expect(inputError(() => analyse(spec as unknown as ModelSpec, [task])).field).toBe(field);
  });

  it.each([
    ["seed NaN", { seed: Number.NaN }, "options.seed"],
    ['seed "abc"', { seed: "abc" }, "options.seed"],
    ["seed −1", { seed: -1 }, "options.seed"],
    ["options null", null, "options"],
  ])("%s", (_, options, field) => {
    expect(inputError(() => analyse(good, [task], options as never)).field).toBe(field);
  });

  it("throws nothing but InputError on arbitrary arguments (fuzz)", () => {
    const small = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.anything());
    const arbSpec = fc.record({
      family: fc.oneof(fc.constantFrom("hmm", "ghmm"), fc.anything()),
      states: small,
      symbols: small,
      init: fc.oneof(fc.constantFrom("stationary", "free"), fc.anything()),
      sigma: fc.oneof(fc.constant(1), fc.anything()),
    });
    const positions = fc.oneof(fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 }), fc.anything());
    const arbTask = fc.oneof(fc.record({ given: positions, predict: positions }), fc.anything());
    const arbTasks = fc.oneof(fc.array(arbTask, { maxLength: 3 }), fc.anything());
    fc.assert(
      fc.property(arbSpec, arbTasks, fc.oneof(fc.record({ seed: small }), fc.anything()), (spec, tasks, options) => {
        try {
          analyse(spec as never, tasks as never, options as never);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });
});

describe("an InputError's message shows the offending value as written", () => {
  const message = (spec: unknown, tasks: unknown) => inputError(() => validateSpec(spec as ModelSpec, tasks as Task[])).message;

  it("strings are quoted, numbers and null are not", () => {
    expect(message({ ...good, family: "pomdp" }, [task])).toBe('unknown model "pomdp" (use hmm or ghmm)');
    expect(message({ ...good, states: "2" }, [task])).toBe('--states must be a whole number ≥ 1, got "2"');
    expect(message({ ...good, states: 1.5 }, [task])).toBe("--states must be a whole number ≥ 1, got 1.5");
    expect(message({ ...good, init: null }, [task])).toBe("--init must be stationary or free, got null");
  });

  it("arrays are listed element by element, objects are named", () => {
    expect(message({ ...good, symbols: [1, "2", [3]] }, [task])).toBe('--symbols must be a whole number ≥ 2, got [1, "2", [3]]');
    expect(message({ ...good, symbols: {} }, [task])).toBe("--symbols must be a whole number ≥ 2, got an object");
    expect(message(good, [{ given: [], predict: [2] }])).toBe("tasks[0].given must be a non-empty array of positions, got []");
  });

  it("every other check names its problem and the value (the message is the CLI's whole answer)", () => {
    expect(message(null, [task])).toBe("the model spec must be an object, got null");
    expect(message("hmm", [task])).toBe('the model spec must be an object, got "hmm"');
    expect(message({ ...good, family: "ghmm", sigma: -2 }, [task])).toBe("--sigma must be a positive number, got -2");
    expect(message({ ...good, sigma: "1" }, [task])).toBe('--sigma must be a positive number, got "1"');
    expect(message(good, "x1 -> x2")).toBe('tasks must be an array of tasks, got "x1 -> x2"');
    expect(message(good, [])).toBe("give at least one task (--task)");
    expect(message(good, [task, true])).toBe("tasks[1] must be a task object { given, predict }, got true");
    expect(message(good, [{ given: [1], predict: [0] }])).toBe(`tasks[0].predict holds 0: positions are whole numbers from 1 to ${MAX_POSITION}`);
    expect(message(good, [{ given: [1], predict: "2" }])).toBe('tasks[0].predict must be a non-empty array of positions, got "2"');
  });

  it("an unsorted given list and a repeated position are shown as given", () => {
    expect(message(good, [task, { given: [3, 1], predict: [2] }])).toBe("tasks[1].given must be strictly ascending, got [3, 1]");
    expect(message(good, [{ given: [1, 2], predict: [2] }])).toBe("tasks[0] names a position twice (given [1, 2], predict [2])");
  });
});

describe("validateSpec boundaries", () => {
  const field = (spec: unknown, tasks: unknown) => inputError(() => validateSpec(spec as ModelSpec, tasks as Task[])).field;

  it("positions run from 1 to MAX_POSITION inclusive", () => {
    expect(() => validateSpec(good, [{ given: [1], predict: [MAX_POSITION] }])).not.toThrow();
    expect(field(good, [{ given: [1], predict: [MAX_POSITION + 1] }])).toBe("tasks[0].predict");
    expect(field(good, [{ given: [0], predict: [2] }])).toBe("tasks[0].given");
  });

  it("a repeated given position is an ordering error of the given list", () => {
    expect(inputError(() => validateSpec(good, [{ given: [2, 2], predict: [3] }]))).toMatchObject({ field: "tasks[0].given", message: "tasks[0].given must be strictly ascending, got [2, 2]" });
  });

  it("sizes: hmm needs 2 symbols, ghmm 1; every family at least 1 state", () => {
    expect(() => validateSpec({ ...good, family: "ghmm", symbols: 1 }, [task])).not.toThrow();
    expect(field({ ...good, symbols: 1 }, [task])).toBe("spec.symbols");
    expect(() => validateSpec({ ...good, states: 1 }, [task])).not.toThrow();
    expect(field({ ...good, states: 0 }, [task])).toBe("spec.states");
    expect(field({ ...good, sigma: Number.POSITIVE_INFINITY }, [task])).toBe("spec.sigma");
  });

  it("the same task twice is named at its second occurrence", () => {
    expect(inputError(() => validateSpec(good, [task, { given: [3], predict: [4] }, { given: [1], predict: [2] }]))).toMatchObject({ field: "tasks[2]", message: 'task "x1 -> x2" is given twice' });
  });
});
