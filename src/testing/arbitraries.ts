/**
 * `maskid/arbitraries`: fast-check arbitraries for property tests of code built on maskid
 * (and maskid's own law suites): small model specs, tasks, exact
 * rational parameter points, observations, and the maps from rational coordinates to
 * floats and to F_p residues. Sizes stay small (k ≤ 3, d ≤ 3, positions ≤ 4) so that
 * property runs are fast.
 */
import fc from "fast-check";
import type { Field } from "../field/field.ts";
import { floatField } from "../field/float.ts";
import { type PrimeField, primeField } from "../field/prime.ts";
import { type Rational, rational, rationalField, rationalToNumber } from "../field/rational.ts";
import { fromCoordinates } from "../model/chart.ts";
import { type Family, type ModelSpec, type Parameters, freeCoordinates } from "../model/spec.ts";
import type { Observation } from "../predictor/weights.ts";
import type { Task } from "../task/task.ts";

export interface SpecOptions {
  readonly families?: readonly Family[];
  readonly minStates?: number;
  readonly maxStates?: number;
  readonly minSymbols?: number;
  readonly maxSymbols?: number;
}

/** Specs with the given families and sizes (defaults: both families, k ∈ 1..3, d ∈ 2..3). */
export function specArb(options: SpecOptions = {}): fc.Arbitrary<ModelSpec> {
  return fc.record({
    family: fc.constantFrom(...(options.families ?? (["hmm", "ghmm"] as const))),
    states: fc.integer({ min: options.minStates ?? 1, max: options.maxStates ?? 3 }),
    symbols: fc.integer({ min: options.minSymbols ?? 2, max: options.maxSymbols ?? 3 }),
    init: fc.constantFrom("stationary" as const, "free" as const),
    sigma: fc.constantFrom(1, 0.7),
  });
}

/** Any small spec: family hmm|ghmm, k ∈ 1..3, d ∈ 2..3, init stationary|free, σ ∈ {1, 0.7}. */
export const arbSpec: fc.Arbitrary<ModelSpec> = specArb();
export const arbHmmSpec: fc.Arbitrary<ModelSpec> = specArb({ families: ["hmm"] });
export const arbGhmmSpec: fc.Arbitrary<ModelSpec> = specArb({ families: ["ghmm"] });

/**
 * A task on positions 1..maxPosition (≤ 4): a random non-empty predict list (at most
 * `maxPredict` tokens, in random order) and a non-empty given set (ascending, as the
 * parser returns it), disjoint.
 */
export function arbTask(maxPosition = 4, maxPredict = 2): fc.Arbitrary<Task> {
  if (maxPosition < 2) throw new Error("arbTask: a task needs at least two positions");
  const positions = Array.from({ length: maxPosition }, (_, i) => i + 1);
  return fc
    .tuple(fc.shuffledSubarray(positions, { minLength: 2 }), fc.integer({ min: 1, max: maxPredict }))
    .map(([chosen, wanted]) => {
      const count = Math.min(wanted, chosen.length - 1);
      return {
        given: chosen.slice(count).sort((a, b) => a - b),
        predict: chosen.slice(0, count),
      };
    });
}

/** A strictly positive rational stochastic column: integers 1..9 over their sum. */
function arbColumn(size: number): fc.Arbitrary<Rational[]> {
  return fc.array(fc.integer({ min: 1, max: 9 }), { minLength: size, maxLength: size }).map((u) => {
    const total = BigInt(u.reduce((a, b) => a + b, 0));
    return u.map((x) => rational(BigInt(x), total));
  });
}

/** A small rational Gaussian mean coordinate: integer −6..6 over 1..3. */
const arbMean: fc.Arbitrary<Rational> = fc
  .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 3 }))
  .map(([num, den]) => rational(BigInt(num), BigInt(den)));

/**
 * The free coordinates (chart order of `freeCoordinates`) of a random valid rational
 * point: strictly positive stochastic columns from small integers, small rational means.
 */
