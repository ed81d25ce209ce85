import { formatSeconds } from "../base/budget.ts";
import { formatTally } from "../map/record.ts";
import type { Progress } from "../recover/sample.ts";

/** One line on stderr, redrawn in place, only when stderr is a terminal. */
export function progressBar(): { update: Progress | undefined; done: () => void } {
  if (!process.stderr.isTTY) return { update: undefined, done: () => {} };
  const width = 30;
  let shown = -1;
  return {
    update: (done, total) => {
      const percent = Math.floor((100 * done) / total);
      if (percent === shown) return;
      shown = percent;
      const filled = Math.round((width * done) / total);
      process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(percent).padStart(3)}%  ${done}/${total} sequences`);
    },
    done: () => {
      if (shown >= 0) process.stderr.write("\r\x1b[K");
    },
  };
}

/**
 * The map's status line on stderr, redrawn in place, only when stderr is a terminal: cells
 * done, verdict counts, and an ETA from the estimated cost of what is left (cells run
 * cheap-first, so a count-based ETA would be far too hopeful).
 */
export function mapProgress(total: number, totalCost: number): { update: (counts: Readonly<Record<string, number>>, done: number, doneCost: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  const started = Date.now();
  let last = 0;
  let shown = false;
  return {
    update: (counts, done, doneCost) => {
      const now = Date.now();
      if (now - last < 200 && done < total) return;
      last = now;
      shown = true;
      const elapsed = (now - started) / 1000;
      const eta = doneCost > 0 ? Math.max(0, (elapsed * (totalCost - doneCost)) / doneCost) : NaN;
      const tally = formatTally(counts);
      process.stderr.write(`\r\x1b[K${done}/${total} cells${tally ? ` (${tally})` : ""}${Number.isFinite(eta) && done < total ? `, ETA ${formatSeconds(eta)}` : ""}`);
    },
    done: () => {
      if (shown) process.stderr.write("\r\x1b[K");
    },
  };
}
