/**
 * `npm run bench:scale`: the targets of issue 14, each the whole command
 * (`node bin/maskid.mjs check …`, the built dist/) in a fresh process under
 * /usr/bin/time, the median of 3 runs for the small cases, with the baseline kernel timed
 * before and after in the same command (the machine is shared: ratios travel, seconds do
 * not). `-- --long` adds `x1 -> x2` at (30, 100), rank-deficient: its exact trial stops at
 * W1's bound n − 870 (a couple of minutes).
 * MASKID_BIN=/other/checkout/bin/maskid.mjs times another build the same way (before/after).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { baseline } from "./baseline.ts";

const BIN = process.env.MASKID_BIN ?? fileURLToPath(new URL("../bin/maskid.mjs", import.meta.url));
const PAIRWISE = "x1 -> x2; x1 -> x3; x2 -> x1; x2 -> x3; x3 -> x1; x3 -> x2";
interface Case {
  readonly k: number;
  readonly d: number;
  readonly task: string;
  readonly runs: number;
}
const cases: Case[] = [
  { k: 8, d: 16, task: "x2 -> x1 ⊗ x3", runs: 3 },
  { k: 8, d: 16, task: PAIRWISE, runs: 3 },
  { k: 16, d: 32, task: "x2 -> x1 ⊗ x3", runs: 3 },
  { k: 32, d: 64, task: "x2 -> x1 ⊗ x3", runs: 1 },
  { k: 30, d: 100, task: "x2 -> x1 ⊗ x3", runs: 1 },
  ...(process.argv.includes("--long") ? [{ k: 30, d: 100, task: "x1 -> x2", runs: 1 }] : []),
];

function run(c: Case): { seconds: number; peakMiB: number; verdict: string; exact: string } {
  const args = ["-f", "%e %M", process.execPath, BIN, "check", "--model", "hmm", "--states", String(c.k), "--symbols", String(c.d), "--task", c.task, "--json"];
  const out = spawnSync("/usr/bin/time", args, { encoding: "utf8", maxBuffer: 1 << 30 });
  const [seconds, kb] = out.stderr.trim().split("\n").pop()!.split(" ").map(Number);
  if (out.status !== 0) return { seconds, peakMiB: kb / 1024, verdict: `exit ${out.status}: ${out.stderr.split("\n")[0]}`, exact: "" };
  const r = JSON.parse(out.stdout);
  const e = r.evidence.exact[0];
  const exact = e ? `${e.rank}/${e.columns} mod p, ${e.rowsSeen} of ${e.rows} rows${e.sample ? ` (${e.sample.rows} drawn${e.streamed ? ", then all" : ""})` : ""}` : "";
  const proof = r.proof === "exact rank mod p meets a family's bound" ? ` (proof: ≤ n − ${r.evidence.rankUpperBound.dimension} by ${r.evidence.rankUpperBound.family})` : "";
  return { seconds, peakMiB: kb / 1024, verdict: `${r.verdict}${r.rank === null ? "" : `, rank ${r.rank}`}${proof}`, exact };
}

const before = [baseline(), baseline(), baseline()].sort((a, b) => a - b)[1]!;
const lines: string[] = [];
for (const c of cases) {
  const runs = Array.from({ length: c.runs }, () => run(c)).sort((a, b) => a.seconds - b.seconds);
  const r = runs[Math.floor(runs.length / 2)]!;
  const task = c.task === PAIRWISE ? "six pairwise" : c.task;
  lines.push(`| ${c.k} | ${c.d} | ${task} | ${r.verdict} | ${r.exact} | ${r.seconds.toFixed(2)} | ${(r.seconds / before).toFixed(1)} | ${r.peakMiB.toFixed(0)} |`);
  process.stderr.write(`${lines[lines.length - 1]}\n`);
}
const after = [baseline(), baseline(), baseline()].sort((a, b) => a - b)[1]!;
console.log(`Node ${process.version}; baseline kernel (400×400 float matmul): ${before.toFixed(3)} s before, ${after.toFixed(3)} s after`);
console.log("");
console.log("| k | d | task | verdict | exact certificate | seconds (whole command) | × baseline | peak RSS (MiB) |");
console.log("|---|---|---|---|---|---|---|---|");
for (const l of lines) console.log(l);
