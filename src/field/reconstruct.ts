import { type Rational, rational } from "./rational.ts";

/**
 * Rational reconstruction (Wang): the unique a/b with |a|, |b| ≤ √(m/2) and a ≡ b·r (mod m),
 * or null when none exists. By the extended Euclidean algorithm on (m, r), stopped at the
 * first remainder below the bound.
 */
export function reconstructRational(r: bigint, m: bigint): Rational | null {
  const bound = sqrtFloor(m / 2n);
  let [r0, r1] = [m, ((r % m) + m) % m];
  let [t0, t1] = [0n, 1n];
  while (r1 > bound) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  const den = t1 < 0n ? -t1 : t1;
  if (den === 0n || den > bound || gcdBig(den, m) !== 1n) return null;
  return rational(t1 < 0n ? -r1 : r1, den);
}

/** x ≡ a (mod m), x ≡ b (mod p), for coprime m and p: the residue mod m·p. */
export function chineseRemainder(a: bigint, m: bigint, b: bigint, p: bigint): bigint {
  const inv = modInverse(m % p, p);
  const t = ((((b - a) % p) + p) % p) * inv % p;
  return a + m * t;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [m, ((a % m) + m) % m, 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError("modInverse: not invertible");
  return ((s0 % m) + m) % m;
}

function gcdBig(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** ⌊√n⌋ by Newton's method from above (a float start is off by far more than 1 once n passes 2^106). */
export function sqrtFloor(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (let y = (x + n / x) / 2n; y < x; y = (x + n / x) / 2n) x = y;
  return x;
}
