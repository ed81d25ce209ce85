import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DivisionByZero, type Field } from "../../src/field/field.ts";
import { primeField } from "../../src/field/prime.ts";
import { type Rational, rational, rationalField } from "../../src/field/rational.ts";
import {
  Sym,
  differentiate,
  evaluateAt,
  expandsToZero,
  symbol,
  symbolicField as S,
  symbolsOf,
  toLatex,
  toText,
} from "../../src/field/symbolic.ts";
import { fromCoordinates } from "../../src/model/chart.ts";
import { type ModelSpec, allEntries, freeCoordinates } from "../../src/model/spec.ts";
import { parameterSymbols, symbolName } from "../../src/symbolic/parameter-symbols.ts";

/** A rational with numerator and denominator large enough that a double would round them. */
const arbRational = (bits: number): fc.Arbitrary<Rational> =>
  fc
    .tuple(fc.bigInt({ min: -(1n << BigInt(bits)), max: 1n << BigInt(bits) }), fc.bigInt({ min: 1n, max: 1n << BigInt(bits) }))
    .map(([n, d]) => rational(n, d));

/** A point of the chart: one rational per free coordinate, keyed by symbol name. */
const arbChartPoint = (spec: ModelSpec): fc.Arbitrary<Rational[]> =>
  fc.array(arbRational(40), { minLength: freeCoordinates(spec).length, maxLength: freeCoordinates(spec).length });

const pointMap = (spec: ModelSpec, theta: readonly Rational[]): Map<string, Rational> =>
  new Map(freeCoordinates(spec).map((e, i) => [symbolName(e), theta[i]]));

/** Evaluates `f` over Q, or returns "undefined" when some denominator vanishes. */
function orUndefined<T>(f: () => T): T | "undefined" {
  try {
    return f();
  } catch (err) {
    if (err instanceof DivisionByZero) return "undefined";
    throw err;
  }
}

describe("symbol names", () => {
  const specs: ModelSpec[] = [
    { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 },
    { family: "hmm", states: 3, symbols: 5, init: "stationary", sigma: 1 },
    { family: "ghmm", states: 3, symbols: 3, init: "free", sigma: 1 },
    // Indices above 9 switch to the X_r<i>c<j> form.
    { family: "hmm", states: 2, symbols: 11, init: "free", sigma: 1 },
  ];

  it("every entry name parses to exactly itself, alone and inside a product of all of them", () => {
    for (const spec of specs) {
      const names = allEntries(spec).map(symbolName);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(symbolsOf(symbol(name))).toEqual([name]);
      // A split name would show up as extra or missing variables of the product.
      const product = names.map(symbol).reduce((a, b) => S.mul(a, b), S.one);
      expect(symbolsOf(product)).toEqual([...names].sort());
    }
  });

  it("parameterSymbols follows the chart order of freeCoordinates", () => {
    const spec = specs[0];
    expect(parameterSymbols(spec).map(toText)).toEqual(["pi_1", "T_11", "T_12", "O_11", "O_12"]);
    expect(symbolName({ matrix: "O", row: 9, col: 2 })).toBe("O_r10c3");
  });

  it("rejects names nerdamer would split or read as constants", () => {
    for (const bad of ["O_1_1", "T1_2", "x_1a", "pi", "e", "E", "1x", "a b", ""]) {
      expect(() => symbol(bad), bad).toThrow();
    }
  });
});

