import type { Rng } from "../../base/random.ts";
import { DivisionByZero } from "../../field/field.ts";
import { type PrimeField, primeField, randomPrime } from "../../field/prime.ts";
import { type Rational, rationalToString } from "../../field/rational.ts";
import { chineseRemainder, reconstructRational } from "../../field/reconstruct.ts";
import { jacobianAt } from "../../identify/jacobian.ts";
import type { ModPEchelon } from "../../linalg/modp-echelon.ts";
import { randomRationalCoordinates } from "../../model/rational-point.ts";
import { type ModelSpec, entryName, freeCoordinates } from "../../model/spec.ts";
import type { Task } from "../../task/task.ts";
import { dotModP, echelonOf, rowsOf } from "./modp.ts";

/** One basis vector of the fiber directions: 1 at its free coordinate, the bound coordinates it moves. */
export interface FiberVector {
  /** The free (non-pivot) coordinate this vector is the unit direction of. */
  readonly free: string;
  /** Non-zero entries, chart order: exact rationals `p/q` when lifted, else residues mod p (see `lift`). */
  readonly entries: readonly { readonly coordinate: string; readonly value: string }[];
}

/** A basis of null J in reduced echelon form (docs/math.md §11.1). */
export interface FiberBasis {
  /** Pivot columns of J's reduced echelon form: determined by the free ones along the fiber. */
  readonly boundCoordinates: readonly string[];
  /** Non-pivot columns: the fiber's own parameters, one basis vector each. */
  readonly freeCoordinates: readonly string[];
  readonly vectors: readonly FiberVector[];
  /** How the printed values were obtained. */
  readonly lift: FiberLift;
}

export type FiberLift =
  | {
      readonly exact: true;
      /** The small rational point the basis is exact at (free coordinates, chart order). */
      readonly point: readonly string[];
      /** Primes combined by the Chinese remainder theorem before rational reconstruction. */
      readonly primes: readonly number[];
      /** An independent prime at which J(point)·v ≡ 0 was checked for every lifted v. */
      readonly checkPrime: number;
    }
  | { readonly exact: false; readonly reason: string };

/** Reduced echelon basis of the right kernel mod p, and which columns are free. */
export function kernelBasis(echelon: ModPEchelon): { free: number[]; vectors: number[][] } {
  const pivots = new Set(echelon.pivotColumns());
  const free = Array.from({ length: echelon.columns }, (_, j) => j).filter((j) => !pivots.has(j));
  return { free, vectors: echelon.nullSpace() };
}

/** Rational points tried, and primes combined per point, before printing residues instead. */
const LIFT_POINTS = 3;
const LIFT_PRIMES = 12;

/**
 * The fiber basis at the random point mod p (`echelon`), printed exactly where possible:
 * at a small rational point of the same rank, the kernel is computed mod several primes,
 * combined (CRT) and lifted by rational reconstruction until two successive lifts agree,
 * then checked mod one more prime. The lift is a display aid: the fiber's dimension and
 * every comparison come from the random point.
 */
export function fiberBasis(spec: ModelSpec, tasks: readonly Task[], echelon: ModPEchelon, rng: Rng): FiberBasis {
  const names = freeCoordinates(spec).map(entryName);
  const { free, vectors } = kernelBasis(echelon);
  const bound = names.filter((_, j) => !free.includes(j));
  const lifted = liftKernel(spec, tasks, echelon.rank, free, rng);
  const show = (values: readonly string[], v: readonly unknown[], zero: (x: unknown) => boolean) =>
    v.flatMap((x, j) => (zero(x) ? [] : [{ coordinate: names[j], value: values[j] }]));
  const out = lifted.vectors
    ? lifted.vectors.map((v, i) => ({ free: names[free[i]], entries: show(v.map(rationalToString), v, (x) => (x as Rational).num === 0n) }))
    : vectors.map((v, i) => ({ free: names[free[i]], entries: show(v.map(String), v, (x) => x === 0) }));
  return { boundCoordinates: bound, freeCoordinates: free.map((j) => names[j]), vectors: out, lift: lifted.lift };
}

