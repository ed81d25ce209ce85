import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { primeField } from "../../src/field/prime.ts";
import { ModPEchelon } from "../../src/linalg/modp-echelon.ts";
import { Rng } from "../../src/base/random.ts";

const P = 101;
const F = primeField(P);
const mod = (x: number, p: number): number => ((x % p) + p) % p;

/** Textbook Gaussian elimination mod p on a copy: the reference rank. */
function referenceRank(rows: readonly number[][], p: number): number {
  const a = rows.map((r) => r.map((x) => mod(x, p)));
  const n = a[0]?.length ?? 0;
  let rank = 0;
  for (let c = 0; c < n && rank < a.length; c++) {
    const piv = a.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (piv < 0) continue;
    [a[rank], a[piv]] = [a[piv]!, a[rank]!];
    const inv = F.inverse(a[rank]![c]!);
    a[rank] = a[rank]!.map((x) => mod(x * inv, p));
    for (let i = 0; i < a.length; i++) {
      if (i === rank || a[i]![c] === 0) continue;
      const f = a[i]![c]!;
      a[i] = a[i]!.map((x, k) => mod(x - f * a[rank]![k]!, p));
    }
    rank++;
  }
  return rank;
}

const dot = (u: readonly number[], v: readonly number[], p: number): number =>
  u.reduce((s, x, k) => mod(s + x * v[k]!, p), 0);

/**
 * A small matrix over F_101 that is likely rank-deficient: `base` random rows plus rows
 * that duplicate, scale or combine them, shuffled.
 */
