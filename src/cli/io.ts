import { type Stats, accessSync, constants, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../base/errors.ts";
import { type ParsedParameterFile, parseParameterFile } from "../model/params-file.ts";
import type { ModelSpec } from "../model/spec.ts";
import { SCHEMA_VERSION, type Versioned } from "./json-types.ts";
import { maskidVersion } from "./version.ts";

/** The commands' file system: every read and write of a file goes through here. */

/** The file name that means standard input (`--params -`). */
export const STDIN = "-";

/** A file argument as messages name it: its path, or "standard input" for "-". */
export function fileName(path: string): string {
  return path === STDIN ? "standard input" : path;
}

/** Reads a whole text file, or standard input for "-"; `what` names it in the error ("parameter file", "claims file"). */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path === STDIN ? 0 : path, "utf8");
  } catch (e) {
    throw new InputError(`cannot read ${what} ${path === STDIN ? "from standard input" : path}: ${errorReason(e)}`);
  }
}

/** Reads a parameter file (or standard input for "-") once: its point, and the σ it states. */
export function readParameterFile(path: string, spec: ModelSpec): ParsedParameterFile {
  return parseParameterFile(readText(path, "parameter file"), spec, fileName(path));
}

/**
 * Folders maskid never writes into, whatever --dir or --plot says (checked on the real
 * path, after symbolic links): the root, and the system's own folders. /var is a system
 * folder apart from /var/tmp.
 */
const SYSTEM_FOLDER = /^\/(bin|boot|dev|etc|proc|sbin|sys|usr|lib(32|64|x32|exec)?|var(?!\/tmp(\/|$)))(\/|$)/;

export function isSystemFolder(realPath: string): boolean {
  return realPath === "/" || SYSTEM_FOLDER.test(realPath);
}

/**
 * Makes `dir` ready to receive files, before any work is done: refuses a system folder and
 * a path that exists but is not a folder, creates the folder if it is missing (its parent
 * must exist: a typo should not build a tree), and checks that it is writable.
 */
export function prepareFolder(dir: string): void {
  const real = realPathOf(dir);
  if (isSystemFolder(real)) {
    const shown = real === resolve(dir) ? real : `${dir} (really ${real})`;
    throw new InputError(`refusing to write into ${shown}: it is a system folder; name a folder of your own`);
  }
  const stats = statOrNull(dir);
  if (stats !== null && !stats.isDirectory()) throw new InputError(`cannot write into ${dir}: it is not a folder`);
  if (stats === null) {
    try {
      mkdirSync(dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(`cannot create folder ${dir}: ${code === "ENOENT" ? `its parent ${dirname(resolve(dir))} does not exist` : errorReason(e)}`);
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new InputError(`cannot write into ${dir}: ${errorReason(e)}`);
  }
}

/** Prepares the file's folder (see prepareFolder) and checks the file itself may be replaced, so that a long run fails before it starts, not after. */
export function prepareToWrite(path: string): void {
  prepareFolder(dirname(path));
  refuseNonRegular(path);
}

/** How writeAtomically puts text into its temporary file (replaceable in tests, to simulate a full disk). */
export type WriteFile = (path: string, text: string) => void;

/** Creates the file exclusively: a temporary name that already exists (or is a link) is never written through. */
const writeNewFile: WriteFile = (path, text) => writeFileSync(path, text, { flag: "wx" });

/**
 * Writes to a temporary file beside the target, then renames: readers never see half a
 * file, and on any failure (a full disk, a read-only or unwritable folder) the temporary
 * file is removed and the target is left as it was. Only a regular file is ever replaced.
 */
export function writeAtomically(path: string, text: string, write: WriteFile = writeNewFile): void {
  refuseNonRegular(path);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    write(temporary, text);
    renameSync(temporary, path);
  } catch (e) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created, or the folder itself is gone.
    }
    throw new InputError(`cannot write ${path}: ${errorReason(e)}`);
  }
}

/** Prints a report's text on stdout, ending the line. */
export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

/**
 * Prints a result as indented JSON on stdout (what every --json prints), headed by the
 * version of its schema (docs/schemas/, docs/json.md) and of maskid. Non-finite numbers
 * (NaN, ±Infinity) print as null, as JSON.stringify writes them.
 */
export function printJson<T extends object>(value: T): void {
  const versioned: Versioned<T> = { schemaVersion: SCHEMA_VERSION, maskidVersion: maskidVersion(), ...value };
  print(JSON.stringify(versioned, null, 2));
}

/** What a failed file operation means, in words, with its code: "no space left on device (ENOSPC)". */
const REASONS: Record<string, string> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
  EEXIST: "it already exists",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

export function errorReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code !== undefined) return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  return e instanceof Error ? e.message : String(e);
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realPathOf(path: string): string {
  const rest: string[] = [];
  let existing = resolve(path);
  while (statOrNull(existing) === null && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return resolve(path);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** A path that exists as anything but a regular file (a folder, a link, a device, a pipe) is never replaced. */
function refuseNonRegular(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return;
  }
  if (!stats.isFile()) throw new InputError(`cannot write ${path}: it exists and is not a regular file`);
}
