// One benchmark case in its own process, so peak memory is this case's alone.
// Usage: check-one.ts K D "TASK"   →  prints one JSON line.
import { analyse } from "../src/analysis/analyse.ts";
import { parseTaskSet } from "../src/task/parse.ts";

const [k, d, task] = process.argv.slice(2);
const spec = { family: "hmm", states: Number(k), symbols: Number(d), init: "stationary", sigma: 1 } as const;
const start = performance.now();
const result = analyse(spec, parseTaskSet(task));
const seconds = (performance.now() - start) / 1000;
process.stdout.write(
  JSON.stringify({ k: spec.states, d: spec.symbols, n: result.parameterCount, verdict: result.verdict, rank: result.rank, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }) + "\n",
);
