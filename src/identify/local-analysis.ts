import { Deadline, TimeBudgetReached } from "../base/budget.ts";
import { InputError } from "../base/errors.ts";
import { type OnProgress, progressStep } from "../base/progress.ts";
import { toCoordinates } from "../model/chart.ts";
import { type FloatPoint, randomFloatPoint } from "../model/random-point.ts";
import { regularityChecks } from "../model/regularity.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";
import { designSize } from "../predictor/design.ts";
import { DEFAULT_SEED, Rng } from "../base/random.ts";
import { type Task, formatTask } from "../task/task.ts";
import { decideAtPoint, decideGeneric } from "./decide.ts";
import { type ExactTrial, exactRankTrial } from "./exact-trial.ts";
import { type FloatTrial, floatRankTrial } from "./float-trial.ts";
import { MAX_CORROBORATED_COLUMNS, corroborationTrial, corroboratesOnBlock, skippedCorroboration } from "./float-corroboration.ts";
import { summaryRowCount } from "./jacobian.ts";
import { parameterVerdicts } from "./parameter-verdicts.ts";
import type { LocalAnalysis, RankUpperBoundEvidence, Verdict, VerdictOutcome, VerifiedRankEvidence } from "./result.ts";
import { largestFamily } from "../families/applies.ts";
import { verifiedRankTrial } from "./verified-trial.ts";
import { minorDegreeBound, schwartzZippelBound } from "./schwartz-zippel.ts";
import { optionalWholeNumber, validateSpec } from "./validate.ts";

export interface LocalAnalysisOptions {
  /** Seed of every random choice (points, primes, designs, row subsets); recorded in the result. */
  seed?: number;
  /** Analyse at this point instead of generically. */
  params?: Parameters<number>;
  /** Independent random float points (≥ 2). */
  floatPoints?: number;
  /** Exact F_p trials for discrete emissions when the first is not full rank. */
  exactTrials?: number;
  /**
   * Stop after this many seconds (checked between exact rows, float points and Jacobian
   * rows) with an inconclusive verdict and the evidence gathered so far.
   */
  maxSeconds?: number;
  /** A deadline shared with later phases (witness, global); overrides `maxSeconds`. */
  deadline?: Deadline;
  /** Told which trial runs, and once a Jacobian row, while the analysis runs (for a status line). */
  onProgress?: OnProgress;
  /**
   * Run the float points even when an exact rank meeting a family's bound has proven a drop
   * (they decide nothing then): `check --plot` draws their singular values.
   */
  spectra?: boolean;
}
/** Exact F_p trials for discrete emissions when the first is not full rank (`exactTrials`). */
export const DEFAULT_EXACT_TRIALS = 3;
/** Replacement float points allowed when a point has no wide singular-value gap. */
export const EXTRA_FLOAT_POINTS = 2;

/**
 * The local worker behind `analyse`: decides whether a task set identifies an HMM family
 * locally, generically or at a given point (docs/math.md §5–6), from exact ranks mod p with the
 * Schwartz–Zippel bound (discrete emissions), float ranks with their singular-value gaps
 * at independent points, and per-entry verdicts. Pure: the same inputs and seed give the
 * same result.
 */
