import type { Deadline } from "../base/budget.ts";
import { DivisionByZero } from "../field/field.ts";
import { type PrimeField, primeField, randomPrime } from "../field/prime.ts";
import { PRIME_POINT_ATTEMPTS, randomPrimeCoordinates } from "../model/random-point.ts";
import { type ModelSpec, parameterCount } from "../model/spec.ts";
import type { Rng } from "../base/random.ts";
import type { Task } from "../task/task.ts";
import { directJacobianAt, directJacobianSupported } from "./direct-jacobian.ts";
import { type Jacobian, jacobianAt } from "./jacobian.ts";
import { ModPEchelon } from "../linalg/modp-echelon.ts";
import type { ExactRankEvidence } from "./result.ts";
import { reduceSampledRows } from "./row-sampling.ts";

export interface ExactTrial {
  readonly evidence: ExactRankEvidence;
  readonly field: PrimeField;
  readonly echelon: ModPEchelon;
  readonly jacobian: Jacobian;
  /** The point mod p the Jacobian was evaluated at (free coordinates, chart order). */
  readonly theta: readonly number[];
}

/**
 * Exact rank of J mod p at a uniformly random point of F_p^n, for a random prime
 * p ∈ [2^25, 2^26). Rows are drawn at random and reduced as they come (row-sampling.ts);
 * the reduction stops as soon as the rank reaches n, so a full-rank Jacobian costs about n
 * rows, each computed on its own (direct-jacobian.ts) and never stored: memory is the
 * echelon's n² residues. A stalled sample falls back to every remaining row. rank_p = n
 * proves generic full rank over Q (some n×n minor is non-zero); a smaller rank is evidence only.
 * A `deadline` that passes stops the row loop: the trial keeps the rows it reduced
 * (`rowsSeen` < `rows`), a lower bound on the rank. `tick` is called once a row (a sign of life).
 * `upperBound`, a rank the generic rank is proven not to exceed (a family's bound,
 * docs/math.md §6.5), stops the reduction there too: no row can raise the rank beyond it.
 */
export function exactRankTrial(spec: ModelSpec, tasks: readonly Task[], rng: Rng, deadline?: Deadline, tick?: () => void, upperBound?: number): ExactTrial {
  const n = parameterCount(spec);
  for (let resampled = 0; resampled < PRIME_POINT_ATTEMPTS; resampled++) {
    const field = primeField(randomPrime(rng));
    const theta = randomPrimeCoordinates(spec, field, rng);
    try {
      const jacobian = directJacobianSupported(spec, tasks) ? directJacobianAt(field, spec, theta, tasks) : jacobianAt(field, spec, theta, tasks);
      const echelon = new ModPEchelon(field, n);
      const { sampled, seed, streamed } = reduceSampledRows(jacobian.rows, jacobian.row, echelon, rng.fork(), deadline, tick, upperBound ?? n);
      return {
        evidence: { prime: field.p, rank: echelon.rank, columns: n, rowsSeen: echelon.rowsSeen, rows: jacobian.rows, sample: { rows: sampled, seed }, streamed, resampled },
        field,
        echelon,
        jacobian,
        theta,
      };
    } catch (e) {
      if (!(e instanceof DivisionByZero)) throw e;
    }
  }
  throw new Error(`no point of F_p^n without a vanishing denominator in ${PRIME_POINT_ATTEMPTS} tries`);
}

