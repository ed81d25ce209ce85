import type { ModelAdviceResult } from "../analysis/advise-model.ts";
import type { AdviceResult } from "../analysis/advise.ts";
import type { ExplainReport } from "../analysis/explain/explain.ts";
import type { AnalysisResult } from "../analysis/result.ts";
import type { ProofRun } from "../claims/proof.ts";
import type { ClaimsReport } from "../claims/run-claims.ts";
import type { MapRecord } from "../map/record.ts";
import type { MapSpecFile } from "../map/spec.ts";
import type { PredictorTableJson, SymbolicPredictorJson } from "../report/predictor-json.ts";
import type { RecoveryJson } from "../report/recovery-json.ts";

/**
 * The shapes every `--json` prints, one per result kind. docs/schemas/*.schema.json are
 * generated from these types (`npm run schemas`); docs/json.md describes them.
 */

/** Raised when a JSON result changes in a way a reader must know about (a field removed, renamed or retyped). */
export const SCHEMA_VERSION = 1;

/** What heads every JSON result: the version of its schema, and of the maskid that printed it. */
export interface VersionHeader {
  readonly schemaVersion: 1;
  /** package.json's version. */
  readonly maskidVersion: string;
}

export type Versioned<T> = VersionHeader & T;

/** `maskid check --json`. */
export type CheckJson = Versioned<AnalysisResult>;
/** `maskid explain --json`. */
export type ExplainJson = Versioned<ExplainReport>;
/** `maskid advise --json`, with a task set or for a model alone. */
export type AdviseJson = Versioned<AdviceResult | ModelAdviceResult>;
/** `maskid claims --json`. */
export type ClaimsJson = Versioned<ClaimsReport>;
/** `maskid predictor --json` (at a point). */
export type PredictorTableResult = Versioned<PredictorTableJson>;
/** `maskid predictor --symbolic --json`. */
export type SymbolicPredictorResult = Versioned<SymbolicPredictorJson>;
/** `maskid recover --json`. */
export type RecoverJson = Versioned<RecoveryJson>;
/** The proofs `maskid prove` ran (a named type: an anonymous one gets a schema name from its place in this file). */
export interface ProofRuns {
  readonly proofs: readonly ProofRun[];
}
/** `maskid prove --json`. */
export type ProveJson = Versioned<ProofRuns>;

/** `maskid docs --check --json`: the documents compared, and those out of date. */
export interface DocsCheck {
  readonly dir: string;
  readonly documents: number;
  readonly stale: readonly string[];
}

/** `maskid docs --json`: the documents written. */
export interface DocsWrite {
  readonly dir: string;
  readonly written: readonly string[];
}

/** `maskid docs --json`, with or without --check. */
export type DocsJson = Versioned<DocsCheck | DocsWrite>;

/** One line of `maskid map`'s results file (JSON lines, one per cell). */
export type MapLineJson = Versioned<MapRecord>;

/** A `maskid map` spec file (input, not output: it has no version header). */
export type MapSpecJson = MapSpecFile;
