import { DivisionByZero } from "./field.ts";
import { type ExprNode, parseExprText } from "./expr-text.ts";
import { type Rational, rational } from "./rational.ts";

/**
 * LaTeX for an expression in `toText`'s text form, written by walking its syntax tree
 * (nerdamer's own LaTeX writer drops the brackets around a sum that is a factor).
 * The tree is first rewritten into a sum of terms coefficient·∏ base^power whose bases
 * are names or bracketed sums, using only identities of rational functions, never an
 * expansion: products are flattened, equal bases merge their powers (so a factor shared
 * by a numerator and a denominator cancels), like terms of a sum are collected, a sum
 * nested in a sum with coefficient 1 is spliced in, and a factor, sign or integer
 * content common to every term of a sum is pulled out in front of it. Then:
 * brackets around every sum that is a factor or a base of a power, `\frac` for
 * negative powers and fractional coefficients, juxtaposition for products, a positive
 * term first in a sum (`1 - x`, not `-x + 1`), and `T_{11}`, `\pi_{1}` for names.
 */
export function textToLatex(text: string): string {
  return renderSum(toSum(parseExprText(text)));
}

type Base = { readonly kind: "var"; readonly name: string } | { readonly kind: "sum"; readonly terms: readonly Term[] };
interface Factor {
  readonly base: Base;
  readonly power: bigint;
  /** Equal keys, equal bases. */
  readonly key: string;
}
/** coef · ∏ factors, each base at most once, no zero powers. */
interface Term {
  readonly coef: Rational;
  readonly factors: readonly Factor[];
}
type Sum = readonly Term[];

const ONE = rational(1n);
const mulQ = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
const addQ = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
const isOne = (r: Rational): boolean => r.num === 1n && r.den === 1n;

