// Times `maskid check` (hmm, stationary, x2 -> x1 ⊗ x3) at growing sizes, each in a fresh
// process, and reports seconds both absolute and as a ratio to a fixed float kernel timed
// in the same command (the machines are shared; ratios travel better than seconds).
// Usage: npm run bench [-- K,D K,D …]
import { execFileSync } from "node:child_process";

const TASK = "x2 -> x1 ⊗ x3";
const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ["4,8", "8,16", "16,32"]).map((s) => s.split(",").map(Number));

/** Baseline: a 400×400 dense float matrix product in plain JS (seconds). */
function baseline(): number {
  const n = 400;
  const a = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const b = Float64Array.from({ length: n * n }, (_, i) => Math.cos(i));
  const c = new Float64Array(n * n);
  const start = performance.now();
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  return (performance.now() - start) / 1000;
}

const base = [baseline(), baseline(), baseline()].sort((x, y) => x - y)[1];
const rows: string[] = [];
for (const [k, d] of sizes) {
  const out = execFileSync(process.execPath, ["bin/run-ts.mjs", "bench/check-one.ts", String(k), String(d), TASK], { encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").pop()!);
  rows.push(`| ${k} | ${d} | ${r.n} | ${r.verdict}, rank ${r.rank} | ${r.seconds.toFixed(2)} | ${(r.seconds / base).toFixed(0)} | ${r.peakRssMiB.toFixed(0)} |`);
  process.stderr.write(`k=${k} d=${d}: ${r.seconds.toFixed(2)} s\n`);
}
const after = baseline();
process.stdout.write(
  [
    `baseline kernel (400×400 float matmul): ${base.toFixed(3)} s before, ${after.toFixed(3)} s after`,
    "",
    "| k | d | n | verdict | seconds | × baseline | peak RSS (MiB) |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n") + "\n",
);
