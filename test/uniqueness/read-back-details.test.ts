import { describe, expect, it } from "vitest";
import { Rng } from "../../src/base/random.ts";
import { rationalField as Q } from "../../src/field/rational.ts";
import { parseTask } from "../../src/task/parse.ts";
import { matMul } from "../../src/linalg/matrix.ts";
import { cpFactors, stateLaws } from "../../src/uniqueness/cp-factors.ts";
import { readBack } from "../../src/uniqueness/read-back.ts";
import { hmm, r, rationalPoint } from "../helpers/rational-points.ts";

/**
 * The details of the read-back's conditions are evidence a reader checks by hand: a rank
 * must be the rank of the system (unknowns − kernel dimension), and each guard must say
 * what it guards. These pin them at established points (hmm k = 2, d = 3).
 */
describe("readBack: the detail of every condition at an established point", () => {
  const OK = { name: "the read-back returns the point itself", holds: true, detail: "exact equality of π, T, O" };
  const RANK_O = { name: "rank O = k", holds: true, detail: "rank O = 2, k = 2" };
  const RHO_SEPARATOR = { name: "ρ has no zero entry", holds: true, detail: "every hidden state of the separator has non-zero probability" };
  const CASES = [
    {
      init: "stationary",
      task: "x2 -> x1 ⊗ x3",
      // d² = 9 equations in the d = 3 entries of q; a line of solutions is rank 2.
      conditions: [{ name: "shift-invariance system determines q", holds: true, detail: "9 equations in 3 unknowns have rank 2 (need 2: solutions form a line)" }, RHO_SEPARATOR, RANK_O, OK],
    },
    {
      init: "free",
      task: "x1 -> x2 ⊗ x3",
      // dk = 6 equations in the k = 2 entries of π_1.
      conditions: [RANK_O, { name: "linear system determines π_1", holds: true, detail: "6 equations in 2 unknowns have rank 1 (need 1: solutions form a line)" }, OK],
    },
    {
      init: "free",
      task: "x3 -> x1 ⊗ x2",
      // dk = 6 equations in d + k² = 7 unknowns (u, Z); ρ = Zᵀ1 is inverted next, hence its guard.
      conditions: [
        RANK_O,
        { name: "linear system in (u, Z) determines Z", holds: true, detail: "6 equations in 7 unknowns have rank 6 (need 6: solutions form a line)" },
        { name: "ρ has no zero entry", holds: true, detail: "needed to undo diag(ρ)" },
        OK,
      ],
    },
    {
      init: "free",
      task: "x2 -> x1 ⊗ x3",
      // 2dk = 12 equations in d + 2k² = 11 unknowns (1/q, W, V).
      conditions: [
        { name: "linear system in (1/q, W, V) determines q", holds: true, detail: "12 equations in 11 unknowns have rank 10 (need 10)" },
        { name: "1/q has no zero entry", holds: true, detail: "every symbol of the middle token has non-zero probability" },
        RHO_SEPARATOR,
        RANK_O,
        OK,
      ],
    },
  ] as const;
  for (const c of CASES) {
    it(`${c.init}, ${c.task}: names, holds and details exactly`, () => {
      const spec = hmm(2, 3, c.init);
      const p = rationalPoint(spec, new Rng(3));
      const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask(c.task)));
      expect(rb.conditions).toEqual(c.conditions);
    });
  }

  it("every rank in a detail is a rank: at most the unknowns and the equations, and the condition holds iff it is the needed one (unknowns − 1)", () => {
    // Several shapes and seeds; seed 5 at k = 2 draws degenerate free points whose left and
    // right systems fall short of a line, so failed conditions are read too.
    let seen = 0;
    for (const [k, d] of [[2, 3], [2, 4], [3, 4]]) {
      for (const init of ["stationary", "free"] as const) {
        for (const task of ["x2 -> x1 ⊗ x3", "x1 -> x2 ⊗ x3", "x3 -> x1 ⊗ x2"]) {
          for (const seed of [5, 8]) {
            const spec = hmm(k, d, init);
            const p = rationalPoint(spec, new Rng(seed));
            const rb = readBack(Q, spec, p, cpFactors(Q, spec, p, parseTask(task)));
            for (const cond of rb.conditions.filter((x) => / unknowns have rank /.test(x.detail))) {
              const [, equations, unknowns, rank, need] = cond.detail.match(/^(\d+) equations in (\d+) unknowns have rank (\d+) \(need (\d+)/)!.map(Number);
              const where = `${init} ${task} k=${k} d=${d} seed ${seed}: ${cond.detail}`;
              expect(rank, where).toBeLessThanOrEqual(Math.min(equations, unknowns));
              expect(need, where).toBe(unknowns - 1);
              expect(cond.holds, where).toBe(rank === need);
              seen++;
            }
          }
        }
      }
    }
    // Stationary middle; free middle, left and right: four systems × 3 shapes × 2 seeds.
    expect(seen).toBe(24);
  });
});

