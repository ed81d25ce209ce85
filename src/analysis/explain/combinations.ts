import { type Dual, type DualField, dualField } from "../../field/dual.ts";
import type { PrimeField } from "../../field/prime.ts";
import type { ModPEchelon } from "../../linalg/modp-echelon.ts";
import type { Mat } from "../../linalg/matrix.ts";
import { fromCoordinates } from "../../model/chart.ts";
import { type ModelSpec, parameterCount } from "../../model/spec.ts";
import { echelonOf } from "./modp.ts";
import { MAX_WORD_LENGTH, type Word, evaluateWord, grammarWords, wordEntryDegrees, wordLatex, wordName } from "./words.ts";

/** One matrix word whose every entry the task set determines locally. */
export interface WordRank {
  /** As printed, e.g. `O T diag(π) Oᵀ`. */
  readonly word: string;
  /** The word letter by letter (Ot is Oᵀ, D is diag(π), one is 1), so it can be evaluated again. */
  readonly letters: Word;
  /** The same word in LaTeX, e.g. `O T \operatorname{diag}(\pi) O^{\top}`. */
  readonly latex: string;
  /** Letters, counting T² as two. */
  readonly length: number;
  /** Rank of its entries' gradients at the random point. */
  readonly rank: number;
}

/** Which entry-wise matrix words the task set determines: exactly mod p (docs/math.md §11.4) or numerically (§11.7). */
export interface WordCombinations {
  readonly maxLength: number;
  /** Words tried: one of each transpose pair. */
  readonly candidates: number;
  /** Words whose every entry has zero gradient (mod p; in floats, round-off only): constants such as 1ᵀT = 1ᵀ, not counted as determined. */
  readonly constant: number;
  /** Every non-constant word whose entries' gradients all lie in J's row space (in floats: stacked on J, J's decided rank stays), shortest first. */
  readonly kept: readonly WordRank[];
  /** An irredundant subset of `kept` of the largest rank reachable: shortest words first, then most rank gained. */
  readonly spanning: readonly WordRank[];
  /** Rank of the kept words together (that of `spanning`), of the task set's. */
  readonly explainedRank: number;
  readonly taskRank: number;
  /** The kept words span J's row space: the task set determines exactly their entries. */
  readonly spans: boolean;
}

/** The exact answer for discrete emissions, with what §11.5 needs to carry it to generic points. */
export interface Combinations extends WordCombinations {
  /** Minor degree bound for J stacked with the kept words' gradients (docs/math.md §11.5). */
  readonly degreeBound: number;
  /** Rank statements the report rests on: the stack with J, and the words' own rank when it falls short. */
  readonly matrices: number;
}

export interface Evaluated {
  readonly word: Word;
  /** Gradients of its entries that `nonZero` accepts. */
  readonly rows: readonly Float64Array[];
}

/**
 * The gradients at θ of every grammar word's entries, by forward-mode duals over `dual`'s
 * base (mod p, or floats for Gaussian emissions); an entry's gradient is kept when `nonZero`.
 */
export function wordGradients(dual: DualField, spec: ModelSpec, theta: readonly number[], words: readonly Word[], nonZero: (g: Float64Array) => boolean): Evaluated[] {
  const params = fromCoordinates(dual, spec, theta.map((v, i) => dual.variable(v, i)));
  const memo = new Map<string, Mat<Dual>>();
  return words.map((word) => ({
    word,
    rows: evaluateWord(dual, params, word, memo)
      .flat()
      .flatMap((x) => (x.g && nonZero(x.g) ? [x.g] : [])),
  }));
}

/**
 * Keeps the words whose entries' gradients lie in the row space of J (`taskEchelon`, exact
 * mod p at θ), then greedily builds a spanning subset: by increasing length, the word that
 * raises the rank most, until no kept word raises it; finally drops any word the others
 * already cover (last chosen first), so the subset is irredundant.
 */
export function identifiableCombinations(field: PrimeField, spec: ModelSpec, theta: readonly number[], taskEchelon: ModPEchelon, jacobianRowDegree: number): Combinations {
  const n = parameterCount(spec);
  const words = grammarWords(spec);
  const evaluated = wordGradients(dualField(field, n), spec, theta, words, (g) => g.some((x) => x !== 0));
  const constant = evaluated.filter((e) => e.rows.length === 0).length;
  const kept = evaluated.filter((e) => e.rows.length > 0 && e.rows.every((r) => taskEchelon.inRowSpace(r)));
  const rankOf = (set: readonly Evaluated[]) => echelonOf(field, n, set.flatMap((e) => e.rows)).rank;
  const chosen = irredundant(greedySpan(kept, rankOf, taskEchelon.rank), rankOf);
  const explainedRank = rankOf(chosen);
  const shown = wordRanks(spec, kept, rankOf);
  const perRow = Math.max(0, ...kept.map((e) => wordEntryDegrees(spec, e.word)).map((d) => d.numerator + d.denominator - 1));
  const spans = explainedRank === taskEchelon.rank;
  return {
    maxLength: MAX_WORD_LENGTH,
    candidates: words.length,
    constant,
    kept: [...shown.values()],
    spanning: chosen.map((e) => shown.get(e)!),
    explainedRank,
    taskRank: taskEchelon.rank,
    spans,
    degreeBound: n * Math.max(jacobianRowDegree, perRow),
    matrices: kept.length === 0 ? 0 : spans ? 1 : 2,
  };
}

/**
 * By increasing length, the word that raises `rankOf` most (the first in grammar order on
 * a tie), until no kept word of that length raises it. The kept words lie in J's row space,
 * so once the rank reaches J's (`ceiling`) no word can raise it and the search stops.
 */
export function greedySpan<E extends Evaluated>(kept: readonly E[], rankOf: (set: readonly E[]) => number, ceiling: number): E[] {
  const chosen: E[] = [];
  let rank = 0;
  const gain = (e: E) => rankOf([...chosen, e]) - rank;
  for (const length of [...new Set(kept.map((e) => e.word.length))]) {
    const pool = kept.filter((e) => e.word.length === length);
    while (rank < ceiling) {
      const best = pool.map((e) => ({ e, g: gain(e) })).reduce((a, b) => (b.g > a.g ? b : a), { e: pool[0], g: 0 });
      if (best.g === 0) break;
      chosen.push(best.e);
      rank += best.g;
    }
  }
  return chosen;
}

/** Each kept word as reported, with its own rank, computed once (the spanning words are among them). */
export function wordRanks<E extends Evaluated>(spec: ModelSpec, kept: readonly E[], rankOf: (set: readonly E[]) => number): Map<E, WordRank> {
  return new Map(kept.map((e): [E, WordRank] => [e, { word: wordName(e.word, spec), letters: e.word, latex: wordLatex(e.word, spec), length: e.word.length, rank: rankOf([e]) }]));
}

/** Drops any chosen word the others already cover, last chosen first: no word of the result is redundant. */
export function irredundant<E extends Evaluated>(chosen: readonly E[], rankOf: (set: readonly E[]) => number): E[] {
  const out = [...chosen];
  const rank = rankOf(out);
  for (let i = out.length - 1; i >= 0; i--) {
    const without = out.filter((_, j) => j !== i);
    if (rankOf(without) === rank) out.splice(i, 1);
  }
  return out;
}