export function analyseLocally(spec: ModelSpec, tasks: readonly Task[], options: LocalAnalysisOptions = {}): LocalAnalysis {
  validateSpec(spec, tasks);
  validateOptions(options);
  const n = parameterCount(spec);
  const deadline = options.deadline ?? new Deadline(options.maxSeconds);
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = new Rng(seed);
  const exactRng = rng.fork();
  const floatRng = rng.fork();

  const exact: ExactTrial[] = [];
  const floats: FloatTrial[] = [];
  let corroboration: string | null = null;
  const bound = spec.family === "hmm" ? rankUpperBound(spec, tasks, n) : null;
  // An exact rank at the bound (n, or n − f below a family's bound) is the generic rank, proven.
  const ceiling = bound?.rank ?? n;
  try {
    if (spec.family === "hmm") {
      const trials = options.exactTrials ?? DEFAULT_EXACT_TRIALS;
      for (let t = 0; t < trials; t++) {
        deadline.check();
        exact.push(exactRankTrial(spec, tasks, exactRng.fork(), deadline, progressStep(options.onProgress, "exact rank mod p", t + 1, trials), ceiling));
        if (exact[t].echelon.rank >= ceiling) break; // the lower bound meets the upper bound: more trials add nothing
      }
    }
    // Once rank n mod p is proven, float points only corroborate it (float-corroboration.ts):
    // a block of ~n rows each, or nothing at all beyond MAX_CORROBORATED_COLUMNS.
    const proven = exact.some((t) => t.echelon.isFull());
    const block = proven && corroboratesOnBlock(spec, tasks);
    // Exact trials below n make a drop all but certain: a row subset could only show full rank.
    const shortOfN = exact.length > 0 && !proven;
    if (block && n > MAX_CORROBORATED_COLUMNS) corroboration = skippedCorroboration(n);
    // A rank drop proven exactly leaves the float points nothing to decide (decide.ts).
    if (bound && exact.some((t) => t.echelon.rank === bound.rank) && !options.spectra) corroboration = floatsNotNeeded(bound);
    // An undecided point (no wide gap) is evidence of nothing, so it is replaced, up to
    // EXTRA_FLOAT_POINTS times; every point tried stays in the evidence. A corroboration
    // needs one decided point unless more are asked for: a block never reports a drop, so
    // a second point could only repeat the first (decide.ts compares ranks only on drops).
    const wanted = block ? (options.floatPoints ?? 1) : Math.max(2, options.floatPoints ?? 2);
    while (corroboration === null && floats.filter((t) => t.rank.decided).length < wanted && floats.length < wanted + EXTRA_FLOAT_POINTS) {
      deadline.check();
      const pointRng = floatRng.fork();
      const tick = progressStep(options.onProgress, "float point", floats.length + 1, Math.max(wanted, floats.length + 1));
      const point = randomFloatPoint(spec, pointRng);
      const label = `random point ${floats.length + 1}`;
      floats.push(
        block
          ? corroborationTrial(spec, tasks, point, label, pointRng, deadline, tick)
          : floatRankTrial(spec, tasks, point, label, pointRng, deadline, { subsetFirst: !shortOfN, tick }),
      );
    }
    if (options.params) deadline.check();
  } catch (e) {
    if (!(e instanceof TimeBudgetReached)) throw e;
  }
  if (deadline.passed()) return stoppedByDeadline(spec, tasks, options, seed, deadline, exact, floats, bound);
  const bestExact = exact.reduce<ExactTrial | null>((best, t) => (best && best.echelon.rank >= t.echelon.rank ? best : t), null);
  const degree = minorDegreeBound(spec, tasks, n);
  const perTrial = exact.map((t) => schwartzZippelBound(degree, t.field.p));
  const schwartzZippel =
    exact.length === 0 || bestExact!.echelon.rank >= ceiling
      ? null
      : {
          degreeBound: degree,
          perTrial,
          combined: perTrial.reduce((a, b) => a * b, 1),
          statement:
            "A rank below n at a random point of F_p^n happens, when the generic rank is higher, only if that point is a root " +
            `of a non-zero minor's numerator of degree ≤ ${degree}: probability ≤ ${degree}/p per trial (Schwartz–Zippel), ` +
            "assuming p does not divide all of that minor's coefficients. rank_p = n needs no such bound: it is a proof.",
        };

  let atPoint: FloatTrial | null = null;
  if (options.params) {
    const point: FloatPoint = { theta: toCoordinates(spec, options.params), params: options.params };
    try {
      atPoint = floatRankTrial(spec, tasks, point, "the given point", floatRng.fork(), deadline, { tick: progressStep(options.onProgress, "float rank at the given point") });
    } catch (e) {
      if (!(e instanceof TimeBudgetReached)) throw e;
      return stoppedByDeadline(spec, tasks, options, seed, deadline, exact, floats, bound);
    }
  }
  let verified: VerifiedRankEvidence[];
  try {
    verified = spec.family === "ghmm" ? verifyGaussianRank(n, floats, atPoint, tasks, deadline) : [];
  } catch (e) {
    if (!(e instanceof TimeBudgetReached)) throw e;
    return stoppedByDeadline(spec, tasks, options, seed, deadline, exact, floats, bound);
  }
  const proof = verified.find((v) => v.verified) ?? null;
  // A decided full rank at the given point also settles the generic rank, so the generic
  // verdict printed beside the point's verdict can never contradict it.
  const generic = decideGeneric(n, exact, floats, atPoint, proof, bound);
  const decision = atPoint ? decideAtPoint(spec, atPoint, generic, options.params!, proof) : generic;
  const perEntryRank = decision.rank;
  const parameters =
    perEntryRank === null
      ? []
      : parameterVerdicts(spec, perEntryRank, atPoint ?? floats[0] ?? null, atPoint ? null : bestExact);
  const notes = [...generic.notes, ...(corroboration ? [corroboration] : [])];
  if (options.params) notes.push(...decision.notes.filter((x) => !notes.includes(x)));
  return {
    ...resultHeader(spec, tasks, options, seed),
    ...outcome(decision.verdict, decision.rank, n),
    reason: decision.reason,
    proof: decision.proof,
    evidence: {
      exact: exact.map((t) => t.evidence),
      rankUpperBound: bound,
      float: [...floats, ...(atPoint ? [atPoint] : [])].map((t) => t.evidence),
      verified,
      schwartzZippel,
      regularity: options.params ? regularityChecks(spec, options.params) : null,
      design:
        spec.family === "ghmm"
          ? `${tasks.map((t) => designSize(spec, t, n)).join(" + ")} design points per float point where the states compete ` +
            "(per task N = max(2k, ⌈4n / d^|U|⌉); " +
            (spec.symbols === 1
              ? "each given token spread over [min μ − 3σ, max μ + 3σ], the first stratified; "
              : "each given token at random log-odds t_h ~ N(0, 1.5²) plus noise orthogonal to the mean differences; ") +
            "J in units of σ with unit-norm columns, so the verdict does not depend on σ or the scale of the means)"
          : null,
      notes,
    },
    parameters,
  };
}

