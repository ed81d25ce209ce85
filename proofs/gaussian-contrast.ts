import { maxSummaryDifference, matMul, w3Direction, w3Transform, floatDualField, type AnalyticField, floatField, expandsToZero, symbol, symbolicField as S, numericalRank, fromCoordinates, toCoordinates, randomFloatPoint, type Parameters, ghmmSpec, gaussianDesign, predict, type Proof, type ProofStep, engineFiberStep, Rng, closedFormFor, parameterSymbols, parseTask, parseTaskSet } from "../src/index.ts";

const free33 = ghmmSpec(3, 3, "free");

type W3 = (field: AnalyticField<number>, p: Parameters<number>, v: readonly number[], sigma: number) => Parameters<number>;

/** The float invariance step, with the construction injectable so that a mutated one can be shown to fail. */
export function w3InvarianceStep(transform: W3 = w3Transform, v: readonly number[] = w3Direction(floatField, [0.03, -0.05])): ProofStep {
  return {
    statement: "At $k = d = 3$, $\\sigma = 1$, free $\\pi$: a W3 move leaves every `x1 -> x2` prediction unchanged (to rounding) while it changes `x1 -> x3`; the moved $\\pi'$ is not stationary for $T'$.",
    check() {
      const rng = new Rng(31);
      const { params } = randomFloatPoint(free33, rng);
      const moved = transform(floatField, params, v, 1);
      const tasks = parseTaskSet("x1 -> x2");
      const design = gaussianDesign(free33, params, tasks, 17, rng);
      const same = maxSummaryDifference(free33, params, moved, tasks, design);
      const lag2 = parseTaskSet("x1 -> x3");
      const changed = maxSummaryDifference(free33, params, moved, lag2, gaussianDesign(free33, params, lag2, 17, rng));
      const drift = Math.max(...moved.T.map((row, i) => Math.abs(row.reduce((s, t, j) => s + t * moved.pi[j], 0) - moved.pi[i])));
      const valid = moved.T.every((row) => row.every((t) => t > 0)) && Math.abs(moved.T.reduce((s, row) => s + row[0], 0) - 1) < 1e-12;
      return {
        passed: same < 1e-12 && changed > 1e-6 && drift > 1e-6 && valid,
        evidence: `v = (${v.map((x) => x.toFixed(2)).join(", ")}): max |Δ| over ${design[0].length} design inputs of x1 -> x2 = ${same.toExponential(1)}; x1 -> x3 changes by ${changed.toExponential(1)}; |T'π' − π'| = ${drift.toExponential(1)}; T' ${valid ? "valid" : "INVALID"}`,
      };
    },
  };
}

