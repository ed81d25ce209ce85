// Runs StrykerJS over the core (or the folders and files asked for) in one run, so the
// suite's dry run happens once, then updates the score table in bench/mutation.md.
// Usage: npm run mutation [-- folder|folder/file.ts ...]
// MUTATE_SKIP="field/interval.ts ..." leaves files out; MUTATION_CONCURRENCY sets the
// number of test processes (default 1). The run's incremental file under reports/mutation/
// is named after its first target, so rerunning the same targets retests only the mutants
// whose code or covering tests changed.
import { spawnSync } from "node:child_process";
import { coreFolders } from "../stryker.config.mjs";

const asked = process.argv.slice(2);
const unknown = asked.filter((f) => !coreFolders.includes(f.split("/")[0]) || (f.includes("/") && !f.endsWith(".ts")));
if (unknown.length > 0) {
  console.error(`maskid mutation: not a core folder or a .ts file in one: ${unknown.join(", ")} (core: ${coreFolders.join(", ")})`);
  process.exit(2);
}
const targets = asked.length > 0 ? asked : coreFolders;
console.error(`mutation testing ${targets.map((t) => `src/${t}`).join(", ")}`);
const run = spawnSync("npx", ["stryker", "run"], { stdio: "inherit", env: { ...process.env, MUTATE: targets.join(" ") } });
if (run.status !== 0) process.exit(run.status ?? 1);
const summary = spawnSync(process.execPath, ["scripts/mutation-summary.mjs"], { stdio: "inherit" });
process.exit(summary.status ?? 1);
