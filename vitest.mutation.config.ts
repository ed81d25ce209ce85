import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of the core: every test that calls the
// library in-process. Tests that spawn the built CLI or pack the package cannot see an
// in-memory mutant (they run dist/), so they are left out here and run in `npm test`.
// MUTATION_TESTS=core narrows the run to the core's own unit and law tests (the test
// folders named after the core's folders, and the families and seeded randomness they
// use): each mutant in hot code (dual numbers, elimination) is otherwise rerun against most
// of the suite at ~5× instrumented cost, about a minute each on 2 cores. A mutant such a
// run counts as killed is killed by the whole suite too, so its score is a lower bound.
const CORE_TESTS = ["task", "field", "linalg", "model", "predictor", "identify", "witness", "uniqueness", "families", "base"];

export default defineConfig({
  test: {
    include: process.env.MUTATION_TESTS === "core" ? CORE_TESTS.map((f) => `test/${f}/**/*.test.ts`) : ["test/**/*.test.ts"],
    exclude: [
      "test/cli/**",
      "test/package/**",
      "test/architecture/**",
      "test/analysis/analyse.test.ts",
      "test/analysis/budget.test.ts",
      // σ sweeps and size grids of whole analyses: minutes each under per-test coverage
      // instrumentation (10× slower in the linear algebra's loops); the laws of the core
      // are tested elsewhere, and `npm test` runs these.
      "test/identify/float-trial.test.ts",
      "test/analysis/gaussian-grid.test.ts",
    ],
    // Keep each test file isolated: Stryker's per-test coverage is collected per file, and
    // with shared modules (isolate: false) most mutants came out as not covered.
    // Instrumented code runs 2–3 times slower than in `npm test`.
    testTimeout: 600_000,
  },
});
