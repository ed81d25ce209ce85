import { describe, expect, it } from "vitest";
import type { ModelSpec } from "../../src/model/spec.ts";
import { parseTask } from "../../src/task/parse.ts";
import { CLOSED_FORMS, type ClosedForm, closedFormFor } from "../../src/symbolic/closed-forms.ts";
import { checkClosedForm } from "../../src/symbolic/check-closed-form.ts";

const hmm = (k: number, d: number, init: "stationary" | "free"): ModelSpec => ({ family: "hmm", states: k, symbols: d, init, sigma: 1 });
const discrete = CLOSED_FORMS.filter((f) => f.family === "hmm");

describe("closed forms agree with the forward–backward predictor", () => {
  it.each(discrete.map((f) => [f.task, f] as const))("%s, exactly mod p at k ∈ {2, 3}, d ∈ {2, 3}, both inits", (text, form) => {
    const task = parseTask(text);
    for (const [k, d] of [[2, 2], [2, 3], [3, 3]] as const) {
      for (const init of ["stationary", "free"] as const) {
        const check = checkClosedForm(hmm(k, d, init), task, form, { symbolic: false, points: 2, seed: k * 10 + d });
        expect(check.agrees, `${text} at k=${k}, d=${d}, ${init}`).toBe(true);
        expect(check.entries).toBeGreaterThan(0);
        expect(check.method).toMatch(/Schwartz–Zippel/);
      }
    }
  });

  it("x1 -> x2 expands to the same expressions symbolically at k = d = 2", () => {
    const form = closedFormFor(hmm(2, 2, "free"), parseTask("x1 -> x2"))!;
    const check = checkClosedForm(hmm(2, 2, "free"), parseTask("x1 -> x2"), form, { symbolic: true });
    expect(check).toMatchObject({ agrees: true, entries: 4 });
  });

  it("with an expansion budget: symbolic within it, exact at random points beyond it, and the method says which", () => {
    const task = parseTask("x2 -> x1 ⊗ x3");
    const form = closedFormFor(hmm(2, 2, "stationary"), task)!;
    const within = checkClosedForm(hmm(2, 2, "stationary"), task, form, { symbolic: true, expansionBudget: 2000 });
    expect(within).toMatchObject({ agrees: true, entries: 8, method: "symbolic: each entry's difference expands to 0" });
    const beyond = checkClosedForm(hmm(2, 3, "stationary"), task, form, { symbolic: true, expansionBudget: 2000, points: 2 });
    expect(beyond.agrees).toBe(true);
    expect(beyond.method).toMatch(/^exact at 2 uniform random points of F_p.*symbolic expansion skipped: up to .* terms, over the budget of 2000\)$/);
    const wrong = closedFormFor(hmm(2, 3, "stationary"), parseTask("x1 -> x3"))!;
    expect(checkClosedForm(hmm(2, 3, "stationary"), parseTask("x1 -> x2"), wrong, { symbolic: true, expansionBudget: 0, points: 2 }).agrees).toBe(false);
  });

  it("the check rejects a wrong formula (x1 -> x3's form offered for x1 -> x2)", () => {
    const wrong: ClosedForm = closedFormFor(hmm(2, 3, "stationary"), parseTask("x1 -> x3"))!;
    const check = checkClosedForm(hmm(2, 3, "stationary"), parseTask("x1 -> x2"), wrong, { symbolic: false, points: 1 });
    expect(check.agrees).toBe(false);
  });

  it("closedFormFor finds the form of a task by its text and family, and nothing for others", () => {
    expect(closedFormFor(hmm(2, 2, "free"), parseTask("x2 -> x1 ⊗ x3"))?.task).toBe("x2 -> x1 ⊗ x3");
    expect(closedFormFor(hmm(2, 2, "free"), parseTask("x1 -> x5"))).toBeNull();
  });
});
