import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analysis/analyse.ts";
import { parseTask } from "../../src/task/parse.ts";
import { spectrumPlot } from "../../src/report/spectrum-svg.ts";
import { parseXml } from "../helpers/xml.ts";

const spec = { family: "hmm", states: 2, symbols: 3, init: "stationary", sigma: 1 } as const;

describe("spectrumPlot", () => {
  // As `check --plot` asks: float spectra even where an exact bound proves the drop.
  const drop = analyse(spec, [parseTask("x1 -> x2")], { spectra: true });

  it("leaves out zero singular values, and says how many", () => {
    const [first, ...rest] = drop.evidence.float;
    const zeroed = { ...first, singularValues: first.singularValues.map((s, i) => (i === first.singularValues.length - 1 ? 0 : s)) };
    const svg = spectrumPlot({ ...drop, evidence: { ...drop.evidence, float: [zeroed, ...rest] } })!;
    const elements = parseXml(svg);
    expect(svg).toContain("1 zero singular value not drawn");
    expect(elements.filter((e) => e.name === "circle")).toHaveLength(drop.evidence.float.reduce((t, f) => t + f.singularValues.length, 0) - 1);
  });

  it("marks the gap between σ_r and σ_r+1 at each cut, and is null with no float point", () => {
    const gaps = parseXml(spectrumPlot(drop)!).filter((e) => e.attributes.class === "gap");
    expect(gaps.map((g) => Number(g.attributes["data-rank"]))).toEqual(drop.evidence.float.map((f) => f.rank));
    expect(spectrumPlot({ ...drop, evidence: { ...drop.evidence, float: [] } })).toBeNull();
  });
});
