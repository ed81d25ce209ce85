import { describe, expect, it } from "vitest";
import { ParameterError, STOCHASTIC_TOLERANCE, parseParameterFile, toParameterFile, validateParameters } from "../../src/model/params-file.ts";
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

describe("σ belongs to Gaussian emissions", () => {
  it("a discrete file is read whatever σ its spec carries; Gaussian means are measured in units of it", () => {
    const T = [[0.9, 0.2], [0.1, 0.8]];
    const tiny = 1e-300;
    const hmm: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "free", sigma: tiny };
    expect(() => validateParameters({ pi: [0.5, 0.5], T, O: [[0.7, 0.4], [0.3, 0.6]] }, hmm)).not.toThrow();
    const ghmm: ModelSpec = { ...hmm, family: "ghmm" };
    expect(() => validateParameters({ pi: [0.5, 0.5], T, M: [[0.7, 0.4], [0.3, 0.6]] }, ghmm)).toThrow(/a mean entry of 0\.7 is over 1e\+100 σ/);
  });
});

describe("hmmlearn's layout (current state in rows)", () => {
  const hmm: ModelSpec = { family: "hmm", states: 2, symbols: 3, init: "free", sigma: 1 };
  const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };

  it("reads startprob_, transmat_ and emissionprob_ as pi, T = transmat_ᵀ and O = emissionprob_ᵀ", () => {
    const text = JSON.stringify({ startprob_: [0.3, 0.7], transmat_: [[0.9, 0.1], [0.4, 0.6]], emissionprob_: [[0.5, 0.3, 0.2], [0.1, 0.1, 0.8]] });
    const { params } = parseParameterFile(text, hmm, "model.json");
    expect(params.pi).toEqual([0.3, 0.7]);
    expect(params.T).toEqual([[0.9, 0.4], [0.1, 0.6]]);
    expect(params.emission).toEqual([[0.5, 0.1], [0.3, 0.1], [0.2, 0.8]]);
  });

  it("reads means_ as M = means_ᵀ and spherical, equal covars_ as σ²", () => {
    const text = JSON.stringify({ startprob_: [0.5, 0.5], transmat_: [[0.9, 0.1], [0.4, 0.6]], means_: [[1, 2], [-1, 0]], covars_: [[[0.25, 0], [0, 0.25]], [[0.25, 0], [0, 0.25]]] });
    const { params, sigma } = parseParameterFile(text, ghmm, "g.json");
    expect(params.emission).toEqual([[1, -1], [2, 0]]);
    expect(sigma).toBe(0.5);
  });

  it("refuses covariances maskid's model cannot express, and mixed layouts, saying why", () => {
    const base = { startprob_: [0.5, 0.5], transmat_: [[0.9, 0.1], [0.4, 0.6]], means_: [[1, 2], [-1, 0]] };
    expect(() => parseParameterFile(JSON.stringify({ ...base, covars_: [0.25, 0.5] }), ghmm, "g.json")).toThrow(/covariance σ²I with one known σ/);
    expect(() => parseParameterFile(JSON.stringify({ ...base, T: [[1]] }), ghmm, "g.json")).toThrow(/mixes hmmlearn keys with "T"/);
    // A row-stochastic transmat_ read in maskid's layout would fail its column sums: the transpose is what makes it valid.
    expect(() => validateParameters({ pi: [0.3, 0.7], T: [[0.9, 0.1], [0.4, 0.6]], O: [[0.5, 0.1], [0.3, 0.1], [0.2, 0.8]] }, hmm)).toThrow(/column 1 of T sums to 1.3/);
  });
});

