import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { Deadline } from "../../src/base/budget.ts";
import { analysisCost, analysisPath, claimsCost, parseByteSize, predictorCost } from "../../src/analysis/cost-model.ts";
import { inputError } from "../helpers/input-error.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { expectBadInput } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

const hmm = (states: number, symbols: number): ModelSpec => ({ family: "hmm", states, symbols, init: "stationary", sigma: 1 });
const TASK_SETS = ["x1 -> x2", "x2 -> x1 ⊗ x3", "x1 -> x2; x2 -> x1 ⊗ x3"];

describe("the cost model", () => {
  // Fewer summary rows than parameters make the rank deficient for certain, and then every
  // exact trial runs and every entry is projected: the estimate follows the work, so it is
  // monotone in k (more states only add parameters), and in d and the task set as long as
  // the summary stays on one side of rows ≥ n (crossing it, the certain extra work goes).
  // The same holds between the paths after a proof: above 6n rows one float block replaces
  // two full float points, and above n = 2000 no float point runs (analysisPath).
  it("is monotone in k, d and the task set within each analysis path, for memory and time", () => {
    const path = (k: number, d: number, tasks: ReturnType<typeof parseTaskSet>) => analysisPath(hmm(k, d), tasks);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 2, max: 60 }), fc.constantFrom(...TASK_SETS), fc.boolean(), (k, d, text, global) => {
        const tasks = parseTaskSet(text);
        const more = [...tasks, ...parseTaskSet("x1 -> x3")];
        const plan = global ? { globalStarts: 5 } : {};
        const at = analysisCost(hmm(k, d), tasks, plan);
        const bigger = [];
        if (path(k + 1, d, tasks) === path(k, d, tasks)) bigger.push(analysisCost(hmm(k + 1, d), tasks, plan));
        if (path(k, d + 1, tasks) === path(k, d, tasks)) bigger.push(analysisCost(hmm(k, d + 1), tasks, plan));
        if (path(k, d, more) === path(k, d, tasks)) bigger.push(analysisCost(hmm(k, d), more, plan));
        for (const b of bigger) {
          expect(b.bytes).toBeGreaterThanOrEqual(at.bytes);
          expect(b.seconds).toBeGreaterThanOrEqual(at.seconds);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("runs every exact trial and projects every entry when rows < n, and assumes full rank otherwise", () => {
    const names = (k: number, d: number, tasks = "x2 -> x1 ⊗ x3; x1 -> x2") => analysisCost(hmm(k, d), parseTaskSet(tasks)).terms.map((t) => t.name).join("; ");
    // (40, 2): 4 rows for 1,600 parameters.
    expect(names(40, 2, "x1 -> x2")).toMatch(/^3 exact trials mod p .*4 rows drawn and reduced each/);
    expect(names(40, 2, "x1 -> x2")).toMatch(/per-entry verdicts \(1720 gradients/);
    // (10, 16): 4,352 rows ≥ 240 parameters, so full rank is assumed.
    expect(names(10, 16)).toMatch(/^exact trial mod p /);
    expect(names(10, 16)).not.toMatch(/per-entry/);
  });

  it("charges one exact trial to the family's bound, the family's tangents and exact per-entry verdicts, and no float point, when a family applies", () => {
    // x1 -> x2 at (10, 16): 256 rows ≥ n − f = 240 − 90 = 150, the rank W1 proves.
    expect(analysisPath(hmm(10, 16), parseTaskSet("x1 -> x2"))).toBe("W1 bound");
    expect(analysisPath(hmm(10, 16), parseTaskSet("x1 -> x2; x1 -> x3"))).toBe("W2 bound");
    const names = analysisCost(hmm(10, 16), parseTaskSet("x1 -> x2")).terms.map((t) => t.name);
    expect(names).toEqual([
      "family tangents (90 directions, duals of 90, rank of 240×90)",
      "exact trial mod p to the family's bound (echelon of 150×240 residues, 158 rows drawn and reduced)",
      "per-entry verdicts (270 gradients reduced against the echelon mod p)",
    ]);
    // (30, 100): n = 3,840, f = 870; no QR of 10,000 × 3,840 and no SVD with vectors, so it fits the default budget.
    const big = analysisCost(hmm(30, 100), parseTaskSet("x1 -> x2"));
    expect(big.seconds).toBeLessThan(300);
    expect(big.terms.map((t) => t.name).join("; ")).not.toMatch(/float/);
    // Fewer rows than n − f: the bound cannot be met, so the rows < n path is charged.
    expect(analysisPath(hmm(40, 2), parseTaskSet("x1 -> x2"))).toBe("deficient");
  });

  it("charges exact rows drawn one by one for the echelon they fill, never the m×n Jacobian", () => {
    // (30, 100) x2 -> x1 ⊗ x3: a 10⁶ × 3,840 Jacobian (29 GiB), but an echelon of 3,840² residues.
    const e = analysisCost(hmm(30, 100), parseTaskSet("x2 -> x1 ⊗ x3"));
    expect(e.bytes).toBeLessThan(2 ** 30);
    expect(e.terms[0].name).toMatch(/^exact trial mod p \(echelon of 3840×3840 residues, 4032 rows drawn/);
    // (100, 200): n = 29,800, so the echelon alone is 6.6 GiB, and the refusal names it.
    const big = analysisCost(hmm(100, 200), parseTaskSet("x2 -> x1 ⊗ x3"));
    const echelon = big.terms.find((t) => t.name.includes("echelon of 29800×29800"))!;
    expect(echelon.bytes).toBeGreaterThanOrEqual(8 * 29800 ** 2);
    expect(inputError(() => analyse(hmm(100, 200), parseTaskSet("x2 -> x1 ⊗ x3"))).message).toMatch(/largest term: exact trial mod p \(echelon of 29800×29800 residues/);
  });

  it("counts the dual gradients: hmm k = 100 is gigabytes although its Jacobian has 4 rows", () => {
    const e = analysisCost(hmm(100, 2), parseTaskSet("x1 -> x2"));
    expect(e.bytes).toBeGreaterThan(4 * 2 ** 30);
    expect(e.terms.map((t) => t.name).join(" ")).toMatch(/duals of 10000/);
  });

  it("adds claims rows in time and takes the largest row's memory", () => {
    const rows = [2, 3, 4].map((k) => ({ spec: hmm(k, 4), tasks: parseTaskSet("x2 -> x1 ⊗ x3"), starts: 5 }));
    const all = claimsCost(rows);
    const each = rows.map((r) => claimsCost([r]));
    expect(all.seconds).toBeGreaterThan(Math.max(...each.map((e) => e.seconds)));
    expect(all.bytes).toBe(Math.max(...each.map((e) => e.bytes)));
    // mathjs, which only claims loads, is resident for the whole run.
    expect(all.terms[0].name).toMatch(/mathjs/);
    expect(all.bytes).toBeGreaterThan(analysisCost(rows[2].spec, rows[2].tasks, { globalStarts: 5 }).bytes);
  });

  it("grows the predictor table with the inputs", () => {
    const task = parseTaskSet("x1, x2 -> x3")[0];
    expect(predictorCost(hmm(2, 20), task, false).bytes).toBeGreaterThan(predictorCost(hmm(2, 10), task, false).bytes);
  });

  it("reads byte sizes", () => {
    expect(parseByteSize("8GiB")).toBe(8 * 2 ** 30);
    expect(parseByteSize("500MB")).toBe(5e8);
    expect(parseByteSize("1.5 kib")).toBe(1536);
    expect(parseByteSize("123")).toBe(123);
    for (const bad of ["", "GiB", "-1GB", "8 parsecs", "0"]) expect(parseByteSize(bad)).toBeNull();
  });
});

describe("library budgets", () => {
  const tasks = parseTaskSet("x1 -> x2");
  const thrown = inputError;

  it("refuses an estimate over maxMemoryBytes or maxSeconds, naming the option", () => {
    const memory = thrown(() => analyse(hmm(3, 3), tasks, { maxMemoryBytes: 1000 }));
    expect(memory.field).toBe("options.maxMemoryBytes");
    expect(memory.message).toMatch(/refusing the analysis: estimated peak memory .* exceeds the budget of/);
    const seconds = thrown(() => analyse(hmm(100, 2), tasks, { maxMemoryBytes: 2 ** 50, maxSeconds: 60 }));
    expect(seconds.field).toBe("options.maxSeconds");
    expect(seconds.message).toMatch(/estimated time .* exceeds the budget of 60 s/);
  });

  it("refuses budgets that are not positive numbers", () => {
    expect(thrown(() => analyse(hmm(2, 2), tasks, { maxSeconds: -1 })).field).toBe("options.maxSeconds");
    expect(thrown(() => analyse(hmm(2, 2), tasks, { maxMemoryBytes: Number.NaN })).field).toBe("options.maxMemoryBytes");
    expect(thrown(() => analyse(hmm(2, 2), tasks, { maxSeconds: "10" as unknown as number })).field).toBe("options.maxSeconds");
  });

  it("stops a running analysis at its budget as inconclusive, with the evidence so far", () => {
    // Rank-deficient with no family to bound the rank (free init, lag 2), so every row is
    // read in three trials and two float points follow (~3 s in all).
    const result = analyse({ ...hmm(12, 24), init: "free" }, parseTaskSet("x1 -> x3"), { maxSeconds: 0.3 });
    expect(result.verdict).toBe("inconclusive");
    expect(result.rank).toBeNull();
    expect(result.reason).toMatch(/^time budget reached \(0\.3 s\)/);
    expect(result.evidence.exact.length + result.evidence.float.length).toBeGreaterThan(0);
  }, 60_000);
});

describe("runaway commands are refused up front (exit 2, one line with the estimate)", () => {
  const refused = /refusing .*: estimated (peak memory|time) .* exceeds the budget of .*largest term: .*; raise --max-(memory|seconds)/;
  const cases: [string, string[]][] = [
    ["hmm k = 100", ["check", "--model", "hmm", "--states", "100", "--symbols", "2", "--task", "x1 -> x2"]],
    ["hmm k = 1000", ["check", "--model", "hmm", "--states", "1000", "--symbols", "2", "--task", "x1 -> x2"]],
    ["hmm (100, 200), the echelon", ["check", "--model", "hmm", "--states", "100", "--symbols", "200", "--task", "x2 -> x1 ⊗ x3"]],
    ["hmm (30, 100), no family", ["check", "--model", "hmm", "--states", "30", "--symbols", "100", "--init", "free", "--task", "x1 -> x3"]],
    ["--global at (10, 40)", ["check", "--model", "hmm", "--states", "10", "--symbols", "40", "--task", "x2 -> x1 ⊗ x3", "--global"]],
    ["--witness at (8, 30)", ["check", "--model", "hmm", "--states", "8", "--symbols", "30", "--task", "x1 -> x2", "--witness"]],
    ["--global --starts 100000", ["check", "--model", "hmm", "--states", "3", "--symbols", "3", "--task", "x2 -> x1 ⊗ x3", "--global", "--starts", "100000"]],
    ["predictor d = 200, three givens", ["predictor", "--model", "hmm", "--states", "2", "--symbols", "200", "--task", "x1, x2, x3 -> x4"]],
    ["predictor --symbolic, large", ["predictor", "--model", "hmm", "--states", "3", "--symbols", "4", "--task", "x2 -> x1 ⊗ x3", "--symbolic"]],
    ["recover 1e10 samples", ["recover", "--model", "hmm", "--states", "2", "--symbols", "3", "--task", "x2 -> x1 ⊗ x3", "--samples", "1e10"]],
    ["a lower --max-memory", ["check", "--model", "hmm", "--states", "20", "--symbols", "4", "--task", "x1 -> x2", "--max-memory", "50MB"]],
  ];
  it.each(cases)("%s", (_, args) => {
    const run = runCli(args, { timeoutMs: 60_000 });
    expectBadInput(run, args.includes("--symbolic") ? /refusing the symbolic predictor/ : refused);
  });

  it("refuses a claims file with a size of k = 150", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "maskid-")), "claims.json");
    writeFileSync(
      file,
      JSON.stringify([{ id: "big", statement: "x1 -> x2 at k = 150", family: "hmm", init: "stationary", tasks: "x1 -> x2", sizes: [{ states: 150, symbols: 2 }], expected: "not identifiable", source: { kind: "maskid", where: "test" } }]),
    );
    // Refused before anything runs: by the claims validator's parameter limit.
    expectBadInput(runCli(["claims", "--claims", file], { timeoutMs: 60_000 }), /claim "big": sizes\[0\] \(k=150 d=2\) has 22500 parameters; claims are checked up to 400/);
  });

  it("refuses claims whose largest row is over the memory budget, naming the term", () => {
    const file = join(mkdtempSync(join(tmpdir(), "maskid-")), "claims.json");
    writeFileSync(
      file,
      JSON.stringify([{ id: "mid", statement: "tensor at k = 10", family: "hmm", init: "stationary", tasks: "x2 -> x1 ⊗ x3", sizes: [{ states: 10, symbols: 20 }], expected: "identifiable", source: { kind: "maskid", where: "test" } }]),
    );
    expectBadInput(runCli(["claims", "--claims", file, "--max-memory", "150MB"]), /refusing these claims: estimated peak memory .* exceeds the budget .*largest term/);
  });

  it("rejects malformed budgets", () => {
    expectBadInput(runCli(["check", "--model", "hmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--max-memory", "lots"]), /--max-memory takes a size/);
    expectBadInput(runCli(["check", "--model", "hmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--max-seconds", "0"]), /--max-seconds takes a positive number/);
  });
});

describe("a run over its time budget", () => {
  it("stops with an inconclusive verdict, the reason and the evidence so far, exit 0", () => {
    const run = runCli(["check", "--model", "hmm", "--states", "12", "--symbols", "24", "--init", "free", "--task", "x1 -> x3", "--max-seconds", "0.3", "--json"], { timeoutMs: 60_000 });
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.verdict).toBe("inconclusive");
    expect(result.rank).toBeNull();
    expect(result.reason).toMatch(/time budget reached \(0\.3 s\)/);
    expect(result.evidence.exact.length + result.evidence.float.length).toBeGreaterThan(0);
  }, 60_000);
});

