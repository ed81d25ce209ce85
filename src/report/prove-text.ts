import type { ProofRun, StepRun } from "../claims/proof.ts";

/** Step statements are cut to this many characters on their line. */
const STATEMENT_WIDTH = 100;

/** The line that opens a proof's steps. */
export function renderProofTitle(proof: { readonly name: string; readonly title: string }): string {
  return `${proof.name}: ${proof.title}`;
}

/** One step: pass or FAIL, its number, the first line of its statement and its time; a failure adds its evidence. */
export function renderProofStep(step: StepRun, index: number): string {
  const head = step.statement.split("\n")[0].replace(/\$/g, "");
  const line = `  ${step.passed ? "pass" : "FAIL"}  ${index + 1}. ${head.length > STATEMENT_WIDTH ? `${head.slice(0, STATEMENT_WIDTH - 3)}...` : head}  [${step.seconds.toFixed(2)} s]`;
  return step.passed ? line : `${line}\n        ${step.evidence.replace(/\n/g, "\n        ")}`;
}

/** "4 of 5 proofs pass; failing: …". */
export function renderProveSummary(runs: readonly ProofRun[]): string {
  const failed = runs.filter((r) => !r.passed);
  return `${runs.length - failed.length} of ${runs.length} proofs pass${failed.length ? `; failing: ${failed.map((r) => r.name).join(", ")}` : ""}`;
}