export const gaussianContrast: Proof = {
  name: "gaussian-contrast",
  title: "Gaussian x1 -> x2: identifying with stationary π, not with free π (W3), and x1 -> x3 restores it",
  claims: ["gaussian-stationary", "gaussian-free", "gaussian-free-two-tasks"],
  setting:
    "Gaussian HMM $x_t \\mid h_t = j \\sim N(\\mu_j, \\sigma^2 I_d)$ with means $M = [\\mu_1 \\dots \\mu_k]$. W3: for $v$ with $\\mathbf{1}^\\top v = 0$ put $c = Mv$, " +
    "$\\mu'_j = \\mu_j + c$, $T' = T - v\\mathbf{1}^\\top$, $\\pi'_j \\propto \\pi_j \\exp(\\mu_j^\\top c / \\sigma^2)$.",
  steps: [
    {
      statement: "The predictor is $M\\,T\\,\\mathrm{softmax}(M^\\top x/\\sigma^2 - \\mathrm{diag}(M^\\top M)/(2\\sigma^2) + \\log\\pi)$.",
      check() {
        const task = parseTask("x1 -> x2");
        const form = closedFormFor(free33, task)!;
        const rng = new Rng(3);
        let worst = 0;
        for (let t = 0; t < 5; t++) {
          const { params } = randomFloatPoint(free33, rng);
          const x = [0, 1, 2].map(() => 2 * rng.normal());
          const a = form.evaluate(floatField, free33, params, [x]);
          const b = predict(floatField, free33, params, task, [x]);
          worst = Math.max(worst, ...a.map((v, i) => Math.abs(v - b[i])));
        }
        return { passed: worst < 1e-12, evidence: `max |closed form − forward–backward| = ${worst.toExponential(1)} over 5 random points and inputs (k = d = 3)` };
      },
    },
    {
      statement: "$M'T' = MT$: with $\\mathbf{1}^\\top T = \\mathbf{1}^\\top$ and $\\mathbf{1}^\\top v = 0$, $(M + c\\mathbf{1}^\\top)(T - v\\mathbf{1}^\\top) = MT - Mv\\mathbf{1}^\\top + c\\mathbf{1}^\\top = MT$.",
      check() {
        const s = ghmmSpec(2, 2, "free");
        const p = fromCoordinates(S, s, parameterSymbols(s));
        const v = [symbol("v_1"), S.neg(symbol("v_1"))];
        const c = p.emission.map((row) => S.add(S.mul(row[0], v[0]), S.mul(row[1], v[1])));
        const Mp = p.emission.map((row, a) => row.map((m) => S.add(m, c[a])));
        const Tp = p.T.map((row, i) => row.map((t) => S.sub(t, v[i])));
        const diff = matMul(S, Mp, Tp).flat().map((x, i) => S.sub(x, matMul(S, p.emission, p.T).flat()[i]));
        return { passed: diff.every(expandsToZero), evidence: "symbolic at k = d = 2 (stochastic chart for T, generic M, v = (v_1, −v_1)): every entry of M'T' − MT expands to 0" };
      },
    },
    {
      statement: "Every posterior logit of $h_1$ given $x_1 = x$ shifts by the same amount: $\\ell'_j - \\ell_j = (c^\\top x - \\|c\\|^2/2)/\\sigma^2 - \\log Z$, so $P(h_1 \\mid x_1)$ and the predictor $M'T'P(h_1 \\mid x_1)$ are unchanged.",
      check() {
        const mu = [symbol("m_1"), symbol("m_2")];
        const c = [symbol("c_1"), symbol("c_2")];
        const x = [symbol("x_1"), symbol("x_2")];
        const dot = (a: typeof mu, b: typeof mu) => a.reduce((s, ai, i) => S.add(s, S.mul(ai, b[i])), S.zero);
        const half = S.fromRational(1n, 2n);
        const logit = (m: typeof mu) => S.sub(dot(m, x), S.mul(half, dot(m, m)));
        const moved = mu.map((m, i) => S.add(m, c[i]));
        // ℓ'_j − ℓ_j with log π'_j − log π_j = μ_jᵀc − log Z (σ = 1), minus the claimed shift cᵀx − |c|²/2.
        const shift = S.sub(S.add(S.sub(logit(moved), logit(mu)), dot(mu, c)), S.sub(dot(c, x), S.mul(half, dot(c, c))));
        return { passed: expandsToZero(shift), evidence: "symbolic in a mean μ_j, the shift c and the input x (d = 2, σ = 1): ℓ'_j − ℓ_j + log Z − (cᵀx − |c|²/2) expands to 0, independent of j" };
      },
    },
    w3InvarianceStep(),
    {
      statement: "The family is $(k-1)$-dimensional: the tangent vectors of the $k - 1$ directions $v = e_i - e_k$ are independent.",
      check() {
        const { params } = randomFloatPoint(free33, new Rng(8));
        const D = floatDualField(1);
        const lift = (x: number) => D.constant(x);
        const base = { pi: params.pi.map(lift), T: params.T.map((r) => r.map(lift)), emission: params.emission.map((r) => r.map(lift)) };
        const rows = [0, 1].map((i) => {
          const eps = D.variable(0, 0);
          const v = [0, 1, 2].map((j) => (j === i ? eps : j === 2 ? D.neg(eps) : D.zero));
          return Float64Array.from(toCoordinates(free33, w3Transform(D, base, v, 1)).map((x) => (x.g === null ? 0 : x.g[0])));
        });
        const r = numericalRank(rows, rows[0].length);
        return { passed: r.decided && r.rank === 2, evidence: `numerical rank ${r.rank} of k − 1 = 2 (${r.decided ? `gap ${r.cut.gapRatio.toExponential(1)}` : "undecided"})` };
      },
    },
    engineFiberStep(ghmmSpec(3, 3, "stationary"), "x1 -> x2", { name: "no family with stationary π (W3 breaks stationarity)", dimension: 0, exactly: true }),
    engineFiberStep(free33, "x1 -> x2", { name: "W3", dimension: 2, exactly: true }),
    engineFiberStep(free33, "x1 -> x2; x1 -> x3", { name: "adding x1 -> x3 removes W3", dimension: 0, exactly: true }),
  ],
};
