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
