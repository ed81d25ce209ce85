import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

/** `maskid map` as a user runs it: separate processes, killed, restarted, sharded and merged. */

const BIN = fileURLToPath(new URL("../../bin/maskid.mjs", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "maskid-map-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 48 cells of about 0.05 s: long enough to kill midway on one worker, short enough for CI. */
const SPEC = {
  name: "test-grid",
  models: ["hmm", "ghmm"],
  inits: ["stationary", "free"],
  sizes: { states: [2, 3], symbols: [2, 3, 4], where: ["k <= d"] },
  taskSets: [{ tasks: "x2 -> x1 ⊗ x3" }, { name: "one lag", tasks: "x1 -> x2" }],
};
const CELLS = 2 * 2 * 5 * 2;

function writeSpec(name: string, spec: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof spec === "string" ? spec : JSON.stringify(spec));
  return path;
}

interface Line {
  key: string;
  spec: { hash: string; cells: number };
  cell: { model: string; init: string; states: number; symbols: number; sigma?: number; tasks: string };
  run: { seed: number };
  result: { verdict: string; rank: number | null; fiberDimension: number | null; error?: string };
}
const linesOf = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);
const parsed = (path: string) => linesOf(path).map((l) => JSON.parse(l) as Line);

function start(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
}
function finished(child: ChildProcess): Promise<{ status: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (b) => (stdout += b));
  child.stderr!.on("data", (b) => (stderr += b));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr })));
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("maskid map (spawned)", () => {
  const spec = writeSpec("grid.json", SPEC);
  const single = join(tmp, "single.jsonl");

  it("runs every cell once, and a second run skips them all", () => {
    const run = runCli(["map", spec, "--out", single, "--workers", "2"]);
    expectClean(run, 0);
    expect(run.stdout).toMatch(new RegExp(`^map "test-grid", ${CELLS} cells: ${CELLS} run now, 0 already in `));
    const lines = parsed(single);
    expect(new Set(lines.map((l) => l.key)).size).toBe(CELLS);
    expect(lines.every((l) => l.spec.cells === CELLS && l.result.verdict !== "error")).toBe(true);
    expect(run.stdout).toContain("x2 -> x1 ⊗ x3 — ghmm, free init\n     d=2 d=3 d=4\nk=2    0   0   0\nk=3        0   0\n");
    // The pictures' folder inside the report's, neither existing yet: both are created.
    const again = runCli(["map", spec, "--out", single, "--svg", join(tmp, "html", "svg"), "--html", join(tmp, "html")]);
    const html = readFileSync(join(tmp, "html", "index.html"), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>\n/);
    expect(html).toContain(`<p>${CELLS} cells: `);
    expect(html.match(/<svg /g)).toHaveLength(8);
    // One square per cell, titled with its evidence; the (k, d) that k <= d leaves out stay blank.
    expect(html.match(/<title>k=\d, d=\d: (identifiable|not identifiable), fiber dimension \d+ \(rank /g)).toHaveLength(CELLS);
    expect(html.match(/<li><a href="#\d-[a-z0-9-]+">[^<]+<\/a>: \d+ (identifiable|not identifiable)/g)).toHaveLength(8);
    expect(html).toContain("&quot;name&quot;: &quot;test-grid&quot;");
    expect(html).not.toMatch(/<script/);
    expect(readdirSync(join(tmp, "html", "svg")).sort()).toEqual(["1-hmm-stationary-x2-x1-x3.svg", "2-hmm-free-x2-x1-x3.svg", "3-ghmm-stationary-x2-x1-x3.svg", "4-ghmm-free-x2-x1-x3.svg", "5-hmm-stationary-one-lag.svg", "6-hmm-free-one-lag.svg", "7-ghmm-stationary-one-lag.svg", "8-ghmm-free-one-lag.svg"]);
    expect(readdirSync(join(tmp, "html")).sort()).toEqual(["index.html", "svg"]);
    // --html alone puts the picture files beside the page.
    expectClean(runCli(["map", spec, "--out", single, "--html", join(tmp, "report")]), 0);
    expect(readdirSync(join(tmp, "report")).sort()).toEqual([...readdirSync(join(tmp, "html", "svg")), "index.html"].sort());
    expect(again.stdout).toMatch(new RegExp(`0 run now, ${CELLS} already in`));
    expect(linesOf(single)).toHaveLength(CELLS);
  });

  it("gives each cell the verdict maskid check gives it (a sample)", () => {
    const lines = parsed(single);
    const sample = [...new Map(lines.map((l) => [`${l.cell.model} ${l.result.verdict}`, l])).values()];
    expect(sample.length).toBeGreaterThanOrEqual(3);
    for (const line of sample) {
      const c = line.cell;
      const args = ["check", "--model", c.model, "--init", c.init, "--states", String(c.states), "--symbols", String(c.symbols), "--task", c.tasks, "--seed", String(line.run.seed), "--json"];
      const check = JSON.parse(runCli(c.sigma === undefined ? args : [...args, "--sigma", String(c.sigma)]).stdout) as Line["result"];
      expect({ verdict: check.verdict, rank: check.rank, fiberDimension: check.fiberDimension }).toEqual({ verdict: line.result.verdict, rank: line.result.rank, fiberDimension: line.result.fiberDimension });
    }
  });

  it.each(["SIGKILL", "SIGINT"] as const)("killed midway (%s) and restarted, completes the grid with every cell exactly once", async (signal) => {
    const out = join(tmp, `killed-${signal}.jsonl`);
    const child = start(["map", spec, "--out", out, "--workers", "1"]);
    const exit = finished(child);
    while (!existsSync(out) || linesOf(out).length < 5) await sleep(10);
    child.kill(signal);
    await exit;
    const before = linesOf(out).length;
    expect(before).toBeLessThan(CELLS);
    // A write cut short by a kill: a partial last line, which must neither count nor stay.
    appendFileSync(out, '{"schemaVersion":1,"maskidVersion":"0.1.0","spec":{"na');
    const rerun = runCli(["map", spec, "--out", out]);
    expect(rerun.status).toBe(0);
    expect(rerun.stderr).toMatch(/cut off a partial last line/);
    expect(rerun.stdout).toMatch(new RegExp(`${CELLS - before} run now, ${before} already in`));
    const keys = parsed(out).map((l) => l.key);
    expect(keys).toHaveLength(CELLS);
    expect(new Set(keys).size).toBe(CELLS);
    expect(readFileSync(out, "utf8").endsWith("\n")).toBe(true);
    expect(linesOf(out).sort()).toEqual(linesOf(single).sort());
  });

  it("3 shards run as separate processes, merged, equal the single run byte for byte after sorting", async () => {
    const parts = [1, 2, 3].map((i) => join(tmp, `part-${i}.jsonl`));
    const runs = await Promise.all(parts.map((out, i) => finished(start(["map", spec, "--out", out, "--shard", `${i + 1}/3`, "--workers", "1"]))));
    for (const r of runs) expect(r.status).toBe(0);
    expect(parts.map((p) => linesOf(p).length).every((n) => n > 0 && n < CELLS)).toBe(true);
    const merged = join(tmp, "merged.jsonl");
    const merge = runCli(["map", "merge", merged, ...parts]);
    expectClean(merge, 0);
    expect(merge.stdout).toBe(`merged ${CELLS} of ${CELLS} cells from 3 files into ${merged}\n`);
    expect(readFileSync(merged, "utf8")).toBe(linesOf(single).sort().map((l) => `${l}\n`).join(""));
  });

  it("takes a simple grid as flags: the same cells, keys and spec hash as the same spec in a file", () => {
    const out = join(tmp, "flags.jsonl");
    const args = ["--name", "test-grid", "--model", "hmm,ghmm", "--init", "stationary,free", "--states", "2..3", "--symbols", "2,3,4", "--where", "k <= d", "--task", "x2 -> x1 ⊗ x3", "--task", "x1 -> x2"];
    const run = runCli(["map", ...args, "--out", out]);
    expectClean(run, 0);
    // The task sets differ from SPEC only in the second one's name; compare keys of the first.
    const first = (path: string) => parsed(path).filter((l) => l.cell.tasks === "x2 -> x1 ⊗ x3").map((l) => l.key).sort();
    expect(first(out)).toEqual(first(single));
    const same = writeSpec("flags-spec.json", { name: "test-grid", models: ["hmm", "ghmm"], inits: ["stationary", "free"], sizes: { states: { from: 2, to: 3 }, symbols: [2, 3, 4], where: ["k <= d"] }, taskSets: [{ tasks: "x2 -> x1 ⊗ x3" }, { tasks: "x1 -> x2" }] });
    expect(runCli(["map", same, "--out", out]).stdout).toMatch(new RegExp(`0 run now, ${CELLS} already in`));
  });

  it("takes its shard from a Slurm job array's environment", () => {
    const out = join(tmp, "slurm.jsonl");
    const run = runCli(["map", spec, "--out", out], { env: { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_COUNT: "3" } });
    expectClean(run, 0);
    expect(run.stdout).toMatch(/shard 2\/3: /);
    expect(linesOf(out).sort()).toEqual(linesOf(join(tmp, "part-2.jsonl")).sort());
  });

  it("records a cell that throws as an error with its message, and goes on", () => {
    const out = join(tmp, "errors.jsonl");
    const big = writeSpec("big.json", { name: "big", models: ["hmm"], sizes: [{ states: 2, symbols: [2, 3] }, { states: 60, symbols: 60 }], taskSets: [{ tasks: "x1 -> x2" }], maxSeconds: 5 });
    const run = runCli(["map", big, "--out", out]);
    expectClean(run, 0);
    const lines = parsed(out);
    expect(lines).toHaveLength(3);
    const errors = lines.filter((l) => l.result.verdict === "error");
    expect(errors.map((l) => `${l.cell.states} ${l.cell.symbols}`)).toEqual(["60 60"]);
    for (const e of errors) expect(e.result.error).toMatch(/^InputError: refusing the analysis: estimated time/);
    expect(run.stdout).toMatch(/2 not identifiable, 1 error$/m);
  });

  it("merge refuses results of different specs, and a run refuses a file of another spec", () => {
    const other = join(tmp, "other.jsonl");
    expectClean(runCli(["map", writeSpec("other.json", { ...SPEC, name: "other", sizes: { states: 2, symbols: 2 } }), "--out", other]), 0);
    expectBadInput(runCli(["map", "merge", join(tmp, "mixed.jsonl"), single, other]), /other\.jsonl holds results of another spec or maskid version .*merge the parts of one map/);
    expect(existsSync(join(tmp, "mixed.jsonl"))).toBe(false);
    expectBadInput(runCli(["map", spec, "--out", other]), /holds results of another spec or maskid version/);
    expect(linesOf(other)).toHaveLength(2 * 2 * 2);
  });

  it("refuses bad specs and options with a clear message, exit 2, and writes nothing", () => {
    const dir = mkdtempSync(join(tmp, "bad-"));
    const out = join(dir, "out.jsonl");
    const bad = (name: string, content: unknown, message: RegExp, extra: string[] = []) => {
      expectBadInput(runCli(["map", writeSpec(name, content), "--out", out, ...extra]), message);
      expect(readdirSync(dir)).toEqual([]);
    };
    bad("syntax.json", "{ not json", /cannot read map spec .*syntax\.json: /);
    bad("model.json", { ...SPEC, models: ["hmm", "hmn"] }, /"models" holds "hmn"; allowed: hmm, ghmm/);
    bad("task.json", { ...SPEC, taskSets: [{ tasks: "x2 -> x1 ⊗" }] }, /taskSets\[0\]\.tasks: bad task: expected a token to predict/);
    bad("cond.json", { ...SPEC, sizes: { states: 2, symbols: 3, where: ["k <= e"] } }, /sizes\.where\[0\] "k <= e": unexpected "e"/);
    bad("field.json", { ...SPEC, colour: "red" }, /unknown field "colour"/);
    bad("ok.json", SPEC, /--shard 0\/3: a shard is I\/N with 1 ≤ I ≤ N/, ["--shard", "0/3"]);
    bad("ok.json", SPEC, /--workers must be a whole number ≥ 1, got "0"/, ["--workers", "0"]);
    bad("ok.json", SPEC, /refusing to write into \/etc: it is a system folder/, ["--svg", "/etc"]);
    expectBadInput(runCli(["map", join(tmp, "missing.json")]), /cannot read map spec .*missing\.json/);
    expectBadInput(runCli(["map"]), /give a spec file, or the grid as flags: --model, --states, --symbols and --task/);
    expectBadInput(runCli(["map", "a.json", "b.json"]), /"maskid map" takes one spec file/);
    expectBadInput(runCli(["map", spec, "--model", "hmm"]), /give a spec file or the grid as flags \(--model, --states, …\), not both/);
    expectBadInput(runCli(["map", "--model", "hmm", "--states", "2-4", "--symbols", "2", "--task", "x1 -> x2"]), /--states takes a number, a list such as 2,3,5, or a range such as 2\.\.6, got "2-4"/);
    expectBadInput(runCli(["map", "--model", "hmm,hmn", "--states", "2", "--symbols", "2", "--task", "x1 -> x2"]), /the map given by flags: "models" holds "hmn"/);
    expectBadInput(runCli(["map", "merge", out]), /takes the output file and at least one results file/);
  });
});
