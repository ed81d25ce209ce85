import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chineseRemainder, reconstructRational, sqrtFloor } from "../../src/field/reconstruct.ts";

const P = 33554467n; // a prime in [2^25, 2^26)
const Q = 33554393n;

describe("rational reconstruction", () => {
  it("recovers a/b from a·b⁻¹ mod m when |a|, |b| are below √(m/2)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -4000, max: 4000 }), fc.integer({ min: 1, max: 4000 }), (a, b) => {
        const r = ((((BigInt(a) % P) + P) % P) * modInv(BigInt(b), P)) % P;
        const x = reconstructRational(r, P)!;
        expect(x.num * BigInt(b)).toBe(BigInt(a) * x.den);
      }),
    );
  });

  it("⌊√n⌋ is exact for large n (a float square root is not)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 400n }), (n) => {
        const r = sqrtFloor(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });

  it("combines residues by the Chinese remainder theorem", () => {
    const x = 123456789012345n;
    const y = chineseRemainder(x % P, P, x % Q, Q);
    expect(y % (P * Q)).toBe(x % (P * Q));
  });

  it("lifts a fraction too large for one prime once two are combined", () => {
    const [a, b] = [12345678n, 1234567n]; // each above √(P/2), below √(PQ/2)
    const m = P * Q;
    const y = chineseRemainder(((a % P) * modInv(b, P)) % P, P, ((a % Q) * modInv(b, Q)) % Q, Q);
    expect(reconstructRational(y, m)).toEqual({ num: a, den: b });
  });
});

describe("rational reconstruction on small moduli, against brute force", () => {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const abs = (a: bigint): bigint => (a < 0n ? -a : a);

  it("returns a/b with |a|, b ≤ ⌊√(m/2)⌋, b a unit mod m and a ≡ b·r, exactly when brute force finds one", () => {
    // Every modulus up to 120 (composites included, where b must be a unit) and every residue.
    for (let m = 2n; m <= 120n; m++) {
      const bound = sqrtFloor(m / 2n);
      for (let r = 0n; r < m; r++) {
        const found = reconstructRational(r, m);
        let exists = false;
        for (let b = 1n; b <= bound && !exists; b++) {
          if (gcd(b, m) !== 1n) continue;
          for (let a = -bound; a <= bound && !exists; a++) exists = (((a - b * r) % m) + m) % m === 0n;
        }
        expect(found !== null, `r = ${r} mod ${m}`).toBe(exists);
        if (found === null) continue;
        expect(abs(found.num) <= bound && found.den <= bound && gcd(found.den, m) === 1n).toBe(true);
        expect((((found.num - found.den * r) % m) + m) % m).toBe(0n);
        // A negative representative of the same residue gives the same fraction.
        expect(reconstructRational(r - m, m)).toEqual(found);
      }
    }
  });

  it("⌊√n⌋ for every small n, where Newton's start and the n < 2 shortcut matter", () => {
    for (let n = 0n; n <= 300n; n++) {
      const r = sqrtFloor(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n, `n = ${n}`).toBe(true);
    }
  });

  it("the Chinese remainder of non-coprime moduli is refused", () => {
    expect(() => chineseRemainder(1n, 6n, 1n, 9n)).toThrow(new RangeError("modInverse: not invertible"));
    expect(chineseRemainder(2n, 3n, 3n, 5n)).toBe(8n);
  });
});

function modInv(x: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [m, x % m, 0n, 1n];
  while (r1) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return (s0 + m) % m;
}
