import { type Rational, rationalField, rationalToString } from "../field/rational.ts";
import { analyse } from "../analysis/analyse.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { compareSummaries } from "../families/check.ts";
import { parseTaskSet } from "../task/parse.ts";
import type { ProofStep, StepEvidence } from "./proof.ts";

/**
 * The engine's measured fiber against a family's dimension: passes when the fiber is at
 * least the family's dimension (the family lies inside the fiber), and says how much of
 * the fiber the family leaves unexplained.
 */
export function engineFiberStep(spec: ModelSpec, tasks: string, family: { name: string; dimension: number; exactly?: boolean }, seed = 1): ProofStep {
  const where = `${spec.family}, ${spec.init} π, k = ${spec.states}, d = ${spec.symbols}`;
  const statement = family.exactly
    ? `The engine measures a generic fiber of dimension exactly ${family.dimension} for \`${tasks}\` (${where}): ${family.name}.`
    : `The engine's generic fiber for \`${tasks}\` (${where}) is accounted for by ${family.name} (dimension ${family.dimension}).`;
  return {
    statement,
    check() {
      const r = analyse(spec, parseTaskSet(tasks), { seed });
      const exact = r.evidence.exact.map((e) => `${e.rank} mod ${e.prime}`).join(", ");
      const floats = r.evidence.float.filter((f) => f.decided).map((f) => `${f.rank} (gap ${f.gapRatio.toExponential(1)})`).join(", ");
      const fiber = r.fiberDimension;
      const bound = r.evidence.rankUpperBound;
      // A rank proven against a family's bound has no float points: the bound is its evidence instead.
      const upper = r.proof === "exact rank mod p meets a family's bound" && bound ? `; rank ≤ n − ${bound.dimension} by ${bound.family}'s tangent rank (proof)` : "";
      const head = `engine verdict: ${r.verdict}; n = ${r.parameterCount}, rank ${r.rank ?? "undecided"}` + (exact ? `; exact ranks ${exact}` : "") + (floats ? `; float ranks ${floats}` : "") + upper;
      if (fiber === null) return { passed: false, evidence: `${head}; the fiber is undecided` };
      const left = fiber - family.dimension;
      const account = left === 0 ? `${family.name} accounts for the whole fiber` : left > 0 ? `${left} dimension(s) of the fiber are not explained by ${family.name}` : `the fiber is smaller than ${family.name}: contradiction`;
      return { passed: family.exactly ? left === 0 : left >= 0, evidence: `${head}; fiber ${fiber}, ${family.name} ${family.dimension}: ${account}` };
    },
  };
}

/** Exact equality of two points' summaries over Q, with the rows compared; validity is checked by the caller. */
export function sameSummaries(spec: ModelSpec, p: Parameters<Rational>, q: Parameters<Rational>, tasks: string): StepEvidence {
  const c = compareSummaries(rationalField, spec, p, q, parseTaskSet(tasks));
  return c.differing.length === 0
    ? { passed: true, evidence: `all ${c.rows} summary rows of \`${tasks}\` agree exactly over Q` }
    : { passed: false, evidence: `rows differ: ${c.differing.join("; ")}` };
}

/** A parameter point as short text: `π = (1/3, 2/3); T = [[…], […]]; O = …`. */
export function formatPoint(spec: ModelSpec, p: Parameters<Rational>): string {
  const v = (xs: readonly Rational[]) => `(${xs.map(rationalToString).join(", ")})`;
  const m = (rows: readonly (readonly Rational[])[]) => `[${rows.map(v).join(", ")}]`;
  return `π = ${v(p.pi)}; T = ${m(p.T)}; ${spec.family === "hmm" ? "O" : "M"} = ${m(p.emission)}`;
}
