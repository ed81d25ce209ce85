import { describe, expect, it } from "vitest";
import { dualField } from "../../src/field/dual.ts";
import type { Field } from "../../src/field/field.ts";
import { primeField } from "../../src/field/prime.ts";
import { w1Family, w1TangentRank, w2Family, w2TangentRank } from "../../src/families/applies.ts";
import { Rng } from "../../src/base/random.ts";
import { randomRationalCoordinates } from "../../src/model/rational-point.ts";
import { w2ExamplePoint } from "../../src/families/examples.ts";
import { PROOF_PRIME, rationalToPrime, tangentVectors } from "../../src/families/tangent-rank.ts";
import { w1Basis, w1Matrix, w1Transform } from "../../src/families/w1.ts";
import { rationalSqrtLaw, w2Choice, w2Transform } from "../../src/families/w2.ts";
import { fromCoordinates, mapParameters, toCoordinates } from "../../src/model/chart.ts";
import { type ModelSpec, type Parameters, hmmSpec } from "../../src/model/spec.ts";

/** The tangent of one curve ε ↦ move(ε) at 0, by a dual number with one derivative. */
function curveTangent(spec: ModelSpec, move: <E>(f: Field<E>, eps: E) => Parameters<E>): number[] {
  const D = dualField(primeField(PROOF_PRIME), 1);
  return toCoordinates(spec, move(D, D.variable(0, 0))).map((x) => x.g?.[0] ?? 0);
}

const columns = (rows: Float64Array[], j: number) => rows.map((r) => r[j]);

describe("tangentVectors: all directions in one evaluation", () => {
  it("gives W1's partial derivatives: column i is the tangent of the curve R = I + εE_i", () => {
    const spec = hmmSpec(3, 4);
    const k = spec.states;
    const family = w1Family(spec);
    const all = tangentVectors(spec, family.directions, family.move);
    const base = randomRationalCoordinates(spec, new Rng(3));
    for (let i = 0; i < k * (k - 1); i++) {
      const one = curveTangent(spec, <E>(f: Field<E>, eps: E) =>
        w1Transform(f, fromCoordinates(f, spec, base.map((x) => rationalToPrime(f, x))), w1Matrix(f, w1Basis(f, k)[i], eps)),
      );
      expect(columns(all, i)).toEqual(one);
    }
  });

  it("gives W2's partial derivatives: tilts along e_i − e_k, then twists in the planes (e_a, e_b), each a single w2Choice curve", () => {
    const k = 4;
    const spec = hmmSpec(k, 5);
    const family = w2Family(spec);
    const all = tangentVectors(spec, family.directions, family.move);
    const unit = <E>(f: Field<E>, i: number) => Array.from({ length: k }, (_, j) => (i === j ? f.one : f.zero));
    const along = <E>(f: Field<E>, choice: (sqrtPi: E[]) => ReturnType<typeof w2Choice<E>>) => {
      const m = choice(rationalSqrtLaw(f, k));
      return w2Transform(f, mapParameters(w2ExamplePoint(spec), (x) => rationalToPrime(f, x)), m.sqrtPi, m.sqrtPiPrime, m.Q);
    };
    const curves: (<E>(f: Field<E>, eps: E) => Parameters<E>)[] = [];
    for (let i = 0; i < k - 1; i++) {
      curves.push(<E>(f: Field<E>, eps: E) => along(f, (s) => w2Choice(f, s, { direction: unit(f, i).map((x, j) => (j === k - 1 ? f.neg(f.one) : x)), t: eps })));
    }
    for (let a = 0; a < k - 1; a++) {
      for (let b = a + 1; b < k - 1; b++) {
        curves.push(<E>(f: Field<E>, eps: E) => along(f, (s) => w2Choice(f, s, { direction: unit(f, 0), t: f.zero }, { a: unit(f, a), b: unit(f, b), s: eps })));
      }
    }
    expect(curves.length).toBe(family.directions);
    curves.forEach((c, i) => expect(columns(all, i)).toEqual(curveTangent(spec, c)));
    expect(rankOf(PROOF_PRIME, curves.map((c) => curveTangent(spec, c)))).toBe((k * (k - 1)) / 2);
  });

  it("measures the full dimensions k(k − 1) and k(k − 1)/2 at (8, 16)", () => {
    const s = hmmSpec(8, 16);
    expect(w1TangentRank(s)).toBe(56);
    expect(w2TangentRank(s)).toBe(28);
  });
});

/** Rank mod p by plain elimination (independent of ModPEchelon). */
function rankOf(p: number, rows: number[][]): number {
  const m = rows.map((r) => r.map((x) => ((x % p) + p) % p));
  const mul = (a: number, b: number) => Number((BigInt(a) * BigInt(b)) % BigInt(p));
  const inv = (a: number) => {
    let [r, x, e] = [1n, BigInt(a), BigInt(p - 2)];
    for (; e > 0n; e >>= 1n, x = (x * x) % BigInt(p)) if (e & 1n) r = (r * x) % BigInt(p);
    return Number(r);
  };
  let rank = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && rank < m.length; c++) {
    const pivot = m.findIndex((r, i) => i >= rank && r[c] !== 0);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot], m[rank]];
    const scale = inv(m[rank][c]);
    for (let i = 0; i < m.length; i++) {
      if (i === rank || m[i][c] === 0) continue;
      const factor = mul(m[i][c], scale);
      m[i] = m[i].map((x, j) => (x - mul(factor, m[rank][j]) + p) % p);
    }
    rank++;
  }
  return rank;
}
