import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { captureOutput } from "../helpers/capture-output.ts";

const output = captureOutput();
const tmp = mkdtempSync(join(tmpdir(), "maskid-map-progress-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function withTerminal(run: () => Promise<number>): Promise<number> {
  const descriptor = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
  Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
  try {
    return await run();
  } finally {
    if (descriptor) Object.defineProperty(process.stderr, "isTTY", descriptor);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

describe("maskid map progress", () => {
  const spec = join(tmp, "spec.json");
  writeFileSync(spec, JSON.stringify({ name: "p", models: ["hmm"], sizes: { states: [2, 3], symbols: [2, 3] }, taskSets: [{ tasks: "x1 -> x2" }] }));

  it("draws one self-erasing line on a terminal: cells done, verdict counts, ETA", async () => {
    // The line appears only once the process has run 0.4 s (no flicker for quick commands);
    // this map can finish sooner than that in a freshly started test process.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 500 - performance.now())));
    expect(await withTerminal(() => main(["map", spec, "--out", join(tmp, "a.jsonl"), "--workers", "1"]))).toBe(0);
    expect(output.err).toMatch(/^\rmaskid: [\d.]+ s · \d\/4 cells \(\d+ not identifiable\)(, ETA [\d.]+ s)?\x1b\[K/);
    expect(output.err).toContain("4/4 cells (4 not identifiable)");
    expect(output.err.endsWith("\r\x1b[K")).toBe(true);
    expect(output.err).not.toContain("\n");
  });

  it("writes nothing on stderr when it is not a terminal", async () => {
    expect(await main(["map", spec, "--out", join(tmp, "b.jsonl"), "--workers", "1"])).toBe(0);
    expect(output.err).toBe("");
    expect(output.out).toMatch(/^map "p", 4 cells: 4 run now, 0 already in /);
  });
});
