import { CATALOGUE } from "../claims/catalogue.ts";
import type { Claim } from "../claims/claim.ts";
import { claimsBudget, runClaims } from "../claims/run-claims.ts";
import { parseClaimsFile, validateClaims } from "../claims/validate-claims.ts";
import { claimsTable, renderClaimsSummary } from "../report/claims-text.ts";
import { fileName, print, printJson, readText } from "./io.ts";
import { BUDGET_OPTIONS, budgetFlags, parseOptions, seedOf } from "./options.ts";
import { UsageError } from "./usage.ts";
import { statusLine } from "./status-line.ts";
import { outputWidth } from "./width.ts";

/** `maskid claims`: check the catalogue (or a user's claims file); exit 1 if any claim is contradicted. */
export const CLAIMS_OPTIONS = {
  id: { type: "string", multiple: true },
  claims: { type: "string" },
  seed: { type: "string" },
  json: { type: "boolean", default: false },
  ...BUDGET_OPTIONS,
} as const;

export function runClaimsCommand(argv: string[]): number {
  const { values } = parseOptions(argv, CLAIMS_OPTIONS, { command: "claims" });
  // Every claim is validated in full (fields, tasks, sizes, formulas) before any is run.
  let claims = values.claims !== undefined ? readClaimsFile(values.claims) : validateClaims(CATALOGUE, "the catalogue");
  if (values.id?.length) {
    const unknown = values.id.filter((id) => !claims.some((c) => c.id === id));
    if (unknown.length) throw new UsageError(`unknown claim "${unknown[0]}"; known: ${claims.map((c) => c.id).join(", ")}`);
    claims = claims.filter((c) => values.id!.includes(c.id));
  }
  const budget = claimsBudget(claims, budgetFlags(values));
  const json = values.json;
  const width = outputWidth();
  const table = claimsTable(claims, width);
  if (!json) print(table.header);
  const status = statusLine({ json });
  let report;
  try {
    report = runClaims(claims, {
      seed: seedOf(values.seed),
      ...budget,
      onCheck: json
        ? undefined
        : (c) => {
            status.clear();
            print(table.row(c));
          },
      onProgress: status.onProgress,
    });
  } finally {
    status.done();
  }
  if (json) printJson(report);
  else print(`\n${renderClaimsSummary(report, width)}`);
  return report.contradicted > 0 ? 1 : 0;
}

/** Reads and validates a claims file (here, not in io.ts: validation loads mathjs, which only this command needs). */
function readClaimsFile(path: string): Claim[] {
  return parseClaimsFile(readText(path, "claims file"), fileName(path));
}
