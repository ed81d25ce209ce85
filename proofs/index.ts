import type { Proof } from "../src/index.ts";
import { allPairwiseW2 } from "./all-pairwise-w2.ts";
import { gaussianContrast } from "./gaussian-contrast.ts";
import { matrixPower } from "./matrix-power.ts";
import { pairwiseW1 } from "./pairwise-w1.ts";
import { tensorKruskal } from "./tensor-kruskal.ts";

/** Every proof, in reading order. */
export const PROOFS: readonly Proof[] = [pairwiseW1, matrixPower, allPairwiseW2, tensorKruskal, gaussianContrast];