describe("hmmlearn covars_ of every covariance type maskid can read", () => {
  const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
  const base = { startprob_: [0.5, 0.5], transmat_: [[0.9, 0.1], [0.4, 0.6]], means_: [[1, 2], [-1, 0]] };
  const sigmaOf = (covars: unknown) => parseParameterFile(JSON.stringify({ ...base, covars_: covars }), ghmm, "g.json").sigma;

  it("reads spherical covars_ (one variance per state) as σ = √variance", () => {
    expect(sigmaOf([0.25, 0.25])).toBe(0.5);
    expect(sigmaOf([4, 4])).toBe(2);
  });

  it("reads equal scalar matrices c·I as σ = √c", () => {
    expect(sigmaOf([[[4, 0], [0, 4]], [[4, 0], [0, 4]]])).toBe(2);
  });

  it("refuses unequal, non-positive, non-spherical or malformed covariances", () => {
    for (const covars of [[0.25, 0.5], [0, 0], [-1, -1], [[[1, 0], [0, 2]], [[1, 0], [0, 2]]], [[[1, 0.1], [0.1, 1]], [[1, 0.1], [0.1, 1]]], [[[1, 0], [0, 1]], 2], [[[1, 0, 0], [0, 1, 0]], [[1, 0, 0], [0, 1, 0]]], [], "1", [[1, 0]]]) {
      expect(() => sigmaOf(covars), JSON.stringify(covars)).toThrow(/covars_ in g\.json is not one variance for every state and coordinate/);
    }
  });
});

describe("sigma and the Gaussian mean bound", () => {
  const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
  const point = (M: number[][], extra: Record<string, unknown> = {}) => ({ pi: [0.5, 0.5], T: [[0.9, 0.4], [0.1, 0.6]], M, ...extra });

  it("refuses a sigma that is not a finite positive number, even where the means would not overflow", () => {
    for (const sigma of [Infinity, 0, -1, Number.NaN, "1"]) {
      expect(() => validateParameters(point([[1, 2], [-1, 0]], { sigma }), ghmm), String(sigma)).toThrow(/sigma must be a positive number/);
    }
  });

  it("checks sigma before the rest of the point", () => {
    // A bad T would be reported first if sigma were checked late.
    expect(() => validateParameters({ ...point([[1, 2], [-1, 0]], { sigma: -1 }), T: [[2, 0], [0, 2]] }, ghmm)).toThrow(/sigma must be a positive number, got -1/);
  });

  it("refuses means beyond MAX_MEAN_OVER_SIGMA σ, measured in the file's σ when it gives one, else the spec's", () => {
    expect(() => validateParameters(point([[1e101, 0], [0, 0]]), ghmm)).toThrow(/a mean entry of 1e\+101 is over 1e\+100 σ/);
    expect(() => validateParameters(point([[-1e101, 0], [0, 0]]), ghmm)).toThrow(/is over 1e\+100 σ/);
    expect(() => validateParameters(point([[1e99, 0], [0, 0]]), ghmm)).not.toThrow();
    // The bound itself is allowed; twice it is not.
    expect(() => validateParameters(point([[1e100, 0], [0, 0]]), ghmm)).not.toThrow();
    expect(() => validateParameters(point([[0, 0], [0, 2e100]]), ghmm)).toThrow(/a mean entry of 2e\+100 is over/);
    expect(() => validateParameters(point([[10, 0], [0, 0]], { sigma: 1e-100 }), ghmm)).toThrow(/a mean entry of 10 is over/);
    expect(() => validateParameters(point([[10, 0], [0, 0]]), { ...ghmm, sigma: 1e-100 })).toThrow(/a mean entry of 10 is over/);
    expect(() => validateParameters(point([[1e101, 0], [0, 0]], { sigma: 10 }), ghmm)).not.toThrow();
  });
});

describe("shape errors name the entry", () => {
  it("a pi that is not an array is refused as such", () => {
    for (const pi of [0.5, "ab", { length: 2 }, null]) {
      expect(() => validateParameters({ ...point(0, 0, 0), pi }, spec), JSON.stringify(pi)).toThrow(/^pi must be an array of 2 numbers$/);
    }
  });

  it("a pi of the wrong length or with a non-number entry is refused, naming it", () => {
    expect(() => validateParameters({ ...point(0, 0, 0), pi: [1] }, spec)).toThrow(/^pi has 1 entries, expected 2$/);
    expect(() => validateParameters({ ...point(0, 0, 0), pi: [0.5, "0.5"] }, spec)).toThrow(/^pi\[2\] is "0.5", not a finite number$/);
  });

  it("a malformed T or O is refused, naming the row or entry", () => {
    expect(() => validateParameters({ ...point(0, 0, 0), T: 1 }, spec)).toThrow(/^T must be a 2×2 array of rows$/);
    expect(() => validateParameters({ ...point(0, 0, 0), T: [[1, 0]] }, spec)).toThrow(/^T has 1 rows, expected 2$/);
    expect(() => validateParameters({ ...point(0, 0, 0), O: [[0.2, 0.9], [0.8]] }, spec)).toThrow(/^O row 2 must have 2 entries$/);
    expect(() => validateParameters({ ...point(0, 0, 0), O: [[0.2, 0.9], [0.8, null]] }, spec)).toThrow(/^O\[2,2\] is null, not a finite number$/);
    expect(() => validateParameters({ ...point(0, 0, 0), O: [[1.2, 0.9], [-0.2, 0.1]] }, spec)).toThrow(/^O\[2,1\] is -0.2; probabilities cannot be negative$/);
  });
});

