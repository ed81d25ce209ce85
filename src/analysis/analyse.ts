import { Deadline } from "../base/budget.ts";
import { InputError } from "../base/errors.ts";
import { progressStep } from "../base/progress.ts";
import { validateSpec } from "../identify/validate.ts";
import { toParameterFile, validateParameters } from "../model/params-file.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { unsupportedInputs } from "../predictor/support.ts";
import type { Task } from "../task/task.ts";
import { type LocalAnalysisOptions, analyseLocally } from "../identify/local-analysis.ts";
import type { LocalAnalysis } from "../identify/result.ts";
import { explainingFamily } from "../families/applies.ts";
import { globalEvidence } from "../uniqueness/evidence.ts";
import { searchWitness } from "../witness/witness.ts";
import type { AnalysisResult } from "./result.ts";
import { type Budget, analysisCost, budgetOf, enforceBudget } from "./cost-model.ts";

/** Multi-start searches run for global evidence unless `global.starts` says otherwise. */
export const DEFAULT_STARTS = 20;

export interface AnalyseOptions extends LocalAnalysisOptions, Budget {
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
 *
 * Budgets: the cost model (cost-model.ts) estimates peak memory and time first; an
 * estimate over `maxMemoryBytes` (default 4 GiB) or `maxSeconds` (default 300 s) is
 * refused with InputError (field `options.maxMemoryBytes` / `options.maxSeconds`). A run
 * that passes `maxSeconds` stops: the local analysis as inconclusive ("time budget
 * reached") with the evidence so far; a witness search or global evidence after a decided
 * verdict keeps the verdict and says in its notes that it was cut short.
 */
export function analyse(spec: ModelSpec, tasks: readonly Task[], options: AnalyseOptions = {}): AnalysisResult {
  if (typeof options !== "object" || options === null) throw new InputError("options must be an object", { field: "options" });
  if (options.params !== undefined) validatePoint(spec, tasks, options.params);
  validateSpec(spec, tasks);
  const budget = budgetOf(options, "check");
  const starts = options.global ? ((typeof options.global === "object" ? options.global.starts : undefined) ?? DEFAULT_STARTS) : undefined;
  enforceBudget("the analysis", analysisCost(spec, tasks, { witness: options.witness, globalStarts: starts, atPoint: options.params !== undefined }), budget);
  const deadline = options.deadline ?? new Deadline(budget.maxSeconds);
  const local = withFamilyProof(spec, tasks, analyseLocally(spec, tasks, { ...options, deadline }));
  let result: AnalysisResult = local;
  const cutShort = (phase: string) => `${phase} cut short: ${deadline.reason}`;
  if (options.witness) {
    if (local.verdict === "not identifiable") {
      const witness = searchWitness(spec, tasks, local.seed, options.params, deadline, progressStep(options.onProgress, "witness search"));
      result = { ...local, witness: deadline.passed() ? { ...witness, stopped: deadline.reason } : witness };
      if (deadline.passed()) result = { ...result, evidence: { ...result.evidence, notes: [...result.evidence.notes, cutShort("witness search")] } };
    } else {
      const note = `no witness sought: a witness exists only for non-identifiable verdicts; this verdict is ${local.verdict}`;
      result = { ...local, evidence: { ...local.evidence, notes: [...local.evidence.notes, note] } };
    }
  }
  if (starts !== undefined) {
    if (deadline.passed()) {
      result = { ...result, evidence: { ...result.evidence, notes: [...result.evidence.notes, `no global evidence: ${deadline.reason}`] } };
    } else {
      const maxSeconds = Number.isFinite(deadline.remaining()) ? deadline.remaining() : undefined;
      const global = globalEvidence(spec, tasks, { seed: local.seed, starts, params: options.params, maxSeconds, onProgress: options.onProgress });
      result = { ...result, global };
      if (global.search && global.search.starts < starts) {
        result = { ...result, evidence: { ...result.evidence, notes: [...result.evidence.notes, cutShort(`multi-start search (${global.search.starts} of ${starts} starts run)`)] } };
      }
    }
  }
  return result;
}

/**
 * A not-identifiable verdict with the family that explains its fiber, when one does (generic
 * verdicts only). Discrete emissions: the local analysis already found the largest family
 * (its rank bound), and a smaller one cannot equal a fiber at least as large.
 */
function withFamilyProof(spec: ModelSpec, tasks: readonly Task[], local: LocalAnalysis): AnalysisResult {
  if (local.verdict !== "not identifiable") return local;
  if (local.scope !== "generic") return { ...local, familyProof: null };
  const bound = local.evidence.rankUpperBound;
  if (spec.family === "ghmm") return { ...local, familyProof: explainingFamily(spec, tasks, local.fiberDimension) };
  const familyProof = bound && bound.dimension === local.fiberDimension ? { family: bound.family, dimension: bound.dimension, statement: bound.statement } : null;
  return { ...local, familyProof };
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
