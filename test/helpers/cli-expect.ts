import { expect } from "vitest";
import type { CliRun } from "./run-cli.ts";

const USAGE_HINT = 'Run "maskid help" for usage.';

/**
 * Bad input, as a user sees it: exit 2, nothing on stdout, and one error line on stderr
 * matching `message` (a usage error adds only the pointer to `maskid help`), no stack trace.
 */
export function expectBadInput(run: CliRun, message: RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const [line, ...rest] = run.stderr.trimEnd().split("\n");
  expect(line).toMatch(/^maskid: error: /);
  expect(line).toMatch(message);
  expect(rest.filter((l) => l !== USAGE_HINT)).toEqual([]);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

/** A run that finished with `status` and wrote nothing on stderr. */
export function expectClean(run: CliRun, status: number): void {
  expect(run.stderr).toBe("");
  expect(run.status).toBe(status);
}
