import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";

/** The seed every command uses unless told otherwise; recorded in every result. */
export const DEFAULT_SEED = 20221128;

/** A seeded source of randomness (pure-rand's xoroshiro128+); every stage takes one. */
export class Rng {
  private readonly generator;
  constructor(readonly seed: number) {
    this.generator = xoroshiro128plus(seed);
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
