import { DivisionByZero, type Field } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { type PrimeField, primeField } from "../field/prime.ts";
import { type Rational, rationalField } from "../field/rational.ts";
import { randomPrime } from "../field/prime.ts";
import { fromCoordinates } from "../model/chart.ts";
import { PRIME_POINT_ATTEMPTS, randomPrimeCoordinates } from "../model/random-point.ts";
import { randomRationalCoordinates } from "../model/rational-point.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../model/spec.ts";
import { informativeDesign } from "../predictor/design.ts";
import type { Observation } from "../predictor/weights.ts";
import type { Rng } from "../base/random.ts";
import { type Task, formatTask } from "../task/task.ts";
import { type CpFactors, cpFactors, tensorLayout } from "./cp-factors.ts";
import { type ExactKruskalRank, type NumericalKruskalRank, kruskalRankExact, kruskalRankNumerical } from "./kruskal.ts";
import { type ReadBack, readBack } from "./read-back.ts";
import { streamRng } from "./seeds.ts";

/** Kruskal ranks of the three factors: C (given token), A (first predicted), B (second predicted). */
export interface FactorRanks<R> {
  readonly kC: R;
  readonly kA: R;
  readonly kB: R;
}

/** Kruskal ranks computed exactly at one random point of F_p^n (or Q^n). */
export interface ExactKruskalEvidence {
  /** `F_p` (with `prime`) or `Q`. */
  readonly field: string;
  readonly prime: number | null;
  /** How the point was drawn. */
  readonly point: string;
  readonly ranks: FactorRanks<ExactKruskalRank>;
  readonly sum: number;
  /** kC + kA + kB ≥ 2k + 2 at this point. */
  readonly holds: boolean;
  /** Points redrawn because a denominator vanished. */
  readonly resampled: number;
  /** Whether the factors determine (π, T, O): see read-back.ts. */
  readonly readBack: ReadBack;
}

/** Kruskal ranks at a float point (the analysis point), with singular-value margins. */
export interface NumericalKruskalEvidence {
  readonly point: string;
  readonly ranks: FactorRanks<NumericalKruskalRank>;
  readonly sum: number;
  readonly holds: boolean;
  /** Rows of C: d symbols (hmm) or the design points (ghmm). */
  readonly inputs: number;
}

export interface KruskalEvidence {
  readonly kind: "kruskal";
  readonly task: string;
  readonly states: number;
  /** 2k + 2. */
  readonly threshold: number;
  /** `h2`: the hidden state conditioning on which the three tokens are independent. */
  readonly separator: string;
  /** What C, A, B are, in words. */
  readonly factors: string;
  readonly numerical: NumericalKruskalEvidence | null;
  /** Null for Gaussian emissions (no exact arithmetic with exp). */
  readonly exact: ExactKruskalEvidence | null;
  /** Proven (exact): generically the CP decomposition of the predictor tensor is unique up to a common relabelling. */
  readonly factorsUnique: boolean;
  /** Proven (exact): generically the task identifies (π, T, O) up to relabelling (factors unique AND read-back established). */
  readonly proven: boolean;
  /** What precisely is proven, and what is not. */
  readonly statement: string;
}

export interface KruskalOptions {
  readonly seed: number;
  /** Exact arithmetic for the proof: a random point of F_p^n (default) or a random positive rational point. */
  readonly exactField?: "prime" | "rational";
  /** Exact points tried when the first does not give a proof (default 2). */
  readonly exactTrials?: number;
  /** Rows of C at the float point for ghmm (default: a design sampled from the model at `params`). */
  readonly inputs?: readonly Observation[];
  /** Numerical Kruskal tolerance (relative σ_min), default 1e-9. */
  readonly relativeTolerance?: number;
}


