import { compile } from "mathjs";

/**
 * The value of a formula in the model's size, k states and d symbols (such as "k*(k-1)/2"),
 * evaluated by mathjs: the one file that talks to it. Throws mathjs's error on a bad formula;
 * the value is whatever the formula gives (a caller checks it is a whole number).
 */
export function evaluateSizeFormula(formula: string, size: { readonly states: number; readonly symbols: number }): unknown {
  return compile(formula).evaluate({ k: size.states, d: size.symbols });
}
