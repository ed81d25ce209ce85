/**
 * `npm run bench:startup`: the command line's start-up, `maskid --version` (the built
 * dist/, as installed), against `node -e 0` in the same run, each the median of N fresh
 * processes (default 21; `npm run bench:startup -- 51`).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/maskid.mjs", import.meta.url));
const runs = Number(process.argv[2] ?? 21);

function median(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: "ignore" });
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} exited ${run.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const node = median(["-e", "0"]);
const version = median([BIN, "--version"]);
const help = median([BIN, "help"]);
console.log(`median of ${runs} runs each, Node ${process.version}`);
console.log(`node -e 0          ${node.toFixed(3)} s`);
console.log(`maskid --version   ${version.toFixed(3)} s   ×${(version / node).toFixed(2)} node -e 0`);
console.log(`maskid help        ${help.toFixed(3)} s   ×${(help / node).toFixed(2)} node -e 0`);
