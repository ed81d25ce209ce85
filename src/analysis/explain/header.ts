import type { ModelSpec } from "../../model/spec.ts";

/** What heads every explain result, exact or numerical. */
export interface ExplainHeader {
  readonly model: ModelSpec;
  readonly tasks: readonly string[];
  readonly seed: number;
  readonly parameterCount: number;
  /** The free coordinates θ in chart order, named as in check's per-entry table. */
  readonly coordinates: readonly string[];
}
