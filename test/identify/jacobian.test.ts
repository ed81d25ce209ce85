import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero, type Field } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { type PrimeField, primeField } from "../../src/field/prime.ts";
import { type Rational, rational, rationalField as Q, rationalToNumber } from "../../src/field/rational.ts";
import { analyse } from "../../src/analysis/analyse.ts";
import { jacobianAt, summaryRowCount } from "../../src/identify/jacobian.ts";
import { ModPEchelon } from "../../src/linalg/modp-echelon.ts";
import { numericalRank } from "../../src/linalg/numerical-rank.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { randomFloatPoint, randomPrimeCoordinates } from "../../src/model/random-point.ts";
import { type ModelSpec, allEntries, entryOf, parameterCount } from "../../src/model/spec.ts";
import { gaussianDesign, informativeDesign } from "../../src/predictor/design.ts";
import { type GaussianDesign, exhaustiveSummary } from "../../src/predictor/summary.ts";
import { Rng } from "../../src/base/random.ts";
import { type Task, formatTask } from "../../src/task/task.ts";
import {
  arbHmmSpec,
  arbPrimeField,
  arbRationalPoint,
  arbSpec,
  arbTask,
  specArb,
  toFloatCoordinates,
  toPrimeCoordinates,
} from "../../src/testing/arbitraries.ts";

/** One or two distinct tasks on positions ≤ maxPosition. */
const arbTasks = (maxPosition: number) =>
  fc
    .array(arbTask(maxPosition), { minLength: 1, maxLength: 2 })
    .filter((ts) => new Set(ts.map(formatTask)).size === ts.length);

const summaryAt = (spec: ModelSpec, theta: readonly number[], tasks: readonly Task[], design?: GaussianDesign): number[] => {
  const s = exhaustiveSummary(floatField, spec, fromCoordinates(floatField, spec, theta), tasks, design);
  return Array.from({ length: s.rows }, (_, i) => s.value(i));
};

describe("dual-number Jacobian = central finite differences (floats)", () => {
  it("on random points and task sets, both families", () => {
    fc.assert(
      fc.property(
        arbSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec), arbTasks(3), fc.integer({ min: 1, max: 10_000 }))),
        ([spec, coords, tasks, seed]) => {
          const theta = toFloatCoordinates(coords);
          const n = parameterCount(spec);
          const design =
            spec.family === "ghmm"
              ? gaussianDesign(spec, fromCoordinates(floatField, spec, theta), tasks, n, new Rng(seed))
              : undefined;
          const J = jacobianAt(floatField, spec, theta, tasks, design);
          expect(J.columns).toBe(n);
          const rows = Array.from({ length: J.rows }, (_, r) => J.row(r));
          const h = 1e-5;
          for (let i = 0; i < n; i++) {
            const plus = theta.slice();
            const minus = theta.slice();
            plus[i] += h;
            minus[i] -= h;
            const fp = summaryAt(spec, plus, tasks, design);
            const fm = summaryAt(spec, minus, tasks, design);
            expect(fp.length).toBe(J.rows);
            for (let r = 0; r < J.rows; r++) {
              const fd = (fp[r] - fm[r]) / (2 * h);
              const exact = rows[r][i];
              if (!(Math.abs(fd - exact) <= 1e-5 * Math.max(1, Math.abs(exact)))) {
                throw new Error(`${J.label(r)}, coordinate ${i}: dual ${exact}, finite difference ${fd}`);
              }
            }
          }
        },
      ),
      { seed: 7101, numRuns: 40 },
    );
  });

  it("entry gradients: free coordinates are unit vectors, last entries minus the sum", () => {
    fc.assert(
      fc.property(
        arbSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec))),
        ([spec, coords]) => {
          const theta = toFloatCoordinates(coords);
          const design: GaussianDesign | undefined = spec.family === "ghmm" ? [[[new Array(spec.symbols).fill(0)]]] : undefined;
          const tasks: Task[] = [{ given: [1], predict: [2] }];
          const J = jacobianAt(floatField, spec, theta, tasks, design);
          const n = parameterCount(spec);
          const h = 1e-6;
          for (const e of allEntries(spec)) {
            const g = J.entryGradient(e);
            expect(g.length).toBe(n);
            for (let i = 0; i < n; i++) {
              const plus = theta.slice();
              const minus = theta.slice();
              plus[i] += h;
              minus[i] -= h;
              const fd =
                (entryOf(fromCoordinates(floatField, spec, plus), e) - entryOf(fromCoordinates(floatField, spec, minus), e)) / (2 * h);
              expect(Math.abs(fd - g[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(g[i])));
            }
          }
        },
      ),
      { seed: 7102, numRuns: 40 },
    );
  });
});

// ---- exact forward mode over Q, written here independently of src/field/dual.ts ----

interface QDual {
  readonly v: Rational;
  readonly g: readonly Rational[];
}

