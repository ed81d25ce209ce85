import { describe, expect, it } from "vitest";
import { PROOFS } from "../../proofs/index.ts";
import { staleDocuments } from "../../src/cli/docs.ts";
import { DERIVATIONS_DIR, renderDerivations } from "../../src/report/derivations.ts";

describe("derivation documents", () => {
  it("the committed docs/derivations/ equal freshly generated ones (run `maskid docs` after a change)", () => {
    const files = renderDerivations(PROOFS);
    expect(staleDocuments(DERIVATIONS_DIR, files)).toEqual([]);
    // Every claim document shows a verdict table and either a proof or the reason it has none.
    for (const [name, text] of files) {
      if (name === "index.md") continue;
      expect(text).toContain("## Verdicts across sizes");
      expect(text.includes("✓ *Evidence:*") || text.includes("No proof in `proofs/`")).toBe(true);
    }
  });
});
