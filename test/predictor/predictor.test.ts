import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Field } from "../../src/field/field.ts";
import { floatField } from "../../src/field/float.ts";
import { primeField } from "../../src/field/prime.ts";
import { type Rational, rational, rationalField as Q, rationalToNumber } from "../../src/field/rational.ts";
import { fromCoordinates, toCoordinates } from "../../src/model/chart.ts";
import { relabel } from "../../src/model/relabel.ts";
import { type ModelSpec, type Parameters, parameterCount } from "../../src/model/spec.ts";
import { gaussianDesign } from "../../src/predictor/design.ts";
import { predict } from "../../src/predictor/predict.ts";
import { exhaustiveSummary } from "../../src/predictor/summary.ts";
import { Rng } from "../../src/base/random.ts";
import { parseTaskSet } from "../../src/task/parse.ts";
import { formatTask } from "../../src/task/task.ts";
import {
  arbGhmmSpec,
  arbHmmSpec,
  arbPermutation,
  arbPrimeField,
  arbRationalPoint,
  arbScenario,
  arbSpec,
  arbTask,
  mapRational,
  pointsOf,
  specArb,
  toFloatCoordinates,
} from "../../src/testing/arbitraries.ts";
import { predictByPaths } from "../helpers/enumerate.ts";

const RUNS = 60;

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => {
    const scale = Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(x - expected[i]) <= tolerance * scale)) {
      throw new Error(`entry ${i}: ${x} vs ${expected[i]} (tolerance ${tolerance})\nactual   ${actual}\nexpected ${expected}`);
    }
  });
}

const eqQ = (a: Rational, b: Rational) => a.num === b.num && a.den === b.den;
const showQ = (xs: readonly Rational[]) => xs.map((x) => `${x.num}/${x.den}`).join(", ");

function expectEqualQ(actual: readonly Rational[], expected: readonly Rational[]): void {
  expect(actual.length).toBe(expected.length);
  if (!actual.every((x, i) => eqQ(x, expected[i]))) {
    throw new Error(`rational vectors differ\nactual   ${showQ(actual)}\nexpected ${showQ(expected)}`);
  }
}

/** Every input tuple of a discrete task, first given position most significant. */
function allInputs(d: number, count: number): number[][] {
  const out: number[][] = [];
  for (let code = 0; code < d ** count; code++) {
    const digits: number[] = [];
    let rest = code;
    for (let i = 0; i < count; i++) {
      digits.unshift(rest % d);
      rest = Math.floor(rest / d);
    }
    out.push(digits);
  }
  return out;
}

describe("forward–backward predict equals the path-enumeration reference", () => {
  it("on random models, tasks and inputs (both families, floats, 1e-10)", () => {
    fc.assert(
      fc.property(arbScenario(arbSpec), ({ spec, coords, task, given }) => {
        const params = fromCoordinates(floatField, spec, toFloatCoordinates(coords));
        expectClose(predict(floatField, spec, params, task, given), predictByPaths(spec, params, task, given), 1e-10);
      }),
      { seed: 4101, numRuns: 150 },
    );
  });

  it("for Gaussian inputs far out in the tails (log-domain weights stay exact)", () => {
    fc.assert(
      fc.property(
        arbGhmmSpec.chain((spec) =>
          fc.tuple(fc.constant(spec), arbRationalPoint(spec), arbTask(3), fc.double({ min: 4, max: 8, noNaN: true })),
        ),
        ([spec, coords, task, scale]) => {
          const params = fromCoordinates(floatField, spec, toFloatCoordinates(coords));
          // Moderate vectors in every direction, scaled up (densities ~ exp(−scale²) stay representable).
          const given = task.given.map((t) => Array.from({ length: spec.symbols }, (_, a) => (((t + a) % 3) - 1) * scale));
          expectClose(predict(floatField, spec, params, task, given), predictByPaths(spec, params, task, given), 1e-9);
        },
      ),
      { seed: 4102, numRuns: 40 },
    );
  });
});

