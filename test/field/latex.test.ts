import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { expansionBound, parseExprText } from "../../src/field/expr-text.ts";
import { textToLatex } from "../../src/field/latex.ts";
import { type Rational, rational, rationalField as Q } from "../../src/field/rational.ts";
import { evaluateLatex } from "../helpers/latex-eval.ts";

describe("textToLatex", () => {
  it.each([
    ["-x+1", "1 - x"],
    ["-1+T_11", "T_{11} - 1"],
    ["(x+y)*z", "z\\left(x + y\\right)"],
    ["(-1/2)*(x+y)*z", "-\\frac{z\\left(x + y\\right)}{2}"],
    ["(a+b)/(c+d)", "\\frac{a + b}{c + d}"],
    ["x*y+x*z", "x\\left(y + z\\right)"],
    ["-2*x-4*y", "-2\\left(x + 2y\\right)"],
    ["(x-1)*y-x*y", "-y"],
    ["(-x+1)^2*(3/7)", "\\frac{3\\left(1 - x\\right)^{2}}{7}"],
    ["pi_1*T_12*O_r10c3", "\\pi_{1}\\,T_{12}\\,O_{r10c3}"],
    ["x*y/(x*(y+1))", "\\frac{y}{y + 1}"],
    ["-(a+b)", "-a - b"],
    ["2*3*x", "6x"],
    ["0", "0"],
    ["k*(k-1)/2", "\\frac{k\\left(k - 1\\right)}{2}"],
    ["0.25*x", "\\frac{x}{4}"],
  ])("%s → %s", (text, latex) => {
    expect(textToLatex(text)).toBe(latex);
  });

  it("refuses what it cannot render exactly: function calls and symbolic exponents", () => {
    expect(() => textToLatex("abs(x)")).toThrow(/function calls/);
    expect(() => textToLatex("x^y")).toThrow(/integers/);
  });

  // Random trees over + − · / ^ and unary minus: the LaTeX reads back to the tree's value.
  type Tree = { op: "var"; name: string } | { op: "num"; n: number } | { op: "neg"; a: Tree } | { op: "+" | "-" | "*" | "/"; a: Tree; b: Tree } | { op: "^"; a: Tree; n: number };
  const NAMES = ["x", "y", "T_12", "pi_1"];
  const { tree } = fc.letrec<{ tree: Tree }>((t) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...NAMES).map((name): Tree => ({ op: "var", name })),
      fc.integer({ min: 0, max: 5 }).map((n): Tree => ({ op: "num", n })),
      t("tree").map((a): Tree => ({ op: "neg", a })),
      fc.tuple(fc.constantFrom("+", "-", "*", "/" as const), t("tree"), t("tree")).map(([op, a, b]): Tree => ({ op, a, b })),
      fc.tuple(t("tree"), fc.integer({ min: 0, max: 3 })).map(([a, n]): Tree => ({ op: "^", a, n })),
    ),
  }));
  const text = (t: Tree): string => {
    switch (t.op) {
      case "var":
        return t.name;
      case "num":
        return `${t.n}`;
      case "neg":
        return `-(${text(t.a)})`;
      case "^":
        return `(${text(t.a)})^${t.n}`;
      default:
        return `(${text(t.a)})${t.op}(${text(t.b)})`;
    }
  };
  const value = (t: Tree, at: ReadonlyMap<string, Rational>): Rational => {
    switch (t.op) {
      case "var":
        return at.get(t.name)!;
      case "num":
        return rational(BigInt(t.n));
      case "neg":
        return Q.neg(value(t.a, at));
      case "^": {
        let out = rational(1n);
        for (let i = 0; i < t.n; i++) out = Q.mul(out, value(t.a, at));
        return out;
      }
      case "+":
        return Q.add(value(t.a, at), value(t.b, at));
      case "-":
        return Q.sub(value(t.a, at), value(t.b, at));
      case "*":
        return Q.mul(value(t.a, at), value(t.b, at));
      case "/":
        return Q.div(value(t.a, at), value(t.b, at));
    }
  };

  it("random expressions: the LaTeX evaluates to the expression's value wherever both are defined", () => {
    fc.assert(
      fc.property(tree, fc.array(fc.integer({ min: -50, max: 50 }), { minLength: NAMES.length, maxLength: NAMES.length }), (t, xs) => {
        const at = new Map(NAMES.map((n, i) => [n, rational(BigInt(xs[i]), 7n)]));
        let want: Rational;
        let latex: string;
        try {
          want = value(t, at);
          latex = textToLatex(text(t));
        } catch (e) {
          if (e instanceof DivisionByZero) return; // undefined at the point, or 1/0 written literally
          throw e;
        }
        let got: Rational;
        try {
          got = evaluateLatex(latex, at);
        } catch (e) {
          // Cancelling a common factor can only remove poles; it never creates one.
          if (e instanceof DivisionByZero) throw new Error(`${latex} has a pole at a point where ${text(t)} is defined`);
          throw e;
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });
});

describe("expansionBound", () => {
  it.each([
    ["x", 1],
    ["(x+y)*(x-y)", 4],
    ["(x+y+1)^2*z-3", 10],
    ["(a+b)/(c+d)", 4],
  ])("%s expands into at most %d terms", (text, bound) => {
    expect(expansionBound(parseExprText(text))).toBe(bound);
  });
});
