import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import { afterAll, describe, expect, it } from "vitest";
import { expectClean } from "../helpers/cli-expect.ts";
import { runCli } from "../helpers/run-cli.ts";

/**
 * `maskid map --html` opened in headless Chromium (Debian's package; MASKID_CHROMIUM names
 * another). Locally it is skipped when there is no Chromium; .ci/run installs it and sets
 * MASKID_REQUIRE_CHROMIUM=1, so that in CI a missing browser fails instead.
 */
const chromium = process.env.MASKID_CHROMIUM ?? onPath("chromium");
const required = process.env.MASKID_REQUIRE_CHROMIUM === "1";
const reason = "no chromium on PATH (apt-get install chromium; MASKID_CHROMIUM=/path/to/it names another)";

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, name)).find((p) => existsSync(p));
}

/** A grid of two task sets and a window family: heatmaps and a difficulty chart, 20 cells. */
const SPEC = {
  name: "browser",
  models: ["hmm"],
  inits: ["stationary", "free"],
  sizes: { states: [2], symbols: [2, 3] },
  taskSets: [{ tasks: "x2 -> x1 ⊗ x3" }, { tasks: "x1 -> x2" }, { name: "window 3", family: { window: 3, maxGiven: 1, maxPredicted: 1 } }],
};

const tmp = mkdtempSync(join(tmpdir(), "maskid-map-browser-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("the map report in headless Chromium", () => {
  if (required && chromium === undefined) it("has a Chromium (MASKID_REQUIRE_CHROMIUM=1)", () => expect.fail(reason));
  it.skipIf(chromium === undefined)(`renders every picture with a titled mark per cell, fetching nothing${chromium === undefined ? ` (skipped: ${reason})` : ""}`, async () => {
    writeFileSync(join(tmp, "spec.json"), JSON.stringify(SPEC));
    expectClean(runCli(["map", join(tmp, "spec.json"), "--out", join(tmp, "spec.jsonl"), "--html", join(tmp, "report")], { cwd: tmp }), 0);
    const cells = readFileSync(join(tmp, "spec.jsonl"), "utf8").split("\n").filter(Boolean).length;
    const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("console", (m) => void (m.type() === "error" && problems.push(`console: ${m.text()}`)));
      page.on("pageerror", (e) => problems.push(`page error: ${String(e)}`));
      page.on("request", (r) => void (r.url().startsWith("file:") || problems.push(`fetched ${r.url()}`)));
      await page.goto(pathToFileURL(join(tmp, "report", "index.html")).href, { waitUntil: "load" });
      const figures = await page.$$eval("figure", (fs) =>
        fs.map((f) => {
          const box = f.querySelector("svg")?.getBoundingClientRect();
          const titles = [...f.querySelectorAll("svg [role=graphics-symbol] > title")].map((t) => t.textContent ?? "");
          return { id: f.id, cells: Number(f.getAttribute("data-cells")), width: box?.width ?? 0, height: box?.height ?? 0, titles };
        }),
      );
      const links = await page.$$eval("li > a", (as) => as.map((a) => a.getAttribute("href")));
      expect(problems).toEqual([]);
      // 2 task sets × 2 inits as heatmaps, then the family's chart.
      expect(figures.map((f) => f.id)).toEqual(["1-hmm-stationary-x2-x1-x3", "2-hmm-free-x2-x1-x3", "3-hmm-stationary-x1-x2", "4-hmm-free-x1-x2", "5-difficulty-window-3"]);
      expect(links).toEqual(figures.map((f) => `#${f.id}`));
      for (const f of figures) {
        expect(f.width * f.height, f.id).toBeGreaterThan(100 * 100);
        expect(f.titles, f.id).toHaveLength(f.cells);
        for (const t of f.titles) expect(t, f.id).toMatch(/: (identifiable|not identifiable), fiber dimension \d+ \(rank \d+ of \d+ parameters/);
      }
      expect(figures.reduce((sum, f) => sum + f.cells, 0)).toBe(cells);
    } finally {
      await browser.close();
    }
  });
});
