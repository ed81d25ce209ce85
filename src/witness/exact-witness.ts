import { applicableFamilies } from "../families/applies.ts";
import { compareSummaries, positiveRational, validityProblems } from "../families/check.ts";
import { type RationalPair, w1Example, w2Example } from "../families/examples.ts";
import { type Rational, rationalField, rationalToNumber, rationalToString } from "../field/rational.ts";
import { mapParameters } from "../model/chart.ts";
import { toParameterFile } from "../model/params-file.ts";
import { relabelledDistance } from "../model/relabel.ts";
import { type ModelSpec, type Parameters, emissionName } from "../model/spec.ts";
import type { Task } from "../task/task.ts";
import { validateSpec } from "../identify/validate.ts";
import type { RationalParameterFile, Witness } from "./witness-pair.ts";

/**
 * An exact rational witness from a family of docs/math.md §7, when one applies to the task
 * set (see applicableFamilies): W1 first, else W2. Both points are rational; the whole
 * exhaustive summary of both is evaluated in exact arithmetic and must agree entry by
 * entry (maxPredictionDifference is then exactly 0). Returns null when neither applies
 * (ghmm needs exp, so W3 has no rational form).
 */
export function findExactWitness(spec: ModelSpec, tasks: readonly Task[]): Witness | null {
  validateSpec(spec, tasks);
  if (spec.family !== "hmm") return null;
  const family = applicableFamilies(spec, tasks).find((f) => f.family === "W1" || f.family === "W2")?.family;
  if (family === undefined) return null;
  const pair: RationalPair = family === "W1" ? w1Example(spec) : w2Example(spec);
  const problems = validityProblems(rationalField, spec, pair.second, positiveRational);
  if (problems.length > 0) throw new Error(`internal: the ${family} example is not a valid point: ${problems.join("; ")}`);
  const comparison = compareSummaries(rationalField, spec, pair.first, pair.second, tasks);
  if (comparison.differing.length > 0) throw new Error(`internal: the ${family} example changes predictions at ${comparison.differing.join(", ")}`);
  const first = mapParameters(pair.first, rationalToNumber);
  const second = mapParameters(pair.second, rationalToNumber);
  const { distance } = relabelledDistance(first, second);
  if (!(distance > 0)) throw new Error(`internal: the ${family} example is a relabelling of its first point`);
  return {
    first: toParameterFile(spec, first),
    second: toParameterFile(spec, second),
    distance,
    maxPredictionDifference: 0,
    method: `${pair.move} (docs/math.md §7), applied to a fixed rational point`,
    steps: 1,
    exact: true,
    verification: `exact rational evaluation of all ${comparison.rows} entries of both exhaustive summaries (every input of every task): all equal`,
    rational: { first: rationalFile(spec, pair.first), second: rationalFile(spec, pair.second) },
  };
}

function rationalFile(spec: ModelSpec, p: Parameters<Rational>): RationalParameterFile {
  const s = mapParameters(p, rationalToString);
  return { pi: s.pi, T: s.T, [emissionName(spec)]: s.emission };
}
