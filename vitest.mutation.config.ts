import { defineConfig } from "vitest/config";

// The tests StrykerJS runs against each mutant of the core: every test that calls the
// library in-process. Tests that spawn the built CLI or pack the package cannot see an
// in-memory mutant (they run dist/), so they are left out here and run in `npm test`.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [
      "test/cli/**",
      "test/package/**",
      "test/architecture/**",
      "test/analysis/analyse.test.ts",
      "test/analysis/budget.test.ts",
    ],
    // Instrumented code runs 2–3 times slower than in `npm test`.
    testTimeout: 600_000,
  },
});
