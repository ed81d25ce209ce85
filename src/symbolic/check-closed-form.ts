import { DivisionByZero } from "../field/field.ts";
import { primeField } from "../field/prime.ts";
import { entryDegrees } from "../identify/schwartz-zippel.ts";
import { randomPrimeCoordinates } from "../model/random-point.ts";
import { type Sym, expandsToZero, expansionSize, symbolicField } from "../field/symbolic.ts";
import { fromCoordinates } from "../model/chart.ts";
import type { ModelSpec } from "../model/spec.ts";
import { allInputs } from "../predictor/design.ts";
import { predict } from "../predictor/predict.ts";
import { Rng } from "../base/random.ts";

/** The largest prime below 2^26. */
const MAX_PRIME_BELOW_2_26 = 67108859;
import type { Task } from "../task/task.ts";
import type { ClosedForm } from "./closed-forms.ts";
import { parameterSymbols } from "./parameter-symbols.ts";

export interface ClosedFormCheck {
  readonly agrees: boolean;
  /** `symbolic` (every entry's difference expands to 0) or `exact at N random rational points`. */
  readonly method: string;
  readonly entries: number;
}

/**
 * Checks a discrete closed form against the forward–backward predictor entry by entry:
 * symbolically (difference expands to 0) when `symbolic`, else by exact rational
 * evaluation at `points` random points (Schwartz–Zippel: a non-zero difference of degree
 * D vanishes at a random point with probability ≤ D / (range of the coordinates)).
 * With `expansionBudget`, the symbolic check runs only when the differences' numerators
 * expand to at most that many terms in all (`expansionSize`, an upper bound; nerdamer's
 * expansion takes about a millisecond per term and grows to minutes for k = 2, d = 3);
 * beyond it the check is the evaluation at random points, and `method` says so.
 */
export function checkClosedForm(spec: ModelSpec, task: Task, form: ClosedForm, options: { symbolic: boolean; points?: number; seed?: number; expansionBudget?: number }): ClosedFormCheck {
  const inputs = allInputs(spec, task);
  let skipped = "";
  if (options.symbolic) {
    const p = fromCoordinates(symbolicField, spec, parameterSymbols(spec));
    const differences = inputs.flatMap((given) => {
      const a = form.evaluate(symbolicField, spec, p, given);
      const b = predict(symbolicField, spec, p, task, given);
      return a.map((x, i) => symbolicField.sub(x, b[i]));
    });
    const size = options.expansionBudget === undefined ? 0 : differences.reduce((sum, d) => sum + expansionSize(d), 0);
    if (options.expansionBudget === undefined || size <= options.expansionBudget) {
      const agrees = differences.every((d) => expandsToZero(d));
      return { agrees, method: "symbolic: each entry's difference expands to 0", entries: differences.length };
    }
    skipped = `; symbolic expansion skipped: up to ${size.toExponential(1)} terms, over the budget of ${options.expansionBudget}`;
  }
  let entries = 0;
  // Uniform random points of F_p^n: two expressions of the same entry, each a ratio of
  // polynomials within the degree count of entryDegrees, differ by N/D with
  // deg N ≤ numerator + denominator; a non-zero N vanishes at such a point with
  // probability ≤ deg N / p (Schwartz–Zippel).
  const rng = new Rng(options.seed ?? 1);
  const points = options.points ?? 3;
  const field = primeField(MAX_PRIME_BELOW_2_26);
  const { numerator, denominator } = entryDegrees(spec, task);
  const degree = numerator + denominator;
  let agrees = true;
  let resampled = 0;
  for (let t = 0; t < points; t++) {
    try {
      const p = fromCoordinates(field, spec, randomPrimeCoordinates(spec, field, rng));
      for (const given of inputs) {
        const a = form.evaluate(field, spec, p, given);
        const b = predict(field, spec, p, task, given);
        entries += a.length;
        agrees &&= a.every((x, i) => x === b[i]);
      }
    } catch (e) {
      if (!(e instanceof DivisionByZero) || resampled++ > points) throw e;
      t--;
    }
  }
  const bound = (degree / field.p).toExponential(1);
  return { agrees, method: `exact at ${points} uniform random points of F_p, p = ${field.p} (a non-zero difference of degree ≤ ${degree} survives each with probability ≤ ${bound}, Schwartz–Zippel${skipped})`, entries };
}

/** The generic predictor's entries as expressions in the parameter symbols, per input. */
export function symbolicEntries(spec: ModelSpec, task: Task): { given: number[]; values: Sym[] }[] {
  const p = fromCoordinates(symbolicField, spec, parameterSymbols(spec));
  return allInputs(spec, task).map((given) => ({ given, values: predict(symbolicField, spec, p, task, given) }));
}