function liftKernel(spec: ModelSpec, tasks: readonly Task[], rank: number, free: readonly number[], rng: Rng): { vectors: Rational[][] | null; lift: FiberLift } {
  if (free.length === 0) return { vectors: [], lift: { exact: false, reason: "no fiber: J has full rank" } };
  let reason = "";
  for (let attempt = 0; attempt < LIFT_POINTS; attempt++) {
    const point = randomRationalCoordinates(spec, rng);
    const result = liftAt(spec, tasks, point, rank, free, rng);
    if (result.vectors) return { vectors: result.vectors, lift: { exact: true, point: point.map(rationalToString), primes: result.primes, checkPrime: result.checkPrime } };
    reason = result.reason;
  }
  return { vectors: null, lift: { exact: false, reason: `${reason} (at ${LIFT_POINTS} small rational points); residues mod p shown` } };
}

type LiftAttempt = { vectors: Rational[][]; primes: number[]; checkPrime: number; reason?: undefined } | { vectors: null; reason: string };

function liftAt(spec: ModelSpec, tasks: readonly Task[], point: readonly Rational[], rank: number, free: readonly number[], rng: Rng): LiftAttempt {
  const primes: number[] = [];
  let combined: bigint[][] | null = null;
  let modulus = 1n;
  let previous: string | null = null;
  for (let i = 0; i < LIFT_PRIMES; i++) {
    const field = freshField(rng, primes);
    const kernel = kernelAt(spec, tasks, point, field);
    if (kernel === null) continue;
    if (kernel.rank !== rank || kernel.free.join() !== free.join()) return { vectors: null, reason: "a small rational point had another rank or pivot pattern" };
    const p = BigInt(field.p);
    combined = combined === null ? kernel.vectors.map((v) => v.map(BigInt)) : combined.map((v, a) => v.map((x, j) => chineseRemainder(x, modulus, BigInt(kernel.vectors[a][j]), p)));
    modulus *= p;
    primes.push(field.p);
    const lift = combined.map((v) => v.map((x) => reconstructRational(x, modulus)));
    if (lift.some((v) => v.some((x) => x === null))) continue;
    const text = JSON.stringify(lift.map((v) => v.map((x) => rationalToString(x!))));
    if (text === previous) {
      const vectors = lift as Rational[][];
      const check = freshField(rng, primes);
      if (!inKernelAt(spec, tasks, point, check, vectors)) return { vectors: null, reason: "a lifted vector failed the check mod an independent prime" };
      return { vectors, primes, checkPrime: check.p };
    }
    previous = text;
  }
  return { vectors: null, reason: `rational reconstruction did not settle within ${LIFT_PRIMES} primes` };
}

function freshField(rng: Rng, used: readonly number[]): PrimeField {
  let p = randomPrime(rng);
  while (used.includes(p)) p = randomPrime(rng);
  return primeField(p);
}

function pointModP(field: PrimeField, point: readonly Rational[]): number[] {
  return point.map((x) => field.fromRational(x.num, x.den));
}

function kernelAt(spec: ModelSpec, tasks: readonly Task[], point: readonly Rational[], field: PrimeField): { rank: number; free: number[]; vectors: number[][] } | null {
  try {
    const jacobian = jacobianAt(field, spec, pointModP(field, point), tasks);
    const echelon = echelonOf(field, jacobian.columns, rowsOf(jacobian.rows, jacobian.row));
    return { rank: echelon.rank, ...kernelBasis(echelon) };
  } catch (e) {
    if (e instanceof DivisionByZero) return null;
    throw e;
  }
}

function inKernelAt(spec: ModelSpec, tasks: readonly Task[], point: readonly Rational[], field: PrimeField, vectors: readonly Rational[][]): boolean {
  try {
    const jacobian = jacobianAt(field, spec, pointModP(field, point), tasks);
    const residues = vectors.map((v) => v.map((x) => field.fromRational(x.num, x.den)));
    for (let i = 0; i < jacobian.rows; i++) {
      const row = jacobian.row(i);
      if (residues.some((v) => dotModP(field, row, v) !== 0)) return false;
    }
    return true;
  } catch (e) {
    if (e instanceof DivisionByZero) return false;
    throw e;
  }
}
