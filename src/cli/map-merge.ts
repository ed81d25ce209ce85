import { existsSync } from "node:fs";
import { InputError } from "../base/errors.ts";
import { prepareToWrite, print, writeAtomically } from "./io.ts";
import { readResults } from "./map-results.ts";
import { UsageError } from "./usage.ts";

/** `maskid map merge OUT IN…`: the lines of every input, one per cell, sorted by key; inputs of different specs or versions are refused. */
export function runMerge(files: readonly string[]): number {
  if (files.length < 2) throw new UsageError('"maskid map merge" takes the output file and at least one results file: maskid map merge OUT IN…');
  const [out, ...inputs] = files;
  const merged = new Map<string, { text: string; from: string }>();
  let expected: { hash: string; version: string } | undefined;
  let total = 0;
  for (const input of inputs) {
    if (!existsSync(input)) throw new InputError(`cannot read results file ${input}: no such file or folder (ENOENT)`);
    const read = readResults(input, expected, "merge the parts of one map, run by one maskid version");
    if (read.partial) process.stderr.write(`maskid: note: ignored a partial last line of ${input} (an interrupted write)\n`);
    for (const [key, { text, line }] of read.lines) {
      expected ??= { hash: line.spec.hash, version: line.maskidVersion };
      total = line.spec.cells;
      const seen = merged.get(key);
      if (seen !== undefined && seen.text !== text) throw new InputError(`${seen.from} and ${input} hold different results for cell ${key.slice(0, 12)}`);
      merged.set(key, { text, from: input });
    }
  }
  prepareToWrite(out);
  writeAtomically(out, [...merged.keys()].sort().map((k) => merged.get(k)!.text).join(""));
  const missing = total - merged.size;
  print(`merged ${merged.size} of ${total} cells from ${inputs.length} file${inputs.length === 1 ? "" : "s"} into ${out}${missing > 0 ? `; ${missing} cells missing` : ""}`);
  return 0;
}