describe("symbolicField arithmetic", () => {
  type Tree =
    | { kind: "var"; name: string }
    | { kind: "const"; value: Rational }
    | { kind: "neg"; a: Tree }
    | { kind: "add" | "sub" | "mul" | "div"; a: Tree; b: Tree };

  const names = ["pi_1", "T_12", "O_21"];

  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    // Weighted towards binary nodes: ~11 nodes on average, up to ~40 (depth ≤ 5).
    tree: fc.oneof(
      { depthSize: "medium", withCrossShrink: true, maxDepth: 5 },
      { arbitrary: fc.constantFrom(...names).map((name): Tree => ({ kind: "var", name })), weight: 2 },
      { arbitrary: arbRational(3).map((value): Tree => ({ kind: "const", value })), weight: 1 },
      { arbitrary: tie("tree").map((a): Tree => ({ kind: "neg", a })), weight: 1 },
      {
        arbitrary: fc
          .record({ kind: fc.constantFrom("add", "sub", "mul", "div") as fc.Arbitrary<"add" | "sub" | "mul" | "div">, a: tie("tree"), b: tie("tree") })
          .map((t): Tree => t),
        weight: 6,
      },
    ),
  }));

  function build<E>(field: Field<E>, t: Tree, leaf: (name: string) => E): E {
    switch (t.kind) {
      case "var":
        return leaf(t.name);
      case "const":
        return field.fromRational(t.value.num, t.value.den);
      case "neg":
        return field.neg(build(field, t.a, leaf));
      default:
        return field[t.kind](build(field, t.a, leaf), build(field, t.b, leaf));
    }
  }

  it("evaluating the symbolic result at a point equals computing at that point in Q", () => {
    const arbPoint = fc.tuple(arbRational(70), arbRational(70), arbRational(70));
    let defined = 0;
    fc.assert(
      fc.property(tree, arbPoint, (t, values) => {
        const point = new Map(names.map((n, i) => [n, values[i]]));
        const expected = orUndefined(() => build(rationalField, t, (n) => point.get(n)!));
        const actual = orUndefined(() => evaluateAt(build(S, t, symbol), point));
        if (expected === "undefined") {
          // A vanishing denominator may be cancelled structurally (x·y/y → x), never created.
          return;
        }
        defined++;
        expect(actual).toEqual(expected);
      }),
      { seed: 20240611, numRuns: 150 },
    );
    expect(defined).toBeGreaterThan(100);
  });

  it("isZero is structural; pivotWeight ranks proven non-zero above possibly zero", () => {
    const [a, b, c] = names.map(symbol);
    expect(S.isZero(S.sub(S.mul(a, b), S.mul(b, a)))).toBe(true);
    // (a+b)² − (a² + 2ab + b²) is identically zero but nerdamer does not expand it.
    const square = S.mul(S.add(a, b), S.add(a, b));
    const expanded = S.add(S.add(S.mul(a, a), S.mul(S.fromInt(2), S.mul(a, b))), S.mul(b, b));
    const d = S.div(S.sub(square, expanded), c);
    expect(S.isZero(d)).toBe(false);
    expect(S.pivotWeight(d)).toBe(1);
    expect(S.pivotWeight(c)).toBe(2);
    expect(S.pivotWeight(S.zero)).toBe(0);
    const point = new Map(names.map((n, i) => [n, rational(BigInt(i + 2), 7n)]));
    expect(evaluateAt(d, point)).toEqual(rational(0n));
    expect(() => S.div(a, S.sub(a, a))).toThrow(DivisionByZero);
    expect(() => evaluateAt(S.div(a, S.sub(b, S.fromRational(3n, 7n))), point)).toThrow(DivisionByZero);
  });

  it("pivotWeight is 2 when the fingerprint is non-zero at one point even though it is 0 at the other", () => {
    // x − c with c the value of x at fingerprint point 1 vanishes there but not at point 0:
    // one non-zero value already proves the function non-zero.
    const x = symbol("x");
    const f = S.sub(x, S.fromInt(x.fingerprint[1]!));
    expect(f.fingerprint[1]).toBe(0);
    expect(f.fingerprint[0]).not.toBe(0);
    expect(S.pivotWeight(f)).toBe(2);
    // Dividing by it leaves point 1 unknown (null); the known point still proves non-zero.
    const g = S.div(x, f);
    expect(g.fingerprint[1]).toBeNull();
    expect(S.pivotWeight(g)).toBe(2);
  });

  it("toLatex renders the checked closed form, a quotient as \\frac, and refuses a forged one", () => {
    const [x, y] = ["x", "y"].map(symbol);
    expect(toLatex(S.div(S.add(x, y), S.sub(x, S.fromInt(1))))).toBe("\\frac{x + y}{x - 1}");
    expect(toLatex(S.mul(S.fromInt(3), x))).toBe("3x");
    expect(() => toLatex(new Sym(x.num, x.den, [1, 1]))).toThrow(/wrong expression/);
  });

  it("does not inherit nerdamer's arithmetic bugs (regressions, each measured in 1.1.13)", () => {
    const [x, y, z] = names.map(symbol);
    const point = new Map(names.map((n, i) => [n, rational(BigInt(2 * i + 3), 5n)]));
    const at = (e: Sym) => evaluateAt(e, point);
    const [xv, yv, zv] = names.map((n) => point.get(n)!);
    const Q = rationalField;
    // nerdamer: (1/2)·(−(x+y)) loses the sign.
    const half = S.mul(S.fromRational(1n, 2n), S.neg(S.add(x, y)));
    expect(at(half)).toEqual(Q.mul(Q.fromRational(-1n, 2n), Q.add(xv, yv)));
    // nerdamer: x·y / (x·y/(x+z)) simplifies to 1.
    const xy = S.mul(x, y);
    expect(at(S.div(xy, S.div(xy, S.add(x, z))))).toEqual(Q.add(xv, zv));
    // nerdamer diff: ∂/∂z of −(3x − (x+z)(x+y)) loses the sign.
    const f = S.neg(S.sub(S.mul(S.fromInt(3), x), S.mul(S.add(x, z), S.add(x, y))));
    expect(at(differentiate(f, "O_21"))).toEqual(Q.add(xv, yv));
  });

  it("a closed form that disagrees with its fingerprint is refused", () => {
    const x = symbol("T_12");
    const forged = new Sym(x.num, x.den, [1, 1]);
    expect(() => evaluateAt(forged, new Map([["T_12", rational(1n)]]))).toThrow(/wrong expression/);
    expect(() => toText(forged)).toThrow(/wrong expression/);
    // A derivative would take its fingerprint from the wrong form itself: refused before it is taken.
    expect(() => differentiate(forged, "T_12")).toThrow(/wrong expression/);
  });

  it("a closed form whose denominator has no residue mod p where the fingerprint is known is refused, even when the numerator is 0 there", () => {
    const p = 67108859n; // the fingerprint modulus
    const x = symbol("T_12");
    // (p·x)/(1/p) = p²x ≡ 0, claimed to be 1 at both points: the numerator's residue 0
    // equals 1·d only if the missing residue d is read as 0, so the check must refuse it.
    const forged = new Sym(S.mul(x, S.fromInt(Number(p))).num, S.fromRational(1n, p).num, [1, 1]);
    expect(() => toText(forged)).toThrow(/wrong expression: \(67108859\*T_12\)\/\(1\/67108859\)$/);
    expect(() => evaluateAt(forged, new Map([["T_12", rational(1n)]]))).toThrow(/wrong expression/);
  });

  it("expandsToZero trusts an expansion to 0 only when no fingerprint value proves the function non-zero", () => {
    const x = symbol("T_12");
    const zero = S.sub(x, x);
    expect(expandsToZero(zero)).toBe(true);
    expect(expandsToZero(x)).toBe(false);
    // A vanished denominator (null) or a zero value proves nothing; any other value proves f ≠ 0.
    expect(expandsToZero(new Sym(zero.num, zero.den, [null, 0]))).toBe(true);
    expect(expandsToZero(new Sym(zero.num, zero.den, [0, null]))).toBe(true);
    expect(() => expandsToZero(new Sym(zero.num, zero.den, [null, 5]))).toThrow(/expanded a non-zero numerator to 0/);
    expect(() => expandsToZero(new Sym(zero.num, zero.den, [7, 0]))).toThrow(/expanded a non-zero numerator to 0/);
  });

  it("differentiate agrees with forward-mode dual numbers over Q", () => {
    type Dual = { v: Rational; d: Rational };
    const Q = rationalField;
    const dual: Field<Dual> = {
      name: "Q[ε]",
      zero: { v: Q.zero, d: Q.zero },
      one: { v: Q.one, d: Q.zero },
      fromInt: (n) => ({ v: Q.fromInt(n), d: Q.zero }),
      fromRational: (n, m) => ({ v: Q.fromRational(n, m), d: Q.zero }),
      add: (a, b) => ({ v: Q.add(a.v, b.v), d: Q.add(a.d, b.d) }),
      sub: (a, b) => ({ v: Q.sub(a.v, b.v), d: Q.sub(a.d, b.d) }),
      mul: (a, b) => ({ v: Q.mul(a.v, b.v), d: Q.add(Q.mul(a.d, b.v), Q.mul(a.v, b.d)) }),
      div: (a, b) => ({ v: Q.div(a.v, b.v), d: Q.div(Q.sub(Q.mul(a.d, b.v), Q.mul(a.v, b.d)), Q.mul(b.v, b.v)) }),
      neg: (a) => ({ v: Q.neg(a.v), d: Q.neg(a.d) }),
      isZero: (a) => Q.isZero(a.v),
      pivotWeight: (a) => Q.pivotWeight(a.v),
    };
    const wrt = names[1];
    let compared = 0;
    fc.assert(
      fc.property(tree, fc.tuple(arbRational(40), arbRational(40), arbRational(40)), (t, values) => {
        const point = new Map(names.map((n, i) => [n, values[i]]));
        const expected = orUndefined(() => build(dual, t, (n) => ({ v: point.get(n)!, d: n === wrt ? Q.one : Q.zero })));
        if (expected === "undefined") return;
        const derivative = differentiate(build(S, t, symbol), wrt);
        // The quotient rule squares denominators, which vanish exactly where the dual's do.
        expect(evaluateAt(derivative, point)).toEqual(expected.d);
        compared++;
      }),
      { seed: 99, numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(45);
  });

  it("a derivative's fingerprint is unknown (null) where its denominator vanishes mod p or a coefficient has p in its denominator", () => {
    const P = primeField(67108859); // the fingerprint modulus
    const x = symbol("T_12");
    const [x0, x1] = x.fingerprint as [number, number];
    // 1/(x − x0) has a pole at the first fingerprint point; so has its derivative −1/(x − x0)².
    const pole = S.div(S.one, S.sub(x, S.fromInt(x0)));
    const dPole = differentiate(pole, "T_12");
    const r = P.sub(x1, x0);
    expect(dPole.fingerprint).toEqual([null, P.neg(P.div(1, P.mul(r, r)))]);
    expect(evaluateAt(dPole, new Map([["T_12", rational(BigInt(x0 + 1))]]))).toEqual(rational(-1n));
    // x²/p: the derivative 2x/p has no residue mod p at any point, so nothing is known there.
    const p = BigInt(P.p);
    const scaled = S.mul(S.mul(x, x), S.fromRational(1n, p));
    const dScaled = differentiate(scaled, "T_12");
    expect(dScaled.fingerprint).toEqual([null, null]);
    expect(toText(dScaled)).toContain("67108859");
    expect(evaluateAt(dScaled, new Map([["T_12", rational(3n)]]))).toEqual(rational(6n, p));
  });

  it("a derivative whose denominator has no residue mod p has an unknown fingerprint, though its numerator has one", () => {
    const p = 67108859n; // the fingerprint modulus
    const x = symbol("T_12");
    // d/dx 1/(x + 1/p) = −1/(x + 1/p)²: numerator −1 ≢ 0, denominator (xp + 1)²/p² has p
    // in its denominator, so no residue: the value there is unknown, not −1 divided by it.
    const f = S.div(S.one, S.add(x, S.fromRational(1n, p)));
    const df = differentiate(f, "T_12");
    expect(df.fingerprint).toEqual([null, null]);
    expect(toText(df)).toBe("(-1)/((1/67108859+T_12)^2)");
    expect(evaluateAt(df, new Map([["T_12", rational(0n)]]))).toEqual(rational(-(p * p)));
  });

  it("constants and evaluation are exact beyond double precision", () => {
    const big = S.fromRational(123456789012345678901234567890123n, -7n);
    expect(evaluateAt(big, new Map())).toEqual(rational(-123456789012345678901234567890123n, 7n));
    const x = symbol("T_12");
    const cube = S.mul(S.mul(x, x), x);
    const v = rational(123456789012345678901n, 1000000000000000000007n);
    expect(evaluateAt(cube, new Map([["T_12", v]]))).toEqual(rational(v.num ** 3n, v.den ** 3n));
    expect(() => evaluateAt(cube, new Map())).toThrow(/no value for T_12/);
  });
});

