// A StrykerJS reporter that appends one line per tested mutant to
// reports/mutation/live.txt as soon as its result is known, so the survivors of a long run
// can be read (and worked on) before the run ends. Ignored (static) mutants and those set
// aside by a sample's checker are not listed; uncovered mutants are settled before the
// checker runs, so in a sampled run they are listed whether sampled or not.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { PluginKind, declareClassPlugin } from "@stryker-mutator/api/plugin";
import { NOT_SAMPLED, sourcePath } from "./mutation-sample-checker.mjs";

export const LIVE_FILE = "reports/mutation/live.txt";

class LiveReporter {
  static inject = [];
  constructor() {
    mkdirSync("reports/mutation", { recursive: true });
    writeFileSync(LIVE_FILE, "");
  }
  onMutantTested(result) {
    if (result.status === "Ignored" || result.statusReason === NOT_SAMPLED) return;
    appendFileSync(LIVE_FILE, `${result.status}\t${sourcePath(result.fileName)}:${result.location.start.line}\t${result.mutatorName}\t${JSON.stringify(result.replacement)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "live", LiveReporter)];
