import { type OnProgress, progressStep } from "../base/progress.ts";
import { validateSpec } from "../identify/validate.ts";
import { randomFloatPoint } from "../model/random-point.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { type Task, formatTask } from "../task/task.ts";
import { type KruskalEvidence, kruskalEvidence, tensorTasks } from "./kruskal-evidence.ts";
import { type MultiStartResult, multiStart } from "./multistart.ts";
import { streamRng, subSeed } from "./seeds.ts";

/** The proof strength string: only when an exact Kruskal + read-back argument applies. */
export const PROOF_STRENGTH = "proof (Kruskal, exact)";

/**
 * How strong the global evidence is:
 * - `proof`: generic global identifiability proven (Kruskal + read-back, exact).
 * - `search-unique`: the search converged and found only relabellings of θ0 (not a proof).
 * - `search-counterexample`: the search found a converged point that is not a relabelling
 *   of θ0: numerical evidence AGAINST global identifiability (not an exact witness).
 * - `conflict`: a proof and a search counterexample at once: one of them is wrong.
 * - `none`: nothing converged and nothing proven.
 */
export type GlobalLevel = "proof" | "search-unique" | "search-counterexample" | "conflict" | "none";

export interface GlobalEvidence {
  readonly kind: "global-evidence";
  readonly model: ModelSpec;
  readonly tasks: readonly string[];
  readonly seed: number;
  readonly level: GlobalLevel;
  /**
   * `proof (Kruskal, exact)` only when truly a proof; otherwise
   * `search: no other solution found from N starts (not a proof)`,
   * `search: other solutions found (numerical counterexample, not a proof)`,
   * `conflict: …`, or `none: …`.
   */
  readonly strength: string;
  /** One paragraph: exactly what is proven and what was only searched. */
  readonly statement: string;
  /** The float point θ0 the search ran at (and the numerical Kruskal ranks were taken at). */
  readonly point: Parameters<number>;
  readonly pointSource: "random generic point" | "the given point";
  /** One entry per tensor task (one given, two predicted) of the set; empty when there is none. */
  readonly kruskal: readonly KruskalEvidence[];
  /** Null when `starts` is 0. */
  readonly search: MultiStartResult | null;
  readonly notes: readonly string[];
}

export interface GlobalEvidenceOptions {
  readonly seed: number;
  /** Multi-start starts (0 skips the search). */
  readonly starts: number;
  /** Search at this point instead of a random generic one (the proof stays a statement about generic points). */
  readonly params?: Parameters<number>;
  /** Exact arithmetic for Kruskal: F_p (default) or Q. */
  readonly exactField?: "prime" | "rational";
  /** Passed to the search. */
  readonly maxIterations?: number;
  readonly maxSeconds?: number;
  /** Told which Kruskal task and which start runs (for a status line). */
  readonly onProgress?: OnProgress;
}

/**
 * Global identifiability evidence for a task set (docs/math.md §8): Kruskal's theorem with exact ranks and the read-back, for every tensor task
 * of the set, plus a multi-start search for other solutions at a random generic point.
 * Plain serialisable data; deterministic for a seed apart from `search.seconds`.
 *
 * Intended for task sets the local analysis found full rank. Proof logic: if ONE task of
 * the set identifies θ generically, the set does too (its predictions are part of the
 * set's), so `level` is `proof` when any tensor task's Kruskal evidence is `proven`.
 */
export function globalEvidence(spec: ModelSpec, tasks: readonly Task[], options: GlobalEvidenceOptions): GlobalEvidence {
  validateSpec(spec, tasks);
  const point = options.params ?? randomFloatPoint(spec, streamRng(options.seed, 0)).params;
  const pointSource = options.params ? "the given point" : "random generic point";
  const tensors = tensorTasks(tasks);
  const kruskal = tensors.map((task, i) => {
    progressStep(options.onProgress, "Kruskal ranks", i + 1, tensors.length);
    return kruskalEvidence(spec, point, task, { seed: subSeed(options.seed, 100 + i), exactField: options.exactField });
  });
  const search =
    options.starts > 0
      ? multiStart(spec, tasks, point, {
          seed: subSeed(options.seed, 1),
          starts: options.starts,
          maxIterations: options.maxIterations,
          maxSeconds: options.maxSeconds,
          onProgress: options.onProgress,
        })
      : null;

  const notes: string[] = [];
  if (kruskal.length === 0) notes.push("no tensor task (one given, two predicted tokens) in the set: Kruskal's theorem is not applied");
  for (const e of kruskal) {
    if (e.factorsUnique && !e.proven) notes.push(`${e.task}: CP factors proven unique, but the read-back to (π, T, O) is not established (${e.exact!.readBack.reason})`);
    if (e.numerical && e.exact && e.numerical.holds !== e.exact.holds) {
      notes.push(`${e.task}: the numerical Kruskal condition at the float point (${e.numerical.holds}) differs from the exact one (${e.exact.holds})`);
    }
  }
  if (search && search.converged < search.starts) {
    const boundary = search.outcomes.filter((o) => !o.converged && o.atBoundary).length;
    notes.push(
      `${search.starts - search.converged} of ${search.starts} starts did not converge (${boundary} ran to the boundary of the parameter set, ` +
        `${search.starts - search.converged - boundary} stopped at an interior local minimum or the iteration limit)`,
    );
  }
  if (options.params && kruskal.some((e) => e.proven)) {
    notes.push("the proof is about generic parameters; it covers the given point only if that point avoids a proper algebraic subset (not checked)");
  }

  const proof = kruskal.find((e) => e.proven) ?? null;
  const counterexample = search !== null && search.otherSolutions > 0;
  const N = search?.starts ?? 0;
  let level: GlobalLevel;
  let strength: string;
  if (proof && counterexample) {
    level = "conflict";
    strength = `conflict: Kruskal proof for ${proof.task}, yet the search found ${search!.otherSolutions} other solution(s): one of them is wrong`;
  } else if (proof) {
    level = "proof";
    strength = PROOF_STRENGTH;
  } else if (counterexample) {
    level = "search-counterexample";
    strength = `search: other solutions found (numerical counterexample, not a proof)`;
  } else if (search !== null && search.converged > 0) {
    level = "search-unique";
    strength = `search: no other solution found from ${N} starts (not a proof)`;
  } else {
    level = "none";
    strength = search === null ? "none: no proof and no search" : `none: no proof, and none of ${N} starts converged`;
  }

  const searchText =
    search === null
      ? "No search was run."
      : `Search at a ${pointSource}: ${search.converged} of ${search.starts} starts converged (‖F(θ) − F(θ0)‖² < ${search.residualTolerance}), ` +
        `into ${search.distinctSolutionsModuloRelabelling} class(es) modulo relabelling, ${search.otherSolutions} of them not θ0` +
        (search.maxDistanceToTruthModRelabelling === null ? "" : `; max relabelled L∞ distance to θ0 ${search.maxDistanceToTruthModRelabelling.toExponential(2)}`) +
        ". A search is evidence only: it can miss solutions, and its converged points are not exact.";
  const proofText = proof
    ? proof.statement
    : kruskal.length > 0
      ? `No proof: ${kruskal.map((e) => `${e.task}: ${e.statement}`).join(" ")}`
      : "No proof: no tensor task in the set.";
  return {
    kind: "global-evidence",
    model: spec,
    tasks: tasks.map(formatTask),
    seed: options.seed,
    level,
    strength,
    statement: `${proofText} ${searchText}`,
    point,
    pointSource,
    kruskal,
    search,
    notes,
  };
}
