import { Rng } from "../base/random.ts";

/**
 * Independent random streams for the global checks, derived by hashing (seed, stream).
 *
 * Why not `Rng.fork()`: pure-rand's xoroshiro128plus(seed) starts from the state
 * (−1, ~seed, seed, 0), so its first output is ~seed; `fork()` draws exactly that output,
 * which makes `new Rng(s).fork().fork()` a generator with seed s again (the same stream),
 * and the first `uniform()` of `new Rng(s)` for a small s is ≈ 1 − s·2^-32. Hashing the
 * seed with the stream index (murmur3's 32-bit finaliser) gives well-spread, distinct seeds.
 */
export function subSeed(seed: number, stream: number): number {
  const h = fmix32((fmix32(seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
  return h & 0x7fffffff;
}

/** A generator for stream `stream` of `seed` (see subSeed). */
export function streamRng(seed: number, stream: number): Rng {
  return new Rng(subSeed(seed, stream));
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
