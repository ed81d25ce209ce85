import { PROOFS } from "../../proofs/index.ts";
import { runProof } from "../claims/proof.ts";
import { parseOptions } from "./options.ts";
import { UsageError } from "./usage.ts";

/** `maskid prove [name …]`: run proofs and print a pass/fail line per step; exit 1 if any step fails. */
export function runProveCommand(argv: string[]): number {
  const { values, positionals: names } = parseOptions(argv, { json: { type: "boolean", default: false } }, true);
  const positionals = names as string[];
  const unknown = positionals.filter((name) => !PROOFS.some((p) => p.name === name));
  if (unknown.length) throw new UsageError(`unknown proof "${unknown[0]}"; known: ${PROOFS.map((p) => p.name).join(", ")}`);
  const chosen = positionals.length ? PROOFS.filter((p) => positionals.includes(p.name)) : PROOFS;
  const runs = chosen.map((proof) => {
    if (!values.json) process.stdout.write(`${proof.name}: ${proof.title}\n`);
    return runProof(proof, (step, i) => {
      if (values.json) return;
      const head = step.statement.split("\n")[0].replace(/\$/g, "");
      process.stdout.write(`  ${step.passed ? "pass" : "FAIL"}  ${i + 1}. ${head.length > 100 ? `${head.slice(0, 97)}...` : head}  [${step.seconds.toFixed(2)} s]\n`);
      if (!step.passed) process.stdout.write(`        ${step.evidence.replace(/\n/g, "\n        ")}\n`);
    });
  });
  const failed = runs.filter((r) => !r.passed);
  if (values.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
  else process.stdout.write(`\n${runs.length - failed.length} of ${runs.length} proofs pass${failed.length ? `; failing: ${failed.map((r) => r.name).join(", ")}` : ""}\n`);
  return failed.length ? 1 : 0;
}
