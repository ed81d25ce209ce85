import { type OnProgress, type ProgressEvent, progressText } from "../base/progress.ts";

/** Nothing is drawn before the process has run this long, so a quick command leaves no flicker. */
const FIRST_DRAW_MS = 400;
/**
 * A repeated event (a heartbeat from a loop, once a row or an iteration) redraws at most this
 * often, only to update the time. A new phase draws at once: it may send no other event.
 */
const REDRAW_MS = 100;
/** The width assumed when the terminal does not say (a pseudo-terminal without a size). */
const DEFAULT_COLUMNS = 80;

export interface StatusLine {
  /** The listener to hand to the library; undefined when no line is drawn. */
  readonly onProgress: OnProgress | undefined;
  /** Erases the line before other output reaches the terminal; the next event redraws it. */
  clear(): void;
  /** Erases the line for good. */
  done(): void;
}

const SILENT: StatusLine = { onProgress: undefined, clear: () => {}, done: () => {} };

export interface StatusLineOptions {
  readonly json?: boolean;
  /** Standard error unless a test gives another. */
  readonly stream?: Pick<NodeJS.WriteStream, "isTTY" | "columns" | "write">;
  /** Milliseconds since maskid started (a test gives its own clock). */
  readonly now?: () => number;
}

/**
 * One line on standard error, `maskid: 12.3 s · float point 2/3` (seconds since maskid
 * started), redrawn in place from the library's progress events. Only on a terminal and
 * never with --json, so neither a pipe, a log file nor JSON output ever holds it. The work
 * is synchronous, so a timer could not fire while it runs: the events themselves (once a
 * row or an iteration) drive the redraw.
 */
export function statusLine(options: StatusLineOptions = {}): StatusLine {
  const stream = options.stream ?? process.stderr;
  const clock = options.now ?? (() => performance.now());
  if (options.json || !stream.isTTY) return SILENT;
  let drawnAt = -Infinity;
  let drawnText = "";
  let shown = false;
  const clear = () => {
    if (shown) stream.write("\r\x1b[K");
    shown = false;
  };
  return {
    onProgress: (event: ProgressEvent) => {
      const now = clock();
      const text = progressText(event);
      if (now < FIRST_DRAW_MS || (text === drawnText && now - drawnAt < REDRAW_MS)) return;
      drawnAt = now;
      drawnText = text;
      const head = `maskid: ${elapsed(now / 1000)} · `;
      // One column short of the width: a full last column makes some terminals wrap.
      stream.write(`\r${head}${fit(text, (stream.columns || DEFAULT_COLUMNS) - 1 - head.length)}\x1b[K`);
      shown = true;
    },
    clear,
    done: clear,
  };
}

/** 4.2 s, 1 min 05 s. */
function elapsed(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.floor(seconds % 60)).padStart(2, "0")} s`;
}

/** The text within `width` (≥ 1) characters, its middle cut out: the start says what runs, the end how far it got. */
function fit(text: string, columns: number): string {
  const width = Math.max(1, columns);
  const chars = [...text];
  if (chars.length <= width) return text;
  const head = Math.ceil((width - 1) / 2);
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - (width - 1 - head)).join("")}`;
}
