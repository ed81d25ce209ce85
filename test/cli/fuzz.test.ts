import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureOutput } from "../helpers/capture-output.ts";
import { main } from "../../src/cli/main.ts";

/**
 * Random command lines, task strings and parameter files against the CLI, in process (a
 * spawned run costs half a second; main() is what bin/maskid.mjs calls). The law: exit
 * 0, 1 or 2; never an internal error or a stack trace; exit 2 always with a
 * `maskid: error:` line. Values for sizes stay small or malformed, so valid runs are
 * quick; huge sizes are the budget suite's concern.
 */
const output = captureOutput();

const dir = mkdtempSync(join(tmpdir(), "maskid-fuzz-"));
let files = 0;
const writeFile = (text: string) => {
  const path = join(dir, `p${files++}.json`);
  writeFileSync(path, text);
  return path;
};

const junk = fc.oneof(
  fc.constantFrom("", " ", "-", "--", "0x10", "1e400", "NaN", "Infinity", "-1", "1.5", "1_0", "☃", "x1", "null", "{}"),
  fc.string({ maxLength: 8 }),
);
const small = fc.oneof(fc.integer({ min: 0, max: 3 }).map(String), junk);
const position = fc.oneof(fc.integer({ min: 0, max: 5 }).map((n) => `x${n}`), fc.constantFrom("x", "x01", "x1000001", "y2", "x-1"));
const taskText = fc.oneof(
  fc.tuple(fc.array(position, { maxLength: 3 }), fc.array(position, { maxLength: 3 }), fc.constantFrom(" ⊗ ", " (x) ", " * ", ", ")).map(
    ([given, predict, times]) => `${given.join(", ")} -> ${predict.join(times)}`,
  ),
  fc.constantFrom("x1 -> x2", "x2 -> x1 ⊗ x3", "x1 -> x2; x1 -> x3", "x1, x2 -> x3", "->", "x1 ->", "x1 -> x1", ";;"),
  fc.string({ maxLength: 12 }),
);
const number = fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -2, max: 2 }), fc.constantFrom(0.5, 0.25, 1e-300, 1e300));
const matrix = fc.array(fc.array(number, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 });
const paramsText = fc.oneof(
  fc.record({ pi: fc.option(fc.array(number, { maxLength: 3 }), { nil: undefined }), T: matrix, O: fc.option(matrix, { nil: undefined }), M: fc.option(matrix, { nil: undefined }), sigma: fc.option(number, { nil: undefined }) }).map((p) => JSON.stringify(p)),
  fc.constantFrom('{"pi":[0.5,0.5],"T":[[0.5,0.5],[0.5,0.5]],"O":[[0.5,0.5],[0.5,0.5]]}', "[]", "", "{", '{"T": NaN}'),
  fc.string({ maxLength: 20 }),
);
const option = fc.oneof(
  fc.tuple(fc.constant("--model"), fc.oneof(fc.constantFrom("hmm", "ghmm"), junk)),
  fc.tuple(fc.constantFrom("--states", "--symbols", "--seed", "--starts"), small),
  fc.tuple(fc.constant("--init"), fc.oneof(fc.constantFrom("stationary", "free"), junk)),
  fc.tuple(fc.constant("--sigma"), fc.oneof(fc.constantFrom("1", "0.5", "1e-8", "1e8"), junk)),
  fc.tuple(fc.constant("--task"), taskText),
  fc.tuple(fc.constant("--params"), paramsText.map(writeFile)),
  fc.constantFrom(["--json"], ["--witness"], ["--symbolic"], ["--latex"], ["--bogus"], ["-x"], ["stray"]),
);
const noise = fc.tuple(fc.constantFrom("check", "predictor", "recover", "nonsense"), fc.array(option, { maxLength: 7 })).map(([command, options]) => [
  command,
  ...options.flat(),
]);

/** A stochastic matrix with positive entries, as rows (columns sum to 1). */
const stochastic = (rows: number, cols: number) =>
  fc.array(fc.integer({ min: 1, max: 9 }), { minLength: rows * cols, maxLength: rows * cols }).map((w) => {
    const m = Array.from({ length: rows }, (_, i) => w.slice(i * cols, (i + 1) * cols));
    const sums = Array.from({ length: cols }, (_, j) => m.reduce((s, row) => s + row[j], 0));
    return m.map((row) => row.map((x, j) => x / sums[j]));
  });

/** A valid small command line (check or predictor, maybe at a valid point), then up to two random options added. */
const nearlyValid = fc
  .record({
    command: fc.constantFrom("check", "predictor"),
    family: fc.constantFrom("hmm", "ghmm"),
    k: fc.integer({ min: 1, max: 3 }),
    d: fc.integer({ min: 2, max: 3 }),
    init: fc.constantFrom("stationary", "free"),
    task: fc.constantFrom("x1 -> x2", "x2 -> x1 ⊗ x3", "x1 -> x3; x1 -> x2", "x1, x2 -> x3", "x3 -> x1"),
    extra: fc.oneof(fc.constant([]), fc.array(option, { maxLength: 2 })),
    withPoint: fc.boolean(),
  })
  .chain((c) =>
    fc.tuple(fc.constant(c), c.withPoint ? fc.tuple(stochastic(c.k, c.k), stochastic(c.d, c.k), stochastic(c.k, 1)) : fc.constant(null)),
  )
  .map(([c, point]) => {
    const args = [c.command, "--model", c.family, "--states", String(c.k), "--symbols", String(c.d), "--init", c.init, "--task", c.task];
    if (point) {
      const [T, E, pi] = point;
      const file = c.family === "hmm" ? { T, O: E, pi: pi.map((r) => r[0]) } : { T, M: E.map((row) => row.map((x) => 4 * x - 1)), pi: pi.map((r) => r[0]) };
      if (c.init === "stationary") delete (file as { pi?: number[] }).pi;
      args.push("--params", writeFile(JSON.stringify(file)));
    }
    return [...args, ...c.extra.flat()];
  });

const argv = fc.oneof(noise, nearlyValid, nearlyValid);

describe("the CLI on random input", () => {
  const counts: Record<number, number> = {};
  it("exits 0, 1 or 2, never with an internal error or a stack trace", async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        output.out = "";
        output.err = "";
        const status = await main(args);
        expect([0, 1, 2]).toContain(status);
        expect(output.err).not.toMatch(/internal error/);
        expect(output.err).not.toMatch(/^\s+at /m);
        if (status === 2) expect(output.err).toMatch(/^maskid: error: /);
        if (status === 0 && args.includes("--json")) expect(() => JSON.parse(output.out)).not.toThrow();
        counts[status] = (counts[status] ?? 0) + 1;
      }),
      { numRuns: 250, seed: 20221128, interruptAfterTimeLimit: 60_000 },
    );
    // The generator must reach the computations, not only the validators.
    expect(counts[0] ?? 0).toBeGreaterThan(60);
    expect(counts[2] ?? 0).toBeGreaterThan(40);
  }, 120_000);
});