describe("float, exact rational and F_p evaluations agree (hmm)", () => {
  it("maps the rational prediction into F_p exactly and onto the float prediction closely", () => {
    fc.assert(
      fc.property(arbScenario(arbHmmSpec), arbPrimeField, ({ spec, coords, task, given }, F) => {
        const points = pointsOf(spec, coords, F);
        const exact = predict(Q, spec, points.rational, task, given);
        const modp = predict(F, spec, points.prime, task, given);
        const float = predict(floatField, spec, points.float, task, given);
        expect(modp).toEqual(exact.map((r) => mapRational(F, r)));
        expectClose(exact.map(rationalToNumber), float, 1e-12);
      }),
      { seed: 4201, numRuns: RUNS },
    );
  });

  it("agrees for the whole exhaustive summary too", () => {
    fc.assert(
      fc.property(arbScenario(arbHmmSpec), arbPrimeField, ({ spec, coords, task }, F) => {
        const points = pointsOf(spec, coords, F);
        const sq = exhaustiveSummary(Q, spec, points.rational, [task]);
        const sp = exhaustiveSummary(F, spec, points.prime, [task]);
        const sf = exhaustiveSummary(floatField, spec, points.float, [task]);
        expect(sp.rows).toBe(sq.rows);
        expect(sf.rows).toBe(sq.rows);
        for (let r = 0; r < sq.rows; r++) {
          const q = sq.value(r);
          expect(sp.value(r)).toBe(mapRational(F, q));
          expect(Math.abs(sf.value(r) - rationalToNumber(q))).toBeLessThan(1e-12);
        }
      }),
      { seed: 4202, numRuns: 30 },
    );
  });
});