/**
 * The analysis stopped by its time budget: inconclusive, with the trials that finished
 * (and an exact trial's partial row reduction) as evidence — unless an exact trial had
 * already proven the generic rank (full rank, or a family's bound met), which stands.
 */
function stoppedByDeadline(
  spec: ModelSpec,
  tasks: readonly Task[],
  options: LocalAnalysisOptions,
  seed: number,
  deadline: Deadline,
  exact: readonly ExactTrial[],
  floats: readonly FloatTrial[],
  bound: RankUpperBoundEvidence | null,
): LocalAnalysis {
  const n = parameterCount(spec);
  const done = `${exact.length} exact trial${exact.length === 1 ? "" : "s"} and ${floats.length} float point${floats.length === 1 ? "" : "s"}`;
  // A rank n mod p, or a rank meeting a family's bound, finished before the deadline is a
  // proof of the generic verdict; only the float evidence beside it was cut short.
  const settled = options.params ? undefined : exact.find((t) => t.echelon.isFull() || t.echelon.rank === bound?.rank);
  const proven = settled ? decideGeneric(n, [settled], [], null, null, bound) : null;
  const decided = proven
    ? { ...outcome(proven.verdict, proven.rank, n), proof: proven.proof, reason: `${proven.reason}; the float trials were cut short by the time budget` }
    : { ...outcome("inconclusive", null, n), proof: null, reason: `${deadline.reason}: stopped after ${done}; raise --max-seconds (options.maxSeconds) to finish` };
  return {
    ...resultHeader(spec, tasks, options, seed),
    ...decided,
    evidence: {
      exact: exact.map((t) => t.evidence),
      rankUpperBound: bound,
      float: floats.map((t) => t.evidence),
      verified: [],
      schwartzZippel: null,
      regularity: options.params ? regularityChecks(spec, options.params) : null,
      design: null,
      notes: [deadline.reason],
    },
    parameters: settled ? parameterVerdicts(spec, settled.echelon.rank, null, settled) : [],
  };
}

/** Verifications tried before giving up on a proof by interval arithmetic. */
const VERIFICATION_ATTEMPTS = 2;
/**
 * Above this many parameters a verification is not tried: its O(m·n² + n³) interval
 * operations would cost several times the float analysis (~1.5 s at n = 200, 2 cores).
 */
