import { type Field, DivisionByZero } from "../field/field.ts";
import { fieldRank, kernel, solveFullColumnRank, solveSquare } from "../linalg/elimination.ts";
import { type Mat, columnSums, matEqual, matMul, matPow, matVec, rowSums, scaleRowsCols, transpose, vectorsEqual } from "../linalg/matrix.ts";
import { stationaryLaw } from "../model/chart.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { formatTask } from "../task/task.ts";
import type { CpFactors } from "./cp-factors.ts";

/**
 * Read-back: from CP factors known up to one common permutation of their columns, recover
 * (π, T, O). Kruskal's theorem gives the factors; this module shows that the factors
 * determine the parameters, by linear algebra whose non-degeneracy conditions are checked
 * in exact arithmetic at one point (each is "some matrix has rank ≥ r", an open condition:
 * true at one point of F_p^n or Q^n ⇒ true outside a proper algebraic subset).
 *
 * Scope: discrete emissions, tensor tasks whose three positions are consecutive
 * (t, t+1, t+2), separator h = h_{t+1}. Write E_L, E_M, E_R for E[x_t | h], E[x_{t+1} | h],
 * E[x_{t+2} | h] (d×k); E_M = O, E_R = O T, E_L = O diag(π_t) Tᵀ diag(ρ)⁻¹ with
 * π_t = T^{t−1}π, ρ = Tπ_t. Two of them are factors A, B; C = P(h | x_g) for the given g:
 * diag(q_g) C = E_g diag(ρ), q_g the law of x_g. Columns of A and B sum to 1, so
 * Kruskal's scaling freedom is gone and A, B, C are known exactly (up to the permutation,
 * which a relabelling of θ' undoes). For any other parameter point θ' whose factors equal
 * θ's, every equation below holds for θ' with the SAME coefficients, so "the solution set
 * is a single normalised vector" pins θ' = θ. The cases:
 *
 * - given = middle (`x2 -> x1 ⊗ x3`). Unknown q = law of x_{t+1}; then Y = diag(q) C =
 *   O diag(ρ), ρ = Yᵀ1, O = Y diag(ρ)⁻¹, T = O⁺ E_R (needs rank O = k), and
 *   O⁺ E_L diag(ρ) = diag(π_t) Tᵀ gives π_t as its row sums.
 *   · stationary: P(x_t, x_{t+1}) = P(x_{t+1}, x_{t+2}), i.e. E_L Cᵀ diag(q) = diag(q) C E_Rᵀ:
 *     d² homogeneous linear equations in q. Needs a 1-dimensional solution space.
 *   · free: with r = 1/q (entrywise), diag(r) E_R = C W and diag(r) E_L = C V for
 *     W = diag(ρ)⁻¹T, V = diag(ρ)⁻¹ diag(π_t) Tᵀ diag(ρ)⁻¹: 2dk homogeneous equations in
 *     (r, W, V). Needs a 1-dimensional solution space (impossible when d = k: too few
 *     equations), then π = T^{−(t−1)} π_t (needs T invertible when t > 1).
 * - given = left (`x1 -> x2 ⊗ x3`). O = E_M, T = O⁺ E_R (rank O = k).
 *   · stationary: π is the stationary law of T (needs it unique).
 *   · free: diag(O π_t) C = O diag(π_t) Tᵀ, dk homogeneous equations in π_t (1-dim
 *     solution space needed), then π = T^{−(t−1)} π_t.
 * - given = right (`x3 -> x1 ⊗ x2`). O = E_M, K = O⁺ E_L = diag(π_t) Tᵀ diag(ρ)⁻¹.
 *   · stationary: ρ = π_t = π, K is column-stochastic with Kπ = π; π is its stationary law
 *     (needs it unique) and T = diag(π) Kᵀ diag(π)⁻¹.
 *   · free: O Z = diag(u) C for Z = T diag(ρ), u = q_{t+2}: dk homogeneous equations in
 *     (u, Z) (1-dim solution space needed, impossible when d = k); ρ = Zᵀ1, T = Z diag(ρ)⁻¹,
 *     π_t = Kρ, π = T^{−(t−1)} π_t.
 *
 * The last condition, "the read-back returns the point itself", runs the formulas on the
 * factors of the point and compares with (π, T, O) exactly: it guards the derivation.
 */

