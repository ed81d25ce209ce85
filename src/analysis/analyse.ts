import { InputError } from "../base/errors.ts";
import { validateSpec } from "../identify/validate.ts";
import { toParameterFile, validateParameters } from "../model/params-file.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { unsupportedInputs } from "../predictor/support.ts";
import type { Task } from "../task/task.ts";
import { type LocalAnalysisOptions, analyseLocally } from "../identify/local-analysis.ts";
import { globalEvidence } from "../uniqueness/evidence.ts";
import { searchWitness } from "../witness/witness.ts";
import type { AnalysisResult } from "./result.ts";

/** Multi-start searches run for global evidence unless `global.starts` says otherwise. */
export const DEFAULT_STARTS = 20;

export interface AnalyseOptions extends LocalAnalysisOptions {
  /** For a non-identifiable verdict, look for a second point with the same predictions. */
  witness?: boolean;
  /** Global identifiability evidence: Kruskal with read-back, and a multi-start search of `starts` starts. */
  global?: boolean | { starts?: number };
}

/**
 * Decides whether a task set identifies an HMM family, and returns the whole answer: the
 * local verdict with its certificates (docs/math.md §5–6), the witness pair when asked for and
 * the verdict is a rank drop, and global evidence when asked for. Pure and deterministic
 * for a seed (apart from timings); the CLI prints exactly this object.
 */
export function analyse(spec: ModelSpec, tasks: readonly Task[], options: AnalyseOptions = {}): AnalysisResult {
  if (options?.params !== undefined) validatePoint(spec, tasks, options.params);
  const local = analyseLocally(spec, tasks, options);
  let result: AnalysisResult = local;
  if (options.witness) {
    if (local.verdict === "not identifiable") {
      result = { ...local, witness: searchWitness(spec, tasks, local.seed, options.params) };
    } else {
      const note = `no witness sought: a witness exists only for non-identifiable verdicts; this verdict is ${local.verdict}`;
      result = { ...local, evidence: { ...local.evidence, notes: [...local.evidence.notes, note] } };
    }
  }
  if (options.global) {
    const starts = (typeof options.global === "object" ? options.global.starts : undefined) ?? DEFAULT_STARTS;
    result = { ...result, global: globalEvidence(spec, tasks, { seed: local.seed, starts, params: options.params }) };
  }
  return result;
}

/**
 * A given point must be a valid parameter point (the checks of a parameter file), and
 * every input of a discrete task must have positive probability there: the predictor is
 * undefined at an input of probability zero.
 */
function validatePoint(spec: ModelSpec, tasks: readonly Task[], params: Parameters<number>): void {
  validateSpec(spec, tasks);
  if (typeof params !== "object" || params === null) throw new InputError("options.params must be a parameter point { pi, T, emission }", { field: "options.params" });
  validateParameters(toParameterFile(spec, params), spec);
  const zero = unsupportedInputs(spec, params, tasks);
  if (zero.length > 0) {
    throw new InputError(
      `at the given point ${zero.join("; ")} ${zero.length === 1 ? "has" : "have"} probability 0 (or below 1e-250): ` +
        "the predictor is undefined there; give a point where every input has positive probability",
      { field: "options.params" },
    );
  }
}
