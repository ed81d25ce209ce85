import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/base/errors.ts";
import { CATALOGUE } from "../../src/claims/catalogue.ts";
import { evaluateSizeFormula } from "../../src/claims/size-formula.ts";
import { MAX_CLAIM_PARAMETERS, parseClaimsFile, validateClaims } from "../../src/claims/validate-claims.ts";
import { SMALL_CLAIM } from "../helpers/claims.ts";

const refused = (claims: unknown, message: RegExp) => {
  expect(() => validateClaims(claims, "f.json")).toThrow(InputError);
  expect(() => validateClaims(claims, "f.json")).toThrow(message);
};

describe("validateClaims", () => {
  it("accepts the catalogue, the documented example and the small claim", () => {
    const example = new URL("../../docs/examples/my-claims.json", import.meta.url);
    expect(parseClaimsFile(readFileSync(example, "utf8"), "my-claims.json").map((c) => c.id)).toEqual(["two-lags-discrete", "gaussian-tensor"]);
    expect(validateClaims(CATALOGUE, "the catalogue")).toHaveLength(CATALOGUE.length);
    expect(validateClaims([SMALL_CLAIM], "f.json")[0]).toMatchObject({ id: "tensor-small", proof: null, source: { kind: "maskid" } });
  });

  it("refuses a file without claims, in every shape", () => {
    refused([], /claims file f\.json holds no claims/);
    refused({ claims: [] }, /claims file f\.json must hold a JSON array of claims/);
    expect(() => parseClaimsFile("null", "f.json")).toThrow(/must hold a JSON array/);
  });

  it("names the claim by its id in every message, by its place when the id is at fault", () => {
    refused([{ ...SMALL_CLAIM, id: 3 }], /^claim 1: "id" must be a non-empty string$/);
    refused([{ ...SMALL_CLAIM, colour: "red" }], /^claim "tensor-small": unknown field "colour"/);
    refused([{ ...SMALL_CLAIM, source: null }], /^claim "tensor-small": "source" must be/);
    refused([{ ...SMALL_CLAIM, source: { kind: "paper" } }], /^claim "tensor-small": "source" must be/);
    refused([{ ...SMALL_CLAIM, proof: 7 }], /^claim "tensor-small": "proof" must be a proof name or null/);
    refused([{ ...SMALL_CLAIM, fiber: null }], /^claim "tensor-small": "fiber" must be/);
    refused([SMALL_CLAIM, SMALL_CLAIM], /id "tensor-small" appears twice/);
  });

  it("refuses tasks that do not parse, or repeat, naming the claim", () => {
    refused([{ ...SMALL_CLAIM, tasks: "-> x2" }], /^claim "tensor-small": "tasks": .*column 1 of "-> x2"/);
    refused([{ ...SMALL_CLAIM, tasks: "x1 -> x2; x1 -> x2" }], /^claim "tensor-small": "tasks": task "x1 -> x2" is given twice/);
  });

  it("refuses sizes the analysis would refuse mid-run, and sizes beyond the parameter limit", () => {
    refused([{ ...SMALL_CLAIM, sizes: [{ states: 2, symbols: 1 }] }], /^claim "tensor-small": sizes\[0\] \(k=2 d=1\): symbols must be a whole number ≥ 2, got 1/);
    refused([{ ...SMALL_CLAIM, sizes: [{ states: 2, symbols: 3 }, { states: 1.5, symbols: 3 }] }], /sizes\[1\]\.states must be a whole number ≥ 1, got 1.5/);
    refused([{ ...SMALL_CLAIM, sizes: [{ states: 2, symbols: 3, colour: 1 }] }], /sizes\[0\]: unknown field "colour"/);
    refused([{ ...SMALL_CLAIM, sizes: [null] }], /sizes\[0\] must be an object/);
    refused([{ ...SMALL_CLAIM, sizes: [{ states: 2, symbols: 3 }, { states: 2, symbols: 3 }] }], /sizes\[1\]: size k=2 d=3 is given twice/);
    refused([{ ...SMALL_CLAIM, sizes: [{ states: 1e6, symbols: 1e6 }] }], new RegExp(`has \\d+ parameters; claims are checked up to ${MAX_CLAIM_PARAMETERS}`));
    // k = 14, d = 16: n = 14·13 + 14·15 = 392, just inside.
    expect(() => validateClaims([{ ...SMALL_CLAIM, sizes: [{ states: 14, symbols: 16 }] }], "f.json")).not.toThrow();
  });

  it("evaluates every fiber formula at every size before anything runs", () => {
    refused([{ ...SMALL_CLAIM, fiber: { equals: "k/2" }, sizes: [{ states: 2, symbols: 3 }, { states: 3, symbols: 3 }] }], /fiber formula "k\/2" gives 1.5 at k=3, d=3/);
    refused([{ ...SMALL_CLAIM, fiber: { atLeast: "k-3" } }], /gives -1 at k=2, d=3; a fiber dimension is a whole number from 0 to n = 6/);
    refused([{ ...SMALL_CLAIM, fiber: { equals: "zeros(20000,20000)" } }], /^claim "tensor-small": fiber formula "zeros\(20000,20000\)" is refused: function call/);
  });
});

describe("size formulas are arithmetic in k and d only", () => {
  const at = { states: 3, symbols: 5 };
  it.each([
    ["k*(k-1)/2", 3],
    ["0", 0],
    ["k-1", 2],
    ["2k + d^2", 31],
    ["-(k) + +d", 2],
  ])("%s = %d at k=3, d=5", (formula, value) => {
    expect(evaluateSizeFormula(formula, at)).toBe(value);
  });

  it.each([
    ["zeros(20000,20000)", /function call/],
    ["ones(k)", /function call/],
    ["x + 1", /unknown name "x"/],
    ["pi", /unknown name "pi"/],
    ["k!", /operator "!"/],
    ["k mod 2", /operator "mod"/],
    ["k == 3", /operator "=="/],
    ["[1, 2]", /not arithmetic/],
    ["a = 3", /not arithmetic/],
    ["1:3", /not arithmetic/],
    ['"3"', /not a number/],
    ["k +", /does not parse/],
    ["", /empty/],
    ["k+".repeat(100) + "1", /longer than 200/],
    ["10^400", /Infinity/],
    ["0/0", /NaN/],
    ["(-8)^(1/3)", /not a finite number/],
  ])("refuses %s", (formula, message) => {
    expect(() => evaluateSizeFormula(formula, at)).toThrow(message);
  });
});
