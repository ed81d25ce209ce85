/** One small claim in the claims-file schema (k = 2, d = 3): a second of work instead of the whole catalogue. */
export const SMALL_CLAIM = {
  id: "tensor-small",
  statement: "x2 -> x1 ⊗ x3 identifies a small discrete HMM.",
  family: "hmm",
  init: "stationary",
  tasks: "x2 -> x1 ⊗ x3",
  expected: "identifiable",
  fiber: { equals: "0" },
  sizes: [{ states: 2, symbols: 3 }],
} as const;
