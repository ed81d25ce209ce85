import { InputError } from "../../base/errors.ts";
import { Rng } from "../../base/random.ts";
import { exactRankTrial } from "../../identify/exact-trial.ts";
import { summaryRowCount } from "../../identify/jacobian.ts";
import { minorDegreeBound, schwartzZippelBound } from "../../identify/schwartz-zippel.ts";
import { validateSpec } from "../../identify/validate.ts";
import { type ModelSpec, entryName, freeCoordinates, parameterCount } from "../../model/spec.ts";
import { type Task, formatTask } from "../../task/task.ts";
import { type Combinations, identifiableCombinations } from "./combinations.ts";
import { type FamilyMatch, matchFamilies } from "./families.ts";
import { type FiberBasis, fiberBasis, kernelBasis } from "./fiber.ts";
import type { ExplainHeader } from "./header.ts";
import { type GaussianExplainResult, explainGaussian } from "./gaussian.ts";
import { gaussianCandidates, lawAsGaussianTask } from "./gaussian-laws.ts";
import { type ObservableEquivalence, candidateWindows, lawAsTask, observableEquivalence } from "./observables.ts";

/** What `maskid explain` computes (docs/math.md §11): what a task set pins down, and what it leaves free. */
export interface ExplainResult extends ExplainHeader {
  readonly kind: "explain";
  /** The prime and the rank of J mod p at the random point every statement is made at. */
  readonly prime: number;
  readonly rank: number;
  readonly fiberDimension: number;
  readonly generic: GenericStatement;
  readonly observables: ObservableEquivalence;
  /** The matrix words whose entries the task set determines, and a spanning subset (docs/math.md §11.4). */
  readonly combinations: Combinations;
  readonly families: readonly FamilyMatch[];
  readonly fiber: FiberBasis;
}

/**
 * How the statements made at one random point mod p carry over to generic points: rank n
 * is a proof; otherwise each rank compared could exceed its value at the point only if a
 * non-zero minor of degree ≤ `degreeBound` vanished there, with probability ≤ degreeBound/p
 * each (Schwartz–Zippel), so all of them hold generically with probability ≥ 1 − `probability`.
 */
export interface GenericStatement {
  readonly fullRankProof: boolean;
  /** Minor degree bound for the task set's and the laws' Jacobians (as check's, over every row kind). */
  readonly degreeBound: number;
  /** Rank computations on those: the task set, each law alone and stacked on it, the unions tried. */
  readonly matrices: number;
  /**
   * The same bound for the family comparisons, plus n·2k² for the tangents: their entries
   * are ratios of degree ≤ 2k − 1 over products of π_j² (degree 2(k−1) each, π = c/Σc).
   */
  readonly familyDegreeBound: number;
  /** Two per family: the tangents' rank and J's rank on them. */
  readonly familyMatrices: number;
  /** The kept words stacked on J, and the words' own rank when short of J's (`combinations.matrices`, degree `combinations.degreeBound`). */
  readonly combinationMatrices: number;
  readonly combinationDegreeBound: number;
  /** Union bound: (matrices · degreeBound + familyMatrices · familyDegreeBound + combinationMatrices · combinationDegreeBound) / p, capped at 1. */
  readonly probability: number;
}

/** What `maskid explain` prints: exact mod p for discrete emissions, numerical for Gaussian ones. */
export type ExplainReport = ExplainResult | GaussianExplainResult;

export function explainTaskSet(spec: ModelSpec, tasks: readonly Task[], options: { seed: number }): ExplainReport {
  validateSpec(spec, tasks);
  if (spec.family === "hmm") return explain(spec, tasks, options);
  const laws = gaussianCandidates(tasks).map(lawAsGaussianTask);
  // Float duals: 8 bytes per row and parameter, for the task set's summary and the largest law (at most 4n design points or d³ moments).
  const rows = Math.max(summaryRowCount(spec, tasks, parameterCount(spec)), 4 * parameterCount(spec), ...laws.map((l) => spec.symbols ** l.predict.length));
  const bytes = 16 * parameterCount(spec) * rows;
  if (bytes > MAX_JACOBIAN_BYTES) throw new InputError(`explain would hold a Jacobian of ${Math.ceil(bytes / 2 ** 20)} MiB; try fewer dimensions or smaller tasks`);
  return explainGaussian(spec, tasks, options.seed);
}

/** Largest Jacobian explain holds at once (the task set's or a law's), in bytes. */
const MAX_JACOBIAN_BYTES = 2 ** 30;

export function explain(spec: ModelSpec, tasks: readonly Task[], options: { seed: number }): ExplainResult {
  validateSpec(spec, tasks);
  if (spec.family !== "hmm") throw new InputError("explain() is exact mod p, for discrete emissions; explainTaskSet() also takes Gaussian ones", { field: "spec.family" });
  const laws = candidateWindows(tasks).map(lawAsTask);
  // explain holds whole Jacobians mod p (rows × n doubles, with dual messages of comparable size).
  const held = (set: readonly Task[]) => 16 * parameterCount(spec) * summaryRowCount(spec, set, parameterCount(spec));
  const bytes = Math.max(held(tasks), ...laws.map((l) => held([l])));
  if (bytes > MAX_JACOBIAN_BYTES) throw new InputError(`explain would hold a Jacobian of ${Math.ceil(bytes / 2 ** 20)} MiB; try fewer symbols or smaller tasks`);
  const rng = new Rng(options.seed);
  const trial = exactRankTrial(spec, tasks, rng);
  const { field, echelon, jacobian, theta } = trial;
  const n = parameterCount(spec);
  const kernel = kernelBasis(echelon).vectors;
  const observables = observableEquivalence(field, spec, theta, tasks, echelon);
  const families = matchFamilies(field, spec, theta, jacobian, echelon, kernel);
  const combinations = identifiableCombinations(field, spec, theta, echelon, minorDegreeBound(spec, tasks, 1));
  const degreeBound = minorDegreeBound(spec, [...tasks, ...laws], n);
  const familyDegreeBound = minorDegreeBound(spec, tasks, n) + n * 2 * spec.states ** 2;
  const familyMatrices = 2 * families.length;
  const misses = observables.matrices * degreeBound + familyMatrices * familyDegreeBound + combinations.matrices * combinations.degreeBound;
  return {
    kind: "explain",
    model: spec,
    tasks: tasks.map(formatTask),
    seed: options.seed,
    parameterCount: n,
    coordinates: freeCoordinates(spec).map(entryName),
    prime: field.p,
    rank: echelon.rank,
    fiberDimension: n - echelon.rank,
    generic: {
      fullRankProof: echelon.rank === n,
      degreeBound,
      matrices: observables.matrices,
      familyDegreeBound,
      familyMatrices,
      combinationMatrices: combinations.matrices,
      combinationDegreeBound: combinations.degreeBound,
      probability: schwartzZippelBound(misses, field.p),
    },
    observables,
    combinations,
    families,
    fiber: fiberBasis(spec, tasks, echelon, rng),
  };
}
