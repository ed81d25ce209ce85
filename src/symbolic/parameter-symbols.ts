import { type Sym, symbol } from "../field/symbolic.ts";
import { type EntryRef, type ModelSpec, freeCoordinates } from "../model/spec.ts";

/**
 * The symbol name of an entry of π, T or O/M, 1-based as in the paper:
 * `pi_2` for π[2], `T_12` for T[1,2], `O_31` for O[3,1], `M_21` for M[2,1].
 * When a row or column index exceeds 9, `T_12` would be ambiguous, so the form is
 * `X_r<row>c<col>` (e.g. `O_r10c3`). Both forms are ones nerdamer keeps as a single
 * variable (no digit before `_`, no letter after digits that directly follow `_`; it
 * would split: `O_1_1` → `O_1*_1`, `x_1a` → `x_1*a`); `symbol` re-checks each by parsing.
 * `toLatex` prints them as `T_{12}` and `\pi_{2}`.
 */
export function symbolName(entry: EntryRef): string {
  const row = entry.row + 1;
  const col = entry.col + 1;
  if (entry.matrix === "pi") return `pi_${row}`;
  return row <= 9 && col <= 9 ? `${entry.matrix}_${row}${col}` : `${entry.matrix}_r${row}c${col}`;
}

/** One symbol per free coordinate, in the chart order of `freeCoordinates(spec)`. */
export function parameterSymbols(spec: ModelSpec): Sym[] {
  return freeCoordinates(spec).map((e) => symbol(symbolName(e)));
}