describe("readBack: free init, middle token given, a vanishing entry of the solution 1/q", () => {
  // A zero row s of C (no hidden state explains symbol s) forces (1/q)_s E_R[s] = 0, so the
  // solution line has (1/q)_s = 0: no finite law q exists. With d = 4 > k = 2 the other
  // symbols still pin a line, so the guard "1/q has no zero entry" is what must fail, by
  // name and with its reason, before 1/(1/q)_s is attempted (which would only surface as an
  // anonymous vanishing denominator).
  it("C with a zero row: the line is determined, then '1/q has no zero entry' fails and the reason says a solution entry vanishes", () => {
    const spec = hmm(2, 4, "free");
    const p = rationalPoint(spec, new Rng(3));
    const f = cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"));
    for (const zero of [0, 2]) {
      const C = f.C.map((row, s) => (s === zero ? [r(0), r(0)] : row));
      expect(readBack(Q, spec, p, { ...f, C })).toEqual({
        established: false,
        method: "free init: diag(1/q) E_R = C W and diag(1/q) E_L = C V are linear in (1/q, W, V)",
        conditions: [
          { name: "linear system in (1/q, W, V) determines q", holds: true, detail: "16 equations in 12 unknowns have rank 11 (need 11)" },
          { name: "1/q has no zero entry", holds: false, detail: "every symbol of the middle token has non-zero probability" },
        ],
        reason: "a solution entry vanishes",
      });
    }
  });
});

describe("readBack: free init, last token given, a state the chain never reaches", () => {
  // C = O Z' row-scaled by u = 1, with Z' = [[1, 2], [1, −2]]: the (u, Z) system still pins
  // a line, but its solution's second column sums to 0, so ρ = Zᵀ1 has a zero entry and
  // diag(ρ) cannot be undone: the guard must fail by name, with its detail and reason.
  it("C = O Z' with a column of Z' summing to 0: 'ρ has no zero entry' fails and the read-back stops there", () => {
    const spec = hmm(2, 4, "free");
    const p = rationalPoint(spec, new Rng(3));
    const f = cpFactors(Q, spec, p, parseTask("x3 -> x1 ⊗ x2"));
    const Z = [
      [r(1), r(2)],
      [r(1), r(-2)],
    ];
    const C = p.emission.map((row) => [0, 1].map((j) => Q.add(Q.mul(row[0], Z[0][j]), Q.mul(row[1], Z[1][j]))));
    expect(readBack(Q, spec, p, { ...f, C })).toEqual({
      established: false,
      method: "O = E_M, K = O⁺ E_L; O Z = diag(u) C is linear in (u, Z) with Z = T diag(ρ), u the law of x3; ρ = Zᵀ1, T = Z diag(ρ)⁻¹, π_1 = Kρ",
      conditions: [
        { name: "rank O = k", holds: true, detail: "rank O = 2, k = 2" },
        { name: "linear system in (u, Z) determines Z", holds: true, detail: "8 equations in 8 unknowns have rank 7 (need 7: solutions form a line)" },
        { name: "ρ has no zero entry", holds: false, detail: "needed to undo diag(ρ)" },
      ],
      reason: "ρ has a zero entry",
    });
  });
});

describe("readBack: free init, middle token given, a separator state with ρ = 0", () => {
  // Mixing the columns of C by an invertible M leaves the (1/q, W, V) system's solution line
  // and q unchanged (W, V become M⁻¹W, M⁻¹V), but ρ = 1ᵀ diag(q) C M = ρᵀM. With
  // M = [[1, ρ2], [0, −ρ1]] the second entry is ρ1ρ2 − ρ2ρ1 = 0 while the first stays ρ1:
  // one zero entry, not all, and the guard must still fail by name with its reason.
  it("C M with ρᵀM = (ρ1, 0): q is determined, then 'ρ has no zero entry' fails and the reason says a separator state has probability 0", () => {
    const spec = hmm(2, 4, "free");
    const p = rationalPoint(spec, new Rng(3));
    const f = cpFactors(Q, spec, p, parseTask("x2 -> x1 ⊗ x3"));
    const rho = stateLaws(Q, p, 2)[1];
    const M = [
      [r(1), rho[1]],
      [r(0), Q.neg(rho[0])],
    ];
    expect(rho.every((x) => !Q.isZero(x))).toBe(true);
    expect(readBack(Q, spec, p, { ...f, C: matMul(Q, f.C, M) })).toEqual({
      established: false,
      method: "free init: diag(1/q) E_R = C W and diag(1/q) E_L = C V are linear in (1/q, W, V)",
      conditions: [
        { name: "linear system in (1/q, W, V) determines q", holds: true, detail: "16 equations in 12 unknowns have rank 11 (need 11)" },
        { name: "1/q has no zero entry", holds: true, detail: "every symbol of the middle token has non-zero probability" },
        { name: "ρ has no zero entry", holds: false, detail: "every hidden state of the separator has non-zero probability" },
      ],
      reason: "a separator state has probability 0",
    });
  });
});

describe("readBack: first or last token given, O = E_M not of full column rank", () => {
  // Both predicted factors with two equal columns: whichever is E_M has rank 1 < k = 2, and
  // the read-back must stop at once, naming the step (O = E_M) and why.
  for (const task of ["x1 -> x2 ⊗ x3", "x3 -> x1 ⊗ x2"]) {
    it(`${task}: 'rank O = k' fails with rank 1, method 'O = E_M'`, () => {
      const spec = hmm(2, 3, "stationary");
      const p = rationalPoint(spec, new Rng(3));
      const f = cpFactors(Q, spec, p, parseTask(task));
      const twin = (X: typeof f.A) => X.map((row) => [row[0], row[0]]);
      expect(readBack(Q, spec, p, { ...f, A: twin(f.A), B: twin(f.B) })).toEqual({
        established: false,
        method: "O = E_M",
        conditions: [{ name: "rank O = k", holds: false, detail: "rank O = 1, k = 2" }],
        reason: "O is not of full column rank (k > d or a degenerate point)",
      });
    });
  }
});
