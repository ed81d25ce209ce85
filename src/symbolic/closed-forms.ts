import { type AnalyticField, type Field, isAnalytic } from "../field/field.ts";
import { diag, dot, matMul, matVec, transpose } from "../linalg/matrix.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import type { Observation } from "../predictor/weights.ts";
import { type Task, formatTask } from "../task/task.ts";

/**
 * A task's optimal predictor in matrix notation (docs/math.md §3): its LaTeX, and an evaluator
 * over any field written from that formula, independently of the forward–backward
 * predictor, so the two can be checked against each other.
 */
export interface ClosedForm {
  readonly task: string;
  readonly family: "hmm" | "ghmm";
  /** Display-math LaTeX of the formula. */
  readonly latex: string;
  /** Definitions used in the formula, one LaTeX line each. */
  readonly where: readonly string[];
  /** Output in the predictor's layout: first predicted token most significant. */
  evaluate<E>(field: Field<E>, spec: ModelSpec, p: Parameters<E>, given: readonly Observation[]): E[];
}

const column = <E>(A: readonly (readonly E[])[], j: number) => A.map((row) => row[j]);
const scale = <E>(f: Field<E>, v: readonly E[], c: E) => v.map((x) => f.mul(x, c));
const tensor = <E>(f: Field<E>, a: readonly E[], b: readonly E[]) => a.flatMap((x) => b.map((y) => f.mul(x, y)));
const addInto = <E>(f: Field<E>, acc: E[], v: readonly E[]) => v.forEach((x, i) => (acc[i] = f.add(acc[i], x)));
const symbolOf = (o: Observation) => o as number;

/** P(x_{t+lag} | x_t = e_b) = O T^lag diag(π) Oᵀ e_b / (Oπ)_b. */
function pairwise(lag: number): ClosedForm {
  const power = lag === 1 ? "T" : `T^{${lag}}`;
  return {
    task: `x1 -> x${1 + lag}`,
    family: "hmm",
    latex: `\\mathbb{E}[x_${1 + lag} \\mid x_1 = e_b] = \\frac{O\\,${power}\\,\\mathrm{diag}(\\pi)\\,O^{\\top} e_b}{(O\\pi)_b}`,
    where: [],
    evaluate(f, _spec, p, given) {
      const b = symbolOf(given[0]);
      let joint = matMul(f, diag(f, p.pi), transpose(p.emission)); // diag(π) Oᵀ
      for (let i = 0; i < lag; i++) joint = matMul(f, p.T, joint);
      const numerator = column(matMul(f, p.emission, joint), b);
      const marginal = dot(f, p.emission[b], p.pi);
      return numerator.map((x) => f.div(x, marginal));
    },
  };
}

const tensorX2: ClosedForm = {
  task: "x2 -> x1 ⊗ x3",
  family: "hmm",
  latex: "\\mathbb{E}[x_1 \\otimes x_3 \\mid x_2 = e_s] = \\sum_{m=1}^{k} C_{sm}\\, a_m \\otimes b_m",
  where: [
    "C_{sm} = P(h_2 = m \\mid x_2 = e_s) = \\frac{O_{sm} (T\\pi)_m}{(O T \\pi)_s}",
    "a_m = \\mathbb{E}[x_1 \\mid h_2 = m] = \\frac{O\\,\\mathrm{diag}(\\pi)\\,T^{\\top} e_m}{(T\\pi)_m}",
    "b_m = \\mathbb{E}[x_3 \\mid h_2 = m] = O\\,T e_m",
  ],
  evaluate(f, spec, p, given) {
    const s = symbolOf(given[0]);
    const Tpi = matVec(f, p.T, p.pi);
    const back = matMul(f, p.emission, matMul(f, diag(f, p.pi), transpose(p.T))); // O diag(π) Tᵀ
    const forward = matMul(f, p.emission, p.T); // O T
    const out = new Array<typeof p.pi[0]>(spec.symbols ** 2).fill(f.zero);
    const marginal = dot(f, p.emission[s], Tpi);
    for (let m = 0; m < spec.states; m++) {
      const c = f.div(f.mul(p.emission[s][m], Tpi[m]), marginal);
      addInto(f, out, scale(f, tensor(f, scale(f, column(back, m), f.div(f.one, Tpi[m])), column(forward, m)), c));
    }
    return out;
  },
};

