import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/base/random.ts";
import { fiberBasis, kernelBasis } from "../../../src/analysis/explain/fiber.ts";
import { dotModP } from "../../../src/analysis/explain/modp.ts";
import { exactRankTrial } from "../../../src/identify/exact-trial.ts";
import { type ModelSpec, entryName, freeCoordinates, hmmSpec, parameterCount } from "../../../src/model/spec.ts";

const freeCoordinatesOf = (spec: ModelSpec) => freeCoordinates(spec).map(entryName);
import { parseTaskSet } from "../../../src/task/parse.ts";
import { floatField } from "../../../src/field/float.ts";
import { fromCoordinates } from "../../../src/model/chart.ts";
import { exhaustiveSummary } from "../../../src/predictor/summary.ts";
import type { Task } from "../../../src/task/task.ts";

const toNumber = (text: string) => text.split("/").map(Number).reduce((a, b) => a / b);

/** max over the summary of |F(θ + εv) − F(θ − εv)| / 2ε: the directional derivative, in floats. */
function slope(spec: ModelSpec, tasks: readonly Task[], theta: number[], v: number[], epsilon = 1e-5): number {
  const at = (s: number) => exhaustiveSummary(floatField, spec, fromCoordinates(floatField, spec, theta.map((x, j) => x + s * v[j])), tasks);
  const [plus, minus] = [at(epsilon), at(-epsilon)];
  let max = 0;
  for (let i = 0; i < plus.rows; i++) max = Math.max(max, Math.abs(plus.value(i) - minus.value(i)) / (2 * epsilon));
  return max;
}

function trialOf(spec: ModelSpec, text: string, seed = 7) {
  const rng = new Rng(seed);
  const tasks = parseTaskSet(text);
  return { tasks, rng, trial: exactRankTrial(spec, tasks, rng) };
}

describe("fiber directions", () => {
  const cases: [ModelSpec, string][] = [
    [hmmSpec(3, 5), "x1 -> x2"],
    [hmmSpec(3, 4, "free"), "x1 -> x2"],
    [hmmSpec(2, 3), "x1 -> x3"],
    [hmmSpec(3, 3), "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2"],
  ];
  for (const [spec, text] of cases) {
    it(`${text} (${spec.init}, k=${spec.states}, d=${spec.symbols}): n − rank vectors, each exactly in the kernel mod p`, () => {
      const { trial } = trialOf(spec, text);
      const { field, echelon, jacobian } = trial;
      const { free, vectors } = kernelBasis(echelon);
      expect(vectors).toHaveLength(parameterCount(spec) - echelon.rank);
      expect(free).toHaveLength(vectors.length);
      for (let i = 0; i < jacobian.rows; i++) for (const v of vectors) expect(dotModP(field, jacobian.row(i), v)).toBe(0);
      // Reduced echelon: vector i is the unit vector at free column i on the free columns.
      vectors.forEach((v, i) => free.forEach((j, a) => expect(v[j]).toBe(a === i ? 1 : 0)));
    });
  }

  it("x1 -> x2 (stationary, k=3, d=5): six free directions, lifted to Q and checked mod another prime", () => {
    const spec = hmmSpec(3, 5);
    const { tasks, rng, trial } = trialOf(spec, "x1 -> x2");
    const basis = fiberBasis(spec, tasks, trial.echelon, rng);
    expect(basis.freeCoordinates).toHaveLength(6);
    expect(basis.boundCoordinates).toHaveLength(12);
    expect(basis.lift.exact).toBe(true);
    for (const v of basis.vectors) {
      expect(v.entries.find((e) => e.coordinate === v.free)?.value).toBe("1");
      for (const e of v.entries) expect(e.value).toMatch(/^-?\d+(\/\d+)?$/);
    }
  });

  it("moving along a lifted direction leaves every prediction constant to first order (in floats); a bound coordinate alone does not", () => {
    const spec = hmmSpec(3, 5);
    const { tasks, rng, trial } = trialOf(spec, "x1 -> x2");
    const basis = fiberBasis(spec, tasks, trial.echelon, rng);
    if (!basis.lift.exact) throw new Error("expected an exact lift");
    const names = basis.boundCoordinates.concat(basis.freeCoordinates);
    const theta = basis.lift.point.map(toNumber);
    const chart = freeCoordinatesOf(spec);
    for (const vector of basis.vectors) {
      const v = chart.map((name) => toNumber(vector.entries.find((e) => e.coordinate === name)?.value ?? "0"));
      expect(slope(spec, tasks, theta, v)).toBeLessThan(1e-6);
    }
    const single = chart.map((name) => (name === "T[1,1]" ? 1 : 0));
    expect(names).toContain("T[1,1]");
    expect(slope(spec, tasks, theta, single)).toBeGreaterThan(1e-3);
  });

  it("x1 -> x50: heights too large to lift, so residues mod p are shown and the reason is given", () => {
    const spec = hmmSpec(3, 4);
    const { tasks, rng, trial } = trialOf(spec, "x1 -> x50");
    const basis = fiberBasis(spec, tasks, trial.echelon, rng);
    expect(basis.lift).toMatchObject({ exact: false, reason: expect.stringMatching(/did not settle/) });
    expect(basis.vectors).toHaveLength(6);
    for (const v of basis.vectors) for (const e of v.entries) expect(Number(e.value)).toBeLessThan(trial.field.p);
  });

  it("a full-rank task has no fiber", () => {
    const spec = hmmSpec(2, 3);
    const { tasks, rng, trial } = trialOf(spec, "x2 -> x1 ⊗ x3");
    const basis = fiberBasis(spec, tasks, trial.echelon, rng);
    expect(basis.vectors).toEqual([]);
    expect(basis.freeCoordinates).toEqual([]);
  });
});
