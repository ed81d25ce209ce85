import { MAX_POSITION, type Task } from "./task.ts";

/** A task that does not parse, with the column (0-based) of the problem for a caret. */
export class TaskSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly input: string,
    readonly column: number,
  ) {
    super(`${reason} (column ${column + 1} of "${input}")`);
    this.name = "TaskSyntaxError";
  }
  /** The input with a caret under the problem. */
  pointer(): string {
    return `  ${this.input}\n  ${" ".repeat(this.column)}^`;
  }
}

type Token =
  | { kind: "var"; position: number; column: number }
  | { kind: "comma" | "arrow" | "tensor" | "end"; column: number };

const TENSOR_SPELLINGS = ["⊗", "(x)", "\\otimes", "*"];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const tensor = TENSOR_SPELLINGS.find((s) => input.startsWith(s, i));
    if (tensor) {
      tokens.push({ kind: "tensor", column: i });
      i += tensor.length;
    } else if (input.startsWith("->", i) || c === "→") {
      tokens.push({ kind: "arrow", column: i });
      i += c === "→" ? 1 : 2;
    } else if (c === ",") {
      tokens.push({ kind: "comma", column: i++ });
    } else if (c === "x" || c === "X") {
      const digits = /^\d+/.exec(input.slice(i + 1))?.[0];
      if (!digits) throw new TaskSyntaxError("expected a position number after 'x' (as in x1)", input, i + 1);
      const position = Number(digits);
      if (position < 1) throw new TaskSyntaxError(`positions start at x1, not x${digits}`, input, i);
      if (!Number.isSafeInteger(position) || position > MAX_POSITION) {
        throw new TaskSyntaxError(`position x${digits} is beyond the largest allowed, x${MAX_POSITION}`, input, i);
      }
      tokens.push({ kind: "var", position, column: i });
      i += 1 + digits.length;
    } else {
      throw new TaskSyntaxError(`unexpected character '${c}'`, input, i);
    }
  }
  tokens.push({ kind: "end", column: input.length });
  return tokens;
}

/** Parses one task such as `x2 -> x1 ⊗ x3` or `x1, x2 -> x3`. */
export function parseTask(input: string): Task {
  const tokens = tokenize(input);
  let at = 0;
  const expectVar = (what: string): Token & { kind: "var" } => {
    const t = tokens[at];
    if (t.kind !== "var") {
      const found = t.kind === "end" ? "the end" : `'${input.slice(t.column, t.column + 2).trim()}'`;
      throw new TaskSyntaxError(`expected ${what} (a token such as x1), found ${found}`, input, t.column);
    }
    at++;
    return t;
  };
  const given = [expectVar("a given token")];
  while (tokens[at].kind === "comma") {
    at++;
    given.push(expectVar("a given token after ','"));
  }
  if (tokens[at].kind !== "arrow") {
    throw new TaskSyntaxError("expected '->' between the given and the predicted tokens", input, tokens[at].column);
  }
  at++;
  const predict = [expectVar("a token to predict after '->'")];
  while (tokens[at].kind === "tensor") {
    at++;
    predict.push(expectVar("a token to predict after '⊗'"));
  }
  if (tokens[at].kind !== "end") {
    throw new TaskSyntaxError("expected '⊗' or the end of the task", input, tokens[at].column);
  }
  const seen = new Map<number, string>();
  for (const [t, role] of [...given.map((t) => [t, "given"] as const), ...predict.map((t) => [t, "predicted"] as const)]) {
    const before = seen.get(t.position);
    if (before !== undefined) {
      const why = before === role ? `x${t.position} is ${role} twice` : `x${t.position} is both given and predicted`;
      throw new TaskSyntaxError(why, input, t.column);
    }
    seen.set(t.position, role);
  }
  return {
    given: given.map((t) => t.position).sort((a, b) => a - b),
    predict: predict.map((t) => t.position),
  };
}

/** Parses a task set: tasks separated by ';' (empty pieces are an error). */
export function parseTaskSet(input: string): Task[] {
  const pieces = input.split(";");
  let offset = 0;
  const tasks: Task[] = [];
  for (const piece of pieces) {
    if (piece.trim() === "") throw new TaskSyntaxError("empty task", input, offset);
    try {
      tasks.push(parseTask(piece));
    } catch (e) {
      if (e instanceof TaskSyntaxError) throw new TaskSyntaxError(e.reason, input, offset + e.column);
      throw e;
    }
    offset += piece.length + 1;
  }
  return tasks;
}
