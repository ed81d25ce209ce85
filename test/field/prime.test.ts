import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { MAX_PRIME, isPrime, primeField, randomPrime } from "../../src/field/prime.ts";

/** The primes below `n` by the sieve of Eratosthenes: an independent reference for isPrime. */
function sieve(n: number): boolean[] {
  const prime = new Array<boolean>(n).fill(true);
  prime[0] = false;
  prime[1] = false;
  for (let i = 2; i * i < n; i++) if (prime[i]) for (let j = i * i; j < n; j += i) prime[j] = false;
  return prime;
}

/** An Rng whose integer draws are fixed, recording the ranges it was asked for. */
class FixedDraw extends Rng {
  readonly ranges: [number, number][] = [];
  constructor(private readonly draw: (min: number, max: number) => number) {
    super(0);
  }
  override int(min: number, max: number): number {
    this.ranges.push([min, max]);
    return this.draw(min, max);
  }
}

/** The first prime at or after `start` (odd), by the sieve-checked isPrime. */
function nextPrimeFrom(start: number): number {
  let p = start;
  while (!isPrime(p)) p += 2;
  return p;
}

describe("isPrime", () => {
  it("agrees with the sieve of Eratosthenes below 5000, even numbers included", () => {
    const reference = sieve(5000);
    for (let n = 0; n < 5000; n++) expect(isPrime(n), `isPrime(${n})`).toBe(reference[n]);
  });

  it("rejects negatives, non-integers, and even numbers and squares near 2^26", () => {
    for (const n of [-7, -2, -1, 2.5, 3.0000001, NaN, Infinity]) expect(isPrime(n), `isPrime(${n})`).toBe(false);
    // Odd trial divisors never reject an even number (4 and 8 have no odd factor): parity must.
    for (const n of [4, 8, 2 ** 25, 2 ** 26 - 2]) expect(isPrime(n), `isPrime(${n})`).toBe(false);
    // A square of a prime is composite only through its root: the loop must reach f² = n.
    for (const q of [3, 5, 8191]) expect(isPrime(q * q), `isPrime(${q}²)`).toBe(false);
    expect(isPrime(67108859)).toBe(true);
    expect(isPrime(8191 * 8179)).toBe(false);
  });
});

describe("randomPrime", () => {
  it("draws its start from exactly [2^25, 2^26 − 1], once", () => {
    const rng = new FixedDraw((min) => min);
    randomPrime(rng);
    expect(rng.ranges).toEqual([[2 ** 25, 2 ** 26 - 1]]);
  });

  it("returns the first prime at or after the draw made odd, wrapping to 2^25 + 1 past 2^26", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 ** 25, max: 2 ** 26 - 1 }), (start) => {
        const p = randomPrime(new FixedDraw(() => start));
        const odd = start | 1;
        // 67108859 is the largest prime below 2^26: a search that passes it wraps around.
        const expected = odd > 67108859 ? nextPrimeFrom(2 ** 25 + 1) : nextPrimeFrom(odd);
        expect(p).toBe(expected);
      }),
      { seed: 42, numRuns: 60 },
    );
    expect(randomPrime(new FixedDraw((min) => min))).toBe(nextPrimeFrom(2 ** 25 + 1));
    expect(randomPrime(new FixedDraw((_, max) => max))).toBe(nextPrimeFrom(2 ** 25 + 1));
    expect(randomPrime(new FixedDraw(() => 67108859))).toBe(67108859);
    expect(randomPrime(new FixedDraw(() => 67108858))).toBe(67108859);
  });

  it("gives primes in [2^25, 2^26) from seeded generators", () => {
    for (let seed = 0; seed < 20; seed++) {
      const p = randomPrime(new Rng(seed));
      expect(isPrime(p)).toBe(true);
      expect(p).toBeGreaterThanOrEqual(2 ** 25);
      expect(p).toBeLessThan(MAX_PRIME);
    }
  });
});

describe("primeField", () => {
  it("accepts exactly the primes in [3, 2^26)", () => {
    for (const p of [3, 5, 1_000_003, 67108859]) expect(primeField(p).p).toBe(p);
    // 67108879 is the first prime past 2^26, so only the range rejects it.
    for (const p of [2, 4, 9, 1.5, 67108864, 67108879]) {
      expect(() => primeField(p), `primeField(${p})`).toThrow(`primeField: ${p} is not a prime in [3, 2^26)`);
    }
  });

  it("reduces into [0, p): negatives, sums past p, differences below 0", () => {
    const F = primeField(7);
    expect(F.name).toBe("F_7");
    expect(F.fromInt(-1)).toBe(6);
    expect(F.fromInt(15)).toBe(1);
    expect(F.add(3, 4)).toBe(0);
    expect(F.add(3, 3)).toBe(6);
    expect(F.sub(3, 4)).toBe(6);
    expect(F.sub(4, 4)).toBe(0);
    expect(F.neg(0)).toBe(0);
    expect(F.neg(2)).toBe(5);
    expect(F.fromRational(-1n, 3n)).toBe(2); // 3 · 2 = 6 ≡ −1
    expect(F.pivotWeight(0)).toBe(0);
    expect(F.pivotWeight(6)).toBe(1);
    expect(F.isZero(0)).toBe(true);
    expect(F.isZero(1)).toBe(false);
  });

  it("inverts every non-zero residue; 0 and a denominator ≡ 0 throw", () => {
    const F = primeField(1_000_003);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_002 }), (a) => {
        const inv = F.inverse(a);
        expect(inv).toBeGreaterThanOrEqual(0);
        expect(inv).toBeLessThan(F.p);
        expect(F.mul(a, inv)).toBe(1);
      }),
      { seed: 42, numRuns: 100 },
    );
    expect(() => F.inverse(0)).toThrow(DivisionByZero);
    expect(() => F.fromRational(1n, 1_000_003n)).toThrow("division by zero in F_1000003");
  });
});