describe("discrete predictions are probability vectors", () => {
  it("entries ≥ 0 summing to 1 (floats), and summing to exactly 1 over Q", () => {
    fc.assert(
      fc.property(arbScenario(arbHmmSpec), ({ spec, coords, task, given }) => {
        const pf = predict(floatField, spec, fromCoordinates(floatField, spec, toFloatCoordinates(coords)), task, given);
        expect(pf.length).toBe(spec.symbols ** task.predict.length);
        for (const x of pf) expect(x).toBeGreaterThanOrEqual(0);
        expect(Math.abs(pf.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        const pq = predict(Q, spec, fromCoordinates(Q, spec, coords), task, given);
        for (const x of pq) expect(x.num >= 0n).toBe(true);
        expect(pq.reduce(Q.add, Q.zero)).toEqual(Q.one);
      }),
      { seed: 4301, numRuns: RUNS },
    );
  });

  it("marginals of a tensor prediction are the single-target predictions", () => {
    fc.assert(
      fc.property(
        arbScenario(arbHmmSpec).filter((s) => s.task.predict.length === 2),
        ({ spec, coords, task, given }) => {
          const p = fromCoordinates(Q, spec, coords);
          const d = spec.symbols;
          const joint = predict(Q, spec, p, task, given);
          const [u, v] = task.predict;
          const first = predict(Q, spec, p, { given: task.given, predict: [u] }, given);
          const second = predict(Q, spec, p, { given: task.given, predict: [v] }, given);
          const rowSums = Array.from({ length: d }, (_, a) => joint.slice(a * d, a * d + d).reduce(Q.add, Q.zero));
          const colSums = Array.from({ length: d }, (_, b) =>
            Array.from({ length: d }, (_, a) => joint[a * d + b]).reduce(Q.add, Q.zero),
          );
          expectEqualQ(rowSums, first);
          expectEqualQ(colSums, second);
        },
      ),
      { seed: 4302, numRuns: 40 },
    );
  });
});

describe("relabelling hidden states changes no prediction", () => {
  const arb = arbScenario(arbSpec).chain((s) => arbPermutation(s.spec.states).map((perm) => ({ ...s, perm })));

  it("floats, both families", () => {
    fc.assert(
      fc.property(arb, ({ spec, coords, task, given, perm }) => {
        const p = fromCoordinates(floatField, spec, toFloatCoordinates(coords));
        const q = relabel(p, perm);
        expectClose(predict(floatField, spec, q, task, given), predict(floatField, spec, p, task, given), 1e-12);
      }),
      { seed: 4401, numRuns: RUNS },
    );
  });

  it("exactly over Q (hmm), and the relabelled point is still a point of the chart", () => {
    fc.assert(
      fc.property(
        arb.filter((s) => s.spec.family === "hmm"),
        ({ spec, coords, task, given, perm }) => {
          const p = fromCoordinates(Q, spec, coords);
          const q = relabel(p, perm);
          // Stationarity survives relabelling: the chart reproduces q from its own coordinates.
          expect(fromCoordinates(Q, spec, toCoordinates(spec, q))).toEqual(q);
          expectEqualQ(predict(Q, spec, q, task, given), predict(Q, spec, p, task, given));
          const sp = exhaustiveSummary(Q, spec, p, [task]);
          const sq = exhaustiveSummary(Q, spec, q, [task]);
          for (let r = 0; r < sp.rows; r++) expect(eqQ(sq.value(r), sp.value(r))).toBe(true);
        },
      ),
      { seed: 4402, numRuns: 40 },
    );
  });
});

describe("exhaustive summary", () => {
  /** One or two distinct tasks. */
  const arbTasks = fc
    .array(arbTask(4), { minLength: 1, maxLength: 2 })
    .filter((ts) => new Set(ts.map(formatTask)).size === ts.length);

  it("rows are predict at every input, in the documented order, with well-formed labels (hmm)", () => {
    fc.assert(
      fc.property(
        arbHmmSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec), arbTasks)),
        ([spec, coords, tasks]) => {
          const p = fromCoordinates(Q, spec, coords);
          const d = spec.symbols;
          const summary = exhaustiveSummary(Q, spec, p, tasks);
          let row = 0;
          for (const task of tasks) {
            const outputs = d ** task.predict.length;
            const inputs = allInputs(d, task.given.length);
            for (const input of inputs) {
              const expected = predict(Q, spec, p, task, input);
              for (let out = 0; out < outputs; out++, row++) {
                if (!eqQ(summary.value(row), expected[out])) {
                  throw new Error(`row ${row} (${summary.label(row)}): ${showQ([summary.value(row)])} ≠ ${showQ([expected[out]])}`);
                }
                const outDigits = allInputs(d, task.predict.length)[out];
                const label = summary.label(row);
                const givenPart = task.given.map((t, i) => `x${t}=${input[i] + 1}`).join(",");
                const predictPart = task.predict.map((t, i) => `x${t}=${outDigits[i] + 1}`).join(",");
                expect(label).toBe(`${formatTask(task)} | ${givenPart} | ${predictPart}`);
              }
            }
          }
          expect(summary.rows).toBe(row);
          expect(() => summary.value(summary.rows)).toThrow(RangeError);
          expect(() => summary.value(-1)).toThrow(RangeError);
        },
      ),
      { seed: 4501, numRuns: 40 },
    );
  });

  it("Gaussian rows are predict at each design point, labelled by design point", () => {
    fc.assert(
      fc.property(
        arbGhmmSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec), arbTasks, fc.integer({ min: 1, max: 1000 }))),
        ([spec, coords, tasks, seed]) => {
          const p = fromCoordinates(floatField, spec, toFloatCoordinates(coords));
          const design = gaussianDesign(spec, p, tasks, parameterCount(spec), new Rng(seed));
          const summary = exhaustiveSummary(floatField, spec, p, tasks, design);
          let row = 0;
          tasks.forEach((task, i) => {
            const outputs = spec.symbols ** task.predict.length;
            design[i].forEach((point, j) => {
              const expected = predict(floatField, spec, p, task, point);
              for (let out = 0; out < outputs; out++, row++) {
                expect(Math.abs(summary.value(row) - expected[out])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[out])));
                expect(summary.label(row).startsWith(`${formatTask(task)} | design point ${j + 1} | `)).toBe(true);
              }
            });
          });
          expect(summary.rows).toBe(row);
        },
      ),
      { seed: 4502, numRuns: 25 },
    );
  });

  it("a Gaussian summary without a design is refused", () => {
    const spec: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const p = fromCoordinates(floatField, spec, [0.3, 0.4, 0.6, 1, 0, 0, 1]);
    expect(() => exhaustiveSummary(floatField, spec, p, parseTaskSet("x1 -> x2"))).toThrow(/design/);
  });
});

