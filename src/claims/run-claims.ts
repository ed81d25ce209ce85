import { analyse } from "../analysis/analyse.ts";
import { type GlobalLevel, globalEvidence } from "../uniqueness/evidence.ts";
import type { AnalysisResult } from "../analysis/result.ts";
import type { Verdict } from "../identify/result.ts";
import { DEFAULT_SEED } from "../base/random.ts";
import { parseTaskSet } from "../task/parse.ts";
import type { Claim } from "./claim.ts";
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
}

/** Multi-start searches per identifiable check, and the size up to which they run (Kruskal evidence always runs). */
const CLAIM_STARTS = 5;
const SEARCH_PARAMETER_LIMIT = 40;

/** Checks every claim at every size with `analyse`; never stops at a contradiction, so the table is complete. */
export function runClaims(claims: readonly Claim[], options: { seed?: number; onCheck?: (c: ClaimCheck) => void } = {}): ClaimsReport {
  const seed = options.seed ?? DEFAULT_SEED;
  const checks: ClaimCheck[] = [];
  for (const claim of claims) {
    const tasks = parseTaskSet(claim.tasks);
    for (const size of claim.sizes) {
      const start = performance.now();
      const spec = { family: claim.family, init: claim.init, states: size.states, symbols: size.symbols, sigma: 1 };
      const analysis = analyse(spec, tasks, { seed });
      const global = analysis.verdict === "identifiable" ? globalEvidence(spec, tasks, { seed, starts: analysis.parameterCount <= SEARCH_PARAMETER_LIMIT ? CLAIM_STARTS : 0 }) : null;
      const check = judge(claim, size, analysis, global && { level: global.level, strength: global.strength }, (performance.now() - start) / 1000);
      checks.push(check);
      options.onCheck?.(check);
    }
  }
  const count = (a: ClaimCheck["agrees"]) => checks.filter((c) => c.agrees === a).length;
  return { kind: "claims", seed, claims, checks, agreed: count("yes"), contradicted: count("no"), inconclusive: count("inconclusive") };
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

/** `rank 18/18 mod 46887791 (proof); float σ-gaps 4.3e10, 2.0e9` and the like. */
export function evidenceDigest(a: AnalysisResult): string {
  const n = a.parameterCount;
  const parts: string[] = [];
  const exact = a.evidence.exact;
  if (exact.length) {
    const best = Math.max(...exact.map((e) => e.rank));
    parts.push(
      best === n
        ? `rank ${n}/${n} mod ${exact.find((e) => e.rank === n)!.prime} (proof)`
        : `rank ${exact.map((e) => e.rank).join(",")}/${n} mod ${exact.length} primes` +
            (a.evidence.schwartzZippel ? ` (miss ≤ ${a.evidence.schwartzZippel.combined.toExponential(0)})` : ""),
    );
  }
  const floats = a.evidence.float;
  parts.push(`float rank ${floats.map((f) => (f.decided ? f.rank : `${f.rank}?`)).join(",")}/${n}, gaps ${floats.map((f) => f.gapRatio.toExponential(1)).join(", ")}`);
  return parts.join("; ");
}
