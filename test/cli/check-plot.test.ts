import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";
import { type XmlElement, parseXml } from "../helpers/xml.ts";

const hmm = ["check", "--model", "hmm", "--states", "2", "--symbols", "3"];

interface FloatEvidence {
  point: string;
  rank: number;
  singularValues: number[];
}

/** Runs `check … --plot FILE --json` and returns the float evidence and the plot's elements. */
function plotted(args: readonly string[]): { floats: FloatEvidence[]; elements: XmlElement[] } {
  const file = join(mkdtempSync(join(tmpdir(), "maskid-plot-")), "spectrum.svg");
  const run = runCli([...args, "--plot", file, "--json"]);
  expectClean(run, 0);
  const floats = (JSON.parse(run.stdout) as { evidence: { float: FloatEvidence[] } }).evidence.float;
  return { floats, elements: parseXml(readFileSync(file, "utf8")) };
}

function expectOneSeriesAndCutPerPoint({ floats, elements }: ReturnType<typeof plotted>): void {
  const series = elements.filter((e) => e.name === "g" && e.attributes.class === "series");
  expect(series).toHaveLength(floats.length);
  const cuts = elements.filter((e) => e.attributes.class === "cut");
  expect(cuts.map((c) => [c.attributes["data-point"], Number(c.attributes["data-rank"])])).toEqual(floats.map((f) => [f.point, f.rank]));
  floats.forEach((f, i) => {
    expect(series[i].attributes["data-label"]).toMatch(new RegExp(`^${f.point}: rank ${f.rank}\\??/${f.singularValues.length}, gap `));
    // One marker per positive singular value (a log axis cannot show a zero).
    const at = elements.indexOf(series[i]);
    const next = elements.findIndex((e, j) => j > at && e.name === "g");
    const circles = elements.slice(at, next < 0 ? undefined : next).filter((e) => e.name === "circle");
    expect(circles).toHaveLength(f.singularValues.filter((s) => s > 0).length);
  });
}

describe("maskid check --plot", () => {
  it("draws each float point's spectrum with its cut at the float rank, for a rank drop", () => {
    const result = plotted([...hmm, "--task", "x1 -> x2"]);
    expect(result.floats.some((f) => f.rank < f.singularValues.length)).toBe(true);
    expectOneSeriesAndCutPerPoint(result);
  });

  it("and for a full rank, with the given point as one more series", () => {
    const params = JSON.stringify({ pi: [0.4, 0.6], T: [[0.7, 0.2], [0.3, 0.8]], O: [[0.5, 0.1], [0.3, 0.3], [0.2, 0.6]] });
    const file = join(mkdtempSync(join(tmpdir(), "maskid-plot-")), "spectrum.svg");
    const run = runCli(["check", "--model", "hmm", "--states", "2", "--symbols", "3", "--task", "x2 -> x1 ⊗ x3", "--params", "-", "--plot", file, "--json"], { input: params });
    expectClean(run, 0);
    const floats = (JSON.parse(run.stdout) as { evidence: { float: FloatEvidence[] } }).evidence.float;
    expect(floats.map((f) => f.point)).toContain("the given point");
    expect(floats.every((f) => f.rank === 6)).toBe(true);
    expectOneSeriesAndCutPerPoint({ floats, elements: parseXml(readFileSync(file, "utf8")) });
  });

  it("says where the plot went in the text report", () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-plot-"));
    const run = runCli([...hmm, "--task", "x2 -> x1 ⊗ x3", "--plot", join(dir, "s.svg")]);
    expectClean(run, 0);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(`singular spectra plotted in ${join(dir, "s.svg")}`);
    expect(readdirSync(dir)).toEqual(["s.svg"]);
  });

  it("refuses a path it cannot write before analysing, leaving nothing behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "maskid-plot-"));
    mkdirSync(join(dir, "folder"));
    const task = ["--task", "x2 -> x1 ⊗ x3"];
    expectBadInput(runCli([...hmm, ...task, "--plot", join(dir, "missing", "deeper", "s.svg")]), /cannot create folder .*missing\/deeper: its parent/);
    expectBadInput(runCli([...hmm, ...task, "--plot", join(dir, "folder")]), /cannot write .*folder: it exists and is not a regular file/);
    expectBadInput(runCli([...hmm, ...task, "--plot", "/etc/maskid-spectrum.svg"]), /refusing to write into \/etc: it is a system folder/);
    expect(existsSync("/etc/maskid-spectrum.svg")).toBe(false);
    expect(readdirSync(dir)).toEqual(["folder"]);
  });
});
