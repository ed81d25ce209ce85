import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { Deadline } from "../../src/base/budget.ts";
import { Rng } from "../../src/base/random.ts";
import { DivisionByZero } from "../../src/field/field.ts";
import { type PrimeField, primeField, randomPrime } from "../../src/field/prime.ts";
import { directJacobianAt } from "../../src/identify/direct-jacobian.ts";
import { exactRankTrial } from "../../src/identify/exact-trial.ts";
import { jacobianAt } from "../../src/identify/jacobian.ts";
import { LazyPermutation, reduceSampledRows, stallAfter } from "../../src/identify/row-sampling.ts";
import { ModPEchelon } from "../../src/linalg/modp-echelon.ts";
import { randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { hmmSpec, parameterCount } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { arbHmmSpec, arbPrimeField } from "../../src/testing/arbitraries.ts";
import { arbDistinctTasks } from "../helpers/arb-tasks.ts";

const arbTasks = arbDistinctTasks(3);

describe("LazyPermutation", () => {
  it("draws every index exactly once, and only those drawn are `has`", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 1e6 }), (size, seed) => {
        const p = new LazyPermutation(size, new Rng(seed));
        const half = Array.from({ length: Math.floor(size / 2) }, () => p.next());
        for (let i = 0; i < size; i++) expect(p.has(i)).toBe(half.includes(i));
        const all = [...half, ...Array.from({ length: size - half.length }, () => p.next())];
        expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i));
        expect(() => p.next()).toThrow(new RangeError(`all ${size} items drawn`));
      }),
      { seed: 1403, numRuns: 50 },
    );
  });

  it("draws uniformly: any index can come first", () => {
    const first = new Set(Array.from({ length: 200 }, (_, seed) => new LazyPermutation(5, new Rng(seed)).next()));
    expect([...first].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("row-sampled exact certificate", () => {
  it("gives the rank of the whole Jacobian mod p (random small models)", () => {
    fc.assert(
      fc.property(arbHmmSpec, arbTasks, arbPrimeField, fc.integer({ min: 1, max: 1e6 }), (spec, tasks, F: PrimeField, seed) => {
        const n = parameterCount(spec);
        const theta = randomPrimeCoordinates(spec, F, new Rng(seed));
        const full = new ModPEchelon(F, n);
        try {
          const dual = jacobianAt(F, spec, theta, tasks);
          for (let i = 0; i < dual.rows; i++) full.addRow(dual.row(i));
        } catch (e) {
          if (e instanceof DivisionByZero) return;
          throw e;
        }
        const direct = directJacobianAt(F, spec, theta, tasks);
        const sampled = new ModPEchelon(F, n);
        const how = reduceSampledRows(direct.rows, direct.row, sampled, new Rng(seed + 1));
        expect(sampled.rank).toBe(full.rank);
        expect(how.seed).toBe(new Rng(seed + 1).seed);
        expect(how.sampled).toBeLessThanOrEqual(sampled.rowsSeen);
        if (sampled.rank < n) expect(sampled.rowsSeen).toBe(direct.rows); // a deficient rank reads every row
        else expect(sampled.rowsSeen).toBeLessThanOrEqual(direct.rows);
        if (!how.streamed) expect(how.sampled).toBe(sampled.rowsSeen);
      }),
      { seed: 1404, numRuns: 80 },
    );
  });

  it("falls back to every row when the draw stalls, and still finds the full rank", () => {
    // 1,000 rows of which only the first two and the last are non-zero: a draw of 64 rows stalls.
    const F = primeField(1_000_003);
    const rows = 1000;
    const row = (i: number) => (i === 0 ? [1, 0, 0] : i === 1 ? [0, 1, 0] : i === rows - 1 ? [0, 0, 1] : [0, 0, 0]);
    for (const seed of [1, 2, 3]) {
      const echelon = new ModPEchelon(F, 3);
      const how = reduceSampledRows(rows, row, echelon, new Rng(seed));
      expect(echelon.rank).toBe(3);
      expect(how.streamed).toBe(true);
      expect(how.sampled).toBeGreaterThanOrEqual(stallAfter(3));
      expect(how.sampled).toBeLessThan(rows);
    }
  });

  it("a deficient matrix shorter than a stall is read by the draw alone: every row once, nothing streamed", () => {
    const F = primeField(1_000_003);
    const row = (i: number) => [i % 2, 1, 0]; // rank 2 of 3
    for (const rows of [1, 5, 63]) {
      let ticks = 0;
      const echelon = new ModPEchelon(F, 3);
      const how = reduceSampledRows(rows, row, echelon, new Rng(rows), undefined, () => ticks++);
      expect(how).toEqual({ sampled: rows, seed: new Rng(rows).seed, streamed: false });
      expect(echelon.rank).toBe(Math.min(rows, 2));
      expect(ticks).toBe(rows);
    }
  });

  it("a deadline stops the draw or the streaming where it passes, keeping the rows reduced so far", () => {
    /** Passes at its `after`-th look, and stays passed. */
    class CountedDeadline extends Deadline {
      looks = 0;
      constructor(readonly after: number) {
        super();
      }
      override passed(): boolean {
        return ++this.looks >= this.after;
      }
    }
    const F = primeField(1_000_003);
    // 1,000 rows of which only the first two and the last are non-zero: a draw of 64 stalls,
    // and streaming would read every undrawn row up to the last.
    const rows = 1000;
    const row = (i: number) => (i === 0 ? [1, 0, 0] : i === 1 ? [0, 1, 0] : i === rows - 1 ? [0, 0, 1] : [0, 0, 0]);
    const drawing = new ModPEchelon(F, 3);
    const early = reduceSampledRows(rows, row, drawing, new Rng(1), new CountedDeadline(4));
    expect(early).toEqual({ sampled: 3, seed: new Rng(1).seed, streamed: false });
    expect(drawing.rowsSeen).toBe(3);
    // Past the stall: the deadline passes at the sixth look of the streaming, after five indices.
    const all = reduceSampledRows(rows, row, new ModPEchelon(F, 3), new Rng(1));
    expect(all.streamed).toBe(true);
    const streaming = new ModPEchelon(F, 3);
    let reads = 0;
    const late = reduceSampledRows(rows, (i) => (reads++, row(i)), streaming, new Rng(1), new CountedDeadline(all.sampled + 6));
    expect(late).toEqual({ sampled: all.sampled, seed: new Rng(1).seed, streamed: true });
    expect(reads).toBeGreaterThan(all.sampled);
    expect(reads).toBeLessThanOrEqual(all.sampled + 5);
    expect(streaming.rank).toBeLessThan(3);
  });

  it("a stall is exactly stallAfter idle draws after the last rank increase; streaming reads each undrawn row once, ticking once an index, and stops at full rank", () => {
    // Rows 0, 1 and 150 of 200 are independent, the rest zero.
    const F = primeField(1_000_003);
    const rows = 200;
    const row = (i: number) => (i === 0 ? [1, 0, 0] : i === 1 ? [0, 1, 0] : i === 150 ? [0, 0, 1] : [0, 0, 0]);
    const patience = stallAfter(3);
    let longer = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const reads: number[] = [];
      let ticks = 0;
      const echelon = new ModPEchelon(F, 3);
      const how = reduceSampledRows(rows, (i) => (reads.push(i), row(i)), echelon, new Rng(seed), undefined, () => ticks++);
      expect(echelon.rank).toBe(3);
      expect(new Set(reads).size).toBe(reads.length); // no row read twice
      if (!how.streamed) {
        expect(ticks).toBe(reads.length);
        continue;
      }
      const drawn = reads.slice(0, how.sampled);
      const increases = drawn.map((i, k) => [0, 1, 150].includes(i) ? k : -1).filter((k) => k >= 0);
      expect(how.sampled).toBe((increases.at(-1) ?? -1) + 1 + patience);
      if (increases.length > 0) longer++;
      // Streaming goes in index order and stops at the row that completes the rank.
      const streamed = reads.slice(how.sampled);
      expect(streamed).toEqual([...streamed].sort((a, b) => a - b));
      expect(streamed.at(-1)).toBe(Math.max(...[0, 1, 150].filter((i) => !drawn.includes(i))));
      // One tick a draw, then one per index looked at while streaming (drawn rows are skipped unread).
      expect(ticks).toBe(how.sampled + streamed.at(-1)! + 1);
    }
    expect(longer).toBeGreaterThan(0); // some draw met a non-zero row before stalling
  });

  it("a planted rank drop reads every row and decides as before (x1 -> x3, free init: no family bounds its rank)", () => {
    const spec = hmmSpec(3, 4, "free");
    const tasks = parseTaskSet("x1 -> x3");
    const result = analyse(spec, tasks, { seed: 5 });
    expect(result.verdict).toBe("not identifiable");
    expect(result.evidence.exact.length).toBe(3);
    for (const e of result.evidence.exact) {
      expect(e.rank).toBe(result.rank);
      expect(e.rowsSeen).toBe(e.rows);
      expect(e.sample.rows).toBeLessThanOrEqual(e.rows);
    }
    // The rank is that of every row of the dual-number Jacobian at the same prime and point.
    const trial = exactRankTrial(spec, tasks, new Rng(9));
    const rng = new Rng(9); // replays the trial's draws: its prime, then its point
    const F = primeField(randomPrime(rng));
    expect(trial.evidence.resampled).toBe(0);
    expect(F.p).toBe(trial.field.p);
    const dual = jacobianAt(F, spec, randomPrimeCoordinates(spec, F, rng), tasks);
    const full = new ModPEchelon(F, parameterCount(spec));
    for (let i = 0; i < dual.rows; i++) full.addRow(dual.row(i));
    expect(trial.echelon.rank).toBe(full.rank);
    expect(full.rank).toBe(result.rank);
  });

  it("states the rows drawn and the seed; replaying that seed draws the same rows", () => {
    const spec = hmmSpec(4, 8);
    const tasks = parseTaskSet("x2 -> x1 ⊗ x3");
    const result = analyse(spec, tasks);
    const [e] = result.evidence.exact;
    const n = parameterCount(spec);
    expect(e.rank).toBe(n);
    expect(e.streamed).toBe(false);
    expect(e.sample.rows).toBe(e.rowsSeen);
    expect(e.sample.rows).toBeGreaterThanOrEqual(n);
    expect(e.sample.rows).toBeLessThan(e.rows);
    expect(Number.isInteger(e.sample.seed)).toBe(true);
    // The draw is a function of the seed alone.
    const a = new LazyPermutation(e.rows, new Rng(e.sample.seed));
    const b = new LazyPermutation(e.rows, new Rng(e.sample.seed));
    for (let i = 0; i < e.sample.rows; i++) expect(a.next()).toBe(b.next());
  });
});

