import { DEFAULT_WIDTH } from "../report/wrap.ts";

/**
 * The width the text reports are laid out for: the terminal's columns, else a positive whole
 * COLUMNS from the environment, else 100 (output to a file or a pipe).
 */
export function outputWidth(): number {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  if (columns && columns > 0) return columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : DEFAULT_WIDTH;
}
