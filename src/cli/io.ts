import { accessSync, constants, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { InputError } from "../base/errors.ts";
import { type ParsedParameterFile, parseParameterFile } from "../model/params-file.ts";
import type { ModelSpec } from "../model/spec.ts";

/** The commands' file system: every read and write of a file goes through here. */

/** Reads a whole text file; `what` names it in the error ("parameter file", "claims file"). */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${what} ${path}: ${errorCode(e)}`);
  }
}

/** Reads a parameter file once: its point, and the σ it states. */
export function readParameterFile(path: string, spec: ModelSpec): ParsedParameterFile {
  return parseParameterFile(readText(path, "parameter file"), spec, path);
}

/** Creates the file's folder and checks it is writable, so that a long run fails before it starts, not after. */
export function prepareToWrite(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (e) {
    throw new InputError(`cannot write ${path}: ${errorCode(e)}`);
  }
}

/** Writes to a temporary file beside the target, then renames: readers never see half a file. */
export function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (e) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created.
    }
    throw new InputError(`cannot write ${path}: ${errorCode(e)}`);
  }
}

/** Prints a report's text on stdout, ending the line. */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Prints a value as indented JSON on stdout (what every --json prints). */
export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e);
}
