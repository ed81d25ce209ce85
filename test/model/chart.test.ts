import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DivisionByZero, type Field } from "../../src/field/field.ts";
import { primeField } from "../../src/field/prime.ts";
import { floatField } from "../../src/field/float.ts";
import { rationalField as Q, rationalField } from "../../src/field/rational.ts";
import { fromCoordinates, stationaryLaw, toCoordinates } from "../../src/model/chart.ts";
import { ParameterError, toParameterFile, validateParameters } from "../../src/model/params-file.ts";
import { regularityChecks } from "../../src/model/regularity.ts";
import { type ModelSpec, allEntries, entryName, entryOf, freeCoordinates, parameterCount } from "../../src/model/spec.ts";
import { arbPrimeField, arbRationalPoint, arbSpec, pointsOf, specArb, toFloatCoordinates } from "../../src/testing/arbitraries.ts";

const arbPoint = arbSpec.chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec)));

describe("chart: free coordinates ↔ parameters", () => {
  it("toCoordinates(fromCoordinates(θ)) = θ over Q, floats and F_p", () => {
    fc.assert(
      fc.property(arbPoint, arbPrimeField, ([spec, coords], F) => {
        const pts = pointsOf(spec, coords, F);
        expect(toCoordinates(spec, pts.rational)).toEqual(coords);
        expect(toCoordinates(spec, pts.float)).toEqual(toFloatCoordinates(coords));
        expect(toCoordinates(spec, pts.prime)).toEqual(coords.map((r) => F.fromRational(r.num, r.den)));
      }),
      { seed: 5101, numRuns: 80 },
    );
  });

  it("fromCoordinates(toCoordinates(p)) = p, and every column of T (and O) sums to exactly 1", () => {
    fc.assert(
      fc.property(arbPoint, ([spec, coords]) => {
        const p = fromCoordinates(Q, spec, coords);
        expect(fromCoordinates(Q, spec, toCoordinates(spec, p))).toEqual(p);
        const k = spec.states;
        expect(p.pi.length).toBe(k);
        expect(p.T.length).toBe(k);
        expect(p.emission.length).toBe(spec.symbols);
        for (let j = 0; j < k; j++) {
          expect(p.T.map((row) => row[j]).reduce(Q.add, Q.zero)).toEqual(Q.one);
          if (spec.family === "hmm") expect(p.emission.map((row) => row[j]).reduce(Q.add, Q.zero)).toEqual(Q.one);
        }
        expect(p.pi.reduce(Q.add, Q.zero)).toEqual(Q.one);
        // Chart order: the i-th free coordinate is the entry freeCoordinates names.
        freeCoordinates(spec).forEach((e, i) => expect(entryOf(p, e)).toEqual(coords[i]));
      }),
      { seed: 5102, numRuns: 80 },
    );
  });

  it("stationary π satisfies Tπ = π exactly over Q (and is positive for positive T)", () => {
    fc.assert(
      fc.property(
        specArb({ families: ["hmm", "ghmm"] })
          .map((s): ModelSpec => ({ ...s, init: "stationary" }))
          .chain((spec) => fc.tuple(fc.constant(spec), arbRationalPoint(spec))),
        ([spec, coords]) => {
          const p = fromCoordinates(Q, spec, coords);
          const Tpi = p.T.map((row) => row.reduce((s, t, j) => Q.add(s, Q.mul(t, p.pi[j])), Q.zero));
          expect(Tpi).toEqual(p.pi);
          for (const x of p.pi) expect(x.num > 0n).toBe(true);
          expect(stationaryLaw(Q, p.T)).toEqual(p.pi);
        },
      ),
      { seed: 5103, numRuns: 80 },
    );
  });

  it("stationaryLaw refuses a T without a unique stationary law", () => {
    expect(() => stationaryLaw(floatField, [[1, 0], [0, 1]])).toThrow(DivisionByZero);
    expect(() => stationaryLaw(Q, [[Q.one, Q.zero], [Q.zero, Q.one]])).toThrow(DivisionByZero);
  });

  it("parameterCount matches the formula of docs/math.md §2 and the chart's length", () => {
    for (const family of ["hmm", "ghmm"] as const) {
      for (const init of ["stationary", "free"] as const) {
        for (let k = 1; k <= 4; k++) {
          for (let d = 1; d <= 5; d++) {
            if (family === "hmm" && d < 2) continue;
            const spec: ModelSpec = { family, states: k, symbols: d, init, sigma: 1 };
            const n = (init === "free" ? k - 1 : 0) + k * (k - 1) + (family === "hmm" ? k * (d - 1) : k * d);
            expect(parameterCount(spec)).toBe(n);
            expect(freeCoordinates(spec).length).toBe(n);
            expect(new Set(freeCoordinates(spec).map((e) => `${e.matrix}${e.row},${e.col}`)).size).toBe(n);
            expect(allEntries(spec).length).toBe(k + k * k + d * k);
            expect(() => fromCoordinates(floatField, spec, new Array(n + 1).fill(0.1))).toThrow(/expected/);
          }
        }
      }
    }
    // The reference rows of docs/math.md §9.
    expect(parameterCount({ family: "hmm", states: 3, symbols: 5, init: "stationary", sigma: 1 })).toBe(18);
    expect(parameterCount({ family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 })).toBe(5);
    expect(parameterCount({ family: "ghmm", states: 3, symbols: 3, init: "stationary", sigma: 1 })).toBe(15);
    expect(parameterCount({ family: "ghmm", states: 3, symbols: 3, init: "free", sigma: 1 })).toBe(17);
  });
});

