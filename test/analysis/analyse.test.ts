import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { InputError } from "../../src/base/errors.ts";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { runCli } from "../helpers/run-cli.ts";

/** Wall-clock fields are the only part of a result that may differ between two runs. */
function withoutTimings(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "seconds" ? undefined : v)));
}

describe("analyse returns the whole answer", () => {
  it("equals the object `check --witness --global --json` prints, under its version header", () => {
    const args = ["--model", "hmm", "--states", "2", "--symbols", "3", "--task", "x1 -> x2", "--seed", "7"];
    const cli = runCli(["check", ...args, "--witness", "--global", "--starts", "3", "--json"]);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 1 };
    const library = analyse(spec, parseTaskSet("x1 -> x2"), { seed: 7, witness: true, global: { starts: 3 } });
    // The command adds only the version header (docs/json.md).
    const { schemaVersion, maskidVersion, ...printed } = JSON.parse(cli.stdout);
    expect(schemaVersion).toBe(1);
    expect(typeof maskidVersion).toBe("string");
    expect(withoutTimings(printed)).toEqual(withoutTimings(library));
    // The answer is complete: verdict, witness and global evidence in one object.
    expect(library.verdict).toBe("not identifiable");
    if (library.verdict !== "not identifiable") return;
    expect(library.witness?.numerical?.maxPredictionDifference).toBeLessThan(1e-10);
    expect(library.witness?.exact?.exact).toBe(true);
    expect(library.global?.kind).toBe("global-evidence");
    expect(library.tasks).toEqual([{ text: "x1 -> x2", given: [1], predict: [2] }]);
  });

  it("gives no witness to an identifiable verdict, and says why in the notes", () => {
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 1 };
    const result = analyse(spec, parseTaskSet("x2 -> x1 ⊗ x3"), { witness: true });
    expect(result.verdict).toBe("identifiable");
    expect("witness" in result).toBe(false);
    expect(result.evidence.notes.join(" ")).toMatch(/only for non-identifiable verdicts/);
    // The variant carries its certificate: rank n mod p.
    expect(result.rank).toBe(result.parameterCount);
    expect(result.evidence.exact.at(-1)?.rank).toBe(result.parameterCount);
  });

  it("runs global evidence only when asked", () => {
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
    const tasks = parseTaskSet("x2 -> x1 ⊗ x3");
    expect(analyse(spec, tasks).global).toBeUndefined();
    expect(analyse(spec, tasks, { global: { starts: 0 } }).global?.strength).toBe("proof (Kruskal, exact)");
  });
});

describe("analyse at a given point", () => {
  const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 1 };
  const T = [[0.7, 0.4], [0.3, 0.6]];
  const pi = [4 / 7, 3 / 7];

  it("refuses a point with an input of probability zero, naming the input and the field", () => {
    const emission = [[0.5, 0.5], [0.5, 0.5], [0, 0]];
    try {
      analyse(spec, parseTaskSet("x1 -> x2"), { params: { pi, T, emission } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe("options.params");
      expect((e as Error).message).toMatch(/x1=3 has probability 0/);
    }
  });

  it("refuses an invalid point with the same message a parameter file would get", () => {
    const emission = [[0.5, 0.5], [0.4, 0.5], [0, 0]];
    expect(() => analyse(spec, parseTaskSet("x1 -> x2"), { params: { pi, T, emission } })).toThrow(/column 1 of O sums to 0.9/);
  });
});