function powQ(r: Rational, n: bigint): Rational {
  if (n >= 0n) return rational(r.num ** n, r.den ** n);
  if (r.num === 0n) throw new DivisionByZero("Q");
  return rational(r.den ** -n, r.num ** -n);
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const signature = (factors: readonly Factor[]): string =>
  factors
    .map((f) => `${f.key}^${f.power}`)
    .sort()
    .join("*");
const termKey = (t: Term): string => `${t.coef.num}/${t.coef.den}*${signature(t.factors)}`;
const factor = (base: Base, power: bigint): Factor => ({ base, power, key: base.kind === "var" ? base.name : `(${base.terms.map(termKey).join("+")})` });

function mulTerms(a: Term, b: Term): Term {
  const factors = [...a.factors];
  for (const f of b.factors) {
    const i = factors.findIndex((g) => g.key === f.key);
    if (i < 0) factors.push(f);
    else factors[i] = { ...f, power: factors[i].power + f.power };
  }
  return { coef: mulQ(a.coef, b.coef), factors: factors.filter((f) => f.power !== 0n) };
}

function powTerm(t: Term, n: bigint): Term {
  if (n === 0n) return { coef: ONE, factors: [] };
  return { coef: powQ(t.coef, n), factors: t.factors.map((f) => ({ ...f, power: f.power * n })) };
}

const scale = (s: Sum, c: Rational): Sum => (c.num === 0n ? [] : s.map((t) => ({ ...t, coef: mulQ(t.coef, c) })));

/** A sum seen as one term: a bracketed factor unless it has at most one term. */
function asTerm(s: Sum): Term {
  if (s.length === 0) return { coef: rational(0n), factors: [] };
  if (s.length === 1) return s[0];
  return { coef: ONE, factors: [factor({ kind: "sum", terms: s }, 1n)] };
}

/** A term seen as a sum: 1·(a + b) is a + b. */
function fromTerm(t: Term): Sum {
  if (t.coef.num === 0n) return [];
  const [f] = t.factors;
  if (t.factors.length === 1 && f.power === 1n && f.base.kind === "sum" && isOne(t.coef)) return f.base.terms;
  return [t];
}

function integerOf(s: Sum, text: () => string): bigint {
  if (s.length === 0) return 0n;
  if (s.length === 1 && s[0].factors.length === 0 && s[0].coef.den === 1n) return s[0].coef.num;
  throw new Error(`textToLatex: exponents must be integers: ${text()}`);
}

function toSum(node: ExprNode): Sum {
  switch (node.kind) {
    case "num":
      return node.value.num === 0n ? [] : [{ coef: node.value, factors: [] }];
    case "var":
      return [{ coef: ONE, factors: [factor(node, 1n)] }];
    case "neg":
      return scale(toSum(node.arg), rational(-1n));
    case "add":
      return normalizeSum([...toSum(node.left), ...toSum(node.right)]);
    case "sub":
      return normalizeSum([...toSum(node.left), ...scale(toSum(node.right), rational(-1n))]);
    case "mul":
      return fromTerm(mulTerms(asTerm(toSum(node.left)), asTerm(toSum(node.right))));
    case "div": {
      const divisor = asTerm(toSum(node.right));
      if (divisor.coef.num === 0n) throw new DivisionByZero("Q");
      return fromTerm(mulTerms(asTerm(toSum(node.left)), powTerm(divisor, -1n)));
    }
    case "pow": {
      const n = integerOf(toSum(node.right), () => JSON.stringify(node.right));
      return fromTerm(powTerm(asTerm(toSum(node.left)), n));
    }
  }
}

/** Splices nested sums, collects like terms, and pulls out what every term shares. */
function normalizeSum(input: Sum): Sum {
  const spliced: Term[] = [];
  for (const t of input) {
    const [f] = t.factors;
    if (t.factors.length === 1 && f.power === 1n && f.base.kind === "sum") spliced.push(...scale(f.base.terms, t.coef));
    else spliced.push(t);
  }
  const collected = new Map<string, Term>();
  for (const t of spliced) {
    const key = signature(t.factors);
    const seen = collected.get(key);
    collected.set(key, seen ? { ...seen, coef: addQ(seen.coef, t.coef) } : t);
  }
  const terms = [...collected.values()].filter((t) => t.coef.num !== 0n);
  if (terms.length < 2) return terms;
  const common = terms[0].factors.flatMap((f) => {
    const least = terms.reduce((m, t) => {
      const g = t.factors.find((h) => h.key === f.key);
      return g && g.power > 0n ? (g.power < m ? g.power : m) : 0n;
    }, f.power);
    return least > 0n ? [{ ...f, power: least }] : [];
  });
  const sign = terms.every((t) => t.coef.num < 0n) ? -1n : 1n;
  const content = terms.every((t) => t.coef.den === 1n) ? terms.reduce((g, t) => gcd(g, t.coef.num), 0n) : 1n;
  if (common.length === 0 && sign * content === 1n) return terms;
  const pulled: Term = { coef: rational(sign * content), factors: common };
  const rest = normalizeSum(terms.map((t) => mulTerms(t, powTerm(pulled, -1n))));
  return fromTerm(mulTerms(pulled, asTerm(rest)));
}

function renderSum(s: Sum): string {
  if (s.length === 0) return "0";
  const firstPositive = s.findIndex((t) => t.coef.num > 0n);
  const ordered = firstPositive > 0 ? [s[firstPositive], ...s.filter((_, i) => i !== firstPositive)] : s;
  return ordered
    .map((t, i) => {
      const negative = t.coef.num < 0n;
      const body = renderTerm({ ...t, coef: negative ? rational(-t.coef.num, t.coef.den) : t.coef });
      return i === 0 ? `${negative ? "-" : ""}${body}` : ` ${negative ? "-" : "+"} ${body}`;
    })
    .join("");
}

/** A term with a positive coefficient. */
function renderTerm(t: Term): string {
  const over = t.factors.filter((f) => f.power > 0n);
  const under = t.factors.filter((f) => f.power < 0n).map((f) => ({ ...f, power: -f.power }));
  if (under.length === 0 && t.coef.den === 1n) return renderProduct(t.coef.num, over, false);
  return `\\frac{${renderProduct(t.coef.num, over, true)}}{${renderProduct(t.coef.den, under, true)}}`;
}

/** n · ∏ factors; `alone` leaves a lone sum unbracketed (it fills a \frac slot). */
function renderProduct(n: bigint, factors: readonly Factor[], alone: boolean): string {
  const [f] = factors;
  if (alone && n === 1n && factors.length === 1 && f.power === 1n && f.base.kind === "sum") return renderSum(f.base.terms);
  const names = factors.filter((g) => g.base.kind === "var");
  const sums = factors.filter((g) => g.base.kind === "sum");
  const parts = [...(n !== 1n || factors.length === 0 ? [`${n}`] : []), ...[...names, ...sums].map(renderFactor)];
  return parts.reduce((out, part) => {
    const bracketed = out.endsWith("\\right)") || part.startsWith("\\left(");
    const afterNumber = /^\d+$/.test(out);
    const sep = bracketed ? "" : afterNumber ? (/^\d/.test(part) ? " \\cdot " : "") : "\\,";
    return `${out}${sep}${part}`;
  });
}

function renderFactor(f: Factor): string {
  const base = f.base.kind === "var" ? latexName(f.base.name) : `\\left(${renderSum(f.base.terms)}\\right)`;
  return f.power === 1n ? base : `${base}^{${f.power}}`;
}

const GREEK = new Set(["alpha", "beta", "gamma", "delta", "theta", "lambda", "mu", "pi", "rho", "sigma", "tau", "phi", "omega"]);

/** `T_12` → `T_{12}`, `pi_1` → `\pi_{1}`, `x` → `x`, `abc` → `\mathrm{abc}`. */
export function latexName(name: string): string {
  const at = name.indexOf("_");
  const stem = at < 0 ? name : name.slice(0, at);
  const head = GREEK.has(stem) ? `\\${stem}` : stem.length === 1 ? stem : `\\mathrm{${stem}}`;
  return at < 0 ? head : `${head}_{${name.slice(at + 1).replace(/_/g, "\\_")}}`;
}
