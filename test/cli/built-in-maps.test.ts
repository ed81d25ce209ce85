import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

/**
 * The maps committed under docs/maps/ are what `maskid map` makes from their specs: a shard
 * of each is run again and must reproduce the committed lines byte for byte. After a change
 * of version or of a verdict, regenerate them (docs/maps.md, "Built-in maps"). Their
 * committed pictures are drawn again from the committed lines and must match too.
 */
const MAPS = fileURLToPath(new URL("../../docs/maps/", import.meta.url));
const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
const tmp = mkdtempSync(join(tmpdir(), "maskid-built-in-maps-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("built-in maps", () => {
  it.each([
    ["tensor-boundary", 8],
    ["window-4", 16],
    ["catalogue", 32],
  ])("%s: a shard run again gives the committed lines", (name, shards) => {
    const committed = readFileSync(join(MAPS, `${name}.jsonl`), "utf8").split("\n").filter(Boolean);
    const version = (JSON.parse(committed[0]) as { maskidVersion: string }).maskidVersion;
    expect(version, `docs/maps/${name}.jsonl was made by maskid ${version}; regenerate it`).toBe(VERSION);
    const cells = (JSON.parse(committed[0]) as { spec: { cells: number } }).spec.cells;
    expect(committed).toHaveLength(cells);
    const out = join(tmp, `${name}.jsonl`);
    expectClean(runCli(["map", join(MAPS, `${name}.json`), "--shard", `1/${shards}`, "--out", out]), 0);
    const fresh = readFileSync(out, "utf8").split("\n").filter(Boolean);
    expect(fresh.length).toBeGreaterThan(cells / shards / 2);
    const byKey = new Map(committed.map((l) => [(JSON.parse(l) as { key: string }).key, l]));
    for (const line of fresh) expect(line).toBe(byKey.get((JSON.parse(line) as { key: string }).key));
  });

  it.each(["tensor-boundary", "window-4"])("%s: the committed pictures are the ones its lines draw", (name) => {
    const out = join(tmp, `${name}.drawn.jsonl`);
    copyFileSync(join(MAPS, `${name}.jsonl`), out);
    const svg = join(tmp, `${name}-svg`);
    const run = runCli(["map", join(MAPS, `${name}.json`), "--out", out, "--svg", svg]);
    expectClean(run, 0);
    expect(run.stdout).toMatch(/: 0 run now, /);
    const files = readdirSync(svg).sort();
    expect(readdirSync(join(MAPS, name)).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(svg, file), "utf8"), `docs/maps/${name}/${file}`).toBe(readFileSync(join(MAPS, name, file), "utf8"));
  });
});
