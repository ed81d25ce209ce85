import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../base/errors.ts";
import { PROOFS } from "../../proofs/index.ts";
import { DERIVATIONS_DIR, renderDerivations } from "../report/derivations.ts";
import type { DocsCheck, DocsWrite } from "./json-types.ts";
import { prepareFolder, print, printJson, readText, writeAtomically } from "./io.ts";
import { parseOptions } from "./options.ts";
import { statusLine } from "./status-line.ts";

export const DOCS_OPTIONS = {
  check: { type: "boolean", default: false },
  dir: { type: "string", default: DERIVATIONS_DIR },
  json: { type: "boolean", default: false },
} as const;

/**
 * `maskid docs [--check] [--dir DIR]`: regenerate docs/derivations/ (or DIR: a folder,
 * created if missing, never a system folder; each file written to a temporary name, then
 * renamed, so no document is ever half-written), or with --check report which committed
 * documents differ from freshly generated ones and exit 1.
 */
export function runDocs(argv: string[]): number {
  const { values } = parseOptions(argv, DOCS_OPTIONS, { command: "docs" });
  const dir = values.dir!;
  if (values.check) {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`cannot check ${dir}: it is not a folder`);
    const files = generate(values.json);
    const stale = staleDocuments(dir, files);
    if (values.json) printJson<DocsCheck>({ dir, documents: files.size, stale });
    else print(stale.length ? `out of date (run "maskid docs"): ${stale.join(", ")}` : `${files.size} documents in ${dir} are up to date`);
    return stale.length ? 1 : 0;
  }
  // Refused before the documents are generated (tens of seconds), not after.
  prepareFolder(dir);
  const files = generate(values.json);
  for (const [name, text] of files) writeAtomically(join(dir, name), text);
  if (values.json) printJson<DocsWrite>({ dir, written: [...files.keys()] });
  else print(`wrote ${files.size} documents to ${dir}`);
  return 0;
}

/** Every document, with a status line on a terminal while they are generated (tens of seconds). */
function generate(json: boolean): Map<string, string> {
  const status = statusLine({ json });
  try {
    return renderDerivations(PROOFS, status.onProgress);
  } finally {
    status.done();
  }
}

/** Documents that are missing, different, or no longer generated. */
export function staleDocuments(dir: string, files: ReadonlyMap<string, string>): string[] {
  const stale = [...files].filter(([name, text]) => !existsSync(join(dir, name)) || readText(join(dir, name), "document") !== text).map(([name]) => name);
  const extra = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".md") && !files.has(name)) : [];
  return [...stale, ...extra.map((name) => `${name} (no longer generated)`)];
}