describe("parameter files", () => {
  const hmm22: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
  const hmm23free: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
  const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
  const T = [
    [0.7, 0.2],
    [0.3, 0.8],
  ];
  const O = [
    [0.9, 0.4],
    [0.1, 0.6],
  ];
  const fail = (json: unknown, spec: ModelSpec): ParameterError => {
    try {
      validateParameters(json, spec);
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      return e as ParameterError;
    }
    throw new Error(`accepted ${JSON.stringify(json)}`);
  };

  it("accepts a valid point, computing the stationary π when omitted", () => {
    const p = validateParameters({ T, O }, hmm22);
    expect(p.pi[0]).toBeCloseTo(0.4, 12);
    expect(p.pi[1]).toBeCloseTo(0.6, 12);
    expect(validateParameters({ pi: [0.4, 0.6], T, O }, hmm22).pi).toEqual([0.4, 0.6]);
    // Round trip through the file form.
    const back = validateParameters(JSON.parse(JSON.stringify(toParameterFile(hmm22, p))), hmm22);
    expect(back).toEqual(p);
  });

  it("names the column and its sum when a column does not sum to 1", () => {
    const e = fail({ T: [[0.5, 0.5], [0.4, 0.5]], O }, hmm22);
    expect(e.message).toMatch(/column 1 of T/);
    expect(e.message).toMatch(/sums to 0\.9\b/);
    const e2 = fail({ T, O: [[0.9, 0.4], [0.1, 0.5]] }, hmm22);
    expect(e2.message).toMatch(/column 2 of O/);
    expect(e2.message).toMatch(/sums to 0\.9\b/);
    // Within the file tolerance a rounded column passes.
    expect(() => validateParameters({ T: [[0.7 + 1e-12, 0.2], [0.3, 0.8]], O }, hmm22)).not.toThrow();
  });

  it("rejects a negative entry, naming it (1-based)", () => {
    const e = fail({ T: [[0.7, -0.1], [0.3, 1.1]], O }, hmm22);
    expect(e.message).toMatch(/T\[1,2\]/);
    expect(e.message).toMatch(/-0\.1/);
    expect(e.message).toMatch(/negative/);
    const e2 = fail({ T, O: [[0.9, 0.4], [0.1, 0.7], [0, -0.1]] }, hmm23free);
    expect(e2.message).toMatch(/O\[3,2\] is -0\.1/);
    const e3 = fail({ pi: [1.5, -0.5], T, O }, { ...hmm22, init: "free" });
    expect(e3.message).toMatch(/pi\[2\]/);
  });

  it("rejects non-number entries (null, strings) with their place", () => {
    const e = fail({ T: [[0.7, null], [0.3, 0.8]], O }, hmm22);
    expect(e.message).toMatch(/T\[1,2\] is null/);
    const e2 = fail({ T, O: [[0.9, "0.4"], [0.1, 0.6]] }, hmm22);
    expect(e2.message).toMatch(/O\[1,2\] is "0\.4"/);
    const e3 = fail({ pi: [0.4, null], T, O }, hmm22);
    expect(e3.message).toMatch(/pi\[2\] is null/);
  });

  it("rejects wrong shapes", () => {
    expect(fail({ T: [[1]], O }, hmm22).message).toMatch(/T has 1 rows, expected 2/);
    expect(fail({ T: [[0.7, 0.2], [0.3]], O }, hmm22).message).toMatch(/T row 2 must have 2 entries/);
    expect(fail({ T, O: [[0.9, 0.4]] }, hmm22).message).toMatch(/O has 1 rows, expected 2/);
    expect(fail({ T }, hmm22).message).toMatch(/O must be/);
    expect(fail({ T: "T", O }, hmm22).message).toMatch(/T must be/);
    expect(fail({ pi: [1], T, O }, hmm22).message).toMatch(/pi has 1 entries, expected 2/);
    expect(fail([T, O], hmm22).message).toMatch(/JSON object/);
    expect(fail(null, hmm22).message).toMatch(/JSON object/);
    expect(fail({ T, M: O }, hmm22).message).toMatch(/takes "O", not "M"/);
    expect(fail({ T, O }, ghmm).message).toMatch(/takes "M", not "O"/);
  });

  it("free init needs pi", () => {
    expect(fail({ T, O: [[0.5, 0.4], [0.3, 0.3], [0.2, 0.3]] }, hmm23free).message).toMatch(/free init needs "pi"/);
  });

  it("a pi that is not stationary for T is refused under stationary init, accepted under free init", () => {
    const e = fail({ pi: [0.5, 0.5], T, O }, hmm22);
    expect(e.message).toMatch(/pi is not stationary for T/);
    expect(validateParameters({ pi: [0.5, 0.5], T, O }, { ...hmm22, init: "free" }).pi).toEqual([0.5, 0.5]);
    expect(fail({ pi: [0.5, 0.6], T, O }, { ...hmm22, init: "free" }).message).toMatch(/pi sums to 1\.1/);
  });

  it("a T with no unique stationary law needs pi", () => {
    const e = fail({ T: [[1, 0], [0, 1]], O }, hmm22);
    expect(e.message).toMatch(/no unique stationary law/);
  });

  it("Gaussian means may be negative, sigma must be positive", () => {
    const M = [
      [-1, 2],
      [0.5, -3],
    ];
    expect(validateParameters({ pi: [0.5, 0.5], T, M }, ghmm).emission).toEqual(M);
    expect(fail({ pi: [0.5, 0.5], T, M, sigma: 0 }, ghmm).message).toMatch(/sigma/);
    expect(fail({ pi: [0.5, 0.5], T, M, sigma: "1" }, ghmm).message).toMatch(/sigma/);
  });

  it("refuses a key it does not know, naming it and the keys it takes", () => {
    expect(fail({ T, O, Pi: [0.5, 0.5] }, hmm22).message).toBe('unknown key "Pi"; a hmm parameter file takes the keys pi, T, O');
    expect(fail({ T, M: [[-1, 2]], mu: 1 }, { ...ghmm, symbols: 1 }).message).toMatch(/unknown key "mu"; a ghmm parameter file takes the keys pi, T, M, sigma/);
    expect(fail({ T, O, sigma: 1 }, hmm22).message).toMatch(/sigma applies to ghmm only; a hmm parameter file takes the keys pi, T, O/);
  });
});

