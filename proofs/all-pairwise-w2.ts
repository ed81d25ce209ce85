import { w2Example, diag, matEqual, matMul, matVec, transpose, positiveRational, validityProblems, rationalSqrtLaw, w2Choice, w2Hypotheses, w2Transform, type Field, rational, rationalField as Q, type Rational, type Parameters, hmmSpec, type Proof, type ProofStep, engineFiberStep, formatPoint, sameSummaries, w2TangentRank } from "../src/index.ts";

const ALL_PAIRWISE = "x1 -> x2; x2 -> x1; x1 -> x3; x3 -> x1; x2 -> x3; x3 -> x2";
const spec = hmmSpec(3, 4);
const unit = (i: number) => [0, 1, 2].map((j) => rational(i === j ? 1n : 0n));
const direction = [rational(1n), rational(-1n), rational(0n)];

/** The rational move of this proof: √π = (1/3, 2/3, 2/3), tilt and twist by 1/16. */
function move() {
  return w2Choice(Q, rationalSqrtLaw(Q, 3), { direction, t: rational(1n, 16n) }, { a: unit(0), b: unit(1), s: rational(1n, 16n) });
}

type W2 = <E>(field: Field<E>, p: Parameters<E>, sqrtPi: readonly E[], sqrtPiPrime: readonly E[], Q: E[][]) => Parameters<E>;

/** The exact witness step, with the construction injectable so that a mutated one can be shown to fail. */
export function w2WitnessStep(transform: W2 = w2Transform): ProofStep {
  return {
    statement: "An exact rational instance at $k = 3$, $d = 4$: a valid stationary HMM and its W2 image, different and valid, with exactly the same predictions for all six pairwise tasks.",
    check() {
      const { first } = w2Example(spec);
      const m = move();
      const second = transform(Q, first, m.sqrtPi, m.sqrtPiPrime, m.Q);
      const same = sameSummaries(spec, first, second, ALL_PAIRWISE);
      const problems = validityProblems(Q, spec, second, positiveRational);
      return {
        passed: same.passed && problems.length === 0,
        evidence: `${same.evidence}; second point ${problems.length ? `invalid: ${problems.join(", ")}` : "valid"}; first ${formatPoint(spec, first)}; second ${formatPoint(spec, second)}`,
      };
    },
  };
}

export const allPairwiseW2: Proof = {
  name: "all-pairwise-w2",
  title: "All pairwise tasks on x1, x2, x3 together still fail with stationary π (the W2 family)",
  claims: ["all-pairwise-stationary"],
  setting:
    "Discrete HMM, stationary $\\pi$, the six tasks `" + ALL_PAIRWISE + "`. Choose $\\pi'$ in the open simplex and an orthogonal $Q$ with $Q\\sqrt{\\pi'} = \\sqrt{\\pi}$; " +
    "put $R = \\mathrm{diag}(\\sqrt\\pi)\\,Q\\,\\mathrm{diag}(\\sqrt{\\pi'})^{-1}$, $O' = OR$, $T' = R^{-1}TR$. Exact instances use $\\sqrt\\pi = (1/3, 2/3, 2/3)$ and rational orthogonal matrices (Cayley transforms and Householder reflections).",
  steps: [
    {
      statement: "The rational move satisfies the hypotheses exactly: $Q^\\top Q = I$, $Q\\sqrt{\\pi'} = \\sqrt\\pi$, $|\\sqrt\\pi| = |\\sqrt{\\pi'}| = 1$.",
      check() {
        const m = move();
        const problems = w2Hypotheses(Q, m.sqrtPi, m.sqrtPiPrime, m.Q);
        return { passed: problems.length === 0, evidence: problems.length ? problems.join(", ") : `exact over Q; √π' = (${m.sqrtPiPrime.map((x) => `${x.num}/${x.den}`).join(", ")})` };
      },
    },
    {
      statement: "Then $\\mathbf{1}^\\top R = \\mathbf{1}^\\top$, $R\\pi' = \\pi$ and $R\\,\\mathrm{diag}(\\pi')R^\\top = \\mathrm{diag}(\\pi)$.",
      check() {
        const m = move();
        const R = matMul(Q, matMul(Q, diag(Q, m.sqrtPi), m.Q), diag(Q, m.sqrtPiPrime.map((s) => Q.div(Q.one, s))));
        const pi = m.sqrtPi.map((s) => Q.mul(s, s));
        const piPrime = m.sqrtPiPrime.map((s) => Q.mul(s, s));
        const ones = [Q.one, Q.one, Q.one];
        const ok =
          matEqual(Q, [matVec(Q, transpose(R), ones)], [ones]) &&
          matEqual(Q, [matVec(Q, R, piPrime)], [pi]) &&
          matEqual(Q, matMul(Q, matMul(Q, R, diag(Q, piPrime)), transpose(R)), diag(Q, pi));
        return { passed: ok, evidence: "exact over Q for the move above" };
      },
    },
    {
      statement: "Hence for every lag $\\ell$: $O'T'^\\ell\\mathrm{diag}(\\pi')O'^\\top = OT^\\ell\\mathrm{diag}(\\pi)O^\\top$ — every pairwise joint law, in either direction and at any distance, is unchanged — and $T'\\pi' = \\pi'$.",
      check() {
        const { first } = w2Example(spec);
        const m = move();
        const second = w2Transform(Q, first, m.sqrtPi, m.sqrtPiPrime, m.Q);
        const lagged = (p: Parameters<Rational>, lag: number) => {
          let M = diag(Q, p.pi);
          for (let i = 0; i < lag; i++) M = matMul(Q, p.T, M);
          return matMul(Q, matMul(Q, p.emission, M), transpose(p.emission));
        };
        const lags = [1, 2, 3, 4].filter((lag) => matEqual(Q, lagged(first, lag), lagged(second, lag)));
        const stationary = matEqual(Q, [matVec(Q, second.T, second.pi)], [second.pi]);
        return { passed: lags.length === 4 && stationary, evidence: `exact over Q at k = 3, d = 4: equal for lags ${lags.join(", ")} of 1–4; T'π' = π' ${stationary ? "holds" : "FAILS"}` };
      },
    },
    w2WitnessStep(),
    {
      statement: "The family is $k(k-1)/2$-dimensional: $k-1$ directions move $\\pi'$ and $(k-1)(k-2)/2$ rotate about $\\sqrt\\pi$; their tangent vectors are independent.",
      check() {
        const rank = w2TangentRank(spec);
        return { passed: rank === 3, evidence: `tangent rank ${rank} of k(k−1)/2 = 3 mod 67108859 at the example point (k = 3)` };
      },
    },
    engineFiberStep({ ...spec, symbols: 5 }, ALL_PAIRWISE, { name: "W2", dimension: 3 }),
    engineFiberStep({ ...spec, states: 4, symbols: 6 }, ALL_PAIRWISE, { name: "W2", dimension: 6 }),
  ],
};

