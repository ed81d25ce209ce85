import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import type { PrimeField } from "../../src/field/prime.ts";
import { directJacobianAt } from "../../src/identify/direct-jacobian.ts";
import { jacobianAt } from "../../src/identify/jacobian.ts";
import { randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { Rng } from "../../src/base/random.ts";
import { arbHmmSpec, arbPrimeField } from "../../src/testing/arbitraries.ts";
import { arbDistinctTasks } from "../helpers/arb-tasks.ts";

const arbTasks = arbDistinctTasks(2);

describe("row gradients by reverse mode = rows of the dual-number Jacobian", () => {
  it("exactly mod p, row by row, labels included", () => {
    fc.assert(
      fc.property(arbHmmSpec, arbTasks, arbPrimeField, fc.integer({ min: 1, max: 1e6 }), (spec, tasks, F: PrimeField, seed) => {
        const theta = randomPrimeCoordinates(spec, F, new Rng(seed));
        let dual;
        try {
          dual = jacobianAt(F, spec, theta, tasks);
          for (let i = 0; i < dual.rows; i++) dual.row(i);
        } catch (e) {
          if (e instanceof DivisionByZero) return; // a point where the summary is undefined
          throw e;
        }
        const direct = directJacobianAt(F, spec, theta, tasks);
        expect(direct.rows).toBe(dual.rows);
        for (let i = 0; i < dual.rows; i++) {
          expect(Array.from(direct.row(i))).toEqual(Array.from(dual.row(i)));
          expect(direct.label(i)).toBe(dual.label(i));
        }
        for (const e of dual.entries) expect(Array.from(direct.entryGradient(e))).toEqual(Array.from(dual.entryGradient(e)));
      }),
      { seed: 1401, numRuns: 60 },
    );
  });

  it("to rounding in floats", () => {
    fc.assert(
      fc.property(arbHmmSpec, arbTasks, fc.integer({ min: 1, max: 1e6 }), (spec, tasks, seed) => {
        const { theta } = randomFloatPoint(spec, new Rng(seed));
        const dual = jacobianAt(floatField, spec, theta, tasks);
        const direct = directJacobianAt(floatField, spec, theta, tasks);
        for (let i = 0; i < dual.rows; i++) {
          const a = dual.row(i);
          const b = direct.row(i);
          const scale = Math.max(1, ...Array.from(a, Math.abs));
          for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThan(1e-9 * scale);
        }
      }),
      { seed: 1402, numRuns: 40 },
    );
  });
});
