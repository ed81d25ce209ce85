// A StrykerJS reporter that appends one line per tested mutant to
// reports/mutation/live.txt as soon as its result is known, so the survivors of a long run
// can be read (and worked on) before the run ends. Ignored (static) mutants and mutants
// outside a run's sample are not listed.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { PluginKind, declareClassPlugin } from "@stryker-mutator/api/plugin";
import { mutantKey } from "./mutation-sample-checker.mjs";

export const LIVE_FILE = "reports/mutation/live.txt";

class LiveReporter {
  static inject = [];
  // In a sampled run, only the sampled mutants are listed.
  sample = process.env.MUTATION_SAMPLE ? new Set(JSON.parse(readFileSync(process.env.MUTATION_SAMPLE, "utf8")).mutants) : null;
  constructor() {
    mkdirSync("reports/mutation", { recursive: true });
    writeFileSync(LIVE_FILE, "");
  }
  onMutantTested(result) {
    if (result.status === "Ignored" || (this.sample && !this.sample.has(mutantKey(result)))) return;
    const file = result.fileName.slice(result.fileName.lastIndexOf("/src/") + 1);
    appendFileSync(LIVE_FILE, `${result.status}\t${file}:${result.location.start.line}\t${result.mutatorName}\t${JSON.stringify(result.replacement)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "live", LiveReporter)];
