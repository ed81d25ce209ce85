import { describe, expect, it } from "vitest";
import { PROOFS } from "../../proofs/index.ts";
import { w1WitnessStep } from "../../proofs/pairwise-w1.ts";
import { w2WitnessStep } from "../../proofs/all-pairwise-w2.ts";
import { w3InvarianceStep } from "../../proofs/gaussian-contrast.ts";
import { inverse } from "../../src/linalg/elimination.ts";
import { diag, matMul, matScale, transpose } from "../../src/linalg/matrix.ts";
import { w2Transform } from "../../src/families/w2.ts";
import { w3Transform } from "../../src/families/w3.ts";
import type { Field } from "../../src/field/field.ts";
import { CATALOGUE } from "../../src/claims/catalogue.ts";
import { runProof } from "../../src/claims/proof.ts";
import type { Parameters } from "../../src/model/spec.ts";

describe("proofs", () => {
  for (const proof of PROOFS) {
    it(`${proof.name}: every step passes with evidence`, () => {
      const run = runProof(proof);
      for (const step of run.steps) {
        expect(step.passed, `${proof.name}: ${step.statement}\n${step.evidence}`).toBe(true);
        expect(step.evidence.length).toBeGreaterThan(20);
      }
    });
  }

  it("every claim's proof exists and names the claim back", () => {
    for (const claim of CATALOGUE.filter((c) => c.proof !== null)) {
      const proof = PROOFS.find((p) => p.name === claim.proof);
      expect(proof, claim.id).toBeDefined();
      expect(proof!.claims).toContain(claim.id);
    }
  });
});

describe("a mutated construction makes its proof fail", () => {
  it("W1 with A' = R A Rᵀ (R instead of R⁻¹)", () => {
    const mutated = <E>(f: Field<E>, p: Parameters<E>, R: E[][]): Parameters<E> => {
      const Aprime = matMul(f, matMul(f, R, matMul(f, p.T, diag(f, p.pi))), transpose(R));
      const pi = Aprime.map((row) => row.reduce((s, x) => f.add(s, x), f.zero));
      return { pi, T: matMul(f, Aprime, inverse(f, diag(f, pi))), emission: matMul(f, p.emission, R) };
    };
    expect(w1WitnessStep().check().passed).toBe(true);
    expect(w1WitnessStep(mutated).check().passed).toBe(false);
  });

  it("W2 with a non-orthogonal Q (scaled by 1 + 1/50)", () => {
    const mutated = <E>(f: Field<E>, p: Parameters<E>, s: readonly E[], sp: readonly E[], Q: E[][]) =>
      w2Transform(f, p, s, sp, matScale(f, f.fromRational(51n, 50n), Q));
    expect(w2WitnessStep().check().passed).toBe(true);
    expect(w2WitnessStep(mutated).check().passed).toBe(false);
  });

  it("W3 with 1ᵀv ≠ 0", () => {
    expect(w3InvarianceStep(w3Transform, [0.03, -0.05, 0.02]).check().passed).toBe(true);
    expect(w3InvarianceStep(w3Transform, [0.03, -0.05, 0.04]).check().passed).toBe(false);
  });
});
