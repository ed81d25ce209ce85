import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { type Rational, rational } from "../../src/field/rational.ts";
import { type Sym, evaluateAt, symbolsOf, toLatex, toText } from "../../src/field/symbolic.ts";
import { symbolicEntries } from "../../src/symbolic/check-closed-form.ts";
import { parseTask } from "../../src/task/parse.ts";
import { evaluateLatex } from "../helpers/latex-eval.ts";
import { hmm } from "../helpers/rational-points.ts";

const POINTS = 3;
const TASKS = ["x1 -> x2", "x1 -> x3", "x2 -> x1 ⊗ x3", "x1 -> x2 ⊗ x3", "x1, x2 -> x3"];

/** Random integer points (1..10^6 per symbol) where the entry's denominator does not vanish. */
function* points(e: Sym, rng: Rng): Generator<Map<string, Rational>> {
  const names = symbolsOf(e);
  for (let found = 0, tries = 0; found < POINTS; tries++) {
    if (tries > 5 * POINTS) throw new Error(`no usable point for ${toText(e)}`);
    const point = new Map(names.map((n) => [n, rational(BigInt(rng.int(1, 1_000_000)))]));
    try {
      evaluateAt(e, point);
    } catch (err) {
      if (err instanceof DivisionByZero) continue;
      throw err;
    }
    found++;
    yield point;
  }
}

/** How many (entry, point) pairs where `latexOf(entry)` differs from the checked text form. */
function mismatches(entries: readonly Sym[], latexOf: (e: Sym) => string, rng: Rng): number {
  let bad = 0;
  for (const e of entries) {
    const latex = latexOf(e);
    for (const point of points(e, rng)) {
      const want = evaluateAt(e, point);
      let got: Rational | null;
      try {
        got = evaluateLatex(latex, point);
      } catch (err) {
        if (!(err instanceof DivisionByZero)) throw err;
        got = null;
      }
      if (got === null || got.num !== want.num || got.den !== want.den) bad++;
    }
  }
  return bad;
}

describe("every LaTeX entry of `predictor --symbolic --latex` reads back as its checked text form", () => {
  for (const init of ["stationary", "free"] as const) {
    for (const d of [2, 3]) {
      for (const taskText of TASKS) {
        it(`k=2, d=${d}, ${init} π: ${taskText} (exact at ${POINTS} random integer points per entry)`, { timeout: 120_000 }, () => {
          const entries = symbolicEntries(hmm(2, d, init), parseTask(taskText)).flatMap((r) => r.values);
          expect(entries.length).toBeGreaterThan(0);
          expect(mismatches(entries, toLatex, new Rng(d * 101 + taskText.length))).toBe(0);
        });
      }
    }
  }

  it("would catch the old bug: the same LaTeX with the brackets around factor sums dropped disagrees", () => {
    const entries = symbolicEntries(hmm(2, 2, "stationary"), parseTask("x2 -> x1 ⊗ x3")).flatMap((r) => r.values);
    const unbracketed = (e: Sym) => toLatex(e).replace(/\\left\(|\\right\)/g, " ");
    expect(mismatches(entries, unbracketed, new Rng(7))).toBe(entries.length * POINTS);
  });
});
