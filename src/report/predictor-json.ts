import { toLatex, toText } from "../field/symbolic.ts";
import type { ModelSpec } from "../model/spec.ts";
import type { ClosedFormCheck } from "../symbolic/check-closed-form.ts";
import { formatTask, type Task } from "../task/task.ts";
import type { PredictorRow, SymbolicPredictor } from "./predictor-text.ts";

/** 1-based symbols, as the text report and parameter files write them. */
const oneBased = (given: readonly number[]) => given.map((s) => s + 1);

export interface PredictorTableJson {
  readonly task: string;
  /** Where the point came from: a parameter file, or a random point and its seed. */
  readonly point: string;
  /** 1-based positions, as in the task. */
  readonly givenPositions: readonly number[];
  readonly predictedPositions: readonly number[];
  /** One row per input: its symbols (1-based; Gaussian design points are inputs) and the predicted entries. */
  readonly rows: readonly { readonly given: readonly number[]; readonly values: readonly number[] }[];
}

export interface SymbolicPredictorJson {
  readonly task: string;
  readonly model: ModelSpec;
  readonly closedForm: { readonly latex: string; readonly where: readonly string[] } | null;
  readonly check: ClosedFormCheck | null;
  /** Each input's predicted entries as text (or LaTeX with --latex); null for ghmm, or when the check disagrees. */
  readonly entries: readonly { readonly given: readonly number[]; readonly values: readonly string[] }[] | null;
}

/** `maskid predictor --json` at a point: the task, the point's source, and each input's predicted law. */
export function predictorTableJson(task: Task, point: string, rows: readonly PredictorRow[]): PredictorTableJson {
  return {
    task: formatTask(task),
    point,
    givenPositions: task.given,
    predictedPositions: task.predict,
    rows: rows.map(({ given, values }) => ({ given: oneBased(given), values })),
  };
}

/** `maskid predictor --symbolic --json`: the closed form, its check, and the entries as text (or LaTeX). */
export function symbolicPredictorJson(p: SymbolicPredictor): SymbolicPredictorJson {
  const render = p.latex ? toLatex : toText;
  return {
    task: formatTask(p.task),
    model: p.spec,
    closedForm: p.form === null ? null : { latex: p.form.latex, where: p.form.where },
    check: p.check ?? null,
    entries: p.entries?.map(({ given, values }) => ({ given: oneBased(given), values: values.map(render) })) ?? null,
  };
}
