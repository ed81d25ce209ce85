/**
 * Global identifiability evidence (issue 4, item 4): Kruskal's theorem with exact ranks
 * and a read-back for tensor tasks, and a multi-start search for other solutions.
 * The one entry point the analysis and CLI need is `globalEvidence`.
 */
export { type GlobalEvidence, type GlobalEvidenceOptions, type GlobalLevel, PROOF_STRENGTH, globalEvidence } from "./evidence.ts";
export { type KruskalEvidence, type KruskalOptions, kruskalEvidence, tensorTasks } from "./kruskal-evidence.ts";
export { type MultiStartOptions, type MultiStartResult, multiStart } from "./multistart.ts";
export { type CpFactors, cpFactors, cpPrediction, isTensorTask } from "./cp-factors.ts";
export { kruskalRankExact, kruskalRankNumerical } from "./kruskal.ts";
export { type ReadBack, readBack } from "./read-back.ts";
