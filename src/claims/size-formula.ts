import { type MathNode, isConstantNode, isFunctionNode, isOperatorNode, isParenthesisNode, isSymbolNode, parse } from "mathjs";

/** Formulas longer than this are refused unread: a size formula is a short expression. */
export const MAX_FORMULA_LENGTH = 200;

/** The operators a size formula may use: + − * / ^ and a sign. */
const OPERATORS = new Set(["add", "subtract", "multiply", "divide", "pow", "unaryMinus", "unaryPlus"]);

/** The symbols a size formula may name: the number of states and of symbols. */
const SYMBOLS = new Set(["k", "d"]);

/**
 * The value of a formula in the model's size, k states and d symbols (such as "k*(k-1)/2"),
 * evaluated by mathjs: the one file that talks to it. Only arithmetic is allowed — numbers,
 * k, d, + − * / ^ and parentheses; the syntax tree is checked before anything is evaluated,
 * so a formula cannot call mathjs's functions (`zeros(20000,20000)` would allocate gigabytes).
 * Throws an Error saying what is wrong; the value returned is a finite number (a caller
 * checks that it is whole and in range).
 */
export function evaluateSizeFormula(formula: string, size: { readonly states: number; readonly symbols: number }): number {
  const tree = parseSizeFormula(formula);
  const value: unknown = tree.compile().evaluate({ k: size.states, d: size.symbols });
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`it gives ${String(value)} at k=${size.states}, d=${size.symbols}, not a finite number`);
  return value;
}

function parseSizeFormula(formula: string): MathNode {
  if (typeof formula !== "string" || formula.trim() === "") throw new Error("it is empty");
  if (formula.length > MAX_FORMULA_LENGTH) throw new Error(`it is longer than ${MAX_FORMULA_LENGTH} characters`);
  let tree: MathNode;
  try {
    tree = parse(formula);
  } catch (e) {
    throw new Error(`it does not parse: ${(e as Error).message}`);
  }
  tree.traverse((node) => {
    const problem = disallowed(node);
    if (problem !== null) throw new Error(`${problem}; a size formula uses only numbers, k, d, + - * / ^ and parentheses`);
  });
  return tree;
}

/** Why a node may not appear in a size formula, or null if it may. */
function disallowed(node: MathNode): string | null {
  if (isConstantNode(node)) return typeof node.value === "number" ? null : `${node.toString()} is not a number`;
  if (isSymbolNode(node)) return SYMBOLS.has(node.name) ? null : `unknown name "${node.name}"`;
  if (isOperatorNode(node)) return OPERATORS.has(node.fn) ? null : `operator "${node.op}" is not allowed`;
  if (isParenthesisNode(node)) return null;
  if (isFunctionNode(node)) return `function call ${node.toString()} is not allowed`;
  return `${node.toString()} is not arithmetic`;
}
