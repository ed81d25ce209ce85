/** The public API of maskid, by name. */
// Analysis: the verdict on a task set, with its evidence.
export { analyse, type AnalyseOptions } from "./analysis/analyse.ts";
export type { AnalysisResult, IdentifiableAnalysis, NotIdentifiableAnalysis, InconclusiveAnalysis } from "./analysis/result.ts";
export type { Verdict, ParameterVerdict, Evidence, AnalysedTask } from "./identify/result.ts";
export type { Witness, WitnessSearch, RationalParameterFile } from "./witness/witness-pair.ts";
// Tasks: parsing and printing "x1 -> x2 ⊗ x3".
export { parseTask, parseTaskSet, TaskSyntaxError } from "./task/parse.ts";
export { type Task, formatTask, formatTaskSet } from "./task/task.ts";
// Models and parameter points: specs, the chart, parameter files, regularity.
export { type ModelSpec, type Parameters, type Family, type Init, parameterCount, freeCoordinates, hmmSpec, ghmmSpec } from "./model/spec.ts";
export { fromCoordinates, toCoordinates, stationaryLaw } from "./model/chart.ts";
export { validateParameters, parseParameterFile, type ParsedParameterFile, toParameterFile, ParameterError } from "./model/params-file.ts";
export { regularityChecks } from "./model/regularity.ts";
// Relabelling hidden states: state i of relabel(p, σ) is state σ[i] of p.
export { relabel, relabelledDistance } from "./model/relabel.ts";
// Predictions: one task's predictor, and the exhaustive summary of a task set.
export { predict } from "./predictor/predict.ts";
export { exhaustiveSummary } from "./predictor/summary.ts";
// Number systems: floats, Q, F_p and dual numbers behind one Field interface.
export { type Field, type AnalyticField, DivisionByZero } from "./field/field.ts";
export { floatField } from "./field/float.ts";
export { primeField } from "./field/prime.ts";
export { rationalField, rational, type Rational } from "./field/rational.ts";
export { dualField, floatDualField } from "./field/dual.ts";
// Witnesses: two points with the same predictions that are not relabellings of each other.
export { findWitness, findExactWitness } from "./witness/witness.ts";
// Global identifiability evidence: Kruskal with an exact read-back, and a multi-start search.
export { type GlobalEvidence, globalEvidence } from "./uniqueness/evidence.ts";
export { kruskalEvidence } from "./uniqueness/kruskal-evidence.ts";
// Recovery of (π, T, O) from a tensor task's predictor, and alignment to a known truth.
export { recoverFromPredictor } from "./recover/from-predictor.ts";
export { alignToTruth } from "./recover/align.ts";
export { recoveryReport, type RecoveryReport, type RecoveryReportOptions, type RecoveryOutcome } from "./recover/report.ts";
// Claims: identifiability claims (the paper's and maskid's own), each checked with analyse at a list of sizes.
export type { Claim } from "./claims/claim.ts";
export { CATALOGUE } from "./claims/catalogue.ts";
export { runClaims, type RunClaimsOptions } from "./claims/run-claims.ts";
export { parseClaimsFile, validateClaims } from "./claims/validate-claims.ts";
// Proofs: executable derivations, a statement and a check per step.
export { type Proof, runProof } from "./claims/proof.ts";
// Closed forms of the predictor for the tasks that have one.
export { CLOSED_FORMS, closedFormFor } from "./symbolic/closed-forms.ts";
// Errors for invalid input.
export { InputError } from "./base/errors.ts";
// What a long computation reports while it runs (`onProgress`).
export type { ProgressEvent, OnProgress } from "./base/progress.ts";

// ---------------------------------------------------------------------------
// Building blocks for derivations: what the executable proofs in proofs/ use,
// by layer. (Names already listed above are not repeated.)
// ---------------------------------------------------------------------------
// Seeded randomness, so every proof is reproducible.
export { Rng } from "./base/random.ts";
// Symbolic expressions: a Field of polynomials/rational functions in named symbols.
export { type Sym, symbolicField, symbol, expandsToZero } from "./field/symbolic.ts";
// Matrices over any Field, and the numerical rank of a float Jacobian.
export { diag, transpose, matMul, matVec, matEqual } from "./linalg/matrix.ts";
export { numericalRank } from "./linalg/numerical-rank.ts";
// Random parameter points: floats in the chart, exact rationals.
export { randomFloatPoint } from "./model/random-point.ts";
export { randomRationalCoordinates } from "./model/rational-point.ts";
// Designs: every input of a discrete task, and Gaussian inputs for a ghmm task.
export { allInputs, gaussianDesign } from "./predictor/design.ts";
// Non-identifiable families (W1, W2, W3, the matrix-power pair) and their checks.
export { compareSummaries, maxSummaryDifference, validityProblems, positiveRational } from "./families/check.ts";
export { w2Example } from "./families/examples.ts";
export { claim1Pair } from "./families/matrix-power.ts";
export { w1Transform, w1Direction, w1Matrix, w1Basis } from "./families/w1.ts";
export { w2Transform, w2Hypotheses, w2Choice, rationalSqrtLaw } from "./families/w2.ts";
export { w3Transform, w3Direction } from "./families/w3.ts";
export { tangentRank, rationalToPrime } from "./families/tangent-rank.ts";
export { type ApplicableFamily, type FamilyName, applicableFamilies, explainingFamily, w1TangentRank, w2TangentRank } from "./families/applies.ts";
// The CP factors of a tensor task's predictor (the input to Kruskal's theorem).
export { cpFactors, cpPrediction } from "./uniqueness/cp-factors.ts";
// Symbolic predictors: parameter symbols, and a check of a closed form against the engine.
export { parameterSymbols } from "./symbolic/parameter-symbols.ts";
export { checkClosedForm } from "./symbolic/check-closed-form.ts";
// Proof steps: the step type, and the shared checks the proofs are built from.
export type { ProofStep } from "./claims/proof.ts";
export { engineFiberStep, sameSummaries, formatPoint } from "./claims/proof-steps.ts";
