import { claim1Pair, matMul, matVec, compareSummaries, rational, rationalField as Q, expandsToZero, symbol, symbolicField as S, type Parameters, hmmSpec, type Proof, engineFiberStep, checkClosedForm, closedFormFor, parseTask, parseTaskSet, type Rational } from "../src/index.ts";

const spec = hmmSpec(2, 3);
const half = rational(1n, 2n);

/** The two chains of Claim 1 at a = 1/5 with the same O and the uniform (stationary) π. */
function claim1Points(): [Parameters<Rational>, Parameters<Rational>] {
  const [T, Tprime] = claim1Pair(Q, rational(1n, 5n));
  const O = [[rational(1n, 2n), rational(1n, 6n)], [rational(1n, 3n), rational(1n, 3n)], [rational(1n, 6n), rational(1n, 2n)]];
  return [{ pi: [half, half], T, emission: O }, { pi: [half, half], T: Tprime, emission: O }];
}

export const matrixPower: Proof = {
  name: "matrix-power",
  title: "x1 -> x3 sees T only through T², and distinct chains share a square (Claim 1)",
  claims: ["matrix-power"],
  setting:
    "Discrete HMM with $k = 2$ states. $T = \\begin{pmatrix} a & 1-a \\\\ 1-a & a \\end{pmatrix}$ and $T' = \\begin{pmatrix} 1-a & a \\\\ a & 1-a \\end{pmatrix}$, " +
    "both doubly stochastic, so the uniform $\\pi$ is stationary for both; the same $O$ for both.",
  steps: [
    {
      statement: "$T^2 = T'^2$ for every $a$, while $T' - T = (1 - 2a)\\begin{pmatrix} 1 & -1 \\\\ -1 & 1 \\end{pmatrix} \\ne 0$ for $a \\ne 1/2$.",
      check() {
        const a = symbol("a");
        const [T, Tp] = claim1Pair(S, a);
        const squares = matMul(S, T, T).flat().map((x, i) => S.sub(x, matMul(S, Tp, Tp).flat()[i]));
        const gap = S.sub(S.sub(Tp[0][0], T[0][0]), S.sub(S.one, S.mul(S.fromInt(2), a)));
        return { passed: squares.every(expandsToZero) && expandsToZero(gap), evidence: "symbolic in $a$: every entry of $T^2 - T'^2$ expands to 0, and $(T' - T)_{11} - (1 - 2a)$ expands to 0" };
      },
    },
    {
      statement: "The uniform law is stationary for both chains.",
      check() {
        const a = symbol("a");
        const uniform = [S.fromRational(1n, 2n), S.fromRational(1n, 2n)];
        const drift = claim1Pair(S, a).flatMap((T) => matVec(S, T, uniform).map((x, i) => S.sub(x, uniform[i])));
        return { passed: drift.every(expandsToZero), evidence: "symbolic in $a$: $T\\pi - \\pi$ and $T'\\pi - \\pi$ expand to 0 for $\\pi = (1/2, 1/2)$" };
      },
    },
    {
      statement: "The predictor of `x1 -> x3` is $O\\,T^2\\mathrm{diag}(\\pi)\\,O^\\top\\mathrm{diag}(O\\pi)^{-1}$: it sees $T$ only through $T^2$.",
      check() {
        const task = parseTask("x1 -> x3");
        const form = closedFormFor(spec, task)!;
        const symbolic = checkClosedForm({ ...spec, symbols: 2 }, task, form, { symbolic: true });
        const exact = checkClosedForm({ ...spec, states: 3, symbols: 4 }, task, form, { symbolic: false, points: 3, seed: 5 });
        return { passed: symbolic.agrees && exact.agrees, evidence: `k = d = 2: ${symbolic.entries} entries, ${symbolic.method}; k = 3, d = 4: ${exact.entries} entries, ${exact.method}` };
      },
    },
    {
      statement: "At $a = 1/5$ the two HMMs give exactly the same `x1 -> x3` predictions, but different `x1 -> x2` predictions: the task, not the model, is blind to the difference.",
      check() {
        const [p, q] = claim1Points();
        const far = compareSummaries(Q, spec, p, q, parseTaskSet("x1 -> x3"));
        const near = compareSummaries(Q, spec, p, q, parseTaskSet("x1 -> x2"));
        return {
          passed: far.differing.length === 0 && near.differing.length > 0,
          evidence: `x1 -> x3: all ${far.rows} rows agree exactly over Q; x1 -> x2: rows differ (${near.differing.slice(0, 2).join("; ")}); T = [[1/5, 4/5], [4/5, 1/5]], T' = [[4/5, 1/5], [1/5, 4/5]], O = [[1/2, 1/6], [1/3, 1/3], [1/6, 1/2]]`,
        };
      },
    },
    engineFiberStep(spec, "x1 -> x3", { name: "the Claim 1 pair (a discrete pair, dimension 0)", dimension: 0 }),
  ],
};
