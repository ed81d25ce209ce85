import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureOutput } from "../helpers/capture-output.ts";
import { main } from "../../src/cli/main.ts";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

const output = captureOutput();

const base = ["recover", "--model", "hmm", "--states", "3", "--symbols", "5", "--task", "x2 -> x1 ⊗ x3"];
const truthFile = new URL("../../docs/figures/recovery-truth.json", import.meta.url).pathname;

describe("maskid recover", () => {
  it("recovers from the exact predictor when --samples is omitted, printing truth, estimate and error", async () => {
    expect(await main(base)).toBe(0);
    expect(output.out).toContain("data: the exact predictor");
    expect(output.out).toMatch(/truth: random generic point \(seed 20221128\)/);
    const error = Number(/error after relabelling: (\S+)/.exec(output.out)![1]);
    expect(error).toBeLessThan(1e-8);
    expect(output.err).toBe("");
  });

  it("prints JSON with the estimate in parameter-file form", async () => {
    expect(await main([...base, "--samples", "2e4", "--params", truthFile, "--json", "--seed", "4"])).toBe(0);
    const report = JSON.parse(output.out);
    expect(report.samples).toBe(20000);
    expect(report.recovered).toBe(true);
    expect(report.estimate.O).toHaveLength(5);
    expect(report.estimate.T).toHaveLength(3);
    expect(report.error).toBeLessThan(0.3);
    expect(report.truth.T[0]).toEqual([0.8, 0.1, 0.2]);
    // Same seed, same samples, same answer.
    const first = output.out;
    output.out = "";
    await main([...base, "--samples", "2e4", "--params", truthFile, "--json", "--seed", "4"]);
    expect(JSON.parse(output.out).estimate).toEqual(JSON.parse(first).estimate);
  });

  it("--sweep writes the plot atomically and tabulates error against N (no status line off a terminal)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-recover-"));
    const plot = join(dir, "figures", "error.svg");
    expect(await main([...base, "--params", truthFile, "--sweep", "1e3,1e4", "--plot", plot])).toBe(0);
    expect(readFileSync(plot, "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(readdirSync(join(dir, "figures"))).toEqual(["error.svg"]);
    expect(output.out).toMatch(/\n\s+1000\s+\d/);
    expect(output.out).toMatch(/\n\s+10000\s+\d/);
    expect(output.out).toContain("slope of log10 error against log10 N");
    expect(output.err).toBe("");
  });

  it("reads a bare --sweep before another flag as the default ladder", async () => {
    // The default ladder takes seconds: check the parse through a contradiction instead
    // (without the bare-flag rule, "--sweep --samples" would bind "--samples" as the list).
    expect(await main([...base, "--sweep", "--samples", "10"])).toBe(2);
    expect(output.err).toContain("give --samples or --sweep, not both");
  });

  it.each([
    [["--states", "6"], /k ≤ d/],
    [["--task", "x1 -> x2"], /recovery handles/],
    [["--samples", "-5"], /--samples takes whole numbers/],
    [["--samples", "1.5"], /--samples takes whole numbers/],
    [["--samples", "0x10"], /--samples takes whole numbers/],
    [["--samples", "Infinity"], /--samples takes whole numbers/],
    [["--sweep", "1e3,abc"], /--sweep takes whole numbers/],
    [["--plot", "x.svg"], /--plot applies to --sweep only/],
    [["--params", "/nonexistent/p.json"], /cannot read parameter file/],
  ])("refuses bad input %j with one line and exit 2", async (extra, message) => {
    const argv = [...base];
    for (let i = 0; i < extra.length; i += 2) {
      const at = argv.indexOf(extra[i]);
      if (at >= 0) argv[at + 1] = extra[i + 1];
      else argv.push(extra[i], extra[i + 1]);
    }
    expect(await main(argv)).toBe(2);
    expect(output.err).toMatch(message);
    expect(output.err.split("\n")[0]).toMatch(/^maskid: error: /);
  });

  it("refuses a truth under which an input never occurs (its predictor is undefined)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-recover-"));
    const file = join(dir, "zero.json");
    const O = [[0.5, 0.05, 0.05], [0.35, 0.2, 0.1], [0.1, 0.5, 0.1], [0.05, 0.25, 0.75], [0, 0, 0]];
    writeFileSync(file, JSON.stringify({ T: [[0.8, 0.1, 0.2], [0.15, 0.7, 0.1], [0.05, 0.2, 0.7]], O }));
    expect(await main([...base, "--params", file])).toBe(2);
    expect(output.err).toBe("maskid: error: x2=5 has probability 0 under these parameters: the predictor is undefined there\n");
  });

  it("refuses an unwritable plot path before sampling, with exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-recover-"));
    const blocker = join(dir, "file");
    writeFileSync(blocker, "");
    expect(await main([...base, "--params", truthFile, "--sweep", "1e9", "--plot", join(blocker, "p.svg")])).toBe(2);
    expect(output.err).toMatch(/^maskid: error: cannot write into .*file: it is not a folder\n$/);
    expect(readdirSync(dir)).toEqual(["file"]);
  });

  it("refuses a plot in a system folder or in place of a folder, before sampling", async () => {
    expect(await main([...base, "--params", truthFile, "--sweep", "1e9", "--plot", "/usr/share/p.svg"])).toBe(2);
    expect(output.err).toMatch(/^maskid: error: refusing to write into \/usr\/share: it is a system folder/);
    output.err = "";
    const dir = mkdtempSync(join(tmpdir(), "maskid-recover-"));
    mkdirSync(join(dir, "p.svg"));
    expect(await main([...base, "--params", truthFile, "--sweep", "1e9", "--plot", join(dir, "p.svg")])).toBe(2);
    expect(output.err).toMatch(/^maskid: error: cannot write .*p\.svg: it exists and is not a regular file\n$/);
  });
});

