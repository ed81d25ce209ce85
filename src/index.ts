/** The public API of maskid, by name. */
export { analyse, type AnalyseOptions } from "./identify/analyse.ts";
export type { AnalysisResult, Verdict, ParameterVerdict, Evidence } from "./identify/result.ts";
export { parseTask, parseTaskSet, TaskSyntaxError } from "./task/parse.ts";
export { type Task, formatTask, formatTaskSet } from "./task/task.ts";
export { type ModelSpec, type Parameters, type Family, type Init, parameterCount, freeCoordinates } from "./model/spec.ts";
export { fromCoordinates, toCoordinates, stationaryLaw } from "./model/chart.ts";
export { validateParameters, readParameterFile, toParameterFile, ParameterError } from "./model/params-file.ts";
export { regularityChecks } from "./model/regularity.ts";
export { predict } from "./predictor/predict.ts";
export { exhaustiveSummary } from "./predictor/summary.ts";
export { type Field, type AnalyticField, DivisionByZero } from "./field/field.ts";
export { floatField } from "./field/float.ts";
export { primeField } from "./field/prime.ts";
export { rationalField, rational, type Rational } from "./field/rational.ts";
export { dualField, floatDualField } from "./field/dual.ts";
export { InputError } from "./errors.ts";
