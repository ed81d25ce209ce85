import { type Field, DivisionByZero } from "../field/field.ts";
import { type Mat, matMul, matPow, matVec, scaleRowsCols, transpose } from "../linalg/matrix.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { type Observation, observationWeights } from "../predictor/weights.ts";
import { type Task, formatTask } from "../task/task.ts";

/**
 * CP (rank-k three-way) factors of a "tensor task": one given token, two predicted ones
 * (`x2 -> x1 ⊗ x3`, `x1 -> x2 ⊗ x3`, `x3 -> x1 ⊗ x2`, and any other positions).
 *
 * Derivation. Sort the task's three positions p1 < p2 < p3 and call h = h_{p2} the
 * *separator*. In a hidden Markov chain, given h_{p2}: (h_1..h_{p2−1}) and
 * (h_{p2+1}, …) are independent, and each observation depends only on its own hidden
 * state, so x_{p1}, x_{p2}, x_{p3} are mutually independent given h. Hence, for the given
 * position g and predicted positions (u1, u2) in the task's order,
 *
 *   f(x_g) = E[x_{u1} ⊗ x_{u2} | x_g] = Σ_m P(h = m | x_g) · E[x_{u1} | h = m] ⊗ E[x_{u2} | h = m],
 *
 * because x_g is also independent of (x_{u1}, x_{u2}) given h. This is a rank-≤k CP form
 * with factors
 *
 *   C[s][m] = P(h = m | x_g = input s)           (inputs × k; rows sum to 1),
 *   A[:, m] = E[x_{u1} | h = m] = O P_{u1} e_m    (d × k),
 *   B[:, m] = E[x_{u2} | h = m] = O P_{u2} e_m    (d × k),
 *
 * where P_t[j][m] = P(h_t = j | h = m) is
 *   t = p2:  the identity;
 *   t > p2:  T^{t−p2};
 *   t < p2:  diag(π_t) (T^{p2−t})ᵀ diag(ρ)⁻¹,  with π_t = T^{t−1}π and ρ = π_{p2} = T^{p2−1}π,
 * and C[s][m] = ℓ_s(P_g)_m ρ_m / Σ_m' ℓ_s(P_g)_m' ρ_m' with ℓ_s the likelihood row of the
 * input (row s of O for hmm; Gaussian likelihood ratios for ghmm) and ℓ_s(P_g) = ℓ_sᵀ P_g.
 * (O stands for M with Gaussian emissions.)
 *
 * The two tasks of docs/math.md §3, written out:
 * - `x2 -> x1 ⊗ x3` (separator h2 = the given position): C = diag(O T π)⁻¹ O diag(Tπ),
 *   A = O diag(π) Tᵀ diag(Tπ)⁻¹, B = O T — exactly docs/math.md §3.
 * - `x1 -> x2 ⊗ x3` (separator h2, a predicted position): given h1 alone x2 and x3 are NOT
 *   independent (h2 links them), so conditioning on h1 gives no CP form; conditioning on
 *   h2 does: C[s][m] = P(h2 = m | x1 = e_s), i.e. C = diag(Oπ)⁻¹ O diag(π) Tᵀ,
 *   A = O (E[x2 | h2]), B = O T (E[x3 | h2]).
 *
 * For the Kruskal argument the predictor tensor is X[s][a][b] = f(input s)[a·d + b]
 * (first predicted token most significant, as `predict` orders outputs), X = Σ_m c_m ⊗ a_m ⊗ b_m.
 */

/** True for a task with exactly one given and two predicted tokens. */
export function isTensorTask(task: Task): boolean {
  return task.given.length === 1 && task.predict.length === 2;
}

/** The three positions of a tensor task and the role of each. */
export interface TensorLayout {
  readonly given: number;
  /** Predicted positions in the task's order (u1 most significant in the output). */
  readonly predicted: readonly [number, number];
  /** p1 < p2 < p3. */
  readonly sorted: readonly [number, number, number];
  /** p2: the position whose hidden state separates the three observations. */
  readonly separator: number;
}

export function tensorLayout(task: Task): TensorLayout {
  if (!isTensorTask(task)) throw new Error(`"${formatTask(task)}" is not a tensor task (one given token, two predicted)`);
  const given = task.given[0];
  const predicted: [number, number] = [task.predict[0], task.predict[1]];
  const sorted = [given, ...predicted].sort((a, b) => a - b) as [number, number, number];
  if (sorted[0] === sorted[1] || sorted[1] === sorted[2]) throw new Error(`"${formatTask(task)}" repeats a position`);
  return { given, predicted, sorted, separator: sorted[1] };
}

