import { InputError } from "../base/errors.ts";

/**
 * A size condition of a map spec, such as "k <= d", "d >= 2*k" or "k + 1 < d": two linear
 * expressions in k (states) and d (symbols) with whole coefficients, compared by one of
 * < <= > >= == !=. Linear is enough for the boundaries maps look at, and keeps the
 * grammar small enough to explain in one line of docs/maps.md.
 */
export type SizeCondition = (k: number, d: number) => boolean;

/** a·k + b·d + c */
interface Linear {
  k: number;
  d: number;
  c: number;
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  "<=": (a, b) => a <= b,
  ">=": (a, b) => a >= b,
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<": (a, b) => a < b,
  ">": (a, b) => a > b,
};

const TOKEN = /\s*(\d+|[kd]|<=|>=|==|!=|<|>|[+\-*])/y;

export function parseCondition(text: unknown, where: string): SizeCondition {
  if (typeof text !== "string") throw new InputError(`${where} must be a condition such as "k <= d", got ${JSON.stringify(text)}`);
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (text.slice(TOKEN.lastIndex).trim() !== "") {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      throw new InputError(`${where} "${text}": unexpected "${text.slice(at).trim()[0]}" (conditions compare linear expressions in k and d, such as "k <= d" or "d >= 2*k + 1")`);
    }
    tokens.push(m[1]);
  }
  const ops = tokens.filter((t) => t in COMPARE);
  if (ops.length !== 1) throw new InputError(`${where} "${text}" must hold exactly one comparison (<, <=, >, >=, ==, !=)`);
  const at = tokens.indexOf(ops[0]);
  const left = linear(tokens.slice(0, at), text, where);
  const right = linear(tokens.slice(at + 1), text, where);
  const compare = COMPARE[ops[0]];
  return (k, d) => compare(left.k * k + left.d * d + left.c, right.k * k + right.d * d + right.c);
}

/** term (("+" | "-") term)*, a term being N, k, d, N*k or N*d. */
function linear(tokens: readonly string[], text: string, where: string): Linear {
  const bad = () => new InputError(`${where} "${text}": each side must be a sum of terms such as 2, k, d or 2*k`);
  const out: Linear = { k: 0, d: 0, c: 0 };
  let i = 0;
  let sign = 1;
  if (tokens.length === 0) throw bad();
  while (i < tokens.length) {
    let coefficient = 1;
    let variable: "k" | "d" | null = null;
    if (/^\d+$/.test(tokens[i])) {
      coefficient = Number(tokens[i++]);
      if (tokens[i] === "*") {
        i++;
        if (tokens[i] !== "k" && tokens[i] !== "d") throw bad();
        variable = tokens[i++] as "k" | "d";
      }
    } else if (tokens[i] === "k" || tokens[i] === "d") {
      variable = tokens[i++] as "k" | "d";
    } else throw bad();
    out[variable ?? "c"] += sign * coefficient;
    if (i === tokens.length) break;
    if (tokens[i] !== "+" && tokens[i] !== "-") throw bad();
    sign = tokens[i++] === "+" ? 1 : -1;
    if (i === tokens.length) throw bad();
  }
  return out;
}
