import { describe, expect, it } from "vitest";
import { ParameterError, STOCHASTIC_TOLERANCE, parseParameterFile, validateParameters } from "../../src/model/params-file.ts";
import type { ModelSpec } from "../../src/model/spec.ts";

const spec: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: 1 };
const point = (offT: number, offO: number, offPi: number) => ({
  pi: [0.4 + offPi, 0.6],
  T: [[0.7 + offT, 0.4], [0.3, 0.6]],
  O: [[0.2, 0.9 + offO], [0.8, 0.1]],
});

describe("parameter-file tolerances at the boundary", () => {
  it.each([
    ["T", 1, 0, 0],
    ["O", 0, 1, 0],
    ["pi", 0, 0, 1],
  ])("a %s column 1e-12 off is accepted, 1e-6 off is refused", (name, t, o, p) => {
    expect(() => validateParameters(point(1e-12 * t, 1e-12 * o, 1e-12 * p), spec)).not.toThrow();
    expect(() => validateParameters(point(1e-6 * t, 1e-6 * o, 1e-6 * p), spec)).toThrow(ParameterError);
    // Just inside and just outside the documented tolerance.
    expect(() => validateParameters(point(0.5 * STOCHASTIC_TOLERANCE * t, 0.5 * STOCHASTIC_TOLERANCE * o, 0.5 * STOCHASTIC_TOLERANCE * p), spec)).not.toThrow();
    expect(() => validateParameters(point(2 * STOCHASTIC_TOLERANCE * t, 2 * STOCHASTIC_TOLERANCE * o, 2 * STOCHASTIC_TOLERANCE * p), spec)).toThrow(
      new RegExp(name === "pi" ? "pi sums to" : `of ${name} sums to`),
    );
  });

  it("a stationary pi 1e-12 off Tπ = π is accepted, 1e-6 off is refused", () => {
    const stationary: ModelSpec = { ...spec, init: "stationary" };
    const T = [[0.7, 0.4], [0.3, 0.6]];
    const O = [[0.2, 0.9], [0.8, 0.1]];
    const exact = [4 / 7, 3 / 7];
    expect(() => validateParameters({ pi: [exact[0] + 1e-12, exact[1] - 1e-12], T, O }, stationary)).not.toThrow();
    expect(() => validateParameters({ pi: [exact[0] + 1e-6, exact[1] - 1e-6], T, O }, stationary)).toThrow(/not stationary/);
  });

  it("names the file when the text is not JSON", () => {
    expect(() => parseParameterFile("{", spec, "p.json")).toThrow(/parameter file p\.json is not JSON/);
  });
});
