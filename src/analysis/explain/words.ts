import type { Field } from "../../field/field.ts";
import { type Mat, diag, matMul, transpose } from "../../linalg/matrix.ts";
import type { ModelSpec, Parameters } from "../../model/spec.ts";

/**
 * The letters of the matrix words of docs/math.md §11.4: the emission matrix (d×k, `O` or
 * `M`), T (k×k, column-stochastic: T[i][j] = P(h_{t+1} = i | h_t = j)), diag(π), π and
 * the all-ones k-vector 1 (columns), and the transposes. `Ot` is Oᵀ, and so on.
 */
export type Letter = "O" | "Ot" | "T" | "Tt" | "D" | "pi" | "pit" | "one" | "onet";
export type Word = readonly Letter[];

/** Longest word tried: 5 letters reach the lag-2 pair law `O T² diag(π) Oᵀ` and `O T diag(π) Tᵀ Oᵀ`. */
export const MAX_WORD_LENGTH = 5;

const TRANSPOSE: Record<Letter, Letter> = { O: "Ot", Ot: "O", T: "Tt", Tt: "T", D: "D", pi: "pit", pit: "pi", one: "onet", onet: "one" };
/** A word may open with a d×k or 1×k factor, hold any k×k factors, and close with a k×d or k×1 one. */
const OPENING: readonly (Letter | null)[] = [null, "O", "pit", "onet"];
const MIDDLE: readonly Letter[] = ["T", "Tt", "D"];
const CLOSING: readonly (Letter | null)[] = [null, "Ot", "pi", "one"];

export function transposeWord(w: Word): Word {
  return [...w].reverse().map((l) => TRANSPOSE[l]);
}

/** W and Wᵀ have the same entries: keep the one with fewer transposed letters (then the first by name). */
function canonical(w: Word, spec: ModelSpec): boolean {
  const t = transposeWord(w);
  const marks = (x: Word) => x.filter((l) => l.endsWith("t")).length;
  return marks(w) < marks(t) || (marks(w) === marks(t) && wordName(w, spec) <= wordName(t, spec));
}

/**
 * Every word of the grammar opening · middle* · closing with 1..MAX_WORD_LENGTH letters,
 * one of each transpose pair, shortest first. Outside factors only at the ends keeps the
 * count small (749 at length 5) while reaching the pair laws O Tˡ diag(π) Oᵀ with ℓ ≤ 2.
 */
export function grammarWords(spec: ModelSpec, maxLength: number = MAX_WORD_LENGTH): Word[] {
  const out: Word[] = [];
  const seen = new Set<string>();
  const middles: Letter[][] = [[]];
  for (let i = 0; i < middles.length; i++) if (middles[i].length < maxLength) for (const l of MIDDLE) middles.push([...middles[i], l]);
  for (const open of OPENING) {
    for (const close of CLOSING) {
      for (const middle of middles) {
        const w = [...(open ? [open] : []), ...middle, ...(close ? [close] : [])];
        const key = w.join(" ");
        if (w.length === 0 || w.length > maxLength || seen.has(key) || !canonical(w, spec)) continue;
        seen.add(key);
        out.push(w);
      }
    }
  }
  return out.sort((a, b) => a.length - b.length);
}

/** The word's matrix over `field` at `params`, with products of shared prefixes computed once (`memo`). */
export function evaluateWord<E>(field: Field<E>, params: Parameters<E>, w: Word, memo: Map<string, Mat<E>> = new Map()): Mat<E> {
  const key = w.join(" ");
  const hit = memo.get(key);
  if (hit) return hit;
  const last = letterMatrix(field, params, w[w.length - 1]);
  const value = w.length === 1 ? last : matMul(field, evaluateWord(field, params, w.slice(0, -1), memo), last);
  memo.set(key, value);
  return value;
}

function letterMatrix<E>(field: Field<E>, params: Parameters<E>, l: Letter): Mat<E> {
  const k = params.pi.length;
  const ones = Array.from({ length: k }, () => [field.one]);
  const column = params.pi.map((x) => [x]);
  const table: Record<Letter, () => Mat<E>> = {
    O: () => params.emission,
    Ot: () => transpose(params.emission),
    T: () => params.T,
    Tt: () => transpose(params.T),
    D: () => diag(field, params.pi),
    pi: () => column,
    pit: () => transpose(column),
    one: () => ones,
    onet: () => transpose(ones),
  };
  return table[l]();
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const sup = (m: number) => [...String(m)].map((c) => SUPERSCRIPT[Number(c)]).join("");

/** Runs of equal letters: T T → one run of 2 (printed T²). */
function runs(w: Word): { letter: Letter; count: number }[] {
  const out: { letter: Letter; count: number }[] = [];
  for (const l of w) {
    const last = out[out.length - 1];
    if (last && last.letter === l) last.count++;
    else out.push({ letter: l, count: 1 });
  }
  return out;
}

/** `O diag(π) (T²)ᵀ Oᵀ`: the name printed in text. */
export function wordName(w: Word, spec: ModelSpec): string {
  const e = spec.family === "hmm" ? "O" : "M";
  const text: Record<Letter, string> = { O: e, Ot: `${e}ᵀ`, T: "T", Tt: "Tᵀ", D: "diag(π)", pi: "π", pit: "πᵀ", one: "1", onet: "1ᵀ" };
  return runs(w)
    .map(({ letter, count }) => {
      // Only the middle letters repeat (the ends hold one letter each).
      if (count === 1) return text[letter];
      return letter === "Tt" ? `(T${sup(count)})ᵀ` : `${text[letter]}${sup(count)}`;
    })
    .join(" ");
}

/** The same word in LaTeX: `O \operatorname{diag}(\pi) \left(T^{2}\right)^{\top} O^{\top}`. */
export function wordLatex(w: Word, spec: ModelSpec): string {
  const e = spec.family === "hmm" ? "O" : "M";
  const base: Record<Letter, string> = { O: e, Ot: e, T: "T", Tt: "T", D: "\\operatorname{diag}(\\pi)", pi: "\\pi", pit: "\\pi", one: "\\mathbf{1}", onet: "\\mathbf{1}" };
  return runs(w)
    .map(({ letter, count }) => {
      const transposed = letter.endsWith("t");
      const power = count === 1 ? base[letter] : letter === "D" ? `\\operatorname{diag}(\\pi)^{${count}}` : `${base[letter]}^{${count}}`;
      if (!transposed) return power;
      return count === 1 ? `${power}^{\\top}` : `\\left(${power}\\right)^{\\top}`;
    })
    .join(" ");
}

/**
 * Degree bounds in θ of an entry's numerator and denominator: each entry of O or T is of
 * degree 1, a stationary π = c/Σc is of degree k−1 over k−1 (docs/math.md §6.2), a free π
 * of degree 1, and an entry of a product sums its factors' degrees.
 */
export function wordEntryDegrees(spec: ModelSpec, w: Word): { numerator: number; denominator: number } {
  const e = spec.init === "stationary" ? spec.states - 1 : 1;
  const linear = w.filter((l) => l === "O" || l === "Ot" || l === "T" || l === "Tt").length;
  const laws = w.filter((l) => l === "D" || l === "pi" || l === "pit").length;
  return { numerator: linear + laws * e, denominator: spec.init === "stationary" ? laws * e : 0 };
}
