import { describe, expect, it } from "vitest";
import { statusLine } from "../../src/cli/status-line.ts";
import { runCli } from "../helpers/run-cli.ts";
import { HAS_SCRIPT, runInTerminal } from "../helpers/run-in-terminal.ts";

const CLEAR = "\r\x1b[K";

/** A terminal that records what is written to it. */
function fakeTerminal(columns: number, isTTY = true) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns, write: (s: string) => written.push(s) > 0 } };
}

describe("statusLine", () => {
  it("draws from 0.4 s on, a new phase at once and a repeated one at most every 0.1 s, fitted to the terminal, and clears only what it drew", () => {
    const { written, stream } = fakeTerminal(40);
    let now = 100;
    const status = statusLine({ stream, now: () => now });
    status.clear();
    status.onProgress!({ phase: "exact rank mod p", done: 1, total: 3 });
    expect(written).toEqual([]);
    now = 500;
    status.onProgress!({ phase: "float point", done: 2, total: 3 });
    now = 550;
    status.onProgress!({ phase: "float point", done: 2, total: 3 });
    now = 560;
    status.onProgress!({ phase: "float point", done: 3, total: 3 });
    now = 570;
    status.onProgress!({ phase: "float point", done: 3, total: 3 });
    now = 61_000;
    status.onProgress!({ phase: "claim 7/13: tensor-more-states-than-symbols, size 3/5 · multistart 4/5" });
    status.done();
    status.done();
    expect(written).toEqual([`\rmaskid: 0.5 s · float point 2/3\x1b[K`, `\rmaskid: 0.6 s · float point 3/3\x1b[K`, `\rmaskid: 1 min 01 s · claim 7/1…tart 4/5\x1b[K`, CLEAR]);
    expect([...written[2].slice(1, -3)]).toHaveLength(39);
  });

  it("is silent with --json and when standard error is not a terminal", () => {
    for (const [json, isTTY] of [[true, true], [false, false]]) {
      const { written, stream } = fakeTerminal(80, isTTY);
      const status = statusLine({ json, stream, now: () => 5000 });
      expect(status.onProgress).toBeUndefined();
      status.done();
      expect(written).toEqual([]);
    }
  });
});

// A ghmm global check slow enough (1–2 s) to need a status line: one multistart start at k = 3.
const GLOBAL = ["check", "--model", "ghmm", "--states", "3", "--symbols", "2", "--init", "free", "--task", "x2 -> x1 ⊗ x3", "--task", "x1 -> x2 ⊗ x3", "--global", "--starts", "1"];

/** The status lines a terminal showed, with the seconds each says; throws on anything else on standard error. */
function statusLines(terminal: string): { seconds: number; text: string }[] {
  const parts = terminal.split("\r").filter((p) => p !== "" && p !== "\x1b[K");
  return parts.map((p) => {
    const m = /^maskid: (\d+\.\d) s · (.*)\x1b\[K$/.exec(p);
    if (!m) throw new Error(`not a status line: ${JSON.stringify(p)}`);
    return { seconds: Number(m[1]), text: m[2] };
  });
}

describe.skipIf(!HAS_SCRIPT)("status line on a terminal", () => {
  it("check --global shows what runs within 2 s, redraws it, and clears it before the report", () => {
    const run = runInTerminal(GLOBAL);
    expect(run.status).toBe(0);
    const lines = statusLines(run.terminal);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0].seconds).toBeLessThanOrEqual(2);
    expect(lines.map((l) => l.text)).toContain("multistart 1/1");
    expect(run.terminal.endsWith(CLEAR)).toBe(true);
    expect(run.stdout).toMatch(/^verdict: identifiable/m);
    expect(run.stdout).not.toMatch(/\x1b|\r/);
  });

  it("claims names the claim, its size and the phase", () => {
    const run = runInTerminal(["claims", "--id", "pairwise-discrete"]);
    expect(run.status).toBe(0);
    const texts = statusLines(run.terminal).map((l) => l.text);
    expect(texts.some((t) => /^claim 1\/1: pairwise-discrete, size \d\/5 \(k=\d, d=\d\) · (exact rank mod p|float point) \d\/\d$/.test(t))).toBe(true);
    expect(run.terminal.endsWith(CLEAR)).toBe(true);
    expect(run.stdout).toContain("pairwise-discrete");
    expect(run.stdout).not.toMatch(/\x1b|\r/);
  });

  it("--json on a terminal adds nothing to standard error", () => {
    const run = runInTerminal([...GLOBAL, "--json"]);
    expect(run.status).toBe(0);
    expect(run.terminal).toBe("");
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: "analysis", verdict: "identifiable" });
  });
});

it("standard error that is not a terminal gets no status line", () => {
  const run = runCli(GLOBAL);
  expect(run.status).toBe(0);
  expect(run.stderr).toBe("");
});
