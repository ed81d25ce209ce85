import { floatField } from "../field/float.ts";
import { toLatex, toText } from "../field/symbolic.ts";
import { InputError } from "../base/errors.ts";
import { randomFloatPoint } from "../model/random-point.ts";
import { emissionName } from "../model/spec.ts";
import { allInputs } from "../predictor/design.ts";
import { predict } from "../predictor/predict.ts";
import { Rng } from "../base/random.ts";
import { checkClosedForm, symbolicEntries } from "../symbolic/check-closed-form.ts";
import { closedFormFor } from "../symbolic/closed-forms.ts";
import { formatTask } from "../task/task.ts";
import { readParameterFile } from "./io.ts";
import { MODEL_OPTIONS, modelSpec, parseOptions, seedOf, taskList } from "./options.ts";

/** Symbolic expansion is refused beyond this many free parameters (expressions grow ~10× per state). */
const SYMBOLIC_PARAMETER_LIMIT = 24;

/**
 * `maskid predictor`: the optimal predictor of one task, numerically at a point, or with
 * --symbolic in closed form (matrix notation) and as expressions in the parameters,
 * the two checked against each other.
 */
export function runPredictor(argv: string[]): number {
  const { values } = parseOptions(argv, { ...MODEL_OPTIONS, params: { type: "string" }, symbolic: { type: "boolean", default: false }, latex: { type: "boolean", default: false } });
  const spec = modelSpec(values);
  const tasks = taskList(values.task);
  if (tasks.length !== 1) throw new InputError("predictor takes exactly one task");
  const task = tasks[0];
  const out: string[] = [];
  if (!values.symbolic) {
    const params = values.params !== undefined ? readParameterFile(values.params, spec).params : randomFloatPoint(spec, new Rng(seedOf(values.seed))).params;
    if (spec.family !== "hmm") throw new InputError("numeric tables are for discrete models; use --symbolic for the Gaussian closed form");
    out.push(`${formatTask(task)} at ${values.params ?? `a random point (seed ${seedOf(values.seed)})`}; outputs in order of ${task.predict.map((t) => `x${t}`).join(" ⊗ ")}:`);
    for (const given of allInputs(spec, task)) {
      const row = predict(floatField, spec, params, task, given);
      out.push(`  ${given.map((s, i) => `x${task.given[i]}=${s + 1}`).join(",")}: ${row.map((x) => x.toFixed(6)).join(" ")}`);
    }
    process.stdout.write(`${out.join("\n")}\n`);
    return 0;
  }
  const form = closedFormFor(spec, task);
  const render = values.latex ? toLatex : toText;
  out.push(`${formatTask(task)} for ${spec.family} (k=${spec.states}, d=${spec.symbols}, ${spec.init} π), parameters named ${spec.init === "free" ? "pi_i, " : ""}T_ij, ${emissionName(spec)}_aj (1-based)`);
  if (form) {
    out.push("closed form:", `  ${form.latex}`, ...form.where.map((w) => `  where ${w}`));
  } else {
    out.push("closed form: none recorded for this task; the expansion below comes from forward–backward");
  }
  if (spec.family === "ghmm") {
    out.push("entries: Gaussian predictors involve exp and are not expanded symbolically");
  } else {
    const n = spec.init === "free" ? spec.states - 1 : 0;
    const count = n + spec.states * (spec.states - 1) + spec.states * (spec.symbols - 1);
    if (count > SYMBOLIC_PARAMETER_LIMIT) throw new InputError(`symbolic expansion is limited to ${SYMBOLIC_PARAMETER_LIMIT} parameters; this model has ${count}`);
    if (form) {
      const check = checkClosedForm(spec, task, form, { symbolic: spec.states <= 2, seed: seedOf(values.seed) });
      out.push(`check against forward–backward: ${check.agrees ? "agrees" : "DISAGREES"} on ${check.entries} entries (${check.method})`);
      if (!check.agrees) {
        process.stdout.write(`${out.join("\n")}\n`);
        return 1;
      }
    }
    out.push("entries (forward–backward over symbols):");
    for (const { given, values: entries } of symbolicEntries(spec, task)) {
      out.push(`  given ${given.map((s, i) => `x${task.given[i]}=${s + 1}`).join(", ")}:`);
      entries.forEach((e, i) => out.push(`    [${i + 1}] ${render(e)}`));
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
  return 0;
}