// ---- closed forms (docs/math.md §3), exact over Q ----

type Mat = Rational[][];
const matMul = (F: Field<Rational>, A: Mat, B: Mat): Mat =>
  A.map((row) => B[0].map((_, j) => row.reduce((s, a, l) => F.add(s, F.mul(a, B[l][j])), F.zero)));
const transpose = (A: Mat): Mat => A[0].map((_, j) => A.map((row) => row[j]));
const diag = (v: readonly Rational[]): Mat => v.map((x, i) => v.map((_, j) => (i === j ? x : Q.zero)));
const matVec = (A: Mat, v: readonly Rational[]) => A.map((row) => row.reduce((s, a, j) => Q.add(s, Q.mul(a, v[j])), Q.zero));

/** O Tˡ diag(π) Oᵀ diag(Oπ)⁻¹: column b is the prediction of x_{1+ℓ} from x1 = e_b. */
function pairwiseClosedForm(p: Parameters<Rational>, lag: number): Mat {
  let Tl = p.T;
  for (let i = 1; i < lag; i++) Tl = matMul(Q, Tl, p.T);
  const O = p.emission;
  const Opi = matVec(O, p.pi);
  return matMul(Q, matMul(Q, matMul(Q, O, Tl), diag(p.pi)), matMul(Q, transpose(O), diag(Opi.map((x) => Q.div(Q.one, x)))));
}

describe("closed forms of docs/math.md §3 (hmm, exact)", () => {
  const arbPoint = arbHmmSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec)));

  for (const [text, lag] of [
    ["x1 -> x2", 1],
    ["x1 -> x3", 2],
  ] as const) {
    it(`${text}: the summary is O T${lag === 2 ? "²" : ""} diag(π) Oᵀ diag(Oπ)⁻¹, column by column`, () => {
      fc.assert(
        fc.property(arbPoint, ([spec, coords]) => {
          const p = fromCoordinates(Q, spec, coords);
          const d = spec.symbols;
          const C = pairwiseClosedForm(p, lag);
          const summary = exhaustiveSummary(Q, spec, p, parseTaskSet(text));
          expect(summary.rows).toBe(d * d);
          for (let b = 0; b < d; b++) {
            const column = Array.from({ length: d }, (_, a) => summary.value(b * d + a));
            expectEqualQ(column, C.map((row) => row[b]));
          }
        }),
        { seed: lag === 1 ? 4601 : 4602, numRuns: RUNS },
      );
    });
  }

  it("x2 -> x1 ⊗ x3: f(e_s) = Σ_m C[s][m] a_m ⊗ b_m", () => {
    fc.assert(
      fc.property(arbPoint, ([spec, coords]) => {
        const p = fromCoordinates(Q, spec, coords);
        const { states: k, symbols: d } = spec;
        const O = p.emission;
        const Tpi = matVec(p.T, p.pi);
        const summary = exhaustiveSummary(Q, spec, p, parseTaskSet("x2 -> x1 ⊗ x3"));
        expect(summary.rows).toBe(d ** 3);
        for (let s = 0; s < d; s++) {
          const weights = Array.from({ length: k }, (_, m) => Q.mul(O[s][m], Tpi[m]));
          const total = weights.reduce(Q.add, Q.zero);
          const C = weights.map((w) => Q.div(w, total));
          const expected: Rational[] = [];
          for (let a = 0; a < d; a++) {
            for (let c = 0; c < d; c++) {
              let e = Q.zero;
              for (let m = 0; m < k; m++) {
                let am = Q.zero;
                for (let j = 0; j < k; j++) am = Q.add(am, Q.mul(Q.mul(O[a][j], p.pi[j]), p.T[m][j]));
                am = Q.div(am, Tpi[m]);
                let bm = Q.zero;
                for (let i = 0; i < k; i++) bm = Q.add(bm, Q.mul(O[c][i], p.T[i][m]));
                e = Q.add(e, Q.mul(C[m], Q.mul(am, bm)));
              }
              expected.push(e);
            }
          }
          const actual = Array.from({ length: d * d }, (_, out) => summary.value(s * d * d + out));
          expectEqualQ(actual, expected);
        }
      }),
      { seed: 4603, numRuns: 30 },
    );
  });

  it("Gaussian x1 -> x2: f(x) = M T softmax(Mᵀx/σ² − diag(MᵀM)/(2σ²) + log π)", () => {
    fc.assert(
      fc.property(
        specArb({ families: ["ghmm"] }).chain((spec) =>
          fc.tuple(
            fc.constant(spec),
            arbRationalPoint(spec),
            fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: spec.symbols, maxLength: spec.symbols }),
          ),
        ),
        ([spec, coords, x]) => {
          const p = fromCoordinates(floatField, spec, toFloatCoordinates(coords));
          const { states: k, symbols: d, sigma } = spec;
          const M = p.emission;
          const logits = Array.from({ length: k }, (_, h) => {
            let dot = 0;
            let norm = 0;
            for (let a = 0; a < d; a++) {
              dot += M[a][h] * x[a];
              norm += M[a][h] ** 2;
            }
            return dot / sigma ** 2 - norm / (2 * sigma ** 2) + Math.log(p.pi[h]);
          });
          const top = Math.max(...logits);
          const w = logits.map((l) => Math.exp(l - top));
          const z = w.reduce((a, b) => a + b, 0);
          const post = w.map((v) => v / z);
          const next = p.T.map((row) => row.reduce((s, t, j) => s + t * post[j], 0));
          const expected = M.map((row) => row.reduce((s, m, i) => s + m * next[i], 0));
          expectClose(predict(floatField, spec, p, parseTaskSet("x1 -> x2")[0], [x]), expected, 1e-10);
        },
      ),
      { seed: 4604, numRuns: RUNS },
    );
  });
});

