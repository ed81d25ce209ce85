import { singularValues } from "../linalg/float-matrix.ts";
import { type ModelSpec, type Parameters, emissionName } from "./spec.ts";

/** One regularity assumption of the paper's positive results, checked at a concrete point. */
export interface RegularityCheck {
  readonly name: string;
  readonly holds: boolean;
  /** The figure it was decided on, e.g. `σ_min(T)/σ_max(T) = 3.1e-2`. */
  readonly detail: string;
}

/** Below this relative singular value a matrix counts as singular / rank deficient. */
const RELATIVE_RANK_TOLERANCE = 1e-10;

/**
 * The paper assumes T invertible, O (or M) of full column rank and π > 0. They are
 * reported, never assumed: a point that fails one is still analysed.
 */
export function regularityChecks(spec: ModelSpec, p: Parameters<number>): RegularityCheck[] {
  const sT = singularValues(p.T);
  const tRatio = sT[sT.length - 1] / sT[0];
  const em = emissionName(spec);
  const sE = singularValues(p.emission);
  const k = spec.states;
  const eRatio = k <= spec.symbols ? sE[k - 1] / sE[0] : 0;
  const piMin = Math.min(...p.pi);
  return [
    {
      name: "T invertible",
      holds: tRatio > RELATIVE_RANK_TOLERANCE,
      detail: `σ_min(T)/σ_max(T) = ${tRatio.toExponential(2)}`,
    },
    {
      name: `${em} full column rank`,
      holds: eRatio > RELATIVE_RANK_TOLERANCE,
      detail:
        k <= spec.symbols
          ? `σ_${k}(${em})/σ_1(${em}) = ${eRatio.toExponential(2)}`
          : `k = ${k} > d = ${spec.symbols}: ${em} has more columns than rows`,
    },
    { name: "π > 0", holds: piMin > 0, detail: `min π = ${piMin.toPrecision(4)}` },
  ];
}
