import { type Rational, rational } from "./rational.ts";

/**
 * The syntax tree of an expression in the text form that `toText` prints (nerdamer's
 * `text("fractions")`, or a size formula such as `k*(k-1)/2`): numbers (decimals read
 * exactly, 0.5 = 1/2), names, `+ - * / ^`, unary minus and brackets.
 * Parsed with the usual precedence (`^` binds tightest and to the right, unary minus
 * below `^`, so `-x^2` is −(x²)), so renderers work from the checked text itself.
 */
export type ExprNode =
  | { readonly kind: "num"; readonly value: Rational }
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "neg"; readonly arg: ExprNode }
  | { readonly kind: "add" | "sub" | "mul" | "div" | "pow"; readonly left: ExprNode; readonly right: ExprNode };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z][A-Za-z0-9_]*)|([-+*/^()]))/y;

/** Parses the text form; throws on anything else (function calls, stray symbols). */
export function parseExprText(text: string): ExprNode {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`parseExprText: unexpected "${text.slice(at, at + 10)}" in ${text}`);
    tokens.push(m[0].trim());
  }
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const expect = (t: string) => {
    if (tokens[i] !== t) throw new Error(`parseExprText: expected "${t}" at token ${i} of ${text}`);
    i++;
  };
  /** operand (op operand)*, left-associative, for the operators `ops` names. */
  const chain = (ops: Readonly<Record<string, "add" | "sub" | "mul" | "div">>, operand: () => ExprNode): ExprNode => {
    let left = operand();
    for (let t = peek(); t !== undefined && Object.hasOwn(ops, t); t = peek()) {
      i++;
      left = { kind: ops[t], left, right: operand() };
    }
    return left;
  };
  const sum = (): ExprNode => chain({ "+": "add", "-": "sub" }, unary);
  const unary = (): ExprNode => {
    if (peek() === "-") {
      i++;
      return { kind: "neg", arg: unary() };
    }
    if (peek() === "+") i++;
    return product();
  };
  const product = (): ExprNode => chain({ "*": "mul", "/": "div" }, power);
  const power = (): ExprNode => {
    const base = atom();
    if (peek() !== "^") return base;
    i++;
    const exponent = peek() === "-" ? (i++, { kind: "neg", arg: power() } as ExprNode) : power();
    return { kind: "pow", left: base, right: exponent };
  };
  const atom = (): ExprNode => {
    const t = tokens[i++];
    if (t === undefined) throw new Error(`parseExprText: unexpected end of ${text}`);
    if (t === "(") {
      const inner = sum();
      expect(")");
      return inner;
    }
    if (/^\d/.test(t)) {
      const [whole, fraction = ""] = t.split(".");
      return { kind: "num", value: rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length)) };
    }
    if (/^[A-Za-z]/.test(t)) {
      if (peek() === "(") throw new Error(`parseExprText: function calls are not supported: ${t}( in ${text}`);
      return { kind: "var", name: t };
    }
    throw new Error(`parseExprText: unexpected "${t}" in ${text}`);
  };
  const tree = sum();
  if (i !== tokens.length) throw new Error(`parseExprText: trailing "${tokens[i]}" in ${text}`);
  return tree;
}

/**
 * An upper bound on the number of terms of the full expansion (sums add, products
 * multiply, a power n raises to n; no collection of like terms), as a float that may be
 * Infinity. A cheap, deterministic measure of how much work an expansion would be.
 */
export function expansionBound(node: ExprNode): number {
  switch (node.kind) {
    case "num":
    case "var":
      return 1;
    case "neg":
      return expansionBound(node.arg);
    case "add":
    case "sub":
      return expansionBound(node.left) + expansionBound(node.right);
    case "mul":
    case "div":
      return expansionBound(node.left) * expansionBound(node.right);
    case "pow": {
      const n = node.right.kind === "num" ? Number(node.right.value.num) : Infinity;
      return n >= 0 ? expansionBound(node.left) ** n : 1;
    }
  }
}