describe("regularity checks", () => {
  const spec: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
  const T = [
    [0.7, 0.2],
    [0.3, 0.8],
  ];
  const O = [
    [0.5, 0.1],
    [0.3, 0.2],
    [0.2, 0.7],
  ];
  const byName = (checks: ReturnType<typeof regularityChecks>) => new Map(checks.map((c) => [c.name, c]));

  it("a regular point passes every check", () => {
    const checks = regularityChecks(spec, { pi: [0.4, 0.6], T, emission: O });
    expect(checks.map((c) => c.name)).toEqual(["T invertible", "O full column rank", "π > 0"]);
    expect(checks.every((c) => c.holds)).toBe(true);
  });

  it("flags a singular T", () => {
    const c = byName(regularityChecks(spec, { pi: [0.4, 0.6], T: [[0.5, 0.5], [0.5, 0.5]], emission: O }));
    expect(c.get("T invertible")!.holds).toBe(false);
    expect(c.get("O full column rank")!.holds).toBe(true);
    expect(c.get("π > 0")!.holds).toBe(true);
  });

  it("counts a relative singular value exactly at 1e-10 as singular, and twice that as regular", () => {
    // Diagonal matrices have exact singular values, so the ratio is exactly the tolerance.
    const at = (ratio: number) =>
      byName(regularityChecks(spec, { pi: [0.4, 0.6], T: [[1, 0], [0, ratio]], emission: [[1, 0], [0, ratio], [0, 0]] }));
    expect(at(1e-10).get("T invertible")).toEqual({ name: "T invertible", holds: false, detail: "σ_min(T)/σ_max(T) = 1.00e-10" });
    expect(at(1e-10).get("O full column rank")).toEqual({ name: "O full column rank", holds: false, detail: "σ_2(O)/σ_1(O) = 1.00e-10" });
    expect(at(2e-10).get("T invertible")!.holds).toBe(true);
    expect(at(2e-10).get("O full column rank")!.holds).toBe(true);
  });

  it("flags a rank-deficient O (two equal columns)", () => {
    const c = byName(regularityChecks(spec, { pi: [0.4, 0.6], T, emission: [[0.5, 0.5], [0.3, 0.3], [0.2, 0.2]] }));
    expect(c.get("O full column rank")!.holds).toBe(false);
    expect(c.get("T invertible")!.holds).toBe(true);
  });

  it("flags k > d with a message saying so", () => {
    const wide: ModelSpec = { family: "hmm", states: 3, symbols: 2, init: "free", sigma: 1 };
    const T3 = [
      [0.6, 0.2, 0.1],
      [0.3, 0.7, 0.2],
      [0.1, 0.1, 0.7],
    ];
    const c = byName(regularityChecks(wide, { pi: [0.3, 0.3, 0.4], T: T3, emission: [[0.5, 0.1, 0.8], [0.5, 0.9, 0.2]] }));
    expect(c.get("O full column rank")!.holds).toBe(false);
    expect(c.get("O full column rank")!.detail).toMatch(/k = 3 > d = 2/);
    expect(c.get("T invertible")!.holds).toBe(true);
  });

  it("flags π with a zero", () => {
    const c = byName(regularityChecks(spec, { pi: [0, 1], T, emission: O }));
    expect(c.get("π > 0")!.holds).toBe(false);
    expect(c.get("T invertible")!.holds).toBe(true);
  });

  it("names M for Gaussian models and flags collinear means", () => {
    const g: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
    const c = byName(regularityChecks(g, { pi: [0.4, 0.6], T, emission: [[1, 2], [-1, -2]] }));
    expect(c.get("M full column rank")!.holds).toBe(false);
    const ok = byName(regularityChecks(g, { pi: [0.4, 0.6], T, emission: [[1, 2], [-1, 3]] }));
    expect(ok.get("M full column rank")!.holds).toBe(true);
  });

  it("each detail states the figure its verdict was decided on", () => {
    // Orthogonal columns of norms √0.5 and 1: σ_2(O)/σ_1(O) = √0.5; T = I has ratio 1.
    const c = byName(regularityChecks(spec, { pi: [0.25, 0.75], T: [[1, 0], [0, 1]], emission: [[0.5, 0], [0.5, 0], [0, 1]] }));
    expect(c.get("T invertible")!.detail).toBe("σ_min(T)/σ_max(T) = 1.00e+0");
    expect(c.get("O full column rank")!.detail).toBe("σ_2(O)/σ_1(O) = 7.07e-1");
    expect(c.get("π > 0")!.detail).toBe("min π = 0.2500");
  });

  it("a square O (k = d) is measured, not refused as wide", () => {
    const square: ModelSpec = { ...spec, symbols: 2 };
    const c = byName(regularityChecks(square, { pi: [0.4, 0.6], T, emission: [[1, 0], [0, 1]] })).get("O full column rank")!;
    expect(c).toEqual({ name: "O full column rank", holds: true, detail: "σ_2(O)/σ_1(O) = 1.00e+0" });
  });

  it("counts T as invertible exactly when σ_min/σ_max exceeds 1e-10", () => {
    // T = [[½+δ, ½−δ], [½−δ, ½+δ]] has singular values 1 and 2δ.
    const near = (delta: number) => [[0.5 + delta, 0.5 - delta], [0.5 - delta, 0.5 + delta]];
    const above = byName(regularityChecks(spec, { pi: [0.5, 0.5], T: near(1e-9), emission: O })).get("T invertible")!;
    expect(above.holds).toBe(true);
    expect(above.detail).toMatch(/^σ_min\(T\)\/σ_max\(T\) = 2\.00e-9$/);
    const below = byName(regularityChecks(spec, { pi: [0.5, 0.5], T: near(1e-11), emission: O })).get("T invertible")!;
    expect(below.holds).toBe(false);
    expect(below.detail).toMatch(/^σ_min\(T\)\/σ_max\(T\) = 2\.00e-11$/);
  });
});

