import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The spawned CLI runs dist/: build it from the current sources first.
    globalSetup: ["test/helpers/build-dist.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ["default", ["json", { outputFile: "node_modules/.cache/vitest-results.json" }]],
  },
});