describe("parseParameterFile and the file form", () => {
  const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
  const gaussianPoint = { pi: [0.5, 0.5], T: [[0.9, 0.4], [0.1, 0.6]], M: [[-3, 2.5], [0, -1]] };

  it("says when the text holds NaN or Infinity, which JSON cannot", () => {
    expect(() => parseParameterFile('{"pi": [NaN, 1]}', spec, "p.json")).toThrow(/^parameter file p\.json is not JSON \(it holds NaN or Infinity: not numbers in JSON, and not valid parameters\): /);
    expect(() => parseParameterFile('{"pi": [-Infinity, 1]}', spec, "p.json")).toThrow(/it holds NaN or Infinity/);
    expect(() => parseParameterFile('{"pi": [1,}', spec, "p.json")).toThrow(/^parameter file p\.json is not JSON: /);
  });

  it("refuses JSON that is not an object", () => {
    for (const text of ["[1, 2]", "null", "3", '"pi"']) {
      expect(() => parseParameterFile(text, spec, "p.json"), text).toThrow(/^parameters must be a JSON object with keys pi, T and O$/);
    }
  });

  it("returns the σ a Gaussian file states, and none when it states none", () => {
    expect(parseParameterFile(JSON.stringify({ ...gaussianPoint, sigma: 0.25 }), ghmm, "g.json").sigma).toBe(0.25);
    expect(parseParameterFile(JSON.stringify(gaussianPoint), ghmm, "g.json").sigma).toBeUndefined();
  });

  it("Gaussian means may be negative and need not sum to 1", () => {
    expect(validateParameters(gaussianPoint, ghmm).emission).toEqual(gaussianPoint.M);
  });

  it("hmmlearn arrays that are not arrays of rows are refused, naming the key and the file", () => {
    const base = { startprob_: [0.5, 0.5], transmat_: [[0.9, 0.1], [0.4, 0.6]], means_: [[1, 2], [-1, 0]] };
    expect(() => parseParameterFile(JSON.stringify({ ...base, transmat_: [0.9, 0.1] }), ghmm, "g.json")).toThrow(/^transmat_ in g\.json must be an array of rows$/);
    expect(() => parseParameterFile(JSON.stringify({ ...base, means_: 1 }), ghmm, "g.json")).toThrow(/^means_ in g\.json must be an array of rows$/);
  });

  it("an hmmlearn file without startprob_ takes π from T under stationary init", () => {
    const stationary: ModelSpec = { family: "hmm", states: 2, symbols: 2, init: "stationary", sigma: 1 };
    const { params } = parseParameterFile(JSON.stringify({ transmat_: [[0.7, 0.3], [0.4, 0.6]], emissionprob_: [[0.2, 0.8], [0.9, 0.1]] }), stationary, "m.json");
    // T = transmat_ᵀ = [[0.7, 0.4], [0.3, 0.6]] has the stationary law (4/7, 3/7).
    params.pi.forEach((p, i) => expect(p).toBeCloseTo([4 / 7, 3 / 7][i], 12));
  });

  it("the file form names the emission by family and carries σ for Gaussian models only, and reads back to the same point", () => {
    const p = validateParameters(gaussianPoint, ghmm);
    expect(toParameterFile({ ...ghmm, sigma: 0.5 }, p)).toEqual({ ...gaussianPoint, sigma: 0.5 });
    const q = validateParameters(point(0, 0, 0), spec);
    expect(toParameterFile(spec, q)).toEqual(point(0, 0, 0));
    expect(validateParameters(JSON.parse(JSON.stringify(toParameterFile(ghmm, p))), ghmm)).toEqual(p);
  });
});

