import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";

/**
 * The worker script, always from the built dist/ (as bin/maskid.mjs runs it): a worker
 * thread cannot load TypeScript sources, and the sources under test build dist/ first.
 */
export function workerScript(): string {
  const root = dirname(createRequire(import.meta.url).resolve("maskid/package.json"));
  return join(root, "dist/src/cli/map-worker.js");
}

/**
 * Runs `jobs` in order on `size` worker threads, one job per worker at a time, calling
 * `done` on the main thread as each finishes (so that one thread writes the results file).
 * A worker that dies (out of memory, a crash) gives `died(job, error)` for its job and is
 * replaced; the other jobs go on.
 */
export function runPool<J, R>(jobs: readonly J[], size: number, script: string, done: (job: J, result: R) => void, died: (job: J, error: Error) => R): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let failed = false;
    const live = new Set<Worker>();
    const fail = (e: unknown) => {
      failed = true;
      for (const w of live) void w.terminate();
      reject(e);
    };
    const spawn = (): void => {
      const worker = new Worker(script);
      live.add(worker);
      let job: J | undefined;
      const feed = () => {
        if (failed || next >= jobs.length) {
          job = undefined;
          void worker.terminate();
          return;
        }
        job = jobs[next++];
        worker.postMessage(job);
      };
      const settle = (result: R) => {
        const finished = job!;
        job = undefined;
        try {
          done(finished, result);
        } catch (e) {
          fail(e);
        }
      };
      worker.on("message", (result: R) => {
        settle(result);
        feed();
      });
      worker.on("error", (e) => {
        if (job !== undefined) settle(died(job, e));
      });
      worker.on("exit", (code) => {
        live.delete(worker);
        if (job !== undefined) settle(died(job, new Error(`the worker thread stopped (exit code ${code})`)));
        if (failed) return;
        if (next < jobs.length) spawn();
        else if (live.size === 0) resolve();
      });
      feed();
    };
    if (jobs.length === 0) resolve();
    for (let i = 0; i < Math.min(Math.max(1, size), jobs.length); i++) spawn();
  });
}
