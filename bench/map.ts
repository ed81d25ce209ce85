/**
 * `npm run bench:map`: a 560-cell map (bench/map-bench.json: hmm and ghmm, stationary and
 * free, k ≤ 6, d ≤ 8, four task sets) through the built CLI, on one worker and then on
 * every core (or `npm run bench:map -- N` workers), in the same run; prints cells per
 * second, the speed-up, and the load average (the machine may be shared), and checks that
 * both runs wrote the same lines.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/maskid.mjs", import.meta.url));
const SPEC = fileURLToPath(new URL("./map-bench.json", import.meta.url));
const many = Number(process.argv[2] ?? availableParallelism());
const dir = mkdtempSync(join(tmpdir(), "maskid-bench-map-"));

function run(workers: number): { seconds: number; lines: string[] } {
  const out = join(dir, `w${workers}.jsonl`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, "map", SPEC, "--out", out, "--workers", String(workers)], { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`maskid map exited ${r.status}: ${r.stderr}`);
  return { seconds, lines: readFileSync(out, "utf8").trimEnd().split("\n").sort() };
}

try {
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  const one = run(1);
  const all = run(many);
  if (one.lines.join("\n") !== all.lines.join("\n")) throw new Error("the two runs wrote different lines");
  const cells = one.lines.length;
  console.log(`${cells} cells, Node ${process.version}, ${availableParallelism()} cores; load average before: ${load}, after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`1 worker    ${one.seconds.toFixed(1)} s   ${(cells / one.seconds).toFixed(1)} cells/s`);
  console.log(`${many} workers   ${all.seconds.toFixed(1)} s   ${(cells / all.seconds).toFixed(1)} cells/s   speed-up ×${(one.seconds / all.seconds).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
