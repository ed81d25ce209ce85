import { Rng } from "../../base/random.ts";
import { type FloatTrial, floatRankTrial } from "../../identify/float-trial.ts";
import { EXTRA_FLOAT_POINTS } from "../../identify/local-analysis.ts";
import { randomFloatPoint } from "../../model/random-point.ts";
import { type ModelSpec, entryName, freeCoordinates, parameterCount } from "../../model/spec.ts";
import { type Task, formatTask } from "../../task/task.ts";
import { type NumericalFamilyMatch, type NumericalFiber, familiesNote, matchW3, numericalFiber } from "./gaussian-fiber.ts";
import type { ExplainHeader } from "./header.ts";
import type { LawEquivalence } from "./observables.ts";
import { gaussianCandidates, gaussianLawName } from "./gaussian-laws.ts";
import { type GaussianPointEvidence, comparePoint } from "./gaussian-point.ts";
import { type GaussianWordEvidence, agreedWords, compareWords } from "./gaussian-words.ts";
import type { WordCombinations } from "./combinations.ts";

/** Decided float points every statement must hold at, as check's float trials (docs/math.md §6.3). */
const WANTED_POINTS = 2;

/** What `maskid explain` finds for Gaussian emissions, numerically (docs/math.md §11.7). */
export interface GaussianExplainResult extends ExplainHeader {
  readonly kind: "explain-gaussian";
  /** Every candidate law, in the order compared. */
  readonly laws: readonly string[];
  /** The statements below hold at WANTED_POINTS decided points that agree; otherwise `reason` says why not. */
  readonly conclusive: boolean;
  readonly reason: string | null;
  /** The agreed numerical rank of J (null when inconclusive), and n minus it. */
  readonly rank: number | null;
  readonly fiberDimension: number | null;
  readonly observables: GaussianObservables | null;
  /** The matrix words (M for O) whose entries the task set determines, when the decided points agree on them; else null. */
  readonly combinations: WordCombinations | null;
  /** Why `combinations` is null: the answer's own reason, or the word rank or gradient not decided, or the points that differ. */
  readonly combinationsReason: string | null;
  /** Every float point tried, with the rank evidence of each comparison. */
  readonly points: readonly GaussianPoint[];
  readonly fiber: NumericalFiber | null;
  readonly families: readonly NumericalFamilyMatch[];
  /** Why no family is matched, when none applies. */
  readonly familiesNote: string | null;
}

/** One float point's evidence: the laws, and the words where the laws were decided (else null). */
export interface GaussianPoint extends GaussianPointEvidence {
  readonly words: GaussianWordEvidence | null;
}

/** What the agreeing points say about the candidate laws. */
export interface GaussianObservables extends LawEquivalence {
  /** Laws whose Jacobian rows lie in the task set's row space at every decided point. */
  readonly implied: readonly string[];
  readonly notImplied: readonly string[];
}

/**
 * explain for Gaussian emissions: at independent random float points (σ units, column
 * scaled, each with a fresh design, as check's float trials), compares the row space of
 * the task set's Jacobian with that of each candidate law by numerical ranks under the gap
 * rule. A point whose ranks are not all decided is replaced (EXTRA_FLOAT_POINTS times at
 * most); the answer needs WANTED_POINTS decided points that agree, and is inconclusive,
 * with the reason, otherwise.
 */
export function explainGaussian(spec: ModelSpec, tasks: readonly Task[], seed: number): GaussianExplainResult {
  const n = parameterCount(spec);
  const candidates = gaussianCandidates(tasks);
  const rng = new Rng(seed);
  const points: GaussianPoint[] = [];
  const decided: { evidence: GaussianPoint; words: GaussianWordEvidence; trial: FloatTrial; match: NumericalFamilyMatch | null }[] = [];
  while (decided.length < WANTED_POINTS && points.length < WANTED_POINTS + EXTRA_FLOAT_POINTS) {
    const pointRng = rng.fork();
    const point = randomFloatPoint(spec, pointRng);
    const trial = floatRankTrial(spec, tasks, point, `random point ${points.length + 1}`, pointRng, undefined, { subsetFirst: false });
    const laws = comparePoint(spec, tasks, point, trial, candidates, pointRng);
    const words = laws.undecided === null ? compareWords(spec, point, trial) : null;
    const evidence = { ...laws, words };
    points.push(evidence);
    if (words !== null) decided.push({ evidence, words, trial, match: matchW3(spec, point, trial) });
  }
  const header = {
    kind: "explain-gaussian" as const,
    model: spec,
    tasks: tasks.map(formatTask),
    seed,
    parameterCount: n,
    coordinates: freeCoordinates(spec).map(entryName),
    laws: candidates.map(gaussianLawName),
    points,
    familiesNote: familiesNote(spec),
  };
  const reason = disagreement(points, decided.map((d) => d.evidence));
  if (reason !== null) {
    return { ...header, conclusive: false, reason, rank: null, fiberDimension: null, observables: null, combinations: null, combinationsReason: reason, fiber: null, families: [] };
  }
  const first = decided[0];
  const e = first.evidence;
  const words = agreedWords(decided.map((d) => ({ point: d.evidence.point, words: d.words })), e.taskRank.rank);
  return {
    ...header,
    conclusive: true,
    reason: null,
    rank: e.taskRank.rank,
    fiberDimension: n - e.taskRank.rank,
    observables: {
      implied: e.candidates.filter((c) => c.implied).map((c) => c.law),
      notImplied: e.candidates.filter((c) => !c.implied).map((c) => c.law),
      maximal: e.maximal,
      explainedRank: e.explainedRank?.rank ?? 0,
      taskRank: e.taskRank.rank,
      equivalent: e.equivalent,
      smallest: e.smallest,
    },
    combinations: words.combinations,
    combinationsReason: words.reason,
    fiber: numericalFiber(spec, first.trial),
    families: first.match ? [first.match] : [],
  };
}

/** Null when WANTED_POINTS points decided every rank and agree on every statement; else why the answer is inconclusive. */
export function disagreement(points: readonly GaussianPointEvidence[], decided: readonly GaussianPointEvidence[]): string | null {
  if (decided.length < WANTED_POINTS) {
    const why = points.filter((p) => p.undecided !== null).map((p) => `${p.point}: ${p.undecided}`);
    return `${decided.length} of ${points.length} float points decided every rank, ${WANTED_POINTS} are needed (${why.join("; ")})`;
  }
  const statement = (p: GaussianPointEvidence) =>
    JSON.stringify([p.taskRank.rank, p.candidates.map((c) => [c.implied, c.rank.rank]), p.explainedRank?.rank, p.equivalent, p.smallest]);
  const differing = decided.filter((p) => statement(p) !== statement(decided[0]));
  return differing.length === 0 ? null : `the decided points disagree (${decided[0].point} and ${differing[0].point}): a float rank can saturate at one point, so neither is taken`;
}
