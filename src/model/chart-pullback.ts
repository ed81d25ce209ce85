import type { Field } from "../field/field.ts";
import { inverse } from "../linalg/elimination.ts";
import type { ModelSpec, Parameters } from "./spec.ts";

/**
 * A gradient over the entries of (π, T, O) of a discrete model: every entry of π and T,
 * and the rows of O that are not zero (keyed by symbol), each a k-vector over states.
 */
export interface EntryGradients {
  readonly pi: readonly number[];
  readonly T: readonly (readonly number[])[];
  readonly emission: ReadonlyMap<number, readonly number[]>;
}

/**
 * The chain rule through the chart (`fromCoordinates`, discrete emissions): maps a gradient
 * over entries to the gradient over the free coordinates, written into `out` in chart order.
 * A last entry of a column is 1 − the others, so coordinate (i, j) gets g[i][j] − g[last][j].
 * Under stationary init π solves Aπ = e_k, A = T − I with its last row replaced by ones;
 * differentiating, A dπ = −(dT π) on rows < k (0 on the last), so g·dπ = −Σ_{i<k} y_i (dT π)_i
 * with y = A⁻ᵀ g_π: one k×k inverse per point, then O(k²) per gradient.
 */
export function chartPullback(field: Field<number>, spec: ModelSpec, params: Parameters<number>): (g: EntryGradients, out: Float64Array) => void {
  if (spec.family !== "hmm") throw new Error("chartPullback covers discrete emissions only");
  const { states: k, symbols: d } = spec;
  const stationary = spec.init === "stationary";
  const T = params.T;
  const pi = params.pi;
  const Ainv = stationary
    ? inverse(
        field,
        T.map((row, i) => (i === k - 1 ? new Array<number>(k).fill(field.one) : row.map((t, j) => (i === j ? field.sub(t, field.one) : t)))),
      )
    : null;
  const emissionStart = (stationary ? 0 : k - 1) + k * (k - 1);
  return (g, out) => {
    let at = 0;
    if (!stationary) for (let i = 0; i < k - 1; i++) out[at++] = field.sub(g.pi[i], g.pi[k - 1]);
    // π's share of each T entry, −y_i π_j, only on rows i < k − 1 (the last row of A is fixed).
    const y = new Array<number>(k).fill(field.zero);
    if (Ainv) {
      for (let i = 0; i < k - 1; i++) {
        let s = field.zero;
        for (let j = 0; j < k; j++) s = field.add(s, field.mul(Ainv[j][i], g.pi[j]));
        y[i] = s;
      }
    }
    const tEntry = (i: number, j: number) => (Ainv && i < k - 1 ? field.sub(g.T[i][j], field.mul(y[i], pi[j])) : g.T[i][j]);
    for (let j = 0; j < k; j++) {
      const last = tEntry(k - 1, j);
      for (let i = 0; i < k - 1; i++) out[at++] = field.sub(tEntry(i, j), last);
    }
    const lastRow = g.emission.get(d - 1);
    for (let j = 0; j < k; j++) {
      const minusLast = lastRow ? field.neg(lastRow[j]) : field.zero;
      out.fill(minusLast, emissionStart + j * (d - 1), emissionStart + (j + 1) * (d - 1));
    }
    for (const [a, row] of g.emission) {
      if (a === d - 1) continue;
      for (let j = 0; j < k; j++) {
        const c = emissionStart + j * (d - 1) + a;
        out[c] = field.add(out[c], row[j]);
      }
    }
  };
}
