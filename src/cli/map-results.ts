import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from "node:fs";
import { InputError } from "../base/errors.ts";
import type { MapRecord } from "../map/record.ts";
import { errorReason } from "./io.ts";
import { SCHEMA_VERSION } from "./json-types.ts";
import type { MapLineJson } from "./json-types.ts";

/** The results file of a map: one JSON line per cell (docs/maps.md, docs/schemas/map-line.schema.json). */

/** What a results file holds: its complete lines by key, and whether a partial last line was found. */
export interface ResultsRead {
  readonly lines: Map<string, { readonly text: string; readonly line: MapLineJson }>;
  /** Bytes of complete lines; anything after is an interrupted write. */
  readonly completeBytes: number;
  readonly partial: boolean;
}

/**
 * Reads a results file (absent: empty). Only lines ended by a newline count: each line is
 * written with one append, so a kill leaves at most one partial line, last. A complete line
 * that is not a result line, or a line of another spec or maskid version, is refused:
 * the file is not this map's, and adding to it would mix two maps.
 */
export function readResults(path: string, expected?: { hash: string; version: string }, hint = "write to another file (--out) or remove it"): ResultsRead {
  if (!existsSync(path)) return { lines: new Map(), completeBytes: 0, partial: false };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read results file ${path}: ${errorReason(e)}`);
  }
  const end = text.lastIndexOf("\n") + 1;
  const lines = new Map<string, { text: string; line: MapLineJson }>();
  text
    .slice(0, end)
    .split("\n")
    .slice(0, -1)
    .forEach((raw, i) => {
      const line = parseLine(raw, `line ${i + 1} of ${path}`);
      const want = expected ?? { hash: line.spec.hash, version: line.maskidVersion };
      if (line.spec.hash !== want.hash || line.maskidVersion !== want.version) {
        throw new InputError(
          `${path} holds results of another spec or maskid version (line ${i + 1}: map "${line.spec.name}", spec ${line.spec.hash.slice(0, 12)}, maskid ${line.maskidVersion}; ` +
            `expected spec ${want.hash.slice(0, 12)}, maskid ${want.version}); ${hint}`,
        );
      }
      expected = want;
      lines.set(line.key, { text: `${raw}\n`, line });
    });
  return { lines, completeBytes: Buffer.byteLength(text.slice(0, end)), partial: end < text.length };
}

function parseLine(raw: string, where: string): MapLineJson {
  let line: MapLineJson;
  try {
    line = JSON.parse(raw) as MapLineJson;
  } catch {
    throw new InputError(`${where} is not a JSON line of maskid map results`);
  }
  if (typeof line !== "object" || line === null || line.schemaVersion !== SCHEMA_VERSION || typeof line.key !== "string" || typeof line.spec?.hash !== "string" || typeof line.result?.verdict !== "string") {
    throw new InputError(`${where} is not a line of maskid map results (schema version ${SCHEMA_VERSION})`);
  }
  return line;
}

/** The text of one result line, newline included. */
export function formatLine(record: MapRecord, version: string): string {
  const line: MapLineJson = { schemaVersion: SCHEMA_VERSION, maskidVersion: version, ...record };
  return `${JSON.stringify(line)}\n`;
}

/**
 * Opens a results file for appending (O_APPEND: every write lands at the end, whoever else
 * appends), first cutting off a partial last line so that the next line starts clean.
 */
export function openResults(path: string, read: ResultsRead): { append: (text: string) => void; close: () => void } {
  let fd: number;
  try {
    if (read.partial) truncateSync(path, read.completeBytes);
    fd = openSync(path, "a");
  } catch (e) {
    throw new InputError(`cannot write results file ${path}: ${errorReason(e)}`);
  }
  return {
    // One writeSync per complete line: a kill lands before or after it. A short write (a full
    // disk) leaves a partial line, which the next run cuts off.
    append: (text) => {
      const bytes = Buffer.from(text);
      let written = 0;
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written);
      } catch (e) {
        throw new InputError(`cannot write results file ${path}: ${errorReason(e)}`);
      }
    },
    close: () => closeSync(fd),
  };
}