function rationalDualField(n: number): Field<QDual> & { variable(v: Rational, i: number): QDual } {
  const zeros: Rational[] = new Array(n).fill(Q.zero);
  const c = (v: Rational): QDual => ({ v, g: zeros });
  const comb = (a: readonly Rational[], alpha: Rational, b: readonly Rational[], beta: Rational) =>
    a.map((x, i) => Q.add(Q.mul(alpha, x), Q.mul(beta, b[i])));
  return {
    name: "dual(Q)",
    zero: c(Q.zero),
    one: c(Q.one),
    variable: (v, i) => ({ v, g: zeros.map((_, j) => (j === i ? Q.one : Q.zero)) }),
    fromInt: (k) => c(Q.fromInt(k)),
    fromRational: (num, den) => c(Q.fromRational(num, den)),
    add: (a, b) => ({ v: Q.add(a.v, b.v), g: comb(a.g, Q.one, b.g, Q.one) }),
    sub: (a, b) => ({ v: Q.sub(a.v, b.v), g: comb(a.g, Q.one, b.g, Q.neg(Q.one)) }),
    mul: (a, b) => ({ v: Q.mul(a.v, b.v), g: comb(a.g, b.v, b.g, a.v) }),
    div: (a, b) => {
      if (Q.isZero(b.v)) throw new DivisionByZero("dual(Q)");
      const q = Q.div(a.v, b.v);
      const inv = Q.div(Q.one, b.v);
      return { v: q, g: comb(a.g, inv, b.g, Q.neg(Q.mul(q, inv))) };
    },
    neg: (a) => ({ v: Q.neg(a.v), g: a.g.map(Q.neg) }),
    isZero: (a) => Q.isZero(a.v) && a.g.every(Q.isZero),
    pivotWeight: (a) => Q.pivotWeight(a.v),
  };
}

function rationalJacobian(spec: ModelSpec, coords: readonly Rational[], tasks: readonly Task[]): Rational[][] {
  const D = rationalDualField(coords.length);
  const params = fromCoordinates(D, spec, coords.map((v, i) => D.variable(v, i)));
  const s = exhaustiveSummary(D, spec, params, tasks);
  return Array.from({ length: s.rows }, (_, r) => [...s.value(r).g]);
}

describe("exact Jacobians agree across number systems (hmm)", () => {
  const arb = arbHmmSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec), arbTasks(3)));

  it("the F_p Jacobian at the image of a rational point is the exact rational Jacobian mod p", () => {
    fc.assert(
      fc.property(arb, arbPrimeField, ([spec, coords, tasks], F) => {
        const JQ = rationalJacobian(spec, coords, tasks);
        const Jp = jacobianAt(F, spec, toPrimeCoordinates(coords, F), tasks);
        expect(Jp.rows).toBe(JQ.length);
        for (let r = 0; r < Jp.rows; r++) {
          const expected = JQ[r].map((x) => F.fromRational(x.num, x.den));
          expect(Array.from(Jp.row(r))).toEqual(expected);
        }
      }),
      { seed: 7201, numRuns: 25 },
    );
  });

  it("the float Jacobian at a rational point is the exact rational Jacobian, rounded", () => {
    fc.assert(
      fc.property(arb, ([spec, coords, tasks]) => {
        const JQ = rationalJacobian(spec, coords, tasks);
        const Jf = jacobianAt(floatField, spec, toFloatCoordinates(coords), tasks);
        for (let r = 0; r < Jf.rows; r++) {
          const row = Jf.row(r);
          JQ[r].forEach((x, i) => expect(Math.abs(row[i] - rationalToNumber(x))).toBeLessThan(1e-10 * Math.max(1, Math.abs(rationalToNumber(x)))));
        }
      }),
      { seed: 7202, numRuns: 25 },
    );
  });

  it("F_p duals handle residues near p (negations and products stay reduced)", () => {
    // Coordinates p−1, p−2, …: every intermediate is a large residue.
    const F = primeField(67_108_859);
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
    const n = parameterCount(spec);
    const coords = Array.from({ length: n }, (_, i) => rational(BigInt(-(i + 1)), 1n));
    const tasks: Task[] = [{ given: [2], predict: [1, 3] }];
    const JQ = rationalJacobian(spec, coords, tasks);
    const Jp = jacobianAt(F, spec, toPrimeCoordinates(coords, F), tasks);
    for (let r = 0; r < Jp.rows; r++) {
      const row = Array.from(Jp.row(r));
      for (const x of row) expect(Number.isInteger(x) && x >= 0 && x < F.p).toBe(true);
      expect(row).toEqual(JQ[r].map((x) => F.fromRational(x.num, x.den)));
    }
  });
});