describe("the chart over symbolicField", () => {
  for (const init of ["stationary", "free"] as const) {
    it(`k=2, d=2, ${init} π: closed forms evaluate to the rational chart exactly`, () => {
      const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init, sigma: 1 };
      const sym = fromCoordinates(S, spec, parameterSymbols(spec));
      let compared = 0;
      fc.assert(
        fc.property(arbChartPoint(spec), (theta) => {
          const expected = orUndefined(() => fromCoordinates(rationalField, spec, theta));
          if (expected === "undefined") return;
          const point = pointMap(spec, theta);
          const at = (xs: Sym[]) => xs.map((x) => evaluateAt(x, point));
          expect(at(sym.pi)).toEqual(expected.pi);
          sym.T.forEach((row, i) => expect(at(row)).toEqual(expected.T[i]));
          sym.emission.forEach((row, i) => expect(at(row)).toEqual(expected.emission[i]));
          compared++;
        }),
        { seed: 7, numRuns: 25 },
      );
      expect(compared).toBeGreaterThan(20);
    });
  }

  it("k=2 stationary π_1 and its derivative match T_12/(1 − T_11 + T_12)", () => {
    const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
    const pi1 = fromCoordinates(S, spec, parameterSymbols(spec)).pi[0];
    expect(symbolsOf(pi1)).toEqual(["T_11", "T_12"]);
    const dpi1 = differentiate(pi1, "T_11");
    fc.assert(
      fc.property(arbRational(20), arbRational(20), (t11, t12) => {
        const Q = rationalField;
        const den = Q.add(Q.sub(Q.one, t11), t12);
        if (Q.isZero(den) || Q.isZero(Q.sub(t11, Q.one))) return;
        const point = new Map([
          ["T_11", t11],
          ["T_12", t12],
        ]);
        expect(evaluateAt(pi1, point)).toEqual(Q.div(t12, den));
        expect(evaluateAt(dpi1, point)).toEqual(Q.div(t12, Q.mul(den, den)));
      }),
      { seed: 3, numRuns: 20 },
    );
  });

  it("k=3 stationary π evaluates to the rational stationary law", () => {
    const spec: ModelSpec = { family: "hmm", states: 3, symbols: 3, init: "stationary", sigma: 1 };
    const pi = fromCoordinates(S, spec, parameterSymbols(spec)).pi;
    fc.assert(
      fc.property(arbChartPoint(spec), (theta) => {
        const expected = orUndefined(() => fromCoordinates(rationalField, spec, theta).pi);
        if (expected === "undefined") return;
        const point = pointMap(spec, theta);
        expect(pi.map((x) => evaluateAt(x, point))).toEqual(expected);
      }),
      { seed: 11, numRuns: 5 },
    );
  });
});
