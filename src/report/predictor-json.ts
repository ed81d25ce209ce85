import { toLatex, toText } from "../field/symbolic.ts";
import { formatTask, type Task } from "../task/task.ts";
import type { PredictorRow, SymbolicPredictor } from "./predictor-text.ts";

/** 1-based symbols, as the text report and parameter files write them. */
const oneBased = (given: readonly number[]) => given.map((s) => s + 1);

/** `maskid predictor --json` at a point: the task, the point's source, and each input's predicted law. */
export function predictorTableJson(task: Task, point: string, rows: readonly PredictorRow[]): object {
  return {
    task: formatTask(task),
    point,
    givenPositions: task.given,
    predictedPositions: task.predict,
    rows: rows.map(({ given, values }) => ({ given: oneBased(given), values })),
  };
}

/** `maskid predictor --symbolic --json`: the closed form, its check, and the entries as text (or LaTeX). */
export function symbolicPredictorJson(p: SymbolicPredictor): object {
  const render = p.latex ? toLatex : toText;
  return {
    task: formatTask(p.task),
    model: p.spec,
    closedForm: p.form === null ? null : { latex: p.form.latex, where: p.form.where },
    check: p.check ?? null,
    entries: p.entries?.map(({ given, values }) => ({ given: oneBased(given), values: values.map(render) })) ?? null,
  };
}
