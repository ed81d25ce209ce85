import { Deadline } from "../base/budget.ts";
import { type OnProgress, progressUnder } from "../base/progress.ts";
import { analyse } from "../analysis/analyse.ts";
import { type Budget, type CostEstimate, budgetOf, claimsCost, enforceBudget } from "../analysis/cost-model.ts";
import { type GlobalLevel, globalEvidence } from "../uniqueness/evidence.ts";
import type { AnalysisResult } from "../analysis/result.ts";
import type { Verdict } from "../identify/result.ts";
import { DEFAULT_SEED } from "../base/random.ts";
import { parseTaskSet } from "../task/parse.ts";
import type { Claim } from "./claim.ts";
import { parameterCount } from "../model/spec.ts";
import { fiberExpectation } from "./validate-claims.ts";

/** One claim at one size: what maskid found, and whether it agrees. */
export interface ClaimCheck {
  readonly claim: string;
  readonly states: number;
  readonly symbols: number;
  readonly expected: Claim["expected"];
  readonly verdict: Verdict;
  /** The expected fiber dimension at this size, as a relation and a number. */
  readonly expectedFiber: { readonly relation: "=" | "≥"; readonly value: number } | null;
  readonly fiberDimension: number | null;
  /** `yes`, `no` (contradicted), or `inconclusive` (maskid could not decide). */
  readonly agrees: "yes" | "no" | "inconclusive";
  /** A one-line digest of the evidence. */
  readonly evidence: string;
  readonly seconds: number;
  readonly analysis: AnalysisResult;
  /** For identifiable verdicts: the strength of the global evidence (Kruskal with read-back, and a small search). */
  readonly global: { readonly level: GlobalLevel; readonly strength: string } | null;
}

export interface ClaimsReport {
  readonly kind: "claims";
  readonly seed: number;
  readonly claims: readonly Claim[];
  readonly checks: readonly ClaimCheck[];
  readonly agreed: number;
  readonly contradicted: number;
  readonly inconclusive: number;
  /** Set when the time budget stopped the run: the rows after the last check did not run. */
  readonly stopped: string | null;
}

/** Multi-start searches per identifiable check, and the size up to which they run (Kruskal evidence always runs). */
const CLAIM_STARTS = 5;
const SEARCH_PARAMETER_LIMIT = 40;

/** Every (claim, size) row to run, with its spec, tasks and multi-start starts. */
function claimRows(claims: readonly Claim[]) {
  return claims.flatMap((claim, c) => {
    const tasks = parseTaskSet(claim.tasks);
    return claim.sizes.map((size, s) => {
      const spec = { family: claim.family, init: claim.init, states: size.states, symbols: size.symbols, sigma: 1 };
      const heading = `claim ${c + 1}/${claims.length}: ${claim.id}, size ${s + 1}/${claim.sizes.length} (k=${size.states}, d=${size.symbols})`;
      return { claim, size, spec, tasks, heading, starts: parameterCount(spec) <= SEARCH_PARAMETER_LIMIT ? CLAIM_STARTS : 0 };
    });
  });
}

/** The cost model's estimate for running these claims (every row in sequence). */
export function claimsEstimate(claims: readonly Claim[]): CostEstimate {
  return claimsCost(claimRows(claims).map((r) => ({ spec: r.spec, tasks: r.tasks, starts: r.starts })));
}

/** The budget for running `claims` (defaults filled in); throws InputError when the estimate exceeds it. */
export function claimsBudget(claims: readonly Claim[], options: Budget): Required<Budget> {
  const budget = budgetOf(options, "claims");
  enforceBudget("these claims", claimsEstimate(claims), budget);
  return budget;
}

/**
 * Checks every claim at every size with `analyse`; never stops at a contradiction, so the
 * table is complete. Budgets: the whole run is estimated first and refused over
 * `maxMemoryBytes` or `maxSeconds` (default 1800 s); a run that passes `maxSeconds` stops
 * between rows (and the row running is stopped as inconclusive), with `stopped` saying so.
 */
export interface RunClaimsOptions extends Budget {
  readonly seed?: number;
  /** Called with each row as soon as it is checked. */
  readonly onCheck?: (c: ClaimCheck) => void;
  /** Told which claim, size and phase runs (`claim 7/13: w1, size 3/5 (k=4, d=3) · float point 2/3`). */
  readonly onProgress?: OnProgress;
}

