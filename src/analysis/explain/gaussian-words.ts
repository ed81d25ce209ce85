import { floatDualField } from "../../field/dual.ts";
import { type FloatTrial, inSigmaUnits } from "../../identify/float-trial.ts";
import { DEFAULT_MIN_GAP } from "../../linalg/numerical-rank.ts";
import type { FloatPoint } from "../../model/random-point.ts";
import { type ModelSpec, parameterCount } from "../../model/spec.ts";
import { type Evaluated, type WordCombinations, greedySpan, irredundant, wordGradients, wordRanks } from "./combinations.ts";
import { type RankEvidence, Undecided, inColumnScale, jacobianRows, stackedRank } from "./gaussian-point.ts";
import { MAX_WORD_LENGTH, grammarWords, wordName } from "./words.ts";

/**
 * A word entry whose gradient has every component at most this (σ units, before the
 * column scale) has round-off for a gradient and is dropped: measured at random points,
 * the constants 1ᵀT, 1ᵀπ, … reach 2.2e-16, while the largest gradient component of a
 * non-constant word is 1e-2 or more.
 */
export const ROUNDOFF_GRADIENT = 1e-12;
/** A word is non-constant when its largest gradient entry is at least this: the gap rule's factor above round-off. */
export const NONZERO_GRADIENT = ROUNDOFF_GRADIENT * DEFAULT_MIN_GAP;

/** The matrix words at one float point (docs/math.md §11.7); `undecided` names the first rank or gradient not decided. */
export interface GaussianWordEvidence extends Pick<WordCombinations, "candidates" | "constant" | "kept" | "spanning"> {
  /** Rank of the spanning words together, null when none is kept. */
  readonly explainedRank: RankEvidence | null;
  /** The narrowest gap ratio among every rank decided here. */
  readonly narrowestGap: number | null;
  readonly undecided: string | null;
}

/**
 * The entry-wise matrix words of docs/math.md §11.4 with M for O, at the float point of
 * `trial`: each word's entry gradients (float duals, σ units) times J's column scale are
 * stacked on J·D, and the word is kept when the decided rank stays J's, by the same rule
 * and block scaling as the candidate laws (gaussian-point.ts). A word whose gradient is
 * neither round-off nor clearly non-zero, or any rank the gap rule does not decide, makes
 * the point's words undecided.
 */
export function compareWords(spec: ModelSpec, point: FloatPoint, trial: FloatTrial): GaussianWordEvidence {
  const n = parameterCount(spec);
  const unit = inSigmaUnits(spec, point);
  const largest = (g: Float64Array) => g.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const evaluated = wordGradients(floatDualField(n), unit.spec, unit.point.theta, grammarWords(spec), (g) => largest(g) > ROUNDOFF_GRADIENT);
  const taskRank = trial.rank.rank;
  const J = jacobianRows(trial);
  let narrowestGap: number | null = null;
  const decide = (blocks: readonly (readonly ArrayLike<number>[])[], what: string) => {
    const e = stackedRank(blocks, n, what);
    narrowestGap = Math.min(narrowestGap ?? Infinity, e.gapRatio);
    return e;
  };
  const name = (e: Evaluated) => wordName(e.word, spec);
  const rankOf = (set: readonly Evaluated[]) => decide(set.map((e) => e.rows), `the rank of ${set.map(name).join(" with ")}`);
  try {
    const varying: Evaluated[] = [];
    for (const e of evaluated.filter((e) => e.rows.length > 0)) {
      const top = Math.max(...e.rows.map(largest));
      if (top < NONZERO_GRADIENT) throw new Undecided(`the gradient of ${name(e)}: its largest entry ${top.toExponential(1)} is neither round-off (≤ ${ROUNDOFF_GRADIENT}) nor clearly non-zero (≥ ${NONZERO_GRADIENT})`);
      varying.push({ word: e.word, rows: inColumnScale(trial, e.rows) });
    }
    const kept = varying.filter((e) => decide([J, e.rows], `the task set stacked with ${name(e)}`).rank === taskRank);
    const rank = (set: readonly Evaluated[]) => rankOf(set).rank;
    const shown = wordRanks(spec, kept, rank);
    const chosen = irredundant(greedySpan(kept, rank, taskRank), rank);
    return {
      candidates: evaluated.length,
      constant: evaluated.length - varying.length,
      kept: [...shown.values()],
      spanning: chosen.map((e) => shown.get(e)!),
      explainedRank: chosen.length > 0 ? rankOf(chosen) : null,
      narrowestGap,
      undecided: null,
    };
  } catch (e) {
    if (!(e instanceof Undecided)) throw e;
    return { candidates: evaluated.length, constant: 0, kept: [], spanning: [], explainedRank: null, narrowestGap, undecided: e.message };
  }
}

/**
 * The words' answer when every point's words are decided and the points agree on the
 * constants, the kept words with their ranks, the spanning subset and its rank; otherwise
 * null with the reason (a float rank can saturate at one point, so neither is taken).
 */
export function agreedWords(points: readonly { point: string; words: GaussianWordEvidence }[], taskRank: number): { combinations: WordCombinations | null; reason: string | null } {
  const undecided = points.find((p) => p.words.undecided !== null);
  if (undecided) return { combinations: null, reason: `${undecided.point}: ${undecided.words.undecided}` };
  const statement = ({ words: w }: { words: GaussianWordEvidence }) =>
    JSON.stringify([w.constant, w.kept.map((k) => [k.word, k.rank]), w.spanning.map((k) => k.word), w.explainedRank?.rank]);
  const differing = points.find((p) => statement(p) !== statement(points[0]));
  if (differing) return { combinations: null, reason: `the decided points disagree on the words (${points[0].point} and ${differing.point})` };
  const w = points[0].words;
  const explainedRank = w.explainedRank?.rank ?? 0;
  return {
    combinations: { maxLength: MAX_WORD_LENGTH, candidates: w.candidates, constant: w.constant, kept: w.kept, spanning: w.spanning, explainedRank, taskRank, spans: explainedRank === taskRank },
    reason: null,
  };
}
