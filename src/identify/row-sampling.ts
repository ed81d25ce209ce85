import type { Deadline } from "../base/budget.ts";
import type { Rng } from "../base/random.ts";
import type { ModPEchelon } from "../linalg/modp-echelon.ts";

/** How the rows reaching an echelon were chosen. */
export interface RowSampling {
  /** Rows drawn uniformly at random without replacement, and the seed of that draw. */
  readonly sampled: number;
  readonly seed: number;
  /** True when the draw stalled below full rank and every other row was then reduced in index order. */
  readonly streamed: boolean;
}

/**
 * Draws without a rank increase after which the sample counts as stalled. A stall costs
 * nothing extra: drawn rows are never read again, so a rank-deficient summary still reads
 * each row once.
 */
export function stallAfter(columns: number): number {
  return Math.max(64, columns);
}

/**
 * Feeds rows of an m-row matrix to `echelon`: first a uniform random sample (a lazy
 * Fisher–Yates shuffle, memory proportional to the rows drawn) until the rank is full, a
 * stall, or every row is drawn; then, if still short of full rank, every row not drawn, in
 * index order. Stops at rank `enough` (full rank unless a smaller rank is already known to
 * be the most there is: docs/math.md §6.5) or when `deadline` passes. The rows seen are
 * exactly those fed, so the echelon's rank is the exact rank of the rows read, and of all
 * m when nothing stopped it early.
 */
export function reduceSampledRows(
  rows: number,
  row: (i: number) => ArrayLike<number>,
  echelon: ModPEchelon,
  rng: Rng,
  deadline?: Deadline,
  tick?: () => void,
  enough: number = echelon.columns,
): RowSampling {
  const drawn = new LazyPermutation(rows, rng);
  const patience = stallAfter(echelon.columns);
  const done = () => echelon.rank >= enough;
  let idle = 0;
  while (!done() && drawn.count < rows && idle < patience) {
    if (deadline?.passed()) return { sampled: drawn.count, seed: rng.seed, streamed: false };
    tick?.();
    idle = echelon.addRow(row(drawn.next())) ? 0 : idle + 1;
  }
  const sampled = drawn.count;
  if (done() || sampled === rows) return { sampled, seed: rng.seed, streamed: false };
  for (let i = 0; i < rows && !done(); i++) {
    if (deadline?.passed()) break;
    tick?.();
    if (!drawn.has(i)) echelon.addRow(row(i));
  }
  return { sampled, seed: rng.seed, streamed: true };
}

/** Distinct uniform draws from 0..size−1: Fisher–Yates, holding only the swapped slots. */
export class LazyPermutation {
  private readonly swapped = new Map<number, number>();
  private readonly taken = new Set<number>();
  constructor(
    private readonly size: number,
    private readonly rng: Rng,
  ) {}

  get count(): number {
    return this.taken.size;
  }

  next(): number {
    const i = this.taken.size;
    if (i >= this.size) throw new RangeError(`all ${this.size} items drawn`);
    const j = this.rng.int(i, this.size - 1);
    const at = (x: number) => this.swapped.get(x) ?? x;
    const value = at(j);
    this.swapped.set(j, at(i));
    this.swapped.delete(i);
    this.taken.add(value);
    return value;
  }

  has(x: number): boolean {
    return this.taken.has(x);
  }
}
