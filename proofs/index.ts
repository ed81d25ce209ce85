import type { Proof } from "../src/proofs/proof.ts";
import { pairwiseW1 } from "./pairwise-w1.ts";

/** Every proof, in reading order. */
export const PROOFS: readonly Proof[] = [pairwiseW1];