describe("parameter-file refusals, each with its reason", () => {
  const ghmm: ModelSpec = { family: "ghmm", states: 2, symbols: 2, init: "free", sigma: 1 };
  const T = [[0.7, 0.4], [0.3, 0.6]];
  const O = [[0.2, 0.9], [0.8, 0.1]];

  it("a file with the other family's emission key is refused, naming both keys", () => {
    expect(() => validateParameters({ pi: [0.5, 0.5], T, O, M: O }, spec)).toThrow(new ParameterError('a hmm model takes "O", not "M"'));
    expect(() => validateParameters({ pi: [0.5, 0.5], T, M: O, O }, ghmm)).toThrow(new ParameterError('a ghmm model takes "M", not "O"'));
  });

  it("sigma in a discrete file is refused as ghmm-only; other unknown keys are named", () => {
    expect(() => validateParameters({ pi: [0.5, 0.5], T, O, sigma: 1 }, spec)).toThrow(
      new ParameterError("sigma applies to ghmm only; a hmm parameter file takes the keys pi, T, O"),
    );
    expect(() => validateParameters({ pi: [0.5, 0.5], T, O, extra: 1 }, spec)).toThrow(
      new ParameterError('unknown key "extra"; a hmm parameter file takes the keys pi, T, O'),
    );
  });

  it("free init without pi is refused", () => {
    expect(() => validateParameters({ T, O }, spec)).toThrow(new ParameterError('free init needs "pi"'));
  });

  it("non-finite entries of pi, T and O are refused, naming the entry (JSON cannot hold them, but validateParameters takes objects)", () => {
    expect(() => validateParameters({ pi: [Infinity, 0.5], T, O }, spec)).toThrow(new ParameterError("pi[1] is null, not a finite number"));
    expect(() => validateParameters({ pi: [0.5, 0.5], T: [[0.7, NaN], [0.3, 0.6]], O }, spec)).toThrow(new ParameterError("T[1,2] is null, not a finite number"));
  });

  it("zero probabilities are allowed; negative ones are refused", () => {
    expect(() => validateParameters({ pi: [0, 1], T: [[1, 0], [0, 1]], O: [[1, 0], [0, 1]] }, spec)).not.toThrow();
    expect(() => validateParameters({ pi: [0.5, 0.5], T, O: [[-0.1, 0.9], [1.1, 0.1]] }, spec)).toThrow(
      new ParameterError("O[1,1] is -0.1; probabilities cannot be negative"),
    );
  });

  it("an hmmlearn file without startprob_ under free init is refused for want of pi, not given undefined", () => {
    const text = JSON.stringify({ transmat_: [[0.7, 0.3], [0.4, 0.6]], emissionprob_: [[0.2, 0.8], [0.9, 0.1]] });
    expect(() => parseParameterFile(text, spec, "f.json")).toThrow(new ParameterError('free init needs "pi"'));
  });

  it("an empty hmmlearn transmat_ or covars_ is refused, not read", () => {
    expect(() => parseParameterFile(JSON.stringify({ transmat_: [], emissionprob_: [[0.2, 0.8], [0.9, 0.1]], startprob_: [0.5, 0.5] }), spec, "f.json")).toThrow(
      new ParameterError("T has 0 rows, expected 2"),
    );
    const gauss = { startprob_: [0.5, 0.5], transmat_: [[0.7, 0.3], [0.4, 0.6]], means_: [[0, 1], [1, 0]], covars_: [] };
    expect(() => parseParameterFile(JSON.stringify(gauss), ghmm, "g.json")).toThrow(/^covars_ in g\.json is not one variance/);
  });

  it("an array holding hmmlearn key names is not read as an hmmlearn file", () => {
    expect(() => parseParameterFile(JSON.stringify(["transmat_"]), spec, "f.json")).toThrow(
      new ParameterError("parameters must be a JSON object with keys pi, T and O"),
    );
  });
});
