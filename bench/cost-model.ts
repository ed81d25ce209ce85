// Compares the cost model's estimates (src/analysis/cost-model.ts) with measurements:
// thirteen commands from small to large, each in a fresh process under /usr/bin/time -v (peak
// RSS, wall time), with the ratio measured / estimated, and seconds also as a multiple of
// a fixed float kernel timed in this command (the machines are shared).
// Usage: npm run bench:cost
import { execFileSync, spawnSync } from "node:child_process";
import { analysisCost, type CostEstimate, predictorCost, recoverCost } from "../src/analysis/cost-model.ts";
import type { ModelSpec } from "../src/model/spec.ts";
import { parseTaskSet } from "../src/task/parse.ts";
import { closedFormFor } from "../src/symbolic/closed-forms.ts";
import { CATALOGUE } from "../src/claims/catalogue.ts";
import { claimsEstimate } from "../src/claims/run-claims.ts";
import { validateClaims } from "../src/claims/validate-claims.ts";
import { baseline } from "./baseline.ts";

const hmm = (k: number, d: number): ModelSpec => ({ family: "hmm", states: k, symbols: d, init: "stationary", sigma: 1 });
const ghmm = (k: number, d: number): ModelSpec => ({ family: "ghmm", states: k, symbols: d, init: "stationary", sigma: 1 });
const model = (s: ModelSpec) => ["--model", s.family, "--states", String(s.states), "--symbols", String(s.symbols)];
const T = "x2 -> x1 ⊗ x3";

interface Case { label: string; args: string[]; estimate: CostEstimate }
const check = (s: ModelSpec, task: string, extra: string[] = [], plan = {}): Case => ({
  label: `check ${s.family} (${s.states}, ${s.symbols}) ${task} ${extra.join(" ")}`.trim(),
  args: ["check", ...model(s), "--task", task, ...extra],
  estimate: analysisCost(s, parseTaskSet(task), plan),
});
const CASES: Case[] = [
  check(hmm(4, 8), T),
  check(hmm(8, 16), T),
  check(hmm(12, 24), T),
  check(hmm(16, 32), T),
  check(hmm(40, 2), "x1 -> x2"),
  // Rows ≥ n, rank-deficient all the same (rank 150 of 240): the estimate assumes full rank.
  check(hmm(10, 16), "x1 -> x2"),
  check(ghmm(2, 100), T),
  check(hmm(3, 4), T, ["--global"], { globalStarts: 20 }),
  check(hmm(4, 10), "x1 -> x2", ["--witness"], { witness: true }),
  { label: `predictor --symbolic hmm (2, 3) ${T}`, args: ["predictor", ...model(hmm(2, 3)), "--task", T, "--symbolic"], estimate: predictorCost(hmm(2, 3), parseTaskSet(T)[0], true, closedFormFor(hmm(2, 3), parseTaskSet(T)[0]) !== null) },
  { label: "predictor hmm (2, 60) x1, x2 -> x3", args: ["predictor", ...model(hmm(2, 60)), "--task", "x1, x2 -> x3"], estimate: predictorCost(hmm(2, 60), parseTaskSet("x1, x2 -> x3")[0], false) },
  { label: `recover hmm (3, 6) --samples 1e6`, args: ["recover", ...model(hmm(3, 6)), "--task", T, "--samples", "1000000"], estimate: recoverCost(hmm(3, 6), parseTaskSet(T)[0], [1e6]) },
  { label: `claims (the catalogue, ${CATALOGUE.reduce((s, c) => s + c.sizes.length, 0)} rows)`, args: ["claims"], estimate: claimsEstimate(validateClaims(CATALOGUE, "the catalogue")) },
];

const base = [baseline(), baseline(), baseline()].sort((x, y) => x - y)[1];
const mib = (b: number) => b / 2 ** 20;
const rows: string[] = [];
for (const c of CASES) {
  const run = spawnSync("/usr/bin/time", ["-v", process.execPath, "bin/maskid.mjs", ...c.args, "--max-seconds", "3600"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]) * 1024;
  const [, h, m, s] = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr) ?? [];
  const seconds = Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
  rows.push(
    `| ${c.label} | ${run.status} | ${c.estimate.seconds.toFixed(1)} | ${seconds.toFixed(1)} | ${(seconds / c.estimate.seconds).toFixed(2)} | ${(seconds / base).toFixed(0)} | ` +
      `${mib(c.estimate.bytes).toFixed(0)} | ${mib(rss).toFixed(0)} | ${(rss / c.estimate.bytes).toFixed(2)} |`,
  );
  process.stderr.write(`${c.label}: ${seconds.toFixed(1)} s, ${mib(rss).toFixed(0)} MiB\n`);
}
const after = baseline();
const node = execFileSync(process.execPath, ["--version"], { encoding: "utf8" }).trim();
process.stdout.write(
  [
    `node ${node}; baseline kernel (400×400 float matmul): ${base.toFixed(3)} s before, ${after.toFixed(3)} s after`,
    "",
    "| command | exit | est. s | measured s | ratio | × baseline | est. MiB | peak RSS MiB | ratio |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n") + "\n",
);