export interface ReadBackCondition {
  readonly name: string;
  readonly holds: boolean;
  readonly detail: string;
}

export interface ReadBack {
  /** True iff every condition holds: the factors then determine (π, T, O) generically. */
  readonly established: boolean;
  /** Which argument was used (one line). */
  readonly method: string;
  readonly conditions: readonly ReadBackCondition[];
  /** One line: what is shown, or why the read-back is not established. */
  readonly reason: string;
}

function notEstablished(method: string, reason: string, conditions: ReadBackCondition[] = []): ReadBack {
  return { established: false, method, conditions, reason };
}

/**
 * Runs the read-back of `factors` (computed at `params` over an EXACT field: Q or F_p)
 * and reports whether it is established. Never throws on degenerate points: a vanishing
 * denominator or a rank drop becomes a failed condition.
 */
export function readBack<E>(field: Field<E>, spec: ModelSpec, params: Parameters<E>, factors: CpFactors<E>): ReadBack {
  const task = formatTask(factors.task);
  if (spec.family !== "hmm") {
    return notEstablished(
      "none",
      "Gaussian emissions: the factors A, B are means (their scale is not pinned per factor) and exact arithmetic is unavailable (exp); no read-back",
    );
  }
  const [L, Mid, R] = factors.layout.sorted;
  if (Mid !== L + 1 || R !== Mid + 1) {
    return notEstablished(
      "none",
      `the positions of ${task} are not consecutive: reading T back from a power of T is not attempted (powers need not have unique roots, docs/math.md §7.2)`,
    );
  }
  const { given, predicted } = factors.layout;
  const view = (t: number): E[][] => (t === predicted[0] ? factors.A : factors.B);
  const k = spec.states;
  const d = spec.symbols;
  const conditions: ReadBackCondition[] = [];
  const check = (name: string, holds: boolean, detail: string) => {
    conditions.push({ name, holds, detail });
    return holds;
  };
  const fail = (method: string, reason: string) => notEstablished(method, reason, conditions);
  const stationary = spec.init === "stationary";
  const t0 = L;

  try {
    let O: E[][];
    let T: E[][];
    let pi: E[];
    let method: string;
    /** π from π_t (free init): solve T^{t−1} π = π_t. */
    const fromLaw = (law: E[], Tm: Mat<E>): E[] | null => {
      if (t0 === 1) return law;
      try {
        const pi0 = solveSquare(field, matPow(field, Tm, t0 - 1), law);
        check(`T^${t0 - 1} invertible`, true, `π_${t0} = T^${t0 - 1} π has a unique solution`);
        return pi0;
      } catch (e) {
        if (!(e instanceof DivisionByZero)) throw e;
        check(`T^${t0 - 1} invertible`, false, `T^${t0 - 1} is singular at this point`);
        return null;
      }
    };
    /** The stationary law of a chain M (`name` in the conditions), or null when the (M − I, 1ᵀ) system is singular. */
    const uniqueStationaryLaw = (M: E[][], name: string): E[] | null => {
      try {
        const law = stationaryLaw(field, M);
        check(`${name} has a unique stationary law`, true, `(${name} − I, 1ᵀ) system non-singular`);
        return law;
      } catch (e) {
        if (!(e instanceof DivisionByZero)) throw e;
        check(`${name} has a unique stationary law`, false, `(${name} − I, 1ᵀ) system singular at this point`);
        return null;
      }
    };
    /** The unique kernel vector of a homogeneous system, normalised so that the entries `sumOf` sum to 1. */
    const uniqueSolution = (name: string, rows: E[][], unknowns: number, sumOf: number[]): E[] | null => {
      const basis = kernel(field, rows, unknowns);
      const rank = unknowns - basis.length;
      if (!check(name, basis.length === 1, `${rows.length} equations in ${unknowns} unknowns have rank ${rank} (need ${unknowns - 1}: solutions form a line)`)) {
        return null;
      }
      const total = sumOf.reduce((s, i) => field.add(s, basis[0][i]), field.zero);
      if (field.isZero(total)) {
        check(`${name}: normalisable`, false, "the solution line has sum 0 where a law must sum to 1");
        return null;
      }
      return basis[0].map((x) => field.div(x, total));
    };
    const fullColumnRank = (M: E[][], what: string): boolean =>
      check(`rank ${what} = k`, fieldRank(field, M, k) === k, `rank ${what} = ${fieldRank(field, M, k)}, k = ${k}`);

    if (given === Mid) {
      const EL = view(L);
      const ER = view(R);
      const C = factors.C;
      let q: E[] | null;
      if (stationary) {
        method = `stationary shift invariance P(x${L}, x${Mid}) = P(x${Mid}, x${R}) is linear in the law q of x${Mid}: E_L Cᵀ diag(q) = diag(q) C E_Rᵀ`;
        const P1 = matMul(field, EL, transpose(C));
        const P3 = matMul(field, C, transpose(ER));
        const rows: E[][] = [];
        for (let a = 0; a < d; a++) {
          for (let s = 0; s < d; s++) {
            const row = new Array<E>(d).fill(field.zero);
            row[s] = field.add(row[s], P1[a][s]);
            row[a] = field.sub(row[a], P3[a][s]);
            rows.push(row);
          }
        }
        q = uniqueSolution(`shift-invariance system determines q`, rows, d, range(d));
      } else {
        method = `free init: diag(1/q) E_R = C W and diag(1/q) E_L = C V are linear in (1/q, W, V)`;
        const n = d + 2 * k * k;
        const rows: E[][] = [];
        for (const [E, offset] of [[ER, d], [EL, d + k * k]] as const) {
          for (let s = 0; s < d; s++) {
            for (let m = 0; m < k; m++) {
              const row = new Array<E>(n).fill(field.zero);
              row[s] = E[s][m];
              for (let j = 0; j < k; j++) row[offset + j * k + m] = field.neg(C[s][j]);
              rows.push(row);
            }
          }
        }
        const basis = kernel(field, rows, n);
        if (!check("linear system in (1/q, W, V) determines q", basis.length === 1, `${rows.length} equations in ${n} unknowns have rank ${n - basis.length} (need ${n - 1})`)) {
          return fail(method, d === k ? "the linear read-back needs d > k for free init with the middle token given" : "the read-back system has more than a line of solutions");
        }
        const r = basis[0].slice(0, d);
        if (!check("1/q has no zero entry", r.every((x) => !field.isZero(x)), "every symbol of the middle token has non-zero probability")) {
          return fail(method, "a solution entry vanishes");
        }
        const inv = r.map((x) => field.div(field.one, x));
        const total = inv.reduce((a, b) => field.add(a, b), field.zero);
        q = field.isZero(total) ? null : inv.map((x) => field.div(x, total));
      }
      if (q === null) return fail(method, "the law of the given token is not determined by these equations");
      const Y = scaleRowsCols(field, C, q, null);
      const rho = columnSums(field, Y);
      if (!check("ρ has no zero entry", rho.every((x) => !field.isZero(x)), "every hidden state of the separator has non-zero probability")) {
        return fail(method, "a separator state has probability 0");
      }
      O = scaleRowsCols(field, Y, null, rho.map((x) => field.div(field.one, x)));
      if (!fullColumnRank(O, "O")) return fail(method, "O is not of full column rank");
      const Tm = solveFullColumnRank(field, O, ER);
      const X = solveFullColumnRank(field, O, scaleRowsCols(field, EL, null, rho));
      if (Tm === null || X === null) return fail(method, "E_R or E_L diag(ρ) is not in the column space of O (inconsistent factors)");
      T = Tm;
      const law = rowSums(field, X);
      if (stationary) pi = rho;
      else {
        const p = fromLaw(law, T);
        if (p === null) return fail(method, "π is not determined from π_t");
        pi = p;
      }
      method += `; then O = diag(q) C diag(ρ)⁻¹, T = O⁺ E_R, π from O⁺ E_L diag(ρ) = diag(π_${t0}) Tᵀ`;
    } else {
      O = view(Mid);
      if (!fullColumnRank(O, "O")) return fail("O = E_M", "O is not of full column rank (k > d or a degenerate point)");
      if (given === L) {
        const Tm = solveFullColumnRank(field, O, view(R));
        if (Tm === null) return fail("O = E_M, T = O⁺ E_R", "E_R is not in the column space of O (inconsistent factors)");
        T = Tm;
        if (stationary) {
          method = "O = E_M, T = O⁺ E_R, π = the stationary law of T";
          const law = uniqueStationaryLaw(T, "T");
          if (law === null) return fail(method, "the stationary law of T is not unique");
          pi = law;
        } else {
          method = `O = E_M, T = O⁺ E_R, then diag(O π_${t0}) C = O diag(π_${t0}) Tᵀ is linear in π_${t0}`;
          const rows: E[][] = [];
          for (let s = 0; s < d; s++) {
            for (let m = 0; m < k; m++) {
              rows.push(Array.from({ length: k }, (_, j) => field.mul(O[s][j], field.sub(factors.C[s][m], T[m][j]))));
            }
          }
          const law = uniqueSolution(`linear system determines π_${t0}`, rows, k, range(k));
          if (law === null) return fail(method, `π_${t0} is not determined`);
          const p = fromLaw(law, T);
          if (p === null) return fail(method, "π is not determined from π_t");
          pi = p;
        }
      } else {
        const K = solveFullColumnRank(field, O, view(L));
        if (K === null) return fail("O = E_M, K = O⁺ E_L", "E_L is not in the column space of O (inconsistent factors)");
        if (stationary) {
          method = "O = E_M, K = O⁺ E_L = diag(π) Tᵀ diag(π)⁻¹ (the reversed chain), π = the stationary law of K, T = diag(π) Kᵀ diag(π)⁻¹";
          const law = uniqueStationaryLaw(K, "K");
          if (law === null) return fail(method, "the stationary law of the reversed chain is not unique");
          pi = law;
          if (!check("π has no zero entry", pi.every((x) => !field.isZero(x)), "needed to undo diag(π)")) return fail(method, "π has a zero entry");
          T = scaleRowsCols(field, transpose(K), pi, pi.map((x) => field.div(field.one, x)));
        } else {
          method = `O = E_M, K = O⁺ E_L; O Z = diag(u) C is linear in (u, Z) with Z = T diag(ρ), u the law of x${R}; ρ = Zᵀ1, T = Z diag(ρ)⁻¹, π_${t0} = Kρ`;
          const n = d + k * k;
          const rows: E[][] = [];
          for (let s = 0; s < d; s++) {
            for (let m = 0; m < k; m++) {
              const row = new Array<E>(n).fill(field.zero);
              row[s] = field.neg(factors.C[s][m]);
              for (let j = 0; j < k; j++) row[d + j * k + m] = O[s][j];
              rows.push(row);
            }
          }
          const solution = uniqueSolution("linear system in (u, Z) determines Z", rows, n, range(d));
          if (solution === null) {
            return fail(method, d === k ? "the linear read-back needs d > k for free init with the last token given" : "the read-back system has more than a line of solutions");
          }
          const Z = Array.from({ length: k }, (_, j) => solution.slice(d + j * k, d + (j + 1) * k));
          const rho = columnSums(field, Z);
          if (!check("ρ has no zero entry", rho.every((x) => !field.isZero(x)), "needed to undo diag(ρ)")) return fail(method, "ρ has a zero entry");
          T = scaleRowsCols(field, Z, null, rho.map((x) => field.div(field.one, x)));
          const p = fromLaw(matVec(field, K, rho), T);
          if (p === null) return fail(method, "π is not determined from π_t");
          pi = p;
        }
      }
    }
    const same = vectorsEqual(field, pi, params.pi) && matEqual(field, T, params.T) && matEqual(field, O, params.emission);
    check("the read-back returns the point itself", same, same ? "exact equality of π, T, O" : "MISMATCH: the read-back formulas disagree with the point (a derivation bug)");
    const established = conditions.every((c) => c.holds);
    return {
      established,
      method,
      conditions,
      reason: established
        ? `the CP factors of ${task} determine (π, T, O) (${method}); every non-degeneracy condition holds exactly at this point, hence generically`
        : `a condition failed: ${conditions.filter((c) => !c.holds).map((c) => c.name).join("; ")}`,
    };
  } catch (e) {
    if (!(e instanceof DivisionByZero)) throw e;
    check("no vanishing denominator", false, "a denominator vanished at this point");
    return fail("interrupted", "a denominator vanished at this point");
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
