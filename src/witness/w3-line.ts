import { floatField } from "../field/float.ts";
import { w3Transform } from "../families/w3.ts";
import { relabelledDistance } from "../model/relabel.ts";
import type { ModelSpec, Parameters } from "../model/spec.ts";
import { isInside } from "./continuation.ts";

/** How far along each W3 line the pair goes, as a fraction of the largest t keeping T' ≥ 0 (so it stays strictly inside). */
const W3_REACH = 0.9;

export interface LinePair {
  readonly second: Parameters<number>;
  readonly distance: number;
  readonly method: string;
}

/**
 * The farthest pair on the W3 lines through `first` (docs/math.md §7.4), followed exactly:
 * for v = t(e_a − e_b), T' = T − v1ᵀ lowers row a by t, so t < min_j T[a][j] keeps T' valid,
 * while μ' = μ + Mv and π' ∝ π exp(μᵀMv/σ²) are valid for every t. Each ordered pair (a, b)
 * goes W3_REACH of the way to that bound; the one farthest from `first` modulo relabelling wins.
 */
export function w3LinePair(spec: ModelSpec, first: Parameters<number>): LinePair | null {
  const k = spec.states;
  let best: LinePair | null = null;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      const t = W3_REACH * Math.min(...first.T[a]);
      const v = Array.from({ length: k }, (_, i) => (i === a ? t : i === b ? -t : 0));
      const second = w3Transform(floatField, first, v, spec.sigma);
      if (!isInside(spec, second)) continue;
      const { distance } = relabelledDistance(first, second);
      if (!best || distance > best.distance) {
        best = {
          second,
          distance,
          method: `the W3 family (docs/math.md §7.4) followed exactly along v = t(e${a + 1} − e${b + 1}), t = ${t.toPrecision(4)} ` +
            `(${W3_REACH} of the largest t keeping T' = T − v1ᵀ positive): μ' = μ + Mv, π' ∝ π exp(μᵀMv/σ²)`,
        };
      }
    }
  }
  return best;
}
