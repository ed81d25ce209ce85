import { evaluate } from "mathjs";
import { describe, expect, it } from "vitest";
import { type Word, evaluateWord, grammarWords, transposeWord, wordLatex, wordName } from "../../../src/analysis/explain/words.ts";
import { Rng } from "../../../src/base/random.ts";
import { floatField } from "../../../src/field/float.ts";
import { randomFloatPoint } from "../../../src/model/random-point.ts";
import { type Parameters, hmmSpec } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";
import { predictByPaths } from "../../helpers/enumerate.ts";

const spec = hmmSpec(3, 4);
const point = randomFloatPoint(spec, new Rng(3)).params;
const words = grammarWords(spec);
const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** The printed name as a mathjs expression, read token by token (independently of `wordName`). */
function nameToMathjs(name: string): string {
  const power = (s: string) => [...s].map((c) => SUPERSCRIPT.indexOf(c)).join("");
  return name
    .split(" ")
    .map((token) => {
      const m = /^\((T)([⁰-⁹¹²³]+)\)ᵀ$/.exec(token);
      if (m) return `transpose(T^${power(m[2])})`;
      const p = /^(diag\(π\)|T)([⁰-⁹¹²³]+)$/.exec(token);
      if (p) return `(${p[1] === "T" ? "T" : "D"}^${power(p[2])})`;
      const table: Record<string, string> = { O: "O", "Oᵀ": "transpose(O)", T: "T", "Tᵀ": "transpose(T)", "diag(π)": "D", "π": "p", "πᵀ": "transpose(p)", "1": "u", "1ᵀ": "transpose(u)" };
      if (!(token in table)) throw new Error(`unknown token ${token} in ${name}`);
      return table[token];
    })
    .join(" * ");
}

/** The LaTeX as a mathjs expression, read independently of `wordLatex`. */
function latexToMathjs(latex: string): string {
  const text = latex
    .replace(/\\left\((.*?)\\right\)\^\{\\top\}/g, "transpose($1)")
    .replace(/\\operatorname\{diag\}\(\\pi\)/g, "D")
    .replace(/\\mathbf\{1\}/g, "u")
    .replace(/\\pi/g, "p")
    .replace(/([A-Za-z])\^\{\\top\}/g, "transpose($1)")
    .replace(/\^\{(\d+)\}/g, "^$1");
  if (/[\\{}]/.test(text)) throw new Error(`unread LaTeX in ${latex}: ${text}`);
  return text.split(" ").join(" * ");
}

function scope(p: Parameters<number>) {
  const column = p.pi.map((x) => [x]);
  return { O: p.emission, T: p.T, D: p.pi.map((x, i) => p.pi.map((_, j) => (i === j ? x : 0))), p: column, u: p.pi.map(() => [1]) };
}

function asRows(value: unknown): number[][] {
  const v = (value as { valueOf(): unknown }).valueOf();
  return typeof v === "number" ? [[v]] : (v as number[][]);
}

function expectClose(a: readonly (readonly number[])[], b: readonly (readonly number[])[], what: string) {
  expect(a.length, what).toBe(b.length);
  a.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - b[i][j]), what).toBeLessThan(1e-12)));
}

describe("matrix words", () => {
  it("a few hundred words, one of each transpose pair, names unique, shortest first", () => {
    expect(words.length).toBeGreaterThan(300);
    expect(words.length).toBeLessThan(1000);
    const names = words.map((w) => wordName(w, spec));
    expect(new Set(names).size).toBe(names.length);
    const keys = new Set(words.map((w) => w.join(" ")));
    for (const w of words) if (transposeWord(w).join(" ") !== w.join(" ")) expect(keys.has(transposeWord(w).join(" "))).toBe(false);
    expect(words.map((w) => w.length)).toEqual([...words.map((w) => w.length)].sort((a, b) => a - b));
    for (const name of ["O π", "T²", "O T diag(π) Oᵀ", "O T diag(π) Tᵀ Oᵀ", "O T² diag(π) Oᵀ", "1ᵀ T"]) expect(names).toContain(name);
  });

  it("every word's value is what its printed name and its LaTeX say (read back by mathjs)", () => {
    const s = scope(point);
    for (const w of words) {
      const value = evaluateWord(floatField, point, w);
      expectClose(asRows(evaluate(nameToMathjs(wordName(w, spec)), s)), value, wordName(w, spec));
      expectClose(asRows(evaluate(latexToMathjs(wordLatex(w, spec)), s)), value, wordLatex(w, spec));
    }
  });

  it("O T diag(π) Oᵀ is the pair law P(x2 = a, x1 = b) (paths summed independently)", () => {
    const law = evaluateWord(floatField, point, ["O", "T", "D", "Ot"]);
    const marginal = evaluateWord(floatField, point, ["O", "pi"]).map((r) => r[0]);
    for (let b = 0; b < spec.symbols; b++) {
      const conditional = predictByPaths(spec, point, parseTaskSet("x1 -> x2")[0], [b]);
      conditional.forEach((x, a) => expect(Math.abs(law[a][b] - x * marginal[b])).toBeLessThan(1e-14));
    }
  });

  it("transposing a word transposes its value", () => {
    const w: Word = ["O", "D", "Tt", "Tt", "Ot"];
    const a = evaluateWord(floatField, point, w);
    const b = evaluateWord(floatField, point, transposeWord(w));
    expectClose(a, b[0].map((_, j) => b.map((row) => row[j])), "transpose");
    expect(wordName(w, spec)).toBe("O diag(π) (T²)ᵀ Oᵀ");
    expect(wordLatex(w, spec)).toBe("O \\operatorname{diag}(\\pi) \\left(T^{2}\\right)^{\\top} O^{\\top}");
  });
});
