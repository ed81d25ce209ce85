import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";

/** Real `--json` outputs of every command, validated against docs/schemas/ (strict ajv). */

const SCHEMAS = fileURLToPath(new URL("../../docs/schemas/", import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validators = new Map<string, ValidateFunction>();

function validator(name: string): ValidateFunction {
  if (!validators.has(name)) validators.set(name, ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), "utf8"))));
  return validators.get(name)!;
}

/** Runs `maskid ARGS --json`, checks the exit code and the version header, and returns the parsed output. */
function jsonOf(args: readonly string[], status = 0, input?: string): Record<string, unknown> {
  const run = runCli([...args, "--json"], { input });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(status);
  const out = JSON.parse(run.stdout) as Record<string, unknown>;
  expect(out).toMatchObject({ schemaVersion: 1, maskidVersion: VERSION });
  return out;
}

function expectValid(schema: string, value: unknown): void {
  const validate = validator(schema);
  const ok = validate(value);
  expect(ok ? [] : validate.errors).toEqual([]);
}

const hmm = ["--model", "hmm", "--states", "2", "--symbols", "3"];
const tmp = mkdtempSync(join(tmpdir(), "maskid-schemas-"));

describe("JSON schemas", () => {
  it("are up to date with the result types (npm run schemas)", () => {
    execFileSync(process.execPath, [fileURLToPath(new URL("../../scripts/json-schemas.mjs", import.meta.url)), "--check"], { encoding: "utf8" });
  });

  describe("check", () => {
    let identifiable: Record<string, unknown>;
    let drop: Record<string, unknown>;
    beforeAll(() => {
      identifiable = jsonOf(["check", ...hmm, "--task", "x2 -> x1 ⊗ x3"]);
      // x1 -> x3: a drop that W2 (dimension 1) does not account for (fiber 2), so the float points run.
      drop = jsonOf(["check", ...hmm, "--task", "x1 -> x3"]);
    });

    it("an identifiable and a rank-deficient analysis validate", () => {
      expectValid("check", identifiable);
      expectValid("check", drop);
      expectValid("check", jsonOf(["check", "--model", "ghmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--witness"]));
      expectValid("check", jsonOf(["check", ...hmm, "--task", "x2 -> x1 ⊗ x3", "--global", "--starts", "2"]));
    });

    it("carries the full spectrum, and a named basis of the fiber directions when the rank drops", () => {
      const floats = (r: Record<string, unknown>) => (r.evidence as { float: { rank: number; decided: boolean; singularValues: number[]; nullSpace: { coordinates: string[]; basis: number[][] } | null }[] }).float;
      for (const f of floats(identifiable)) {
        expect(f.singularValues).toHaveLength(6);
        expect(f.nullSpace).toBeNull();
      }
      const dropped = floats(drop).filter((f) => f.decided && f.rank < 6);
      expect(dropped.length).toBeGreaterThan(0);
      for (const f of dropped) {
        expect(f.singularValues).toHaveLength(6);
        expect(f.nullSpace!.coordinates).toEqual(["T[1,1]", "T[1,2]", "O[1,1]", "O[2,1]", "O[1,2]", "O[2,2]"]);
        expect(f.nullSpace!.basis).toHaveLength(6 - f.rank);
        for (const v of f.nullSpace!.basis) expect(Math.hypot(...v)).toBeCloseTo(1, 8);
      }
    });

    it("a mutated output fails validation", () => {
      const validate = validator("check");
      expect(validate({ ...identifiable, verdict: "maybe" })).toBe(false);
      expect(validate({ ...identifiable, schemaVersion: 2 })).toBe(false);
      const { maskidVersion: _, ...unversioned } = identifiable;
      expect(validate(unversioned)).toBe(false);
      expect(validate({ ...identifiable, surprise: true })).toBe(false);
    });
  });

  it("claims, from a tiny claims file", () => {
    const file = join(tmp, "claims.json");
    const claim = { id: "tiny", statement: "one lag does not identify", family: "hmm", init: "stationary", tasks: "x1 -> x2", expected: "not identifiable", sizes: [{ states: 2, symbols: 2 }] };
    writeFileSync(file, JSON.stringify([claim]));
    const report = jsonOf(["claims", "--claims", file]);
    expectValid("claims", report);
    expect(validator("claims")({ ...report, agreed: "all" })).toBe(false);
  });

  it("explain, with a fiber and at full rank", () => {
    const drop = jsonOf(["explain", ...hmm, "--task", "x1 -> x2"]);
    expectValid("explain", drop);
    expectValid("explain", jsonOf(["explain", ...hmm, "--task", "x2 -> x1 ⊗ x3"]));
    expect(validator("explain")({ ...drop, fiberDimension: "two" })).toBe(false);
    const ghmm = ["--model", "ghmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2"];
    const gaussian = jsonOf(["explain", ...ghmm, "--init", "free"]);
    expectValid("explain", gaussian);
    expectValid("explain", jsonOf(["explain", ...ghmm]));
    expect(gaussian).toMatchObject({ kind: "explain-gaussian", conclusive: true, rank: 6, fiberDimension: 1, families: [{ family: "W3", isFiber: true }] });
    expect(validator("explain")({ ...gaussian, conclusive: "yes" })).toBe(false);
    const combinations = drop.combinations as { spanning: Record<string, unknown>[] };
    const badLetter = { ...combinations, spanning: [{ ...combinations.spanning[0], letters: ["O", "Q"] }] };
    expect(validator("explain")({ ...drop, combinations: badLetter })).toBe(false);
  });

  it("advise, with additions and with none needed", () => {
    const advice = jsonOf(["advise", ...hmm, "--task", "x1 -> x2", "--top", "2"]);
    expectValid("advise", advice);
    expectValid("advise", jsonOf(["advise", ...hmm, "--task", "x2 -> x1 ⊗ x3"]));
    expect(validator("advise")({ ...advice, additions: "none" })).toBe(false);
    const found = jsonOf(["advise", ...hmm, "--init", "free", "--window", "3"]);
    expect(found).toMatchObject({ kind: "model-advice", pairwise: { found: { confirmed: "identifiable" } } });
    expectValid("advise", found);
    const none = jsonOf(["advise", ...hmm]);
    expect(none).toMatchObject({ kind: "model-advice", pairwise: { found: null } });
    expectValid("advise", none);
    expect(validator("advise")({ ...none, pairwise: { ...(none.pairwise as object), found: "none" } })).toBe(false);
  });

  it("predictor, as a table and in closed form", () => {
    expectValid("predictor-table", jsonOf(["predictor", ...hmm, "--task", "x2 -> x1"]));
    expectValid("predictor-symbolic", jsonOf(["predictor", "--model", "hmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--symbolic"]));
    expectValid("predictor-symbolic", jsonOf(["predictor", "--model", "ghmm", "--states", "2", "--symbols", "2", "--task", "x1 -> x2", "--symbolic", "--latex"]));
  });

  it("recover, from the exact predictor and from samples", () => {
    const recover = ["recover", ...hmm, "--task", "x2 -> x1 ⊗ x3"];
    expectValid("recover", jsonOf(recover));
    expectValid("recover", jsonOf([...recover, "--samples", "2000"]));
  });

  it("prove", () => {
    expectValid("prove", jsonOf(["prove", "pairwise-w1"]));
  });

  it("map: the example specs, a results line, and mutations of both", () => {
    const examples = fileURLToPath(new URL("../../docs/examples/", import.meta.url));
    const specs = ["map-tensor-boundary.json", "map-window.json"].map((f) => JSON.parse(readFileSync(join(examples, f), "utf8")) as Record<string, unknown>);
    for (const spec of specs) expectValid("map-spec", spec);
    expect(validator("map-spec")({ ...specs[0], colour: "red" })).toBe(false);
    expect(validator("map-spec")({ ...specs[0], models: ["hmmm"] })).toBe(false);
    const spec = join(tmp, "map.json");
    writeFileSync(spec, JSON.stringify({ name: "schema", models: ["hmm", "ghmm"], sizes: [{ states: 2, symbols: 2 }, { models: ["hmm"], states: 100, symbols: 2 }], taskSets: [{ tasks: "x2 -> x1 ⊗ x3" }, { tasks: "x1 -> x2" }], maxSeconds: 5 }));
    const out = join(tmp, "map.jsonl");
    expect(runCli(["map", spec, "--out", out]).status).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(lines.map((l) => (l.result as { verdict: string }).verdict))).toEqual(new Set(["identifiable", "not identifiable", "error"]));
    for (const line of lines) {
      expect(line).toMatchObject({ schemaVersion: 1, maskidVersion: VERSION });
      expectValid("map-line", line);
    }
    expect(validator("map-line")({ ...lines[0], result: { verdict: "maybe" } })).toBe(false);
  });

  // Each docs run generates every document (~35 s), so one write and one check share a folder.
  it("docs, writing into a fresh folder and checking it", () => {
    const dir = join(tmp, "docs");
    const out = jsonOf(["docs", "--dir", dir]);
    expectValid("docs", out);
    expect(validator("docs")({ ...out, written: "all" })).toBe(false);
    const [first] = out.written as string[];
    writeFileSync(join(dir, first), "edited\n");
    writeFileSync(join(dir, "extra.md"), "not generated\n");
    const check = jsonOf(["docs", "--check", "--dir", dir], 1);
    expectValid("docs", check);
    expect(check).toMatchObject({ dir, documents: (out.written as string[]).length, stale: [first, "extra.md (no longer generated)"] });
    expect(validator("docs")({ ...check, stale: "none" })).toBe(false);
    expect(validator("docs")({ ...check, written: [] })).toBe(false);
  }, 240_000);
});
