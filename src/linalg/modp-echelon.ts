import type { PrimeField } from "../field/prime.ts";

/**
 * Exact rank over F_p by incremental row reduction: feed Jacobian rows one at a time and
 * stop as soon as the rank is full.
 *
 * Guarantees (p < 2^26, enforced by `PrimeField`): every operation is exact, so `rank` is
 * the exact rank mod p of the rows added so far, `nullSpace()` is an exact basis of their
 * right kernel and `inRowSpace` is an exact membership test.
 *
 * Representation: a row-echelon basis with one row per pivot column. Each basis row is
 * normalised to 1 at its pivot and is zero left of it ("semi-reduced": entries right of the
 * pivot, including at later pivot columns, may be non-zero). Reducing a vector against the
 * basis in increasing pivot-column order therefore never re-fills a column already cleared.
 */
export class ModPEchelon {
  private readonly p: number;
  /** Basis rows, in insertion order. */
  private readonly basis: Float64Array[] = [];
  /** pivotSlot[c] = index into `basis` of the row whose pivot is column c, or -1. */
  private readonly pivotSlot: Int32Array;
  private readonly raisingRows: number[] = [];
  private seen = 0;

  constructor(
    private readonly field: PrimeField,
    readonly columns: number,
  ) {
    if (!Number.isInteger(columns) || columns < 0) {
      throw new RangeError(`ModPEchelon: columns must be a non-negative integer, got ${columns}`);
    }
    this.p = field.p;
    this.pivotSlot = new Int32Array(columns).fill(-1);
  }

  /** Rank mod p of all rows added so far. */
  get rank(): number {
    return this.basis.length;
  }

  /** Number of addRow calls so far (including rows that did not raise the rank). */
  get rowsSeen(): number {
    return this.seen;
  }

  /** True when the rank equals the number of columns; later rows can no longer change it. */
  isFull(): boolean {
    return this.basis.length === this.columns;
  }

  /**
   * Adds one row (integers; reduced mod p, so any integer of magnitude < 2^53 is accepted).
   * Returns true iff the rank grew. Once full rank is reached, rows are only counted.
   */
  addRow(row: ArrayLike<number>): boolean {
    const index = this.seen++;
    if (this.isFull()) return false;
    const v = this.load(row);
    const lead = this.reduce(v, true);
    if (lead < 0) return false;
    // Normalise so the pivot is 1; entries left of `lead` are already 0.
    const p = this.p;
    const inv = this.field.inverse(v[lead]!);
    v[lead] = 1;
    const n = this.columns;
    for (let k = lead + 1; k < n; k++) {
      const x = v[k]!;
      if (x !== 0) {
        const y = x * inv;
        v[k] = y - Math.floor(y / p) * p;
      }
    }
    this.pivotSlot[lead] = this.basis.length;
    this.basis.push(v);
    this.raisingRows.push(index);
    return true;
  }

  /**
   * An independent echelon holding the same rows: a search over sets of row blocks extends
   * one partial reduction in several ways without reducing the shared rows again.
   */
  copy(): ModPEchelon {
    const out = new ModPEchelon(this.field, this.columns);
    for (const row of this.basis) out.basis.push(Float64Array.from(row));
    out.pivotSlot.set(this.pivotSlot);
    out.raisingRows.push(...this.raisingRows);
    out.seen = this.seen;
    return out;
  }

  /** 0-based addRow indices of the rows that raised the rank, in the order they were added. */
  pivotRows(): number[] {
    return this.raisingRows.slice();
  }

  /** The pivot columns, ascending: the columns of the reduced echelon form that are not free. */
  pivotColumns(): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.columns; c++) if (this.pivotSlot[c]! >= 0) out.push(c);
    return out;
  }

  /** True iff `vector` (integers, reduced mod p) lies in the span of the rows added so far. */
  inRowSpace(vector: ArrayLike<number>): boolean {
    return this.reduce(this.load(vector), false) < 0;
  }

  /**
   * A basis of { v : r·v ≡ 0 (mod p) for every added row r }: exactly `columns - rank`
   * vectors of residues in [0, p). Vector i has a 1 in the i-th non-pivot column and 0 in
   * every other non-pivot column.
   */
  nullSpace(): number[][] {
    const n = this.columns;
    const p = this.p;
    // Back-substitute to reduced row echelon form on copies, last pivot column first, so
    // each row only needs clearing against rows that are already fully reduced.
    const pivots = this.pivotColumns();
    const rref = new Map<number, Float64Array>();
    for (let i = pivots.length - 1; i >= 0; i--) {
      const c = pivots[i]!;
      const r = Float64Array.from(this.basis[this.pivotSlot[c]!]!);
      for (let j = i + 1; j < pivots.length; j++) {
        const d = pivots[j]!;
        const f = r[d]!;
        if (f === 0) continue;
        const below = rref.get(d)!;
        const g = p - f;
        for (let k = d; k < n; k++) {
          const b = below[k]!;
          if (b !== 0) {
            const y = r[k]! + g * b;
            r[k] = y - Math.floor(y / p) * p;
          }
        }
      }
      rref.set(c, r);
    }
    const result: number[][] = [];
    for (let free = 0; free < n; free++) {
      if (this.pivotSlot[free]! >= 0) continue;
      const v = new Array<number>(n).fill(0);
      v[free] = 1;
      for (const c of pivots) {
        const x = rref.get(c)![free]!;
        v[c] = x === 0 ? 0 : p - x;
      }
      result.push(v);
    }
    return result;
  }

  /** Copies `row` into a fresh buffer of residues, checking its length and integrality. */
  private load(row: ArrayLike<number>): Float64Array {
    const n = this.columns;
    if (row.length !== n) {
      throw new RangeError(`ModPEchelon: row has length ${row.length}, expected ${n}`);
    }
    const p = this.p;
    const v = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const x = row[k]!;
      if (x >= 0 && x < p && Number.isInteger(x)) {
        v[k] = x;
      } else if (Number.isSafeInteger(x)) {
        v[k] = x - Math.floor(x / p) * p;
      } else {
        throw new RangeError(`ModPEchelon: entry ${k} = ${x} is not a safe integer`);
      }
    }
    return v;
  }

  /**
   * Eliminates `v` (in place) against the basis in increasing pivot order. Returns the first
   * column left non-zero at a non-pivot position, or -1 when `v` reduces to zero. With
   * `stopAtLead` it stops there: a vector that is zero left of a fresh pivot column is
   * already a valid echelon row, and skipping the rest saves work.
   */
  private reduce(v: Float64Array, stopAtLead: boolean): number {
    const n = this.columns;
    const p = this.p;
    const slot = this.pivotSlot;
    const basis = this.basis;
    let lead = -1;
    for (let c = 0; c < n; c++) {
      const f = v[c]!;
      if (f === 0) continue;
      const s = slot[c]!;
      if (s < 0) {
        if (lead < 0) {
          lead = c;
          if (stopAtLead) return lead;
        }
        continue;
      }
      // v -= f·b, computed as v + (p - f)·b so that every intermediate is in [0, p^2),
      // exact because p^2 < 2^52.
      const b = basis[s]!;
      const g = p - f;
      v[c] = 0;
      for (let k = c + 1; k < n; k++) {
        const y = v[k]! + g * b[k]!;
        v[k] = y - Math.floor(y / p) * p;
      }
    }
    return lead;
  }
}