export function runClaims(claims: readonly Claim[], options: RunClaimsOptions = {}): ClaimsReport {
  const seed = options.seed ?? DEFAULT_SEED;
  const budget = claimsBudget(claims, options);
  const deadline = new Deadline(budget.maxSeconds);
  const checks: ClaimCheck[] = [];
  let stopped: string | null = null;
  for (const { claim, size, spec, tasks, heading, starts } of claimRows(claims)) {
    if (deadline.passed()) {
      stopped = `${deadline.reason}: ${checks.length} rows checked, the rest not run`;
      break;
    }
    const start = performance.now();
    const onProgress = progressUnder(options.onProgress, heading);
    const analysis = analyse(spec, tasks, { seed, deadline, maxMemoryBytes: budget.maxMemoryBytes, maxSeconds: budget.maxSeconds, onProgress });
    const remaining = deadline.remaining();
    const global =
      analysis.verdict === "identifiable" ? globalEvidence(spec, tasks, { seed, starts, maxSeconds: Number.isFinite(remaining) ? remaining : undefined, onProgress }) : null;
    const check = judge(claim, size, analysis, global && { level: global.level, strength: global.strength }, (performance.now() - start) / 1000);
    checks.push(check);
    options.onCheck?.(check);
  }
  const count = (a: ClaimCheck["agrees"]) => checks.filter((c) => c.agrees === a).length;
  return { kind: "claims", seed, claims, checks, agreed: count("yes"), contradicted: count("no"), inconclusive: count("inconclusive"), stopped };
}

function judge(claim: Claim, size: { states: number; symbols: number }, analysis: AnalysisResult, global: ClaimCheck["global"], seconds: number): ClaimCheck {
  const expectedFiber = fiberExpectation(claim, size);
  let agrees: ClaimCheck["agrees"];
  if (analysis.verdict === "inconclusive") agrees = "inconclusive";
  else if (analysis.verdict !== claim.expected) agrees = "no";
  else if (expectedFiber === null) agrees = "yes";
  else {
    const f = analysis.fiberDimension!;
    agrees = (expectedFiber.relation === "=" ? f === expectedFiber.value : f >= expectedFiber.value) ? "yes" : "no";
  }
  return {
    claim: claim.id,
    ...size,
    expected: claim.expected,
    verdict: analysis.verdict,
    expectedFiber,
    fiberDimension: analysis.fiberDimension,
    agrees,
    evidence: evidenceDigest(analysis),
    seconds,
    analysis,
    global,
  };
}

/** `rank 18/18 mod 46887791 (proof); float rank 18/18, gaps 4.3e+10`, `rank 9/12 mod 36115609, ≤ n − 3 by W2 (proof)` and the like. */
export function evidenceDigest(a: AnalysisResult): string {
  const n = a.parameterCount;
  const parts: string[] = [];
  const exact = a.evidence.exact;
  const bound = a.evidence.rankUpperBound;
  if (exact.length) {
    const best = Math.max(...exact.map((e) => e.rank));
    const at = (rank: number) => exact.find((e) => e.rank === rank)!.prime;
    parts.push(
      best === n
        ? `rank ${n}/${n} mod ${at(n)} (proof)`
        : best === bound?.rank
          ? `rank ${best}/${n} mod ${at(best)}, ≤ n − ${bound.dimension} by ${bound.family} (proof)`
          : `rank ${exact.map((e) => e.rank).join(",")}/${n} mod ${exact.length} primes` +
            (a.evidence.schwartzZippel ? ` (miss ≤ ${a.evidence.schwartzZippel.combined.toExponential(0)})` : ""),
    );
  }
  const proof = a.evidence.verified.find((v) => v.verified);
  if (proof) parts.push(`rank ${n}/${n} verified in interval arithmetic (‖I − RB‖ ≤ ${proof.normBound!.toExponential(0)}; proof)`);
  const floats = a.evidence.float;
  if (floats.length > 0) {
    parts.push(`float rank ${floats.map((f) => (f.decided ? f.rank : `${f.rank}?`)).join(",")}/${n}, gaps ${floats.map((f) => f.gapRatio.toExponential(1)).join(", ")}`);
  }
  return parts.join("; ");
}