describe("maskid recover progress", () => {
  it("draws one self-erasing status line on stderr when it is a terminal", async () => {
    const descriptor = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
    Object.defineProperty(process.stderr, "isTTY", { value: true, configurable: true });
    try {
      expect(await main([...base, "--params", truthFile, "--samples", "1e5"])).toBe(0);
    } finally {
      if (descriptor) Object.defineProperty(process.stderr, "isTTY", descriptor);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    expect(output.err).toMatch(/^\rmaskid: \d+\.\d s · sampled sequences \d+\/100000\x1b\[K/);
    expect(output.err.endsWith("\r\x1b[K")).toBe(true);
    expect(output.err).not.toContain("\n");
    expect(output.out).toContain("data: 100000 sampled sequences of length 3");
  });
});

describe("maskid recover, spawned as a user runs it", () => {
  const small = ["recover", "--model", "hmm", "--states", "2", "--symbols", "3", "--task", "x2 -> x1 ⊗ x3"];

  it("recovers from the exact predictor: exit 0, the estimate and its error, --json parses", () => {
    const text = runCli(small);
    expectClean(text, 0);
    expect(text.stdout).toMatch(/^recover: hmm \(k=2, d=3, stationary π\); task x2 -> x1 ⊗ x3; seed 20221128$/m);
    expect(text.stdout).toContain("data: the exact predictor (no sampling noise)");
    expect(Number(/^error after relabelling: (\S+)/m.exec(text.stdout)![1])).toBeLessThan(1e-8);
    const json = runCli([...small, "--json"]);
    expectClean(json, 0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ samples: 0, recovered: true, task: "x2 -> x1 ⊗ x3" });
    expect(report.estimate.O).toHaveLength(3);
  });

  it("refuses k > d with one line and exit 2", () => {
    expectBadInput(runCli([...small.slice(0, 4), "3", "--symbols", "2", "--task", "x2 -> x1 ⊗ x3"]), /recovery needs k ≤ d/);
  });
});