/**
 * Kruskal evidence for one tensor task (one given, two predicted tokens):
 * - numerically at the float point `params` (null: skip), the Kruskal ranks of C, A, B
 *   with their worst subsets' σ_min;
 * - exactly (discrete emissions) at a random point of F_p^n or a random rational point,
 *   the Kruskal ranks and the read-back conditions. That exact evaluation is the proof:
 *   each "every r columns independent" is a non-vanishing r×r minor, a rational function
 *   of θ that is then non-zero, so the ranks found are lower bounds on the generic ones.
 * See `statement` in the result for precisely what is and is not proven.
 */
export function kruskalEvidence(spec: ModelSpec, params: Parameters<number> | null, task: Task, options: KruskalOptions): KruskalEvidence {
  const layout = tensorLayout(task);
  const k = spec.states;
  const threshold = 2 * k + 2;
  const designRng = streamRng(options.seed, 0);
  const [u1, u2] = layout.predicted;
  const h = `h${layout.separator}`;
  const factors = `C[s][m] = P(${h} = m | x${layout.given} = s), A = E[x${u1} | ${h}], B = E[x${u2} | ${h}]; f(x${layout.given}) = Σ_m C[·][m] a_m ⊗ b_m`;

  let numerical: NumericalKruskalEvidence | null = null;
  if (params) {
    let inputs = options.inputs;
    if (!inputs && spec.family === "ghmm") {
      inputs = informativeDesign(spec, params, [task], parameterCount(spec), designRng)[0].map((point) => point[0]);
    }
    const f = cpFactors(floatField, spec, params, task, inputs);
    const tolerance = { relativeTolerance: options.relativeTolerance };
    const ranks = { kC: kruskalRankNumerical(f.C, tolerance), kA: kruskalRankNumerical(f.A, tolerance), kB: kruskalRankNumerical(f.B, tolerance) };
    const sum = ranks.kC.rank + ranks.kA.rank + ranks.kB.rank;
    numerical = { point: "the float analysis point", ranks, sum, holds: sum >= threshold, inputs: f.C.length };
  }

  let exact: ExactKruskalEvidence | null = null;
  if (spec.family === "hmm") {
    const trials = Math.max(1, options.exactTrials ?? 2);
    for (let t = 0; t < trials; t++) {
      const trial = exactTrial(spec, task, options.exactField ?? "prime", streamRng(options.seed, 1 + t));
      if (exact === null || score(trial) > score(exact)) exact = trial;
      if (exact.holds && exact.readBack.established) break;
    }
  }

  const factorsUnique = exact !== null && exact.holds;
  const proven = factorsUnique && exact!.readBack.established;
  return {
    kind: "kruskal",
    task: formatTask(task),
    states: k,
    threshold,
    separator: h,
    factors,
    numerical,
    exact,
    factorsUnique,
    proven,
    statement: statementFor(spec, task, h, threshold, exact, numerical),
  };
}

/** Ranks the outcome of an exact trial: proof > unique factors > larger rank sum. */
function score(e: ExactKruskalEvidence): number {
  return (e.holds && e.readBack.established ? 1000 : 0) + (e.holds ? 100 : 0) + e.sum;
}

function exactTrial(spec: ModelSpec, task: Task, kind: "prime" | "rational", rng: Rng): ExactKruskalEvidence {
  for (let resampled = 0; resampled < PRIME_POINT_ATTEMPTS; resampled++) {
    try {
      if (kind === "prime") {
        const field = primeField(randomPrime(rng));
        const params = fromCoordinates(field, spec, randomPrimeCoordinates(spec, field, rng));
        return evaluate(field, spec, params, task, resampled, field);
      }
      const params = fromCoordinates(rationalField, spec, randomRationalCoordinates(spec, rng));
      return evaluate<Rational>(rationalField, spec, params, task, resampled, null);
    } catch (e) {
      if (!(e instanceof DivisionByZero)) throw e;
    }
  }
  throw new Error(`kruskalEvidence: no exact point without a vanishing denominator in ${PRIME_POINT_ATTEMPTS} tries`);
}

