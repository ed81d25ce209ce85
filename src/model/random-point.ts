import { floatField } from "../field/float.ts";
import type { PrimeField } from "../field/prime.ts";
import type { Rng } from "../base/random.ts";
import { fromCoordinates } from "./chart.ts";
import { type ModelSpec, type Parameters, freeCoordinates } from "./spec.ts";

/** A float parameter point with its free coordinates. */
export interface FloatPoint {
  readonly theta: number[];
  readonly params: Parameters<number>;
}

/**
 * A generic valid point: every stochastic column is strictly positive (entries
 * (e + 0.05)/Σ, e exponential), Gaussian means are N(0, σ²) per coordinate, at least
 * MIN_MEAN_SEPARATION·σ apart (`separatedMeans`). Random draws avoid every proper
 * algebraic subset with probability one, which is what "generic" requires. The mean
 * scale is chosen for conditioning: at k = 4, d = 5 means of scale σ gave a decided
 * float rank at 20 of 20 points (median gap 1e11), scale 2σ at 11 of 20 (posteriors
 * saturate and the Jacobian loses digits).
 */
export function randomFloatPoint(spec: ModelSpec, rng: Rng): FloatPoint {
  const k = spec.states;
  const column = (size: number) => {
    // Dirichlet(1)-like weights (exponential draws) with a small floor: columns spread
    // over the simplex. Uniform weights u + 0.1 made every column nearly uniform and T
    // nearly rank one (σ_min/σ_max ≈ 0.05 at k = 3), which at the default point left
    // recovery from 10^6 samples at error 0.44; these columns give 0.09.
    const raw = Array.from({ length: size }, () => -Math.log(1 - rng.uniform()) + 0.05);
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((x) => x / total);
  };
  const theta: number[] = [];
  if (spec.init === "free") theta.push(...column(k).slice(0, k - 1));
  for (let j = 0; j < k; j++) theta.push(...column(k).slice(0, k - 1));
  if (spec.family === "hmm") for (let j = 0; j < k; j++) theta.push(...column(spec.symbols).slice(0, spec.symbols - 1));
  else for (const mean of separatedMeans(k, spec.symbols, spec.sigma, rng)) theta.push(...mean);
  return { theta, params: fromCoordinates(floatField, spec, theta) };
}

/** Least distance between two states' means, in units of σ, at a random Gaussian point. */
export const MIN_MEAN_SEPARATION = 0.5;
/** Draws of the means before they are spread apart instead. */
const SEPARATION_ATTEMPTS = 20;

/**
 * k means in R^d, each coordinate N(0, σ²), redrawn until every two are at least
 * MIN_MEAN_SEPARATION·σ apart. Two nearly equal means make two states nearly
 * indistinguishable and the Jacobian nearly singular at that point: at k = 4, d = 1, means
 * 0.01σ apart left σ_10 ≈ 2e-8 and the float rank undecided. Where redrawing rarely
 * succeeds (d = 1, large k), the last draw is spread along its first coordinate by
 * MIN_MEAN_SEPARATION·σ per rank. Either way the point has a density, so it stays generic.
 */
function separatedMeans(k: number, d: number, sigma: number, rng: Rng): number[][] {
  let means: number[][] = [];
  for (let attempt = 0; attempt < SEPARATION_ATTEMPTS; attempt++) {
    means = Array.from({ length: k }, () => Array.from({ length: d }, () => sigma * rng.normal()));
    if (leastDistance(means) >= MIN_MEAN_SEPARATION * sigma) return means;
  }
  const byFirst = means.map((_, h) => h).sort((g, h) => means[g][0] - means[h][0]);
  byFirst.forEach((h, rank) => (means[h][0] += rank * MIN_MEAN_SEPARATION * sigma));
  return means;
}

function leastDistance(points: readonly (readonly number[])[]): number {
  let least = Infinity;
  for (let g = 0; g < points.length; g++) {
    for (let h = g + 1; h < points.length; h++) least = Math.min(least, Math.hypot(...points[g].map((x, a) => x - points[h][a])));
  }
  return least;
}

/** A uniformly random point of F_p^n: the exact certificate needs no positivity, only genericity. */
/**
 * Random exact points tried before giving up on one where no denominator vanishes mod p
 * (each try draws a new prime and point; a vanishing denominator has probability ≤ deg/p).
 */
export const PRIME_POINT_ATTEMPTS = 8;

export function randomPrimeCoordinates(spec: ModelSpec, field: PrimeField, rng: Rng): number[] {
  return freeCoordinates(spec).map(() => rng.int(0, field.p - 1));
}