export const VERIFICATION_MAX_PARAMETERS = 200;

/**
 * Gaussian emissions: repeat float points in interval arithmetic until one verifies full
 * rank (a proof). The given point comes first (its proof settles both verdicts), then the
 * points of full float rank, then the undecided ones. Points whose rank drop is decided
 * are not tried: when every point agrees on a drop there is nothing to prove.
 */
function verifyGaussianRank(
  n: number,
  floats: readonly FloatTrial[],
  atPoint: FloatTrial | null,
  tasks: readonly Task[],
  deadline: Deadline,
): VerifiedRankEvidence[] {
  const candidates = [
    ...(atPoint && (atPoint.rank.rank === n || !atPoint.rank.decided) ? [atPoint] : []),
    ...floats.filter((t) => t.rank.rank === n),
    ...floats.filter((t) => t.rank.rank < n && !t.rank.decided),
  ].slice(0, VERIFICATION_ATTEMPTS);
  if (n > VERIFICATION_MAX_PARAMETERS && candidates.length > 0) {
    const reason = `not tried: n = ${n} is above ${VERIFICATION_MAX_PARAMETERS}, where interval arithmetic (O(m·n² + n³)) costs several times the float analysis`;
    return [{ point: candidates[0].evidence.point, verified: false, normBound: null, widestRelativeWidth: null, rowsUsed: 0, columns: n, reason }];
  }
  const tried: VerifiedRankEvidence[] = [];
  for (const trial of candidates) {
    deadline.check();
    const attempt = verifiedRankTrial(trial, tasks);
    tried.push(attempt);
    if (attempt.verified) break;
  }
  return tried;
}

/**
 * The bound n − f of the largest family of docs/math.md §7 that keeps every prediction: its f
 * tangents lie in null J at every generic point (docs/math.md §6.5).
 */
function rankUpperBound(spec: ModelSpec, tasks: readonly Task[], n: number): RankUpperBoundEvidence | null {
  const family = largestFamily(spec, tasks);
  return family && { rank: n - family.dimension, family: family.family, dimension: family.dimension, statement: family.statement };
}

function floatsNotNeeded(bound: RankUpperBoundEvidence): string {
  return (
    `float: not needed — rank ${bound.rank} proven exactly: the lower bound by exact rank mod p, ` +
    `the upper bound n − ${bound.dimension} by the ${bound.family} family's tangent rank ${bound.dimension}`
  );
}

/** What every analysis result says about its question, whatever the verdict. */
function resultHeader(spec: ModelSpec, tasks: readonly Task[], options: LocalAnalysisOptions, seed: number) {
  const n = parameterCount(spec);
  return {
    kind: "analysis" as const,
    scope: options.params ? ("at this point" as const) : ("generic" as const),
    level: "local" as const,
    model: spec,
    tasks: tasks.map((task) => ({ text: formatTask(task), given: task.given, predict: task.predict })),
    parameterCount: n,
    summaryRows: summaryRowCount(spec, tasks, n),
    seed,
  };
}

function validateOptions(options: LocalAnalysisOptions): void {
  if (typeof options !== "object" || options === null) throw new InputError("options must be an object", { field: "options" });
  optionalWholeNumber(options.seed, 0, "options.seed");
  optionalWholeNumber(options.floatPoints, 1, "options.floatPoints");
  optionalWholeNumber(options.exactTrials, 1, "options.exactTrials");
  if (options.maxSeconds !== undefined && !(typeof options.maxSeconds === "number" && options.maxSeconds > 0)) {
    throw new InputError(`options.maxSeconds must be a positive number of seconds, got ${String(options.maxSeconds)}`, { field: "options.maxSeconds" });
  }
}

/** The verdict with its rank, as the variant of the union it belongs to. */
function outcome(verdict: Verdict, rank: number | null, n: number): VerdictOutcome {
  if (verdict === "inconclusive" || rank === null) return { verdict: "inconclusive", rank: null, fiberDimension: null };
  if (verdict === "identifiable") return { verdict, rank, fiberDimension: 0 };
  return { verdict, rank, fiberDimension: n - rank };
}