describe("exact rank mod p never exceeds the float rank", () => {
  // The float point must be generic: random reals, not the small-integer rational points
  // (fast-check shrinks those towards uniform columns, where T is singular).
  const arb = arbHmmSpec.chain((spec) => fc.tuple(fc.constant(spec), arbTasks(3), fc.integer({ min: 1, max: 1e6 })));

  it("rank of J at a random point of F_p^n ≤ decided float rank at a random float point", () => {
    fc.assert(
      fc.property(arb, arbPrimeField, ([spec, tasks, seed], F: PrimeField) => {
        const n = parameterCount(spec);
        const Jf = jacobianAt(floatField, spec, randomFloatPoint(spec, new Rng(seed + 7)).theta, tasks);
        const fr = numericalRank(Array.from({ length: Jf.rows }, (_, i) => Jf.row(i)), n);
        let theta = randomPrimeCoordinates(spec, F, new Rng(seed));
        let Jp;
        try {
          Jp = jacobianAt(F, spec, theta, tasks);
        } catch (e) {
          if (!(e instanceof DivisionByZero)) throw e;
          theta = randomPrimeCoordinates(spec, F, new Rng(seed + 1));
          Jp = jacobianAt(F, spec, theta, tasks);
        }
        const echelon = new ModPEchelon(F, n);
        for (let i = 0; i < Jp.rows; i++) echelon.addRow(Jp.row(i));
        expect(echelon.rank).toBeLessThanOrEqual(Math.min(n, Jp.rows));
        if (fr.decided) expect(echelon.rank).toBeLessThanOrEqual(fr.rank);
      }),
      { seed: 7301, numRuns: 40 },
    );
  });

  it("in analyse's evidence: every exact rank ≤ every decided float rank, and the verdict follows the evidence", () => {
    fc.assert(
      fc.property(
        specArb({ families: ["hmm"], minStates: 2 }).chain((spec) => fc.tuple(fc.constant(spec), arbTasks(3), fc.integer({ min: 1, max: 1e6 }))),
        ([spec, tasks, seed]) => {
          const result = analyse(spec, tasks, { seed });
          const n = result.parameterCount;
          expect(n).toBe(parameterCount(spec));
          const decided = result.evidence.float.filter((f) => f.decided);
          for (const e of result.evidence.exact) {
            expect(e.columns).toBe(n);
            for (const f of decided) expect(e.rank).toBeLessThanOrEqual(f.rank);
          }
          const best = Math.max(...result.evidence.exact.map((e) => e.rank));
          if (result.verdict === "identifiable") {
            expect(best).toBe(n);
            expect(result.rank).toBe(n);
            expect(result.fiberDimension).toBe(0);
            expect(result.evidence.schwartzZippel).toBeNull();
          } else if (result.verdict === "not identifiable") {
            expect(result.rank).toBe(best);
            expect(result.fiberDimension).toBe(n - best);
            for (const f of decided) expect(f.rank).toBe(best);
            if (result.proof === "exact rank mod p meets a family's bound") {
              // Proven from both sides: the family's bound is the rank, and no float point ran.
              expect(result.evidence.rankUpperBound!.rank).toBe(best);
              expect(result.evidence.float).toEqual([]);
              expect(result.evidence.schwartzZippel).toBeNull();
            } else {
              expect(decided.length).toBeGreaterThanOrEqual(2);
              expect(result.evidence.schwartzZippel).not.toBeNull();
            }
          } else {
            expect(result.rank).toBeNull();
          }
        },
      ),
      { seed: 7302, numRuns: 30 },
    );
  });

  it("Gaussian analyses carry no exact evidence and rest on ≥ 2 agreeing decided float ranks", () => {
    fc.assert(
      fc.property(
        specArb({ families: ["ghmm"], minStates: 2 }).chain((spec) => fc.tuple(fc.constant(spec), arbTasks(3), fc.integer({ min: 1, max: 1e6 }))),
        ([spec, tasks, seed]) => {
          const result = analyse(spec, tasks, { seed });
          expect(result.evidence.exact).toEqual([]);
          expect(result.evidence.schwartzZippel).toBeNull();
          expect(result.evidence.design).not.toBeNull();
          if (result.verdict !== "inconclusive") {
            const decided = result.evidence.float.filter((f) => f.decided);
            expect(decided.length).toBeGreaterThanOrEqual(2);
            for (const f of decided) {
              expect(f.rank).toBe(result.rank);
              expect(f.gapRatio).toBeGreaterThanOrEqual(1e6);
            }
            expect(result.fiberDimension).toBe(result.parameterCount - result.rank!);
          }
        },
      ),
      { seed: 7303, numRuns: 15 },
    );
  });
});

describe("summaryRowCount counts the Jacobian's rows without building it", () => {
  // Callers size the subset, the cost model and the explanation from this count: it must
  // match the rows the Jacobian has, d^|S|·d^|U| per discrete task and (design size)·d^|U| per Gaussian one.
  it("equals the rows of the Jacobian at a point, with the informative design for Gaussian emissions", () => {
    fc.assert(
      fc.property(arbSpec, arbTasks(4), fc.integer({ min: 0, max: 1000 }), (spec, tasks, seed) => {
        const n = parameterCount(spec);
        const rng = new Rng(seed);
        const point = randomFloatPoint(spec, rng);
        const design = spec.family === "ghmm" ? informativeDesign(spec, point.params, tasks, n, rng) : undefined;
        expect(summaryRowCount(spec, tasks, n)).toBe(jacobianAt(floatField, spec, point.theta, tasks, design).rows);
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});
