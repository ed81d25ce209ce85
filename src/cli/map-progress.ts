import { formatSeconds } from "../base/budget.ts";
import { formatTally } from "../map/record.ts";
import { statusLine } from "./status-line.ts";

/**
 * The map's status line (terminal only, never with --json): cells done, verdict counts, and
 * an ETA from the estimated cost of what is left (cells run cheap-first, so a count-based
 * ETA would be far too hopeful).
 */
export function mapProgress(
  total: number,
  totalCost: number,
  json = false,
): { update: (counts: Readonly<Record<string, number>>, done: number, doneCost: number) => void; done: () => void } {
  const line = statusLine({ json });
  const started = Date.now();
  return {
    update: (counts, done, doneCost) => {
      if (!line.onProgress) return;
      const elapsed = (Date.now() - started) / 1000;
      const eta = doneCost > 0 ? Math.max(0, (elapsed * (totalCost - doneCost)) / doneCost) : NaN;
      const tally = formatTally(counts);
      const etaText = Number.isFinite(eta) && done < total ? `, ETA ${formatSeconds(eta)}` : "";
      line.onProgress({ phase: `${done}/${total} cells${tally ? ` (${tally})` : ""}${etaText}` });
    },
    done: () => line.done(),
  };
}