const tensorX1: ClosedForm = {
  task: "x1 -> x2 ⊗ x3",
  family: "hmm",
  latex: "\\mathbb{E}[x_2 \\otimes x_3 \\mid x_1 = e_s] = \\sum_{m=1}^{k} P(h_2 = m \\mid x_1 = e_s)\\; O e_m \\otimes O\\,T e_m",
  where: ["P(h_2 = m \\mid x_1 = e_s) = \\frac{(T\\,\\mathrm{diag}(\\pi)\\,O^{\\top})_{ms}}{(O\\pi)_s}", "\\text{given } h_2,\\ x_2 \\text{ and } x_3 \\text{ are independent}"],
  evaluate(f, spec, p, given) {
    const s = symbolOf(given[0]);
    const posterior = column(matMul(f, p.T, matMul(f, diag(f, p.pi), transpose(p.emission))), s);
    const marginal = dot(f, p.emission[s], p.pi);
    const forward = matMul(f, p.emission, p.T);
    const out = new Array<typeof p.pi[0]>(spec.symbols ** 2).fill(f.zero);
    for (let m = 0; m < spec.states; m++) {
      addInto(f, out, scale(f, tensor(f, column(p.emission, m), column(forward, m)), f.div(posterior[m], marginal)));
    }
    return out;
  },
};

const twoGiven: ClosedForm = {
  task: "x1, x2 -> x3",
  family: "hmm",
  latex: "\\mathbb{E}[x_3 \\mid x_1 = e_a, x_2 = e_b] = \\frac{O\\,T\\,\\mathrm{diag}(O^{\\top} e_b)\\,T\\,\\mathrm{diag}(\\pi)\\,O^{\\top} e_a}{\\mathbf{1}^{\\top}\\mathrm{diag}(O^{\\top} e_b)\\,T\\,\\mathrm{diag}(\\pi)\\,O^{\\top} e_a}",
  where: [],
  evaluate(f, _spec, p, given) {
    const [a, b] = given.map(symbolOf);
    const alpha = matVec(f, p.T, p.pi.map((x, h) => f.mul(x, p.emission[a][h]))); // T diag(π) Oᵀ e_a
    const weighted = alpha.map((x, h) => f.mul(x, p.emission[b][h]));
    const z = weighted.reduce((s, x) => f.add(s, x), f.zero);
    return matVec(f, matMul(f, p.emission, p.T), weighted).map((x) => f.div(x, z));
  },
};

const gaussianPairwise: ClosedForm = {
  task: "x1 -> x2",
  family: "ghmm",
  latex: "\\mathbb{E}[x_2 \\mid x_1 = x] = M\\,T\\,\\mathrm{softmax}\\!\\left(\\frac{M^{\\top}x}{\\sigma^2} - \\frac{\\mathrm{diag}(M^{\\top}M)}{2\\sigma^2} + \\log\\pi\\right)",
  where: [],
  evaluate(f, spec, p, given) {
    if (!isAnalytic(f)) throw new Error(`the Gaussian closed form needs exp, which ${f.name} does not have`);
    const af = f as AnalyticField<(typeof p.pi)[0]>;
    const x = given[0] as readonly number[];
    const s2 = af.fromNumber(spec.sigma * spec.sigma);
    const logits = p.pi.map((_, h) => {
      const mu = column(p.emission, h);
      const lin = mu.reduce((acc, m, i) => af.add(acc, af.mul(m, af.fromNumber(x[i]))), af.zero);
      return af.div(af.sub(lin, af.div(dot(af, mu, mu), af.fromInt(2))), s2);
    });
    const top = Math.max(...logits.map((l) => af.value(l)));
    const weights = logits.map((l, h) => af.mul(p.pi[h], af.exp(af.sub(l, af.fromNumber(top)))));
    const z = weights.reduce((s, w) => af.add(s, w), af.zero);
    return matVec(af, matMul(af, p.emission, p.T), weights).map((v) => af.div(v, z));
  },
};

export const CLOSED_FORMS: readonly ClosedForm[] = [pairwise(1), pairwise(2), tensorX2, tensorX1, twoGiven, gaussianPairwise];

/** The closed form of a task for a model family, if maskid has one. */
export function closedFormFor(spec: ModelSpec, task: Task): ClosedForm | null {
  const text = formatTask(task);
  return CLOSED_FORMS.find((c) => c.task === text && c.family === spec.family) ?? null;
}
