import { type Field, DivisionByZero } from "./field.ts";
import { primeField } from "./prime.ts";
import { expansionBound, parseExprText } from "./expr-text.ts";
import { textToLatex } from "./latex.ts";
import { type Rational, rational } from "./rational.ts";
import {
  type NerdExpr,
  addExpr,
  constantExpr,
  constantValue,
  differentiateExpr,
  expandExpr,
  evaluateExpr,
  exprText,
  isPlainVariableName,
  isZeroExpr,
  mulExpr,
  negExpr,
  parseExpr,
  reduceQuotient,
  subExpr,
  variablesOf,
} from "./nerdamer.ts";

/**
 * Why fingerprints: nerdamer 1.1.13 computes wrong expressions in some cases (see
 * ../symbolic/nerdamer.ts), so every Sym also carries its exact value mod p at two fixed
 * pseudo-random points (each symbol's coordinate is a hash of its name), computed by F_p
 * arithmetic alongside every operation and never by nerdamer. A closed form is checked
 * (`num ≡ value·den mod p`) before it is printed or evaluated. A wrong num/den passes one
 * point with probability ≤ D/p for degree D (Schwartz–Zippel; the points are fixed, but
 * nerdamer's bugs do not depend on them). A non-zero fingerprint proves the function is
 * non-zero, which `pivotWeight` uses.
 */
const FP = primeField(67108859); // the largest prime below 2^26 (MAX_PRIME of prime.ts)
const FP_POINTS = 2;

/** Values mod p at the fingerprint points; null where a denominator vanished there. */
export type Fingerprint = readonly (number | null)[];

function hashToResidue(text: string): number {
  // FNV-1a, 32 bits; any fixed spreading hash will do, the points only need to be arbitrary.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return 1 + (h % (FP.p - 1));
}

/** The value of symbol `name` at fingerprint point `j`. */
const pointValue = (name: string, j: number): number => hashToResidue(`${name}#${j}`);

/** r mod p, or null when p divides the denominator. */
function residueOf(r: Rational): number | null {
  return r.den % BigInt(FP.p) === 0n ? null : FP.fromRational(r.num, r.den);
}

const fpConstant = (r: Rational): Fingerprint => new Array(FP_POINTS).fill(residueOf(r));

const fpZip = (a: Fingerprint, b: Fingerprint, f: (x: number, y: number) => number | null): Fingerprint =>
  a.map((x, j) => (x === null || b[j] === null ? null : f(x, b[j]!)));

/**
 * An element of Q(θ), the rational functions in named symbols, held as a nerdamer
 * numerator and denominator with no negative powers (nerdamer's own quotients cancel
 * wrongly, see ../symbolic/nerdamer.ts), plus a fingerprint that checks them.
 * Immutable; read it with `toText`, `toLatex`, `evaluateAt`, `symbolsOf`, `differentiate`.
 */
export class Sym {
  #checked = false;
  /** @internal Build with `symbol`, `symbolicField.fromRational` or field arithmetic. */
  constructor(
    readonly num: NerdExpr,
    readonly den: NerdExpr,
    readonly fingerprint: Fingerprint,
  ) {}

