import { type Rational, rational, rationalField as Q } from "../../src/field/rational.ts";

/**
 * An evaluator for the subset of LaTeX that `toLatex` writes, written independently of
 * it so a test can read the LaTeX back: `\frac{a}{b}`, `\left( … \right)`, `{ … }`,
 * products by juxtaposition, `\,` or `\cdot`, powers `^{n}` / `^n`, subscripted names
 * (`T_{12}` is the symbol `T_12`, `\pi_{1}` is `pi_1`, `\mathrm{ab}` is `ab`), integers,
 * and `+ −` with a leading sign. A single letter is one name, so `ab` is a·b, as in
 * LaTeX. Throws on anything else, and on a name the point does not assign.
 */
export function evaluateLatex(latex: string, point: ReadonlyMap<string, Rational>): Rational {
  const tokens = tokenize(latex);
  let i = 0;
  const peek = () => tokens[i];
  const take = (t: string) => {
    if (tokens[i] !== t) throw new Error(`evaluateLatex: expected ${t} at token ${i} (${tokens[i]}) of ${latex}`);
    i++;
  };
  const startsFactor = (t: string | undefined) => t !== undefined && (/^[0-9A-Za-z]/.test(t) || ["\\frac", "\\left(", "{", "\\pi", "\\mathrm"].includes(t));
  const sum = (): Rational => {
    let value = rational(0n);
    let sign = 1n;
    if (peek() === "-" || peek() === "+") sign = tokens[i++] === "-" ? -1n : 1n;
    for (;;) {
      const t = term();
      value = sign > 0n ? Q.add(value, t) : Q.sub(value, t);
      if (peek() !== "+" && peek() !== "-") return value;
      sign = tokens[i++] === "-" ? -1n : 1n;
    }
  };
  const term = (): Rational => {
    let value = power();
    for (;;) {
      if (peek() === "\\cdot" || peek() === "\\,") i++;
      else if (!startsFactor(peek())) return value;
      value = Q.mul(value, power());
    }
  };
  const power = (): Rational => {
    const base = primary();
    if (peek() !== "^") return base;
    i++;
    const e = peek() === "{" ? (i++, group()) : primary();
    if (e.den !== 1n) throw new Error(`evaluateLatex: non-integer exponent in ${latex}`);
    let out = rational(1n);
    for (let k = 0n; k < (e.num < 0n ? -e.num : e.num); k++) out = Q.mul(out, base);
    return e.num < 0n ? Q.div(rational(1n), out) : out;
  };
  const group = (): Rational => {
    const v = sum();
    take("}");
    return v;
  };
  const rawGroup = (): string => {
    take("{");
    let text = "";
    while (peek() !== "}") text += tokens[i++];
    take("}");
    return text;
  };
  const name = (stem: string): Rational => {
    let full = stem;
    if (peek() === "_") {
      i++;
      full += `_${peek() === "{" ? rawGroup() : tokens[i++]}`;
    }
    const v = point.get(full.replace(/\\_/g, "_"));
    if (v === undefined) throw new Error(`evaluateLatex: no value for ${full} in ${latex}`);
    return v;
  };
  const primary = (): Rational => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`evaluateLatex: unexpected end of ${latex}`);
    if (/^[0-9]+$/.test(t)) return rational(BigInt(t));
    if (/^[A-Za-z]$/.test(t)) return name(t);
    if (t === "\\pi") return name("pi");
    if (t === "\\mathrm") return name(rawGroup());
    if (t === "{") return group();
    if (t === "\\left(") {
      const v = sum();
      take("\\right)");
      return v;
    }
    if (t === "\\frac") {
      take("{");
      const n = group();
      take("{");
      return Q.div(n, group());
    }
    throw new Error(`evaluateLatex: unexpected ${t} in ${latex}`);
  };
  const value = sum();
  if (i !== tokens.length) throw new Error(`evaluateLatex: trailing ${tokens[i]} in ${latex}`);
  return value;
}

const TOKEN = /\s*(\\left\(|\\right\)|\\[A-Za-z]+|\\,|\\_|[0-9]+|[A-Za-z]|[-+^_{}])/y;

function tokenize(latex: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (!/^\s*$/.test(latex.slice(TOKEN.lastIndex))) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(latex);
    if (!m) throw new Error(`evaluateLatex: cannot read "${latex.slice(at, at + 12)}" in ${latex}`);
    out.push(m[1]);
  }
  return out;
}
