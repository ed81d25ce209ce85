import type { Claim } from "../claims/claim.ts";
import type { ClaimCheck, ClaimsReport } from "../claims/run-claims.ts";
import { hmmSpec, ghmmSpec, parameterCount } from "../model/spec.ts";
import { DEFAULT_WIDTH, NBSP, padEnd, textWidth, wrap } from "./wrap.ts";

const AGREES = { yes: "agrees", no: "CONTRADICTED", inconclusive: "inconclusive" } as const;
const VERDICTS = ["identifiable", "not identifiable", "inconclusive"];
const HEADERS = ["claim", "size", "verdict", "fiber", "agrees?"] as const;
const GAP = "  ";
/** Indent of a row's evidence line, under its claim. */
const EVIDENCE_INDENT = "    ";

/** The table of `maskid claims`: a header, then per check a row and its evidence line(s), laid out for `width` columns. */
export interface ClaimsTable {
  readonly header: string;
  row(c: ClaimCheck): string;
}

/**
 * Column widths come from the claims to be checked (known before any is run, so rows can be
 * printed as they finish): the longest id, size and fiber (at most n), and the verdict and
 * agreement words. A claim id too long for the width goes on a line of its own above its row.
 */
export function claimsTable(claims: readonly Claim[], width: number = DEFAULT_WIDTH): ClaimsTable {
  const sizes = claims.flatMap((c) => c.sizes.map((s) => ({ ...s, n: parameterCount((c.family === "hmm" ? hmmSpec : ghmmSpec)(s.states, s.symbols, c.init)) })));
  const widths = [
    0,
    Math.max(...sizes.map((s) => sizeText(s.states, s.symbols).length), 0),
    Math.max(...VERDICTS.map((v) => v.length)),
    Math.max(...sizes.map((s) => fiberText(s.n, { relation: "≥", value: s.n }).length), 0),
    Math.max(...Object.values(AGREES).map((a) => a.length)),
  ].map((w, i) => Math.max(w, HEADERS[i].length));
  const rest = widths.slice(1).reduce((a, b) => a + b + GAP.length, 0);
  const longestId = Math.max(...claims.map((c) => textWidth(c.id)), 0);
  widths[0] = Math.max(HEADERS[0].length, Math.min(longestId, width - rest));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < cells.length - 1 ? padEnd(c, widths[i]) : c)).join(GAP);
  return {
    header: `${line(HEADERS)}\n${EVIDENCE_INDENT}evidence [time]`,
    row(c) {
      const fiber = c.fiberDimension === null ? "–" : fiberText(c.fiberDimension, c.expectedFiber);
      const id = textWidth(c.claim) > widths[0] ? [c.claim] : [];
      const cells = [id.length ? "" : c.claim, sizeText(c.states, c.symbols), c.verdict, fiber, AGREES[c.agrees]];
      const global = c.global ? `; global: ${c.global.strength}` : "";
      const evidence = wrap(`${c.evidence}${global} [${c.seconds.toFixed(2)}${NBSP}s]`, width, EVIDENCE_INDENT);
      return [...id, line(cells).trimEnd(), ...evidence].join("\n");
    },
  };
}

const sizeText = (k: number, d: number) => `k=${k} d=${d}`;

/** The fiber dimension found, and the expected one in brackets: `2 (≥ 2)`. */
function fiberText(found: number, expected: ClaimCheck["expectedFiber"]): string {
  return expected ? `${found} (${expected.relation} ${expected.value})` : String(found);
}

export function renderClaimsSummary(r: ClaimsReport, width: number = DEFAULT_WIDTH): string {
  const lines = wrap(`${r.checks.length} checks of ${r.claims.length} claims: ${r.agreed} agree, ${r.contradicted} contradicted, ${r.inconclusive} inconclusive (seed ${r.seed})`, width);
  if (r.stopped) lines.push(...wrap(`stopped: ${r.stopped}`, width, "", "  "));
  for (const claim of r.claims) {
    const text = `${claim.id}: ${claim.statement} [${claim.source.kind === "paper" ? "paper" : "maskid"}: ${claim.source.where}${claim.proof ? `; proof: proofs/${claim.proof}.ts` : ""}]`;
    lines.push(...wrap(text, width, "  ", "      "));
  }
  return lines.join("\n");
}