function evaluate<E>(field: Field<E>, spec: ModelSpec, params: Parameters<E>, task: Task, resampled: number, prime: PrimeField | null): ExactKruskalEvidence {
  const f: CpFactors<E> = cpFactors(field, spec, params, task);
  const ranks = { kC: kruskalRankExact(field, f.C), kA: kruskalRankExact(field, f.A), kB: kruskalRankExact(field, f.B) };
  const sum = ranks.kC.rank + ranks.kA.rank + ranks.kB.rank;
  return {
    field: prime ? `F_${prime.p}` : "Q",
    prime: prime ? prime.p : null,
    point: prime ? "uniformly random point of F_p^n (free coordinates), p a random prime in [2^25, 2^26)" : "random positive rational point (stochastic columns of integers 1..9 over their sum)",
    ranks,
    sum,
    holds: sum >= 2 * spec.states + 2,
    resampled,
    readBack: readBack(field, spec, params, f),
  };
}

function statementFor(
  spec: ModelSpec,
  task: Task,
  h: string,
  threshold: number,
  exact: ExactKruskalEvidence | null,
  numerical: NumericalKruskalEvidence | null,
): string {
  const name = formatTask(task);
  const k = spec.states;
  if (exact === null) {
    const at = numerical
      ? `At the float point the numerical Kruskal ranks sum to ${numerical.sum} (${numerical.holds ? "≥" : "<"} 2k+2 = ${threshold}): ` +
        (numerical.holds ? "numerical evidence that the CP decomposition is unique at that point. " : "Kruskal's sufficient condition is not met there. ")
      : "";
    return (
      `${at}Nothing is proven: Gaussian emissions admit no exact evaluation (exp), and their factors A, B are means whose ` +
      "individual scale Kruskal does not pin (only each term a_m ⊗ b_m is pinned, by the rows of C summing to 1)."
    );
  }
  const ranks = `(k_C, k_A, k_B) = (${exact.ranks.kC.rank}, ${exact.ranks.kA.rank}, ${exact.ranks.kB.rank})`;
  const where = exact.prime ? `a random point of F_${exact.prime}^n` : "a random rational point";
  if (!exact.holds) {
    return (
      `No conclusion from Kruskal: at ${where} the Kruskal ranks of ${name} are ${ranks}, sum ${exact.sum} < 2k+2 = ${threshold}. ` +
      "Kruskal's condition is sufficient, not necessary, and exact ranks at one point are lower bounds on the generic ones."
    );
  }
  const kruskal =
    `Proven (exact, generic): at ${where} the Kruskal ranks of ${name} are ${ranks}, sum ${exact.sum} ≥ 2k+2 = ${threshold}. ` +
    "Each \"every r columns independent\" is a non-zero r×r minor there, i.e. a rational function of θ that is not identically zero, " +
    "so these ranks hold outside a proper algebraic subset of parameters. For θ outside it, Kruskal's theorem makes the rank-" +
    `${k} CP decomposition of the predictor tensor X[s] = f(x${tensorLayout(task).given} = s) unique up to one permutation of its terms and ` +
    "rescaling within terms; the rescaling is pinned because the columns of A and B are probability vectors (so the rows of C are " +
    `fixed too). Hence every parameter point θ' (any point, generic or not, at which every input has positive probability) with the same ${name} predictions has the same factors C, A, B up to a ` +
    `common relabelling of ${h}. `;
  if (exact.readBack.established) {
    return (
      kruskal +
      `Read-back (${exact.readBack.method}): its conditions hold exactly at the same point, hence generically, so the factors determine ` +
      `(π, T, O). Conclusion: for generic θ the fiber of ${name} is exactly the relabellings of θ — generic global identifiability is proven ` +
      "(for every θ outside a proper algebraic subset; not for every θ)."
    );
  }
  return (
    kruskal +
    `NOT proven: that the factors determine (π, T, O) — ${exact.readBack.reason}. Parameters with equal factors could still differ; ` +
    "global identifiability rests on the search."
  );
}

/** Every tensor task (one given, two predicted) of a task set. */
export function tensorTasks(tasks: readonly Task[]): Task[] {
  return tasks.filter((t) => t.given.length === 1 && t.predict.length === 2);
}
