import { type Sym, toLatex, toText } from "../field/symbolic.ts";
import { type ModelSpec, emissionName } from "../model/spec.ts";
import type { ClosedFormCheck } from "../symbolic/check-closed-form.ts";
import type { ClosedForm } from "../symbolic/closed-forms.ts";
import { formatTask, type Task } from "../task/task.ts";

/** One row of a predictor table: the given tokens (0-based symbols) and the predicted law. */
export interface PredictorRow {
  readonly given: readonly number[];
  readonly values: readonly number[];
}

/** `maskid predictor` at a point: a line naming the task and point, then one row per input. */
export function renderPredictorTable(task: Task, point: string, rows: readonly PredictorRow[]): string {
  const out = [`${formatTask(task)} at ${point}; outputs in order of ${task.predict.map((t) => `x${t}`).join(" ⊗ ")}:`];
  for (const { given, values } of rows) out.push(`  ${givenText(task, given, ",")}: ${values.map((x) => x.toFixed(6)).join(" ")}`);
  return out.join("\n");
}

/** What `maskid predictor --symbolic` found: the closed form, its check, and the entries. */
export interface SymbolicPredictor {
  readonly spec: ModelSpec;
  readonly task: Task;
  readonly form: ClosedForm | null;
  /** The closed form checked against forward–backward (absent without a form, or for ghmm). */
  readonly check?: ClosedFormCheck;
  /** Each input's predicted entries as expressions (absent for ghmm, or when the check disagrees). */
  readonly entries?: readonly { readonly given: readonly number[]; readonly values: readonly Sym[] }[];
  /** Entries as LaTeX instead of plain text. */
  readonly latex?: boolean;
}

export function renderSymbolicPredictor(p: SymbolicPredictor): string {
  const { spec, task, form } = p;
  const out = [`${formatTask(task)} for ${spec.family} (k=${spec.states}, d=${spec.symbols}, ${spec.init} π), parameters named ${spec.init === "free" ? "pi_i, " : ""}T_ij, ${emissionName(spec)}_aj (1-based)`];
  if (form) out.push("closed form:", `  ${form.latex}`, ...form.where.map((w) => `  where ${w}`));
  else out.push("closed form: none recorded for this task; the expansion below comes from forward–backward");
  if (spec.family === "ghmm") out.push("entries: Gaussian predictors involve exp and are not expanded symbolically");
  if (p.check) out.push(`check against forward–backward: ${p.check.agrees ? "agrees" : "DISAGREES"} on ${p.check.entries} entries (${p.check.method})`);
  if (p.entries) {
    const render = p.latex ? toLatex : toText;
    out.push("entries (forward–backward over symbols):");
    for (const { given, values } of p.entries) {
      out.push(`  given ${givenText(task, given, ", ")}:`);
      values.forEach((e, i) => out.push(`    [${i + 1}] ${render(e)}`));
    }
  }
  return out.join("\n");
}

function givenText(task: Task, given: readonly number[], separator: string): string {
  return given.map((s, i) => `x${task.given[i]}=${s + 1}`).join(separator);
}
