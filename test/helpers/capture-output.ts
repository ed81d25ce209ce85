import { afterEach, beforeEach, vi } from "vitest";

/**
 * Captures what the CLI writes to stdout and stderr during each test of the calling file
 * (for in-process runs of main()); read `output.out` and `output.err`, reset before each test.
 */
export function captureOutput(): { out: string; err: string } {
  const output = { out: "", err: "" };
  beforeEach(() => {
    output.out = "";
    output.err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((output.out += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((output.err += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  return output;
}
