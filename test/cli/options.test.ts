import { describe, expect, it } from "vitest";
import { InputError } from "../../src/base/errors.ts";
import { MODEL_OPTIONS, decimal, modelSpec, parseOptions, wholeNumber } from "../../src/cli/options.ts";
import { UsageError } from "../../src/cli/usage.ts";

describe("numbers on the command line are decimal only", () => {
  it.each([
    ["1", 1],
    ["0.5", 0.5],
    ["1e-3", 1e-3],
    ["2.5E4", 2.5e4],
    [".5", 0.5],
    ["-2", -2],
  ])("reads %s", (text, value) => {
    expect(decimal(text)).toBe(value);
  });

  it.each(["0x10", "0b11", "0o17", "Infinity", "-Infinity", "NaN", "", " ", " 3", "3 ", "1_000", "1e", "e3", "."])("refuses %j", (text) => {
    expect(decimal(text)).toBeUndefined();
  });

  it("applies to every whole-number option and to --sigma", () => {
    expect(() => wholeNumber("0x10", "--seed", 0)).toThrow(/--seed must be a whole number ≥ 0, got "0x10"/);
    expect(() => wholeNumber("", "--starts", 0)).toThrow(InputError);
    expect(() => wholeNumber("1e400", "--states", 1)).toThrow(InputError);
    expect(wholeNumber("1e3", "--starts", 0)).toBe(1000);
    const ghmm = { model: "ghmm", states: "2", symbols: "1", init: "stationary" };
    expect(() => modelSpec({ ...ghmm, sigma: "0x10" })).toThrow(/--sigma must be a positive decimal number .*got "0x10"/);
    expect(() => modelSpec({ ...ghmm, sigma: "Infinity" })).toThrow(InputError);
    expect(() => modelSpec({ ...ghmm, sigma: "1e400" })).toThrow(InputError);
    expect(modelSpec({ ...ghmm, sigma: "2.5E-1" }).sigma).toBe(0.25);
  });
});

describe("parseOptions", () => {
  it("refuses an option that takes one value when it is given twice, in either spelling", () => {
    expect(() => parseOptions(["--states", "2", "--states", "3"], MODEL_OPTIONS)).toThrow(new UsageError("--states is given twice"));
    expect(() => parseOptions(["--model=hmm", "--model", "ghmm"], MODEL_OPTIONS)).toThrow(/--model is given twice/);
    expect(() => parseOptions(["--json", "--json"], MODEL_OPTIONS)).toThrow(/--json is given twice/);
  });

  it("lets --task repeat", () => {
    expect(parseOptions(["--task", "x1 -> x2", "--task", "x1 -> x3"], MODEL_OPTIONS).values.task).toEqual(["x1 -> x2", "x1 -> x3"]);
  });

  it("takes a known option in place of a value as a missing value", () => {
    expect(() => parseOptions(["--states", "--symbols", "3"], MODEL_OPTIONS)).toThrow(new UsageError("--states needs a value"));
    expect(() => parseOptions(["--task", "--json"], MODEL_OPTIONS)).toThrow(/--task needs a value/);
    expect(() => parseOptions(["--model", "hmm", "--states"], MODEL_OPTIONS)).toThrow(/--states needs a value/);
  });

  it("passes a value that starts with a dash but is no option on to its validator", () => {
    expect(parseOptions(["--task", "-> x2"], MODEL_OPTIONS).values.task).toEqual(["-> x2"]);
    expect(parseOptions(["--seed", "-1"], MODEL_OPTIONS).values.seed).toBe("-1");
  });
});
