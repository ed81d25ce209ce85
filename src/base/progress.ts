/**
 * What a long computation is doing, reported while it runs so that a front end can show
 * a status line: a phase in words ("float point", "multistart") with, when it counts
 * something, how far it got ("2 of 3"). Loops report once per unit of work (a row, an
 * iteration), so a repeated event is also a sign of life; listeners throttle.
 */
export interface ProgressEvent {
  readonly phase: string;
  readonly done?: number;
  readonly total?: number;
}

export type OnProgress = (event: ProgressEvent) => void;

/** `float point 2/3`, `claim 7/13: w1, size 3/5 · multistart 4/5`. */
export function progressText(event: ProgressEvent): string {
  return event.done === undefined ? event.phase : `${event.phase} ${event.done}${event.total === undefined ? "" : `/${event.total}`}`;
}

/** A listener for a sub-computation: its events are shown under `heading` (`claim 7/13: w1 · float point 2/3`). */
export function progressUnder(onProgress: OnProgress | undefined, heading: string): OnProgress | undefined {
  return onProgress && ((event) => onProgress({ phase: `${heading} · ${progressText(event)}` }));
}

/**
 * Reports the start of one phase (`multistart 4/5`) and returns the heartbeat its inner
 * loop calls once a unit of work, repeating that event; undefined when nobody listens.
 */
export function progressStep(onProgress: OnProgress | undefined, phase: string, done?: number, total?: number): (() => void) | undefined {
  if (!onProgress) return undefined;
  const event = { phase, done, total };
  onProgress(event);
  return () => onProgress(event);
}
