/**
 * The one module that touches nerdamer (STYLE §6: libraries behind adapters). Everything
 * else sees `NerdExpr`, an opaque handle that only the functions here can read.
 *
 * Pitfalls this adapter absorbs (nerdamer 1.1.13, measured):
 * - `nerdamer(text)` appends every result to a global expression list that is never
 *   freed, so we call the core parser directly.
 * - Parser operations mutate their arguments, so every operand is cloned first.
 * - `Expression.evaluate` and the `numer` option turn on PARSE2NUMBER, which silently
 *   rounds large rationals to doubles; plain parsing with substitutions stays exact
 *   (multipliers are bigint fractions).
 * - Names are split silently: `O_1_1` parses as `O_1*_1` and `x_1a` as `x_1*a`; `pi`
 *   and `e` are constants and `E` is a number. `isPlainVariableName` checks by parsing.
 * - `diff` exists only after the Calculus add-on (which needs Algebra) is loaded, and it
 *   inherits the sign bug below, so `differentiateExpr` does not use it (nor the add-ons).
 * - Arithmetic bugs: see `product` (lost sign) and `mulExpr` (wrong cancellation in
 *   quotients). Evaluation at numbers is reliable: it only combines constants.
 * Numerators and denominators are therefore kept free of negative powers, where the
 * remaining operations (sums, products, integer powers) passed randomized testing.
 */
import nerdamer from "nerdamer";
import { DivisionByZero } from "./field.ts";
import { type Rational, rational } from "./rational.ts";

declare const nerdBrand: unique symbol;
/** An immutable nerdamer expression; read it only through this module. */
export type NerdExpr = { readonly [nerdBrand]: "NerdExpr" };

// nerdamer's index.d.ts types only the public Expression API, not the core parser and
// Symbol objects used here, so the internals are `any` and never leave this file.
const core: any = (nerdamer as any).getCore();
const parser: any = core.PARSER;
const GROUP_N: number = core.groups.N;
const GROUP_S: number = core.groups.S;
const GROUP_CB: number = core.groups.CB;
const GROUP_CP: number = core.groups.CP;
const GROUP_PL: number = core.groups.PL;

const wrap = (symbol: any): NerdExpr => symbol as NerdExpr;
const raw = (e: NerdExpr): any => e as any;
/** A fresh copy: nerdamer's parser operations consume (mutate) their operands. */
const copy = (e: NerdExpr): any => raw(e).clone();

/** Parses nerdamer syntax without storing the result in nerdamer's global history. */
export function parseExpr(text: string): NerdExpr {
  return wrap(parser.parse(text));
}

