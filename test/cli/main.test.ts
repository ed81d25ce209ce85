import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/base/errors.ts";
import { main, reportError } from "../../src/cli/main.ts";
import { UsageError } from "../../src/cli/usage.ts";

// A command that fails with a bug, to see main's handling end to end.
vi.mock("../../src/cli/prove.ts", () => ({
  runProveCommand: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'rank')");
  },
}));

let err = "";
beforeEach(() => {
  err = "";
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe("reportError", () => {
  it("prints a known input error as one line, exit 2", () => {
    expect(reportError(new InputError("--states must be a whole number ≥ 1, got \"0\""), {})).toBe(2);
    expect(err).toBe('maskid: error: --states must be a whole number ≥ 1, got "0"\n');
    err = "";
    expect(reportError(new UsageError("--states is given twice"), {})).toBe(2);
    expect(err).toBe('maskid: error: --states is given twice\nRun "maskid help" for usage.\n');
  });

  it("reports anything else as an internal error asking for a report, exit 1, without a stack trace", () => {
    expect(reportError(new RangeError("Invalid array length\n  more"), {})).toBe(1);
    const lines = err.trimEnd().split("\n");
    expect(lines).toEqual([
      "maskid: internal error: RangeError: Invalid array length more",
      "This is a bug in maskid; please report it with the command line you ran (MASKID_DEBUG=1 prints where it happened).",
    ]);
    err = "";
    expect(reportError("a thrown string", {})).toBe(1);
    expect(err).toMatch(/^maskid: internal error: a thrown string\n/);
  });

  it("adds the stack trace when MASKID_DEBUG=1", () => {
    expect(reportError(new Error("boom"), { MASKID_DEBUG: "1" })).toBe(1);
    expect(err).toMatch(/^maskid: internal error: Error: boom\nThis is a bug in maskid; please report it with the command line you ran\.\nError: boom\n\s+at /);
  });
});

describe("main", () => {
  it("turns a bug in a command into the internal-error report, exit 1", async () => {
    const debug = process.env.MASKID_DEBUG;
    delete process.env.MASKID_DEBUG;
    try {
      expect(await main(["prove"])).toBe(1);
    } finally {
      if (debug !== undefined) process.env.MASKID_DEBUG = debug;
    }
    expect(err).toMatch(/^maskid: internal error: TypeError: Cannot read properties of undefined \(reading 'rank'\)\nThis is a bug in maskid; please report it/);
    expect(err).not.toMatch(/^\s+at /m);
  });
});
