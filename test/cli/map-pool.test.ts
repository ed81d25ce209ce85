import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runPool } from "../../src/cli/map-pool.ts";

const tmp = mkdtempSync(join(tmpdir(), "maskid-pool-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A worker that doubles numbers, throws on "crash" and exits on "exit". */
const script = join(tmp, "worker.mjs");
writeFileSync(
  script,
  `import { parentPort } from "node:worker_threads";
parentPort.on("message", (job) => {
  if (job === "crash") throw new Error("boom");
  if (job === "exit") process.exit(3);
  parentPort.postMessage(job * 2);
});
`,
);

describe("the worker pool", () => {
  it("runs every job once, and a worker that dies gives its job's failure and is replaced", async () => {
    const results = new Map<unknown, unknown>();
    const jobs = [1, "crash", 2, "exit", 3, 4, 5];
    await runPool<unknown, unknown>(jobs, 2, script, (job, result) => {
      expect(results.has(job)).toBe(false);
      results.set(job, result);
    }, (_job, e) => `died: ${e.message}`);
    expect(Object.fromEntries(results)).toEqual({ 1: 2, 2: 4, 3: 6, 4: 8, 5: 10, crash: "died: boom", exit: "died: the worker thread stopped (exit code 3)" });
  });

  it("finishes at once with no jobs, and uses no more workers than jobs", async () => {
    await runPool([], 4, script, () => expect.unreachable(), () => 0);
    const seen: unknown[] = [];
    await runPool([7], 8, script, (_j, r) => seen.push(r), () => 0);
    expect(seen).toEqual([14]);
  });

  it("stops and rejects when recording a result fails (a full disk)", async () => {
    await expect(runPool([1, 2, 3], 1, script, () => {
      throw new Error("no space left on device (ENOSPC)");
    }, () => 0)).rejects.toThrow(/ENOSPC/);
  });
});