describe("a deadline that passes after the exact proof", () => {
  /** Passes once `checks` calls to check() or passed() have been made: a deterministic stand-in for the clock. */
  class CountingDeadline extends Deadline {
    private calls = 0;
    constructor(private readonly limit: number) {
      super(1);
    }
    override passed(): boolean {
      return ++this.calls > this.limit;
    }
  }

  it("keeps the proven verdict (rank n mod p), noting that the float trials were cut short", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
    const tasks = parseTaskSet("x2 -> x1 ⊗ x3");
    // Find how many clock readings the exact trial takes, then stop right after it.
    for (let limit = 1; limit < 400; limit++) {
      const result = analyse(spec, tasks, { deadline: new CountingDeadline(limit) });
      if (result.evidence.exact.length === 0 || result.evidence.exact[0].rank < result.parameterCount) {
        // Stopped before the proof: nothing decided.
        expect(result.verdict).toBe("inconclusive");
        continue;
      }
      expect(result.evidence.float.length).toBeLessThan(2);
      expect(result.verdict).toBe("identifiable");
      expect(result.rank).toBe(result.parameterCount);
      expect(result.evidence.exact[0].rank).toBe(result.parameterCount);
      expect(result.reason).toMatch(/\(proof\); the float trials were cut short by the time budget/);
      expect(result.parameters.every((p) => p.verdict === "identifiable")).toBe(true);
      return;
    }
    throw new Error("the exact trial never finished");
  });

  it("keeps a drop proven by a family's bound when the float points run for their spectra are cut short", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
    const tasks = parseTaskSet("x1 -> x2");
    for (let limit = 1; limit < 400; limit++) {
      const result = analyse(spec, tasks, { deadline: new CountingDeadline(limit), spectra: true });
      if (result.evidence.exact.length === 0 || result.evidence.exact[0].rank < 9) {
        expect(result.verdict).toBe("inconclusive");
        continue;
      }
      expect(result.evidence.float.length).toBeLessThan(2);
      expect(result).toMatchObject({ verdict: "not identifiable", rank: 9, fiberDimension: 6, proof: "exact rank mod p meets a family's bound" });
      expect(result.reason).toMatch(/≤ n − 6 = 9 because the W1 family .*\(proof\); the float trials were cut short by the time budget/);
      expect(result.parameters.length).toBeGreaterThan(0);
      return;
    }
    throw new Error("the exact trial never finished");
  });

  it("is inconclusive when the exact trial had not finished", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 4, init: "stationary", sigma: 1 };
    const result = analyse(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { deadline: new CountingDeadline(0) });
    expect(result.verdict).toBe("inconclusive");
    expect(result.reason).toMatch(/time budget reached/);
  });
});