export interface CpFactors<E> {
  readonly task: Task;
  readonly layout: TensorLayout;
  /** ρ = law of the separator state h_{p2}. */
  readonly rho: E[];
  /** inputs × k: C[s][m] = P(h_{p2} = m | x_g = input s). */
  readonly C: E[][];
  /** d × k: columns E[x_{u1} | h_{p2} = m]. */
  readonly A: E[][];
  /** d × k: columns E[x_{u2} | h_{p2} = m]. */
  readonly B: E[][];
  /** k × k matrices P_t[j][m] = P(h_t = j | h_{p2} = m) for t = p1, p2, p3 (keyed by position). */
  readonly hiddenGivenSeparator: ReadonlyMap<number, E[][]>;
}

/** Laws of h_1..h_L: π_t = T^{t−1} π. */
export function stateLaws<E>(field: Field<E>, params: Parameters<E>, length: number): E[][] {
  const laws: E[][] = [params.pi.slice()];
  for (let t = 2; t <= length; t++) laws.push(matVec(field, params.T, laws[t - 2]));
  return laws;
}

/**
 * P_t[j][m] = P(h_t = j | h_s = m) for one position t and separator s (see the module
 * comment). Throws DivisionByZero when some ρ_m = P(h_s = m) is zero in the field.
 */
export function hiddenGivenSeparator<E>(field: Field<E>, params: Parameters<E>, t: number, separator: number, laws: readonly E[][]): E[][] {
  const k = params.pi.length;
  if (t === separator) return matPow(field, params.T, 0);
  if (t > separator) return matPow(field, params.T, t - separator);
  const rho = laws[separator - 1];
  const inverse = rho.map((x) => {
    if (field.isZero(x)) throw new DivisionByZero(field.name);
    return field.div(field.one, x);
  });
  const power = matPow(field, params.T, separator - t);
  const joint = scaleRowsCols(field, transpose(power), laws[t - 1], inverse);
  if (joint.length !== k) throw new Error("internal: hiddenGivenSeparator shape");
  return joint;
}

/**
 * The CP factors of a tensor task at a parameter point, over any field (floats, Q, F_p,
 * duals; Gaussian emissions need an analytic field). `inputs` are the values of the given
 * token indexing the rows of C: for hmm by default every symbol 0..d−1; for ghmm required
 * (a design of points of R^d). Throws DivisionByZero when a denominator (a ρ_m, or the
 * probability of an input) vanishes in the field.
 */
export function cpFactors<E>(
  field: Field<E>,
  spec: ModelSpec,
  params: Parameters<E>,
  task: Task,
  inputs?: readonly Observation[],
): CpFactors<E> {
  const layout = tensorLayout(task);
  const k = spec.states;
  const laws = stateLaws(field, params, layout.sorted[2]);
  const rho = laws[layout.separator - 1];
  const views = new Map<number, E[][]>();
  for (const t of layout.sorted) views.set(t, hiddenGivenSeparator(field, params, t, layout.separator, laws));
  const emissionView = (t: number) => matMul(field, params.emission, views.get(t)!);
  const A = emissionView(layout.predicted[0]);
  const B = emissionView(layout.predicted[1]);
  const observed: readonly Observation[] =
    inputs ?? (spec.family === "hmm" ? Array.from({ length: spec.symbols }, (_, s) => s) : missingInputs());
  const Pg = views.get(layout.given)!;
  const C = observed.map((x) => {
    const likelihood = observationWeights(field, spec, params, x);
    // (ℓᵀ P_g)_m ρ_m, normalised over m.
    const weights = Array.from({ length: k }, (_, m) => {
      let s = field.zero;
      for (let j = 0; j < k; j++) s = field.add(s, field.mul(likelihood[j], Pg[j][m]));
      return field.mul(s, rho[m]);
    });
    const total = weights.reduce((a, b) => field.add(a, b), field.zero);
    if (field.isZero(total)) throw new DivisionByZero(field.name);
    return weights.map((w) => field.div(w, total));
  });
  return { task, layout, rho, C, A, B, hiddenGivenSeparator: views };
}

function missingInputs(): never {
  throw new Error("cpFactors: Gaussian emissions need explicit inputs (design points) for the rows of C");
}

/** Σ_m C[s][m] A[:, m] ⊗ B[:, m], flattened with the first predicted token most significant (as `predict`). */
export function cpPrediction<E>(field: Field<E>, factors: { C: Mat<E>; A: Mat<E>; B: Mat<E> }, input: number): E[] {
  const { A, B } = factors;
  const c = factors.C[input];
  const out: E[] = [];
  for (let a = 0; a < A.length; a++) {
    for (let b = 0; b < B.length; b++) {
      let s = field.zero;
      for (let m = 0; m < c.length; m++) s = field.add(s, field.mul(c[m], field.mul(A[a][m], B[b][m])));
      out.push(s);
    }
  }
  return out;
}