const deficientMatrix = fc
  .record({ columns: fc.integer({ min: 1, max: 8 }), baseCount: fc.integer({ min: 0, max: 6 }) })
  .chain(({ columns, baseCount }) => {
    const row = fc.array(fc.integer({ min: 0, max: P - 1 }), { minLength: columns, maxLength: columns });
    return fc
      .record({
        base: fc.array(row, { minLength: baseCount, maxLength: baseCount }),
        extra: fc.array(
          fc.record({
            i: fc.nat(),
            j: fc.nat(),
            a: fc.integer({ min: 0, max: P - 1 }),
            b: fc.integer({ min: 0, max: P - 1 }),
          }),
          { maxLength: 8 },
        ),
        order: fc.array(fc.nat(), { maxLength: 20 }),
      })
      .map(({ base, extra, order }) => {
        const rows = base.map((r) => r.slice());
        for (const { i, j, a, b } of extra) {
          if (base.length === 0) rows.push(new Array<number>(columns).fill(0));
          else {
            const u = base[i % base.length]!;
            const v = base[j % base.length]!;
            rows.push(u.map((x, k) => mod(a * x + b * v[k]!, P)));
          }
        }
        // Deterministic shuffle driven by `order`.
        for (let t = 0; t < order.length && rows.length > 1; t++) {
          const i = t % rows.length;
          const j = order[t]! % rows.length;
          [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        }
        return { columns, rows };
      });
  });

function build(columns: number, rows: number[][]): ModPEchelon {
  const e = new ModPEchelon(F, columns);
  for (const r of rows) e.addRow(r);
  return e;
}

describe("ModPEchelon", () => {
  it("rank agrees with a reference elimination; pivot rows are an independent spanning subset", () => {
    fc.assert(
      fc.property(deficientMatrix, ({ columns, rows }) => {
        const e = new ModPEchelon(F, columns);
        let grew = 0;
        rows.forEach((r) => {
          const before = e.rank;
          const raised = e.addRow(r);
          expect(raised).toBe(e.rank === before + 1);
          if (raised) grew++;
        });
        const rank = referenceRank(rows, P);
        expect(e.rank).toBe(rank);
        expect(grew).toBe(rank);
        expect(e.rowsSeen).toBe(rows.length);
        expect(e.isFull()).toBe(rank === columns);
        const pivots = e.pivotRows();
        expect(pivots.length).toBe(rank);
        expect([...pivots].sort((a, b) => a - b)).toEqual(pivots);
        expect(referenceRank(pivots.map((i) => rows[i]!), P)).toBe(rank);
        // Each pivot row is independent of all earlier rows.
        for (const i of pivots) {
          expect(referenceRank(rows.slice(0, i + 1), P)).toBe(referenceRank(rows.slice(0, i), P) + 1);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("copy: extending a copy gives the rank of all the rows, and leaves the original as it was", () => {
    fc.assert(
      fc.property(deficientMatrix, ({ columns, rows }) => {
        const half = Math.floor(rows.length / 2);
        const e = build(columns, rows.slice(0, half));
        const c = e.copy();
        rows.slice(half).forEach((r) => c.addRow(r));
        expect(c.rank).toBe(referenceRank(rows, P));
        expect(c.rowsSeen).toBe(rows.length);
        expect(c.pivotRows()).toEqual(build(columns, rows).pivotRows());
        expect(e.rank).toBe(referenceRank(rows.slice(0, half), P));
        expect(e.rowsSeen).toBe(half);
        expect(e.nullSpace()).toEqual(build(columns, rows.slice(0, half)).nullSpace());
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("null space has dimension columns - rank, is orthogonal to every row, and is independent", () => {
    fc.assert(
      fc.property(deficientMatrix, ({ columns, rows }) => {
        const e = build(columns, rows);
        const ns = e.nullSpace();
        expect(ns.length).toBe(columns - e.rank);
        for (const v of ns) {
          expect(v.length).toBe(columns);
          for (const x of v) expect(Number.isInteger(x) && x >= 0 && x < P).toBe(true);
          for (const r of rows) expect(dot(r, v, P)).toBe(0);
        }
        if (ns.length > 0) expect(referenceRank(ns, P)).toBe(ns.length);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("inRowSpace agrees with the rank test", () => {
    const withProbe = deficientMatrix.chain(({ columns, rows }) =>
      fc
        .oneof(
          fc.array(fc.integer({ min: 0, max: P - 1 }), { minLength: columns, maxLength: columns }),
          // A combination of existing rows, so that `true` answers are exercised too.
          fc
            .array(fc.integer({ min: 0, max: P - 1 }), { minLength: rows.length, maxLength: rows.length })
            .map((coef) =>
              Array.from({ length: columns }, (_, k) => rows.reduce((s, r, i) => mod(s + coef[i]! * r[k]!, P), 0)),
            ),
        )
        .map((g) => ({ columns, rows, g })),
    );
    fc.assert(
      fc.property(withProbe, ({ columns, rows, g }) => {
        const e = build(columns, rows);
        const expected = referenceRank([...rows, g], P) === referenceRank(rows, P);
        expect(e.inRowSpace(g)).toBe(expected);
        // Membership tests must not disturb the basis.
        expect(e.rank).toBe(referenceRank(rows, P));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("reduces negative and large integers mod p", () => {
    const e = new ModPEchelon(F, 2);
    expect(e.addRow([-1, 2 * P + 3])).toBe(true);
    expect(e.inRowSpace([P - 1, 3])).toBe(true);
    expect(e.inRowSpace([1, 3])).toBe(false);
    expect(() => e.addRow([0.5, 1])).toThrow(new RangeError("ModPEchelon: entry 0 = 0.5 is not a safe integer"));
    expect(() => e.addRow([1])).toThrow(new RangeError("ModPEchelon: row has length 1, expected 2"));
    expect(() => e.inRowSpace([1, 2, 3])).toThrow(new RangeError("ModPEchelon: row has length 3, expected 2"));
  });

  it("an entry equal to p is 0 mod p: a row of multiples of p adds nothing", () => {
    const e = new ModPEchelon(F, 2);
    expect(e.addRow([P, 2 * P])).toBe(false);
    expect(e.addRow([P, 1])).toBe(true);
    expect(e.pivotColumns()).toEqual([1]);
    expect(e.nullSpace()).toEqual([[1, 0]]);
  });

  it("rejects a column count that is not a non-negative integer, naming it", () => {
    for (const columns of [-1, 1.5, NaN, Infinity]) {
      expect(() => new ModPEchelon(F, columns)).toThrow(new RangeError(`ModPEchelon: columns must be a non-negative integer, got ${columns}`));
    }
    expect(new ModPEchelon(F, 0).isFull()).toBe(true);
  });

  it("once full, a row is counted but never read (a caller may stream rows it need not compute)", () => {
    const e = new ModPEchelon(F, 2);
    e.addRow([1, 0]);
    e.addRow([0, 1]);
    let reads = 0;
    const watched = new Proxy([5, 7], { get: (target, key, receiver) => (reads++, Reflect.get(target, key, receiver)) });
    expect(e.addRow(watched)).toBe(false);
    expect(e.addRow([1, 2, 3])).toBe(false); // not even its length is checked
    expect(reads).toBe(0);
    expect(e.rowsSeen).toBe(4);
    expect(e.pivotRows()).toEqual([0, 1]);
  });

  it("a Vandermonde matrix with distinct nodes is full rank and stays full", () => {
    const p = 67108859; // largest prime below 2^26
    const G = primeField(p);
    const n = 40;
    const e = new ModPEchelon(G, n);
    for (let i = 0; i < n + 5; i++) {
      const x = 1000 + 7 * i;
      const row: number[] = [];
      let pow = 1;
      for (let k = 0; k < n; k++) {
        row.push(pow);
        pow = G.mul(pow, x);
      }
      expect(e.addRow(row)).toBe(i < n);
    }
    expect(e.rank).toBe(n);
    expect(e.isFull()).toBe(true);
    expect(e.rowsSeen).toBe(n + 5);
    expect(e.nullSpace()).toEqual([]);
    expect(e.pivotRows()).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it("finds the rank of a product A·B of known rank over a large prime", () => {
    const p = 67108859;
    const G = primeField(p);
    const rng = new Rng(7);
    const [m, r, n] = [120, 37, 60];
    const rand = (): number => rng.int(0, p - 1);
    const A = Array.from({ length: m }, () => Array.from({ length: r }, rand));
    const B = Array.from({ length: r }, () => Array.from({ length: n }, rand));
    const rows = A.map((a) =>
      Array.from({ length: n }, (_, k) => a.reduce((s, x, t) => G.add(s, G.mul(x, B[t]![k]!)), 0)),
    );
    const e = new ModPEchelon(G, n);
    for (const row of rows) e.addRow(row);
    expect(e.rank).toBe(r);
    const ns = e.nullSpace();
    expect(ns.length).toBe(n - r);
    for (const v of ns) for (const row of rows) expect(dot(row, v, p)).toBe(0);
  });
});