/** The exact constant num/den (bigints of any size). Throws DivisionByZero when den = 0. */
export function constantExpr(num: bigint, den: bigint = 1n): NerdExpr {
  const r = rational(num, den);
  return wrap(parser.parse(r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`));
}

export function addExpr(a: NerdExpr, b: NerdExpr): NerdExpr {
  return wrap(parser.add(copy(a), copy(b)));
}

export function subExpr(a: NerdExpr, b: NerdExpr): NerdExpr {
  return wrap(parser.subtract(copy(a), copy(b)));
}

/**
 * c·s for a constant c (a nerdamer Frac), by scaling the outer multiplier: every nerdamer
 * symbol denotes multiplier·base^power, so this is exact for all groups.
 */
function scaled(s: any, c: any): any {
  if (c.num.isZero()) return parser.parse("0");
  const out = s.clone();
  out.multiplier = out.multiplier.multiply(c);
  return out;
}

/**
 * nerdamer's multiply drops the sign of a sum with a negative multiplier when the other
 * factor is a number: 1/2 · (−(x+y)) comes out as (1/2)(x+y) (measured; the N·CP branch
 * of Parser.multiply keeps only the number's sign). Products with a constant factor are
 * therefore done by `scaled`, and nerdamer's multiply only sees two non-constant factors.
 */
function product(a: any, b: any): any {
  if (a.group === GROUP_N) return scaled(b, a.multiplier);
  if (b.group === GROUP_N) return scaled(a, b.multiplier);
  return parser.multiply(a.clone(), b.clone());
}

/**
 * a·b. There is deliberately no division: nerdamer cancels wrongly in quotients by
 * products that contain a negative power of a sum (measured: parsing or computing
 * x·y / (x·y/(x+z)) gives 1, not x+z). Callers keep numerator and denominator apart.
 */
export function mulExpr(a: NerdExpr, b: NerdExpr): NerdExpr {
  return wrap(product(raw(a), raw(b)));
}

export function negExpr(a: NerdExpr): NerdExpr {
  return wrap(scaled(raw(a), parser.parse("-1").multiplier));
}

/** A factor base^power of a product, collected under the base's text (equal text, equal base). */
interface Factor {
  readonly base: any;
  power: bigint;
}

/** A symbolic power (group EX) is a Symbol, which has a group; a numeric power is a Frac. */
const isSymbolPower = (p: any): boolean => p.group !== undefined;
const fracToRational = (f: any): Rational => rational(BigInt(f.num.toString()), BigInt(f.den.toString()));
const powRational = (r: Rational, e: bigint): Rational =>
  e >= 0n ? rational(r.num ** e, r.den ** e) : rational(r.den ** -e, r.num ** -e);
const mulRational = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);

/**
 * Splits s^exponent into a rational coefficient and factors keyed by base text, flattening
 * nested products. A base is a sum, a variable or anything with a non-integer power.
 */
function collectFactors(s: any, exponent: bigint, factors: Map<string, Factor>): Rational {
  const coef = powRational(fracToRational(s.multiplier), exponent);
  if (s.group === GROUP_N) return coef;
  const p = s.power;
  const integerPower = !isSymbolPower(p) && p.den.toString() === "1";
  if (s.group === GROUP_CB && integerPower) {
    let c = coef;
    const e = exponent * BigInt(p.num.toString());
    for (const key of Object.keys(s.symbols)) c = mulRational(c, collectFactors(s.symbols[key], e, factors));
    return c;
  }
  const base = s.clone();
  base.toUnitMultiplier();
  let power = exponent;
  if (integerPower) {
    base.toLinear();
    power *= BigInt(p.num.toString());
  }
  const key = base.text("fractions");
  const f = factors.get(key);
  if (f) f.power += power;
  else factors.set(key, { base, power });
  return coef;
}

function rebuild(coef: Rational, factors: readonly Factor[]): any {
  let out = parser.parse(coef.den === 1n ? `${coef.num}` : `${coef.num}/${coef.den}`);
  for (const f of factors) {
    const term = f.power === 1n ? f.base.clone() : parser.pow(f.base.clone(), parser.parse(`${f.power}`));
    out = product(out, term);
  }
  return out;
}

/**
 * num/den rewritten with the same value as a rational function: products are flattened,
 * factors with textually equal bases are merged and cancelled between numerator and
 * denominator, negative powers move across, and the denominator's coefficient moves to
 * the numerator (so the returned denominator has coefficient 1 and is 1 when no factor
 * is left). Requires den structurally non-zero. Only cancels what is syntactically
 * shared: (x−1) and (1−x) are different bases.
 */
export function reduceQuotient(num: NerdExpr, den: NerdExpr): [NerdExpr, NerdExpr] {
  if (isZeroExpr(den)) throw new DivisionByZero("symbolic");
  if (isZeroExpr(num)) return [num, constantExpr(1n)];
  const nf = new Map<string, Factor>();
  const df = new Map<string, Factor>();
  const cn = collectFactors(raw(num), 1n, nf);
  const cd = collectFactors(raw(den), 1n, df);
  for (const [key, f] of df) {
    const g = nf.get(key);
    if (g) {
      g.power -= f.power;
      f.power = 0n;
    }
  }
  const top: Factor[] = [];
  const bottom: Factor[] = [];
  const place = (f: Factor, over: Factor[], under: Factor[]) => {
    if (f.power > 0n) over.push(f);
    else if (f.power < 0n) under.push({ base: f.base, power: -f.power });
  };
  for (const f of nf.values()) place(f, top, bottom);
  for (const f of df.values()) place(f, bottom, top);
  const coef = rational(cn.num * cd.den, cn.den * cd.num);
  return [wrap(rebuild(coef, top)), wrap(rebuild(rational(1n), bottom))];
}

/**
 * The constant value when the expression is structurally a rational number, else null.
 * Structural only: `(a+b)/c - a/c - b/c` is not recognised as 0 (nerdamer's automatic
 * collection cancels like terms, never rational functions).
 */
export function constantValue(e: NerdExpr): Rational | null {
  const s = raw(e);
  if (s.group !== GROUP_N) return null;
  return rational(BigInt(s.multiplier.num.toString()), BigInt(s.multiplier.den.toString()));
}

/** True only when the expression is structurally the constant 0 (no simplification attempted). */
export function isZeroExpr(e: NerdExpr): boolean {
  const s = raw(e);
  return s.group === GROUP_N && s.multiplier.num.isZero();
}

/** The variable names occurring in the expression, sorted. */
export function variablesOf(e: NerdExpr): string[] {
  return [...(core.Utils.variables(raw(e)) as string[])].sort();
}

/**
 * True when `name` parses to exactly one free variable called `name`: not split into a
 * product (`O_1_1`, `x_1a`), not a constant (`pi`, `e`, `E`), not a function name.
 */
export function isPlainVariableName(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return false;
  let s: any;
  try {
    s = parser.parse(name);
  } catch {
    return false;
  }
  const vars = core.Utils.variables(s) as string[];
  return s.group === GROUP_S && s.value === name && vars.length === 1 && vars[0] === name;
}

/**
 * Exact value of `e` with every variable replaced by the given rational. Throws an Error
 * naming the variables the point leaves unassigned, and DivisionByZero when a
 * denominator of the expression as written vanishes at the point (even if the
 * rational function it represents would extend continuously there).
 */
export function evaluateExpr(e: NerdExpr, point: ReadonlyMap<string, Rational>): Rational {
  const vars = variablesOf(e);
  const missing = vars.filter((v) => !point.has(v));
  if (missing.length > 0) throw new Error(`evaluateExpr: no value for ${missing.join(", ")}`);
  const subs: Record<string, string> = {};
  for (const v of vars) {
    const r = point.get(v)!;
    // Parenthesised so that a negative value under a power stays (−a/b)^n.
    subs[v] = r.den === 1n ? `(${r.num})` : `(${r.num}/${r.den})`;
  }
  let result: any;
  try {
    // Re-parse the printed form with substitutions: exact, unlike Expression.evaluate.
    result = parser.parse(raw(e).text("fractions"), subs);
  } catch (err) {
    if (err instanceof Error && /division by zero/i.test(err.message)) throw new DivisionByZero("Q");
    throw err;
  }
  const value = constantValue(wrap(result));
  if (value === null) throw new Error(`evaluateExpr: result is not a rational number: ${result.text()}`);
  return value;
}

/**
 * ∂e/∂name for a polynomial expression (sums, products, non-negative integer powers of
 * variables and sums), by the sum, product and power rules over this module's safe
 * arithmetic. nerdamer's own `diff` is not used: it multiplies the derivative of a sum by
 * the sum's multiplier through the N·CP branch that drops signs (measured:
 * d/dz of −(3x − (x+z)(x+y)) came out as −(x+y)). Throws on anything else (functions,
 * negative or symbolic powers), which callers keep out of numerators and denominators.
 */
export function differentiateExpr(e: NerdExpr, name: string): NerdExpr {
  return wrap(derivative(raw(e), name));
}

function derivative(s: any, name: string): any {
  if (s.group === GROUP_N) return parser.parse("0");
  const p = s.power;
  if (isSymbolPower(p) || p.den.toString() !== "1" || p.num.isNegative()) {
    throw new Error(`differentiateExpr: not a polynomial: ${s.text("fractions")}`);
  }
  const power = BigInt(p.num.toString());
  const base = s.clone();
  base.toUnitMultiplier();
  base.power = parser.parse("1").multiplier;
  const children = (): any[] => Object.keys(s.symbols).map((k) => s.symbols[k]);
  let dBase: any;
  if (s.group === GROUP_S) {
    dBase = parser.parse(s.value === name ? "1" : "0");
  } else if (s.group === GROUP_CP || s.group === GROUP_PL) {
    dBase = children().reduce((acc, c) => parser.add(acc, derivative(c, name)), parser.parse("0"));
  } else if (s.group === GROUP_CB) {
    const cs = children();
    dBase = parser.parse("0");
    cs.forEach((c, i) => {
      let term = derivative(c, name);
      if (term.group === GROUP_N && term.multiplier.num.isZero()) return;
      cs.forEach((other, j) => {
        if (j !== i) term = product(term, other);
      });
      dBase = parser.add(dBase, term);
    });
  } else {
    throw new Error(`differentiateExpr: not a polynomial: ${s.text("fractions")}`);
  }
  if (dBase.group === GROUP_N && dBase.multiplier.num.isZero()) return dBase;
  // m·p·base^(p−1)·base'
  const outer = power === 1n ? dBase : product(power === 2n ? base : parser.pow(base, parser.parse(`${power - 1n}`)), dBase);
  const m = fracToRational(s.multiplier);
  return scaled(outer, parser.parse(`${m.num * power}/${m.den}`).multiplier);
}

/** nerdamer's text form, exact: multipliers print as num/den, never as decimals. */
export function exprText(e: NerdExpr): string {
  return raw(e).text("fractions");
}

/**
 * The full polynomial expansion. Used only to decide identities, and every "expands to
 * 0" is cross-checked against exact values by the caller (`expandsToZero`).
 */
export function expandExpr(e: NerdExpr): NerdExpr {
  return wrap(parser.expand(copy(e)));
}