  /**
   * @internal Throws when nerdamer's num/den disagree with the fingerprint, i.e. when
   * nerdamer computed a wrong expression. Runs once per value.
   */
  check(): void {
    if (this.#checked) return;
    for (let j = 0; j < FP_POINTS; j++) {
      const v = this.fingerprint[j];
      if (v === null) continue;
      const point = fingerprintPoint([...variablesOf(this.num), ...variablesOf(this.den)], j);
      const n = residueOf(evaluateExpr(this.num, point));
      const d = residueOf(evaluateExpr(this.den, point));
      if (n === null || d === null || n !== FP.mul(v, d)) {
        throw new Error(`symbolic: nerdamer produced a wrong expression: ${toTextUnchecked(this)}`);
      }
    }
    this.#checked = true;
  }
}

function fingerprintPoint(names: readonly string[], j: number): Map<string, Rational> {
  return new Map(names.map((name) => [name, rational(BigInt(pointValue(name, j)))]));
}

const ONE = constantExpr(1n);
const isOneExpr = (e: NerdExpr): boolean => {
  const c = constantValue(e);
  return c !== null && c.num === 1n && c.den === 1n;
};
const sameExpr = (a: NerdExpr, b: NerdExpr): boolean => a === b || exprText(a) === exprText(b);

/** num/den (den structurally non-zero) with syntactically common factors cancelled. */
function quotient(num: NerdExpr, den: NerdExpr, fp: Fingerprint): Sym {
  if (isOneExpr(den)) return new Sym(num, ONE, fp);
  const [n, d] = reduceQuotient(num, den);
  return new Sym(n, d, fp);
}

function addOrSub(a: Sym, b: Sym, op: (x: NerdExpr, y: NerdExpr) => NerdExpr, fpOp: (x: number, y: number) => number): Sym {
  const fp = fpZip(a.fingerprint, b.fingerprint, fpOp);
  if (sameExpr(a.den, b.den)) return quotient(op(a.num, b.num), a.den, fp);
  return quotient(op(mulExpr(a.num, b.den), mulExpr(b.num, a.den)), mulExpr(a.den, b.den), fp);
}

function isZeroSym(a: Sym): boolean {
  if (!isZeroExpr(a.num)) return false;
  // A structural zero whose fingerprint is non-zero can only come from a nerdamer bug.
  if (a.fingerprint.some((v) => v !== null && v !== 0)) a.check();
  return true;
}

/**
 * Rational functions in named symbols, so generic code (chart, predictors) yields closed
 * forms. Arithmetic is exact over Q but not canonical: `isZero` is true only for a
 * numerator that is structurally 0, never for one that merely expands or simplifies to 0.
 * `pivotWeight` is 0 for a structural zero, 2 when the fingerprint shows the function is
 * non-zero (proven: it is non-zero at a point), and 1 otherwise (possibly identically
 * zero), so the generic solver prefers pivots known to be non-zero. A result is a formula
 * valid wherever its denominators do not vanish; decide identities with `evaluateAt` at
 * random points, never by comparing texts.
 */
export const symbolicField: Field<Sym> = {
  name: "Q(θ)",
  zero: new Sym(constantExpr(0n), ONE, fpConstant(rational(0n))),
  one: new Sym(ONE, ONE, fpConstant(rational(1n))),
  fromInt: (n) => symbolicField.fromRational(BigInt(n), 1n),
  fromRational: (num, den) => {
    const r = rational(num, den);
    return new Sym(constantExpr(r.num, r.den), ONE, fpConstant(r));
  },
  add: (a, b) => addOrSub(a, b, addExpr, FP.add),
  sub: (a, b) => addOrSub(a, b, subExpr, FP.sub),
  mul: (a, b) => {
    const fp = fpZip(a.fingerprint, b.fingerprint, FP.mul);
    return quotient(mulExpr(a.num, b.num), isOneExpr(a.den) ? b.den : isOneExpr(b.den) ? a.den : mulExpr(a.den, b.den), fp);
  },
  div: (a, b) => {
    if (isZeroSym(b)) throw new DivisionByZero("Q(θ)");
    // A divisor that vanishes at a fingerprint point makes the quotient unknown there.
    const fp = fpZip(a.fingerprint, b.fingerprint, (x, y) => (y === 0 ? null : FP.div(x, y)));
    return quotient(mulExpr(a.num, b.den), mulExpr(a.den, b.num), fp);
  },
  neg: (a) => new Sym(negExpr(a.num), a.den, a.fingerprint.map((v) => (v === null ? null : FP.neg(v)))),
  isZero: isZeroSym,
  pivotWeight: (a) => (isZeroSym(a) ? 0 : a.fingerprint.some((v) => v !== null && v !== 0) ? 2 : 1),
};

/**
 * The symbol `name`. Throws unless nerdamer reads `name` back as exactly that one variable:
 * rejects a digit followed by `_` (`O_1_1` would parse as a product), digits followed by
 * letters after `_` (`x_1a` → `x_1*a`), constants (`pi`, `e`, `E`) and function names.
 */
export function symbol(name: string): Sym {
  if (/[0-9]_/.test(name) || !isPlainVariableName(name)) {
    throw new Error(`symbol: "${name}" is not a name nerdamer keeps as one variable`);
  }
  const fp = Array.from({ length: FP_POINTS }, (_, j) => pointValue(name, j));
  return new Sym(parseExpr(name), ONE, fp);
}

/**
 * Exact value at a rational point (every symbol of `expr` must be assigned), computed
 * from the closed form itself after checking it against the fingerprint. Throws
 * DivisionByZero when the denominator of the closed form vanishes at the point.
 */
export function evaluateAt(expr: Sym, point: ReadonlyMap<string, Rational>): Rational {
  expr.check();
  const n = evaluateExpr(expr.num, point);
  const d = evaluateExpr(expr.den, point);
  if (d.num === 0n) throw new DivisionByZero("Q");
  return rational(n.num * d.den, n.den * d.num);
}

function toTextUnchecked(expr: Sym): string {
  return isOneExpr(expr.den) ? exprText(expr.num) : `(${exprText(expr.num)})/(${exprText(expr.den)})`;
}

/**
 * The closed form as text, `(numerator)/(denominator)` or a polynomial; exact (fractions,
 * never decimals). Checked against the fingerprint first, so it is the computed function.
 */
export function toText(expr: Sym): string {
  expr.check();
  return toTextUnchecked(expr);
}

/**
 * The closed form as LaTeX, checked like `toText` and rendered from that same text by
 * our own writer (./latex.ts), never by nerdamer's, which drops brackets around sums
 * that are factors.
 */
export function toLatex(expr: Sym): string {
  expr.check();
  return textToLatex(toTextUnchecked(expr));
}

/** The symbol names occurring in the closed form, sorted. */
export function symbolsOf(expr: Sym): string[] {
  return [...new Set([...variablesOf(expr.num), ...variablesOf(expr.den)])].sort();
}

/**
 * ∂expr/∂name by the quotient rule over nerdamer's polynomial derivatives. The result's
 * fingerprint is taken from evaluating it (nothing independent exists to compare with);
 * derivatives are tested against forward-mode dual numbers instead.
 */
export function differentiate(expr: Sym, name: string): Sym {
  expr.check();
  const dn = differentiateExpr(expr.num, name);
  if (isOneExpr(expr.den)) return withEvaluatedFingerprint(dn, ONE);
  const dd = differentiateExpr(expr.den, name);
  const num = subExpr(mulExpr(dn, expr.den), mulExpr(expr.num, dd));
  return withEvaluatedFingerprint(num, mulExpr(expr.den, expr.den));
}

function withEvaluatedFingerprint(num: NerdExpr, den: NerdExpr): Sym {
  const names = [...variablesOf(num), ...variablesOf(den)];
  const fp = Array.from({ length: FP_POINTS }, (_, j) => {
    const point = fingerprintPoint(names, j);
    const n = residueOf(evaluateExpr(num, point));
    const d = residueOf(evaluateExpr(den, point));
    return n === null || d === null || d === 0 ? null : FP.div(n, d);
  });
  return quotient(num, den, fp);
}

/**
 * An upper bound on the number of terms `expandsToZero` expands the numerator into
 * (before collecting like terms): its cost grows with this, so callers can choose
 * exact evaluation instead for large expressions. Deterministic; may be Infinity.
 */
export function expansionSize(expr: Sym): number {
  return expansionBound(parseExprText(exprText(expr.num)));
}

/**
 * Decides `expr ≡ 0` symbolically: true when the numerator expands to the constant 0
 * (nerdamer `expand`) and the exact fingerprint is 0 too. Throws when nerdamer's
 * expansion says 0 but the fingerprint proves the function non-zero (a nerdamer bug);
 * false means "not shown to be 0 by expansion".
 */
export function expandsToZero(expr: Sym): boolean {
  const expanded = expandExpr(expr.num);
  if (!isZeroExpr(expanded)) return false;
  if (expr.fingerprint.some((v) => v !== null && v !== 0)) {
    throw new Error("symbolic: nerdamer expanded a non-zero numerator to 0");
  }
  return true;
}