describe("the stationary law of a chain that needs a pivot swap", () => {
  // T − I with its last row replaced by ones has a zero leading entry: [[0, 1/2], [1, 1]].
  const absorbing = [[1, 0.5], [0, 0.5]];
  it.each([
    ["Q", rationalField as Field<unknown>],
    ["F_p", primeField(1_000_003) as Field<unknown>],
    ["float", floatField as Field<unknown>],
  ])("is e_1 for an absorbing first state, over %s", (_, F) => {
    const T = absorbing.map((row) => row.map((x) => F.fromRational(BigInt(x * 2), 2n)));
    const pi = stationaryLaw(F, T);
    expect(F.isZero(F.sub(pi[0], F.one))).toBe(true);
    expect(F.isZero(pi[1])).toBe(true);
  });
});

describe("entryName", () => {
  it("names entries 1-based as in the paper", () => {
    expect(entryName({ matrix: "pi", row: 1, col: 0 })).toBe("pi[2]");
    expect(entryName({ matrix: "T", row: 0, col: 2 })).toBe("T[1,3]");
    expect(entryName({ matrix: "O", row: 3, col: 1 })).toBe("O[4,2]");
    expect(entryName({ matrix: "M", row: 0, col: 0 })).toBe("M[1,1]");
  });
});
