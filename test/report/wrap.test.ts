import { describe, expect, it } from "vitest";
import { NBSP, unbroken, wrap } from "../../src/report/wrap.ts";

describe("wrap", () => {
  it("breaks at spaces with a hanging indent, never inside a word", () => {
    expect(wrap("aaa bbb ccc ddd", 9, "  ", "    ")).toEqual(["  aaa bbb", "    ccc", "    ddd"]);
  });

  it("leaves a token longer than the width whole, on its own line", () => {
    expect(wrap("a bbbbbbbbbbbb c", 6)).toEqual(["a", "bbbbbbbbbbbb", "c"]);
  });

  it("keeps words joined by a no-break space together and prints it as a space", () => {
    expect(wrap(`aaaa [0.12${NBSP}s]`, 10)).toEqual(["aaaa", "[0.12 s]"]);
    // A matrix word or a task stays on one line.
    expect(wrap(`spans ${unbroken("O diag(π) Tᵀ Oᵀ")}, ${unbroken("x2 -> x1 ⊗ x3")}`, 12)).toEqual(["spans", "O diag(π) Tᵀ Oᵀ,", "x2 -> x1 ⊗ x3"]);
  });
});
