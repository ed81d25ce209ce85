import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/maskid.mjs", import.meta.url));

/** Whether util-linux `script` can give a command a pseudo-terminal here. */
export const HAS_SCRIPT = spawnSync("script", ["-qfec", "true", "/dev/null"]).status === 0;

export interface TerminalRun {
  readonly status: number | null;
  /** What the terminal showed: standard error only (standard output went to a file). */
  readonly terminal: string;
  readonly stdout: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `maskid ARGS` with standard error on a pseudo-terminal (util-linux `script`, 120
 * columns) and standard output into a file, as `maskid … > out` typed at a terminal.
 */
export function runInTerminal(args: readonly string[]): TerminalRun {
  const out = join(mkdtempSync(join(tmpdir(), "maskid-tty-")), "stdout");
  const command = `stty cols 120; ${[process.execPath, BIN, ...args].map(quote).join(" ")} > ${quote(out)}`;
  const run = spawnSync("script", ["-qfec", command, "/dev/null"], { encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
  return { status: run.status, terminal: run.stdout, stdout: readFileSync(out, "utf8") };
}
