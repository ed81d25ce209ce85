import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";

/** The seed every command uses unless told otherwise; recorded in every result. */
export const DEFAULT_SEED = 20221128;

/** A seeded source of randomness (pure-rand's xoroshiro128+); every stage takes one. */
export class Rng {
  private readonly generator;
  constructor(readonly seed: number) {
    // xoroshiro128plus(seed) starts from a state built directly from the seed, so its first
    // output is ~seed: without scrambling, fork() would hand a child its parent's own seed
    // back (Rng(s).fork().fork() replayed Rng(s)) and the first uniform() of a small seed
    // was ≈ 1. Hashing the seed and discarding a few outputs decorrelates both.
    this.generator = xoroshiro128plus(scramble(seed));
    for (let i = 0; i < WARM_UP; i++) this.generator.next();
  }
  /** Uniform in [0, 1). */
  uniform(): number {
    return uniformFloat64(this.generator);
  }
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return uniformInt(this.generator, min, max);
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }
  /** A child generator for an independent stage, derived deterministically. */
  fork(): Rng {
    return new Rng(this.int(0, 0x7fffffff));
  }
}

/** Outputs discarded after seeding. */
const WARM_UP = 8;

/** murmur3's 32-bit finaliser: a bijection that spreads nearby seeds far apart. */
function scramble(seed: number): number {
  let h = seed >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Fisher–Yates with a seeded generator. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
