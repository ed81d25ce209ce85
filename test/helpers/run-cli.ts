import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/maskid.mjs", import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `maskid ARGS` as a user does: a separate node process, its exit code and both streams. */
export function runCli(args: readonly string[], options: { input?: string; cwd?: string; timeoutMs?: number; env?: Record<string, string> } = {}): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: options.input,
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 120_000,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
