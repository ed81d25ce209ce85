import { floatField } from "../field/float.ts";
import { InputError } from "../base/errors.ts";
import { randomFloatPoint } from "../model/random-point.ts";
import { parameterCount } from "../model/spec.ts";
import { allInputs } from "../predictor/design.ts";
import { predict } from "../predictor/predict.ts";
import { Rng } from "../base/random.ts";
import { renderPredictorTable, renderSymbolicPredictor, type SymbolicPredictor } from "../report/predictor-text.ts";
import { checkClosedForm, symbolicEntries } from "../symbolic/check-closed-form.ts";
import { closedFormFor } from "../symbolic/closed-forms.ts";
import { fileName, print, printJson, readParameterFile } from "./io.ts";
import { predictorTableJson, symbolicPredictorJson } from "../report/predictor-json.ts";
import { UsageError } from "./usage.ts";
import { MODEL_POINT_OPTIONS, budgetFlags, modelSpec, parseOptions, seedOf, taskList } from "./options.ts";
import { MAX_SYMBOLIC_TERMS, budgetOf, enforceBudget, predictorCost, symbolicTerms } from "../analysis/cost-model.ts";

/** Symbolic expansion is refused beyond this many free parameters (expressions grow ~10× per state). */
const SYMBOLIC_PARAMETER_LIMIT = 24;
/**
 * The closed form is checked by symbolic expansion up to this many terms in all (about
 * two seconds here), beyond it exactly at random points of F_p (the check says which):
 * expansion took 20 s for x1, x2 -> x3 at k = 2, d = 2 and minutes at d = 3.
 */
const EXPANSION_BUDGET = 2000;
/** Random points of F_p for a check that is not symbolic. */
const CHECK_POINTS = 8;

export const PREDICTOR_OPTIONS = {
  ...MODEL_POINT_OPTIONS,
  symbolic: { type: "boolean", default: false },
  latex: { type: "boolean", default: false },
} as const;

/**
 * `maskid predictor`: the optimal predictor of one task, numerically at a point, or with
 * --symbolic in closed form (matrix notation) and as expressions in the parameters,
 * the two checked against each other.
 */
export function runPredictor(argv: string[]): number {
  const { values } = parseOptions(argv, PREDICTOR_OPTIONS, { command: "predictor", needs: { latex: "symbolic" } });
  if (values.symbolic && values.params !== undefined) throw new UsageError("--params applies to the table, not to --symbolic (the closed form holds at every point)");
  const spec = modelSpec(values);
  const tasks = taskList(values.task);
  if (tasks.length !== 1) throw new InputError("predictor takes exactly one task");
  const task = tasks[0];
  const seed = seedOf(values.seed);
  const budget = budgetOf(budgetFlags(values), "predictor");
  if (!values.symbolic) {
    enforceBudget("the predictor table", predictorCost(spec, task, false), budget);
    const params = values.params !== undefined ? readParameterFile(values.params, spec).params : randomFloatPoint(spec, new Rng(seed)).params;
    if (spec.family !== "hmm") throw new InputError("numeric tables are for discrete models; use --symbolic for the Gaussian closed form");
    const rows = allInputs(spec, task).map((given) => ({ given, values: predict(floatField, spec, params, task, given) }));
    const point = values.params === undefined ? `a random point (seed ${seed})` : fileName(values.params);
    if (values.json) printJson(predictorTableJson(task, point, rows));
    else print(renderPredictorTable(task, point, rows));
    return 0;
  }
  const form = closedFormFor(spec, task);
  let found: SymbolicPredictor = { spec, task, form, latex: values.latex };
  if (spec.family === "hmm") {
    const count = parameterCount(spec);
    if (count > SYMBOLIC_PARAMETER_LIMIT) throw new InputError(`symbolic expansion is limited to ${SYMBOLIC_PARAMETER_LIMIT} parameters; this model has ${count}`);
    const size = symbolicTerms(spec, task);
    if (size.total > MAX_SYMBOLIC_TERMS) {
      throw new InputError(
        `refusing the symbolic predictor: ${size.entries} entries × ~${size.termsPerEntry} terms = ${size.total} terms exceeds the limit of ${MAX_SYMBOLIC_TERMS} (terms grow as k^L · (d−1)^(observed positions))`,
      );
    }
    enforceBudget("the symbolic predictor", predictorCost(spec, task, true, form !== null && spec.states <= 2), budget);
    if (form) found = { ...found, check: checkClosedForm(spec, task, form, { symbolic: spec.states <= 2, seed, expansionBudget: EXPANSION_BUDGET, points: CHECK_POINTS }) };
    if (found.check?.agrees !== false) found = { ...found, entries: symbolicEntries(spec, task) };
  }
  if (values.json) printJson(symbolicPredictorJson(found));
  else print(renderSymbolicPredictor(found));
  return found.check?.agrees === false ? 1 : 0;
}