export function arbRationalPoint(spec: ModelSpec): fc.Arbitrary<Rational[]> {
  const k = spec.states;
  const d = spec.symbols;
  const head = (size: number) => arbColumn(size).map((c) => c.slice(0, size - 1));
  const parts: fc.Arbitrary<Rational[]>[] = [];
  if (spec.init === "free") parts.push(head(k));
  for (let j = 0; j < k; j++) parts.push(head(k));
  for (let j = 0; j < k; j++) {
    parts.push(spec.family === "hmm" ? head(d) : fc.array(arbMean, { minLength: d, maxLength: d }));
  }
  return fc.tuple(...parts).map((ps) => {
    const out = ps.flat();
    if (out.length !== freeCoordinates(spec).length) throw new Error("arbRationalPoint: chart size mismatch");
    return out;
  });
}

/** Rational coordinates as doubles. */
export function toFloatCoordinates(coords: readonly Rational[]): number[] {
  return coords.map(rationalToNumber);
}

/** Rational coordinates as residues of F_p (throws DivisionByZero if p divides a denominator). */
export function toPrimeCoordinates(coords: readonly Rational[], field: PrimeField): number[] {
  return coords.map((r) => field.fromRational(r.num, r.den));
}

/** A rational number mapped into any field. */
export function mapRational<E>(field: Field<E>, r: Rational): E {
  return field.fromRational(r.num, r.den);
}

/** The point over Q, floats and F_p from the same rational coordinates. */
export function pointsOf(
  spec: ModelSpec,
  coords: readonly Rational[],
  field: PrimeField,
): { rational: Parameters<Rational>; float: Parameters<number>; prime: Parameters<number> } {
  return {
    rational: fromCoordinates(rationalField, spec, coords),
    float: fromCoordinates(floatField, spec, toFloatCoordinates(coords)),
    prime: fromCoordinates(field, spec, toPrimeCoordinates(coords, field)),
  };
}

/** A few primes below 2^26 (large enough that small rationals never vanish by accident). */
export const PRIMES = [1_000_003, 16_777_213, 33_554_393, 67_108_859] as const;
export const arbPrimeField: fc.Arbitrary<PrimeField> = fc.constantFrom(...PRIMES).map((p) => primeField(p));

/** One observation: a symbol 0..d−1 (hmm) or a vector of d small doubles (ghmm). */
export function arbObservation(spec: ModelSpec): fc.Arbitrary<Observation> {
  if (spec.family === "hmm") return fc.integer({ min: 0, max: spec.symbols - 1 });
  return fc.array(fc.double({ min: -3, max: 3, noNaN: true, noDefaultInfinity: true }), {
    minLength: spec.symbols,
    maxLength: spec.symbols,
  });
}

/** Observations for every given position of a task, in ascending position order. */
export function arbObservations(spec: ModelSpec, task: Task): fc.Arbitrary<Observation[]> {
  return fc.array(arbObservation(spec), { minLength: task.given.length, maxLength: task.given.length });
}

/** A permutation of 0..k−1. */
export function arbPermutation(k: number): fc.Arbitrary<number[]> {
  const items = Array.from({ length: k }, (_, i) => i);
  return fc.shuffledSubarray(items, { minLength: k, maxLength: k });
}

/** A spec, a rational point of it and a task, drawn together. */
export interface Scenario {
  readonly spec: ModelSpec;
  readonly coords: Rational[];
  readonly task: Task;
  readonly given: Observation[];
}

export function arbScenario(specs: fc.Arbitrary<ModelSpec> = arbSpec, maxPosition = 4): fc.Arbitrary<Scenario> {
  return specs.chain((spec) =>
    fc.tuple(arbRationalPoint(spec), arbTask(maxPosition)).chain(([coords, task]) =>
      arbObservations(spec, task).map((given) => ({ spec, coords, task, given })),
    ),
  );
}
