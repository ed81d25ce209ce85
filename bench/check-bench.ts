// Times `maskid check` (hmm, stationary, x2 -> x1 ⊗ x3) at growing sizes, each in a fresh
// process, and reports seconds both absolute and as a ratio to a fixed float kernel timed
// in the same command (the machines are shared; ratios travel better than seconds).
// Usage: npm run bench [-- K,D K,D …]
import { execFileSync } from "node:child_process";
import { baseline } from "./baseline.ts";

const TASK = "x2 -> x1 ⊗ x3";
const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ["4,8", "8,16", "16,32"]).map((s) => s.split(",").map(Number));

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
