import { PROOFS } from "../../proofs/index.ts";
import { runProof } from "../claims/proof.ts";
import { renderProofStep, renderProofTitle, renderProveSummary } from "../report/prove-text.ts";
import { print, printJson } from "./io.ts";
import { parseOptions } from "./options.ts";
import { UsageError } from "./usage.ts";

export const PROVE_OPTIONS = { json: { type: "boolean", default: false } } as const;

/** `maskid prove [name …]`: run proofs and print a pass/fail line per step; exit 1 if any step fails. */
export function runProveCommand(argv: string[]): number {
  const { values, positionals } = parseOptions(argv, PROVE_OPTIONS, { command: "prove", positionals: true });
  const unknown = positionals.filter((name) => !PROOFS.some((p) => p.name === name));
  if (unknown.length) throw new UsageError(`unknown proof "${unknown[0]}"; known: ${PROOFS.map((p) => p.name).join(", ")}`);
  const chosen = positionals.length ? PROOFS.filter((p) => positionals.includes(p.name)) : PROOFS;
  const json = values.json;
  const runs = chosen.map((proof) => {
    if (!json) print(renderProofTitle(proof));
    return runProof(proof, json ? undefined : (step, i) => print(renderProofStep(step, i)));
  });
  if (json) printJson({ proofs: runs });
  else print(`\n${renderProveSummary(runs)}`);
  return runs.some((r) => !r.passed) ? 1 : 0;
}
