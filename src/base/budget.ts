/**
 * A wall-clock budget for one computation. Long loops call `passed()` between units of
 * work (rows, points, steps, starts, claims) and stop there; the work already done stays
 * in the result. `Deadline.none()` never passes.
 */
export class Deadline {
  private readonly end: number;

  /** `seconds` from now; undefined or Infinity means no limit. */
  constructor(readonly seconds: number = Infinity) {
    this.end = performance.now() + seconds * 1000;
  }

  static none(): Deadline {
    return new Deadline(Infinity);
  }

  passed(): boolean {
    return this.seconds !== Infinity && performance.now() >= this.end;
  }

  /** Seconds left (0 once passed; Infinity without a limit). */
  remaining(): number {
    return this.seconds === Infinity ? Infinity : Math.max(0, (this.end - performance.now()) / 1000);
  }

  /** `time budget reached (12 s)`: the reason a stopped computation reports. */
  get reason(): string {
    return `time budget reached (${formatSeconds(this.seconds)})`;
  }

  /** Throws TimeBudgetReached when passed: for loops that cannot return partial work themselves. */
  check(): void {
    if (this.passed()) throw new TimeBudgetReached(this);
  }
}

/** Thrown from inside a unit of work that ran past its deadline; callers keep what they had. */
export class TimeBudgetReached extends Error {
  override readonly name = "TimeBudgetReached";
  constructor(readonly deadline: Deadline) {
    super(deadline.reason);
  }
}

/** 0.2 s, 12 s, 600 s: whole seconds from 10 on. */
export function formatSeconds(seconds: number): string {
  if (seconds === Infinity) return "no limit";
  return `${seconds >= 10 ? seconds.toFixed(0) : Number(seconds.toPrecision(2))} s`;
}
