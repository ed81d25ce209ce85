// Runs StrykerJS over the core, one folder at a time (each keeps its own incremental
// file under reports/mutation/), then updates the score table in bench/mutation.md.
// Usage: npm run mutation [-- folder|folder/file.ts ...]
import { spawnSync } from "node:child_process";
import { coreFolders as CORE_FOLDERS } from "../stryker.config.mjs";

const asked = process.argv.slice(2);
const unknown = asked.filter((f) => !CORE_FOLDERS.includes(f.split("/")[0]) || (f.includes("/") && !f.endsWith(".ts")));
if (unknown.length > 0) {
  console.error(`maskid mutation: not a core folder or a .ts file in one: ${unknown.join(", ")} (core: ${CORE_FOLDERS.join(", ")})`);
  process.exit(2);
}
for (const folder of asked.length > 0 ? asked : CORE_FOLDERS) {
  console.error(`mutation testing src/${folder}/`);
  const run = spawnSync("npx", ["stryker", "run"], { stdio: "inherit", env: { ...process.env, MUTATE: folder } });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const summary = spawnSync(process.execPath, ["scripts/mutation-summary.mjs"], { stdio: "inherit" });
process.exit(summary.status ?? 1);
