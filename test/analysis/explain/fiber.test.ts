import { describe, expect, it } from "vitest";
import { Rng } from "../../../src/base/random.ts";
import { fiberBasis, kernelBasis } from "../../../src/analysis/explain/fiber.ts";
import { dotModP } from "../../../src/analysis/explain/modp.ts";
import { exactRankTrial } from "../../../src/identify/exact-trial.ts";
import { type ModelSpec, hmmSpec, parameterCount } from "../../../src/model/spec.ts";
import { parseTaskSet } from "../../../src/task/parse.ts";

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
