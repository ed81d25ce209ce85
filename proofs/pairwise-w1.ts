import { matMul, matVec, transpose, w1Direction, w1Matrix, w1Transform, positiveRational, validityProblems, type Field, rational, rationalField, expandsToZero, symbol, symbolicField as S, type Sym, fromCoordinates, randomRationalCoordinates, type Parameters, hmmSpec, type Proof, type ProofStep, engineFiberStep, formatPoint, sameSummaries, w1TangentRank, Rng, checkClosedForm, closedFormFor, parseTask } from "../src/index.ts";

/**
 * The W1 algebra at k = d = 2 in symbols, with denominators cleared: a generic joint law
 * A = (a_ij), emissions O = (o_ij), and R = I + [[r_1, r_2], [−r_1, −r_2]] (1ᵀR = 1ᵀ),
 * whose inverse is adj(R)/det(R). Each identity is multiplied through by the power of
 * det(R) it carries, so only polynomials are expanded (a quotient form expands far slower).
 */
function symbolicAlgebra() {
  const m = (name: string) => [1, 2].map((i) => [1, 2].map((j) => symbol(`${name}_${i}${j}`)));
  const A = m("a");
  const O = m("o");
  const R = w1Matrix(S, w1Direction(S, [[symbol("r_1"), symbol("r_2")]]), S.one);
  const adj = [[R[1][1], S.neg(R[0][1])], [S.neg(R[1][0]), R[0][0]]];
  const det = S.sub(S.mul(R[0][0], R[1][1]), S.mul(R[0][1], R[1][0]));
  return { A, O, R, adj, det, scaledAprime: matMul(S, matMul(S, adj, A), transpose(adj)) }; // det² A'
}

const allZero = (xs: readonly Sym[]) => xs.every(expandsToZero);
const ones = [S.one, S.one];
const minus = (a: readonly Sym[], b: readonly Sym[]) => a.map((x, i) => S.sub(x, b[i]));

/** A rational W1 move at k = 3: R = I + (1/20)E with E a fixed direction with zero column sums. */
function rationalMove(seed: number, transform: W1 = w1Transform) {
  const s = hmmSpec(3, 4, "stationary");
  const p = fromCoordinates(rationalField, s, randomRationalCoordinates(s, new Rng(seed)));
  const E = w1Direction(rationalField, [[rational(1n), rational(-1n), rational(0n)], [rational(0n), rational(1n), rational(-1n)]]);
  const moved = transform(rationalField, p, w1Matrix(rationalField, E, rational(1n, 20n)));
  return { s, p, moved };
}

type W1 = <E>(field: Field<E>, params: Parameters<E>, R: E[][]) => Parameters<E>;

/** The exact witness step, with the construction injectable so that a mutated one can be shown to fail. */
export function w1WitnessStep(transform: W1 = w1Transform): ProofStep {
  return {
      statement: "At $k = 3$, $d = 4$ the move $R = I + \\tfrac{1}{20}E$ maps a valid stationary HMM to a different valid one with exactly the same `x1 -> x2` predictions.",
      check() {
        const { s, p, moved } = rationalMove(11, transform);
        const same = sameSummaries(s, p, moved, "x1 -> x2");
        const problems = validityProblems(rationalField, s, moved, positiveRational);
        const differs = !rationalField.isZero(rationalField.sub(p.T[0][0], moved.T[0][0]));
        return {
          passed: same.passed && problems.length === 0 && differs,
          evidence: `${same.evidence}; the moved point is ${problems.length ? `invalid: ${problems.join(", ")}` : "valid (positive, stochastic, stationary)"}; first point ${formatPoint(s, p)}; second point ${formatPoint(s, moved)}`,
        };
      },
    };
}

