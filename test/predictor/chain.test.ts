import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { primeField } from "../../src/field/prime.ts";
import { diag, matMul, transpose } from "../../src/linalg/matrix.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { predict } from "../../src/predictor/predict.ts";
import { type ChainSite, ChainTensor } from "../../src/predictor/chain.ts";
import type { Field } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { MAX_POSITION } from "../../src/task/task.ts";

const F = primeField(33_554_393);

/** T^g by g − 1 plain products: the slow, obviously right reference. */
function slowPower(T: number[][], g: number): number[][] {
  let out = T;
  for (let i = 1; i < g; i++) out = matMul(F, out, T);
  return out;
}

describe("chain contraction across long hidden runs (powers of T by squaring)", () => {
  it("x1 -> x(1+g) equals O T^g diag(π) Oᵀ / (Oπ) mod p, for gaps on both sides of the stepwise limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 3 }),
        fc.constantFrom("stationary" as const, "free" as const),
        fc.constantFrom(1, 2, 16, 17, 31, 64, 257),
        fc.integer({ min: 0, max: 1000 }),
        (k, d, init, g, seed) => {
          const spec: ModelSpec = { family: "hmm", states: k, symbols: d, init, sigma: 1 };
          const p = fromCoordinates(F, spec, randomPrimeCoordinates(spec, F, new Rng(seed)));
          const joint = matMul(F, matMul(F, matMul(F, p.emission, slowPower(p.T, g)), diag(F, p.pi)), transpose(p.emission));
          for (let b = 0; b < d; b++) {
            const marginal = p.emission[b].reduce((s, o, h) => F.add(s, F.mul(o, p.pi[h])), F.zero);
            if (F.isZero(marginal)) continue;
            const forward = predict(F, spec, p, { given: [1], predict: [1 + g] }, [b]);
            expect(forward).toEqual(joint.map((row) => F.div(row[b], marginal)));
            // The reverse task reads the same joint law by rows.
            const backward = predict(F, spec, p, { given: [1 + g], predict: [1] }, [b]);
            const marginalLate = joint[b].reduce((s, x) => F.add(s, x), F.zero);
            if (!F.isZero(marginalLate)) expect(backward).toEqual(joint[b].map((x) => F.div(x, marginalLate)));
          }
        },
      ),
      { numRuns: 60, seed: 20221128 },
    );
  });

  it("reaches position 10^6 (the largest a task may name) in floats and lands on the stationary prediction O π", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
    const p = randomFloatPoint(spec, new Rng(5)).params;
    const far = predict(floatField, spec, p, { given: [1], predict: [MAX_POSITION] }, [2]);
    const stationary = p.emission.map((row) => row.reduce((s, o, h) => s + o * p.pi[h], 0));
    far.forEach((x, a) => expect(x).toBeCloseTo(stationary[a], 12));
  });
});

/** Σ over hidden paths of π(h_1) Π w_t(h_t) Π T[h_{t+1}][h_t], one position at a time: the plain forward algorithm. */
function forwardReference(pi: readonly number[], T: readonly (readonly number[])[], length: number, weightAt: Map<number, readonly number[]>): number {
  let alpha = pi.map((p, h) => F.mul(p, weightAt.get(1)?.[h] ?? F.one));
  for (let t = 2; t <= length; t++) {
    alpha = T.map((row, i) => F.mul(row.reduce((s, x, j) => F.add(s, F.mul(x, alpha[j])), F.zero), weightAt.get(t)?.[i] ?? F.one));
  }
  return alpha.reduce((s, x) => F.add(s, x), F.zero);
}

/** A field that counts its multiplications: the arithmetic cost of a contraction. */
function countingField<E>(field: Field<E>): Field<E> & { count: number } {
  const counting = Object.assign(Object.create(field) as Field<E>, { count: 0 });
  counting.mul = (a: E, b: E) => {
    counting.count++;
    return field.mul(a, b);
  };
  return counting;
}

describe("ChainTensor", () => {
  const arbSites = fc
    .array(fc.record({ gap: fc.constantFrom(0, 1, 2, 5, 17), count: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 })
    .map((raw) => {
      let position = 0;
      return raw.map(({ gap, count }) => ({ position: (position += gap + 1), count }));
    });

  it("entry i is the forward sum for the i-th choice tuple in mixed radix (first site most significant)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), arbSites, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1000 }), (k, layout, tail, seed) => {
        const rng = new Rng(seed);
        const draw = () => F.fromInt(rng.int(0, 1000));
        const pi = Array.from({ length: k }, draw);
        const T = Array.from({ length: k }, () => Array.from({ length: k }, draw));
        const sites: ChainSite<number>[] = layout.map(({ position, count }) => ({
          position,
          choices: Array.from({ length: count }, () => Array.from({ length: k }, draw)),
        }));
        const length = sites[sites.length - 1].position + tail;
        const tensor = new ChainTensor(F, pi, T, { length, sites });
        const counts = sites.map((site) => site.choices.length);
        expect(tensor.size).toBe(counts.reduce((a, b) => a * b, 1));
        for (let index = 0; index < tensor.size; index++) {
          let rest = index;
          const weightAt = new Map<number, readonly number[]>();
          for (let i = sites.length - 1; i >= 0; i--) {
            weightAt.set(sites[i].position, sites[i].choices[rest % counts[i]]);
            rest = Math.floor(rest / counts[i]);
          }
          expect(tensor.entry(index)).toBe(forwardReference(pi, T, length, weightAt));
        }
        expect(tensor.entries()).toEqual(Array.from({ length: tensor.size }, (_, i) => tensor.entry(i)));
      }),
      { seed: 42, numRuns: 80 },
    );
  });

  it("refuses a contraction without sites", () => {
    expect(() => new ChainTensor(F, [F.one], [[F.one]], { length: 3, sites: [] })).toThrow(new RangeError("a chain contraction needs at least one site"));
  });

  it("splits the sites so that building costs about √(entries) messages, not one per entry", () => {
    // 12 sites of 2 choices: 4096 entries. Split in the middle, 2·64 messages of k = 2 cost
    // well under a thousand multiplications; all on one side, 4096 messages cost over 10⁴.
    const field = countingField(F);
    const sites = Array.from({ length: 12 }, (_, i) => ({ position: i + 1, choices: [[F.fromInt(2), F.fromInt(3)], [F.fromInt(5), F.fromInt(7)]] }));
    const tensor = new ChainTensor(field, [F.one, F.zero], [[F.one, F.zero], [F.zero, F.one]], { length: 12, sites });
    expect(tensor.size).toBe(4096);
    expect(field.count).toBeLessThan(2000);
    // T = I and π = e_1: every entry is the product of the first coordinates of its choices.
    expect(tensor.entry(0)).toBe(F.fromInt(2 ** 12));
    expect(tensor.entry(4095)).toBe(F.fromInt(5 ** 12));
  });
});
