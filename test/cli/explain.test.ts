import { describe, expect, it } from "vitest";
import { expectBadInput } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

const K3D5 = ["--model", "hmm", "--states", "3", "--symbols", "5"];

describe("maskid explain", () => {
  it("x1 -> x2 (k=3, d=5): the pair law, six named fiber directions, the W1 family", () => {
    const run = runCli(["explain", ...K3D5, "--task", "x1 -> x2"], { env: { COLUMNS: "80" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("x1 -> x2 ≡ P(x1, x2) (rank 12)");
    expect(run.stdout).toContain("fiber dimension 6");
    expect(run.stdout).toContain("W1: the 6 free directions are the W1 family");
    expect(run.stdout).toContain("x1 -> x2 identifies exactly the entries of O T diag(π) Oᵀ (rank 12)");
    expect(run.stdout.replace(/\s+/g, " ")).toContain("749 words tried (one of each transpose pair); 19 have zero gradient at the point");
    expect(run.stdout).toMatch(/1\. along O\[\d,\d\]: /);
    expect(run.stdout).toContain("Schwartz–Zippel");
    for (const line of run.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it("the six pairwise tasks: the three pair laws and W2", () => {
    const run = runCli(["explain", "--model", "hmm", "--states", "3", "--symbols", "3", "--task", "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("≡ P(x1, x2) plus P(x1, x3) plus P(x2, x3) (rank 9)");
    expect(run.stdout).toContain("already ≡ P(x1, x2) plus P(x1, x3)");
    expect(run.stdout).toContain("W2: the 3 free directions are the W2 family");
    expect(run.stdout.replace(/\s+/g, " ")).toContain("the 6 tasks identify exactly the entries of O diag(π) Oᵀ (rank 5), O T diag(π) Oᵀ (rank 6): rank 9 together");
  });

  it("--json carries the combinations with their LaTeX", () => {
    const run = runCli(["explain", ...K3D5, "--task", "x1 -> x2", "--json"]);
    const out = JSON.parse(run.stdout) as { combinations: { spans: boolean; spanning: { word: string; latex: string; rank: number }[] }; generic: { combinationMatrices: number } };
    expect(out.combinations.spans).toBe(true);
    expect(out.combinations.spanning).toMatchObject([{ word: "O T diag(π) Oᵀ", latex: "O T \\operatorname{diag}(\\pi) O^{\\top}", rank: 12 }]);
    expect(out.generic.combinationMatrices).toBe(1);
  });

  it("Gaussian x1 -> x2 (k=3, d=2, stationary): full rank, ≡ E[x1 x2ᵀ] plus the law of x1, with the rank evidence", () => {
    const run = runCli(["explain", "--model", "ghmm", "--states", "3", "--symbols", "2", "--task", "x1 -> x2"], { env: { COLUMNS: "80" } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const text = run.stdout.replace(/\s+/g, " ");
    expect(text).toContain("x1 -> x2 ≡ E[x1 x2ᵀ] plus law of x1 (numerically, rank 12; gaps ≥ ");
    expect(text).toMatch(/rank 12; gaps ≥ \d\.\de\+(1[1-9]|[6-9]) at 2 points\)/);
    expect(text).toContain("fiber directions: none (J has full rank)");
    expect(text).toMatch(/random point 1: rank 12, gap \d\.\de\+\d+; random point 2: rank 12, gap/);
    expect(text).toMatch(/E\[x1 x2ᵀ\] 4 \(\d\.\de\+\d+\), with J 12 \(/);
    expect(text).toContain("W3 needs a free initial law");
    expect(text).toContain("x1 -> x2 identifies exactly the entries of T (rank 6), M (rank 6): rank 12 together (numerically; every word rank decided with gap ≥ ");
    expect(text).toContain("749 words tried (one of each transpose pair); 19 have zero gradient");
    expect(text).toMatch(/words: 730 kept, the spanning ones together 12 \(\d\.\de\+\d+\), narrowest gap/);
    for (const line of run.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it("Gaussian --json carries the words with their LaTeX, and says why they are inconclusive where a word rank is undecided", () => {
    type Out = { combinations: { spans: boolean; spanning: { word: string; latex: string; rank: number }[] } | null; combinationsReason: string | null };
    const d1 = JSON.parse(runCli(["explain", "--model", "ghmm", "--states", "3", "--symbols", "1", "--task", "x1 -> x2", "--json"]).stdout) as Out;
    expect(d1.combinations!.spans).toBe(true);
    expect(d1.combinations!.spanning).toMatchObject([{ word: "M", latex: "M", rank: 3 }, { word: "diag(π)" }, { word: "M T", latex: "M T", rank: 3 }]);
    const run = runCli(["explain", "--model", "ghmm", "--states", "4", "--symbols", "1", "--task", "x1 -> x2"], { env: { COLUMNS: "80" } });
    expect(run.stdout.replace(/\s+/g, " ")).toMatch(/numerically\): inconclusive: random point 2: the task set stacked with .+: undecided: widest gap ratio/);
  });

  it("Gaussian x1 -> x2 under free π: no candidate is determined, and the 2 numerical fiber directions are W3", () => {
    const run = runCli(["explain", "--model", "ghmm", "--states", "3", "--symbols", "2", "--init", "free", "--task", "x1 -> x2"]);
    expect(run.status).toBe(0);
    const text = run.stdout.replace(/\s+/g, " ");
    expect(text).toContain("no candidate set is equivalent to x1 -> x2");
    expect(text).toContain("W3: the 2 free directions are the W3 family (2 directions at this point), numerically");
    expect(text).toMatch(/free \(the fiber's own parameters\): \S+, \S+ /);
    expect(text).toMatch(/1\. along \S+: \S+ -?\d\.\d{3}, /);
  });

  it("Gaussian, far apart (x1 -> x40): inconclusive, with the reason at every point, not a guess", () => {
    const run = runCli(["explain", "--model", "ghmm", "--states", "3", "--symbols", "3", "--task", "x1 -> x40"], { env: { COLUMNS: "80" } });
    expect(run.status).toBe(0);
    const text = run.stdout.replace(/\s+/g, " ");
    expect(text).toMatch(/inconclusive: 0 of 4 float points decided every rank, 2 are needed/);
    expect(text).not.toContain("≡");
    expect(text).not.toContain("fiber dimension");
    for (const line of run.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it("has help", () => {
    const run = runCli(["explain", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("maskid explain --model hmm|ghmm");
  });
});

describe("maskid advise", () => {
  it("x1 -> x2 (k=3, d=5): the cheapest additions, each confirmed by check", () => {
    const run = runCli(["advise", ...K3D5, "--task", "x1 -> x2", "--top", "2"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1\. x1, x2 -> x3: predicts 1, given 2, window 3; rank 18 mod \d+ \(a proof\); check:\s+identifiable/);
    expect(run.stdout).toContain("2. x1, x3 -> x2");
    expect(run.stdout).not.toContain("3. ");
  });

  it("without --task (k=3, d=5): the cheapest single task and the pairwise answer, stationary and free, within 80 columns", () => {
    const stationary = runCli(["advise", ...K3D5], { env: { COLUMNS: "80" } });
    expect(stationary.stderr).toBe("");
    expect(stationary.status).toBe(0);
    const text = stationary.stdout.replace(/\s+/g, " ");
    expect(text).toContain("no task set; n = 18 parameters");
    expect(text).toMatch(/x1, x2 -> x3: predicts 1, given 2, window 3; rank 18 mod \d+ \(a proof\); check: identifiable/);
    expect(text).toContain("none of the 4095 sets of the 12 pairwise tasks on positions 1..4 identifies the model: all of them together reach rank 15 of 18");
    expect(text).toContain("a proof that none does: W2 (docs/math.md §7.3)");
    for (const line of stationary.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
    const free = runCli(["advise", ...K3D5, "--init", "free", "--window", "3"]);
    expect(free.stdout.replace(/\s+/g, " ")).toMatch(/x1 -> x2; x2 -> x3: 2 tasks, window 3; rank 20 mod \d+ \(a proof\); check: identifiable/);
  });

  it("without --task: --top is refused, --max-sets bounds the search (exit 2, what was searched), and needs no --task", () => {
    expectBadInput(runCli(["advise", ...K3D5, "--top", "2"]), /--top applies to --task only/);
    expectBadInput(runCli(["advise", ...K3D5, "--task", "x1 -> x2", "--max-sets", "10"]), /--max-sets applies without --task only/);
    expectBadInput(
      runCli(["advise", "--model", "hmm", "--states", "3", "--symbols", "2", "--init", "free", "--window", "6", "--max-sets", "100000"]),
      /the 593775 sets of 6 pairwise tasks on positions 1\.\.6 would take the search past its budget of 100000 sets \(no set of up to 5 tasks identifies the model\): give a smaller --window or a larger --max-sets/,
    );
    expectBadInput(runCli(["advise", ...K3D5, "--max-sets", "0"]), /--max-sets must be a whole number ≥ 1/);
  });

  it("refuses a window above 6 and Gaussian emissions (exit 2)", () => {
    expect(runCli(["advise", ...K3D5, "--task", "x1 -> x2", "--window", "7"]).stderr).toContain("--window must be at most 6");
    expect(runCli(["advise", "--model", "ghmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2"]).status).toBe(2);
  });
});
