import type { ClaimCheck, ClaimsReport } from "../claims/run-claims.ts";

const AGREES = { yes: "agrees", no: "CONTRADICTED", inconclusive: "inconclusive" } as const;

/** The table's column labels, above the rows of renderClaimCheck. */
export const CLAIMS_TABLE_HEADER = `${"claim".padEnd(26)} size       verdict           fiber                                agrees?       evidence`;

/** One table row per claim and size. */
export function renderClaimCheck(c: ClaimCheck): string {
  const fiber = c.fiberDimension === null ? "–" : String(c.fiberDimension);
  const expected = c.expectedFiber ? ` (expected fiber ${c.expectedFiber.relation} ${c.expectedFiber.value})` : "";
  const global = c.global ? `; global: ${c.global.strength}` : "";
  return `${c.claim.padEnd(26)} k=${c.states} d=${String(c.symbols).padEnd(2)} ${c.verdict.padEnd(17)} fiber ${fiber.padEnd(3)}${expected.padEnd(26)} ${AGREES[c.agrees].padEnd(13)} ${c.evidence}${global}  [${c.seconds.toFixed(2)} s]`;
}

export function renderClaimsSummary(r: ClaimsReport): string {
  const lines = [`${r.checks.length} checks of ${r.claims.length} claims: ${r.agreed} agree, ${r.contradicted} contradicted, ${r.inconclusive} inconclusive (seed ${r.seed})`];
  if (r.stopped) lines.push(`stopped: ${r.stopped}`);
  for (const claim of r.claims) {
    lines.push(`  ${claim.id}: ${claim.statement} [${claim.source.kind === "paper" ? "paper" : "maskid"}: ${claim.source.where}${claim.proof ? `; proof: proofs/${claim.proof}.ts` : ""}]`);
  }
  return lines.join("\n");
}
