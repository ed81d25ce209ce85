import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { PROOFS } from "../../proofs/index.ts";
import { DERIVATIONS_DIR, renderDerivations } from "../report/derivations.ts";
import { parseOptions } from "./options.ts";

/**
 * `maskid docs [--check]`: regenerate docs/derivations/ (each file written to a temporary
 * name, then renamed, so no document is ever half-written), or with --check report which
 * committed documents differ from freshly generated ones and exit 1.
 */
export function runDocs(argv: string[]): number {
  const { values } = parseOptions(argv, { check: { type: "boolean", default: false }, dir: { type: "string", default: DERIVATIONS_DIR } });
  const dir = values.dir!;
  const files = renderDerivations(PROOFS);
  if (values.check) {
    const stale = staleDocuments(dir, files);
    process.stdout.write(stale.length ? `out of date (run "maskid docs"): ${stale.join(", ")}\n` : `${files.size} documents in ${dir} are up to date\n`);
    return stale.length ? 1 : 0;
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) {
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  }
  process.stdout.write(`wrote ${files.size} documents to ${dir}\n`);
  return 0;
}

/** Documents that are missing, different, or no longer generated. */
export function staleDocuments(dir: string, files: ReadonlyMap<string, string>): string[] {
  const stale = [...files].filter(([name, text]) => !existsSync(join(dir, name)) || readFileSync(join(dir, name), "utf8") !== text).map(([name]) => name);
  const extra = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".md") && !files.has(name)) : [];
  return [...stale, ...extra.map((name) => `${name} (no longer generated)`)];
}