describe("edge cases", () => {
  it("a one-state model predicts the emission law regardless of the input", () => {
    const spec: ModelSpec = { family: "hmm", states: 1, symbols: 3, init: "stationary", sigma: 1 };
    const p = fromCoordinates(Q, spec, [rational(1n, 6n), rational(1n, 3n)]);
    expect(p.pi).toEqual([Q.one]);
    for (const x of [0, 1, 2]) {
      expectEqualQ(predict(Q, spec, p, parseTaskSet("x1 -> x3")[0], [x]), [rational(1n, 6n), rational(1n, 3n), rational(1n, 2n)]);
    }
  });

  it("rejects inputs of the wrong count, symbol range or kind", () => {
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const p = fromCoordinates(floatField, spec, [0.3, 0.4, 0.6, 0.2, 0.9]);
    const task = parseTaskSet("x1, x2 -> x3")[0];
    expect(() => predict(floatField, spec, p, task, [0])).toThrow();
    expect(() => predict(floatField, spec, p, task, [0, 2])).toThrow(/outside/);
    expect(() => predict(floatField, spec, p, task, [0, [1, 0]])).toThrow();
    const F = primeField(1_000_003);
    const g: ModelSpec = { ...spec, family: "ghmm" };
    const pg = fromCoordinates(F, g, [1, 2, 3, 4, 5, 6, 7]);
    expect(() => predict(F, g, pg, parseTaskSet("x1 -> x2")[0], [[0, 1]])).toThrow(/exp/);
  });
});


describe("predict's input check", () => {
  it("refuses a number of observations other than the task's given count, saying both", () => {
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const p: Parameters<number> = { pi: [0.5, 0.5], T: [[0.5, 0.5], [0.5, 0.5]], emission: [[0.5, 0.5], [0.5, 0.5]] };
    const task = { given: [1, 3], predict: [2] };
    expect(() => predict(floatField, spec, p, task, [0])).toThrow(/^the task is given 2 tokens, not 1$/);
    expect(() => predict(floatField, spec, p, task, [0, 1, 1])).toThrow(/^the task is given 2 tokens, not 3$/);
    expect(predict(floatField, spec, p, task, [0, 1])).toEqual([0.5, 0.5]);
  });
});