export const pairwiseW1: Proof = {
  name: "pairwise-w1",
  title: "x1 -> x2 does not identify a discrete HMM (the W1 family)",
  claims: ["pairwise-discrete", "pairwise-discrete-free"],
  setting:
    "Discrete HMM with $k$ states and $d$ symbols, task `x1 -> x2`. Write $A = T\\,\\mathrm{diag}(\\pi)$ for the joint law of $(h_2, h_1)$. " +
    "For any invertible $R$ with $\\mathbf{1}^\\top R = \\mathbf{1}^\\top$ put $O' = OR$, $A' = R^{-1} A R^{-\\top}$, $\\pi' = R^{-1}\\pi$, $T' = A'\\,\\mathrm{diag}(\\pi')^{-1}$.",
  steps: [
    {
      statement: "The predictor is $P(x_2 \\mid x_1) = O\\,A\\,O^\\top \\mathrm{diag}(O\\pi)^{-1}$: it depends on the parameters only through $OAO^\\top$ and $O\\pi$.",
      check() {
        const task = parseTask("x1 -> x2");
        const form = closedFormFor(hmmSpec(2, 2, "stationary"), task)!;
        const symbolic = checkClosedForm(hmmSpec(2, 2, "free"), task, form, { symbolic: true });
        const exact = checkClosedForm(hmmSpec(3, 4, "stationary"), task, form, { symbolic: false, points: 3, seed: 7 });
        return {
          passed: symbolic.agrees && exact.agrees,
          evidence: `k = 2, d = 2, free π: ${symbolic.entries} entries, ${symbolic.method}; k = 3, d = 4, stationary π: ${exact.entries} entries, ${exact.method}`,
        };
      },
    },
    {
      statement: "For every such $R$: $O'A'O'^\\top = OAO^\\top$ and $O'\\pi' = O\\pi$, so $P(x_2 \\mid x_1)$ is unchanged.",
      check() {
        const { A, O, R, adj, det, scaledAprime } = symbolicAlgebra();
        const pi = [symbol("p_1"), symbol("p_2")];
        const det2 = S.mul(det, det);
        const OR = matMul(S, O, R);
        // det²·(O'A'O'ᵀ − OAOᵀ) and det·(O'π' − Oπ), with O' = OR, det²·A' = adj A adjᵀ, det·π' = adj π.
        const joint = minus(matMul(S, matMul(S, OR, scaledAprime), transpose(OR)).flat(), matMul(S, matMul(S, O, A), transpose(O)).flat().map((x) => S.mul(det2, x)));
        const marginal = minus(matVec(S, OR, matVec(S, adj, pi)), matVec(S, O, pi).map((x) => S.mul(det, x)));
        return {
          passed: allZero(joint) && allZero(marginal),
          evidence: "symbolic at k = d = 2 with generic $A = (a_{ij})$, $O = (o_{ij})$, $\\pi = (p_1, p_2)$ and $R = I + [[r_1, r_2], [-r_1, -r_2]]$: every entry of $\\det(R)^2(O'A'O'^\\top - OAO^\\top)$ and $\\det(R)(O'\\pi' - O\\pi)$ expands to 0 (with $R^{-1} = \\mathrm{adj}(R)/\\det R$)",
        };
      },
    },
    {
      statement:
        "$T' = A'\\,\\mathrm{diag}(\\pi')^{-1}$ is column-stochastic ($\\mathbf{1}^\\top A' = \\pi'^\\top$ when $\\mathbf{1}^\\top A = \\pi^\\top$), and if $\\pi$ is stationary for $T$ ($A\\mathbf{1} = \\pi$) then $\\pi'$ is stationary for $T'$ ($A'\\mathbf{1} = \\pi'$).",
      check() {
        const { A, adj, det, scaledAprime } = symbolicAlgebra();
        // det²·(1ᵀA' − π'ᵀ) with π = Aᵀ1 (T column-stochastic), det²·(A'1 − π') with π = A1 (stationary).
        const scaledPi = (pi: Sym[]) => matVec(S, adj, pi).map((x) => S.mul(det, x));
        const stochastic = minus(matVec(S, transpose(scaledAprime), ones), scaledPi(matVec(S, transpose(A), ones)));
        const stationary = minus(matVec(S, scaledAprime, ones), scaledPi(matVec(S, A, ones)));
        return {
          passed: allZero(stochastic) && allZero(stationary),
          evidence: "symbolic at k = 2 with generic $A$ and $R$: every entry of $\\det(R)^2(\\mathbf{1}^\\top A' - \\pi'^\\top)$ with $\\pi = A^\\top\\mathbf{1}$ and of $\\det(R)^2(A'\\mathbf{1} - \\pi')$ with $\\pi = A\\mathbf{1}$ expands to 0",
        };
      },
    },
    w1WitnessStep(),
    {
      statement: "The family is $k(k-1)$-dimensional: the tangent vectors of $R = I + \\varepsilon E_{ij}$ ($E_{ij} = e_i e_j^\\top - e_k e_j^\\top$, $i < k$) are independent.",
      check() {
        const results = ([["stationary", 3, 5], ["free", 3, 4]] as const).map(([init, k, d]) => {
          const rank = w1TangentRank(hmmSpec(k, d, init));
          return { init, k, d, rank, ok: rank === k * (k - 1) };
        });
        return {
          passed: results.every((r) => r.ok),
          evidence: results.map((r) => `${r.init} π, k = ${r.k}, d = ${r.d}: tangent rank ${r.rank} of ${r.k * (r.k - 1)} mod 67108859 at a rational point`).join("; "),
        };
      },
    },
    engineFiberStep(hmmSpec(3, 5, "stationary"), "x1 -> x2", { name: "W1", dimension: 6 }),
    engineFiberStep(hmmSpec(3, 4, "free"), "x1 -> x2", { name: "W1", dimension: 6 }),
  ],
};

