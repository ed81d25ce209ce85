import { InputError } from "../base/errors.ts";
import { ParameterError } from "../model/params-file.ts";
import { TaskSyntaxError } from "../task/parse.ts";
import { UsageError, USAGE } from "./usage.ts";

type Command = (argv: string[]) => Promise<number> | number;

/** Commands load on demand: mathjs alone takes ~1.5 s to import and only `claims` needs it. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./check.ts")).runCheck,
  claims: async () => (await import("./claims.ts")).runClaimsCommand,
  prove: async () => (await import("./prove.ts")).runProveCommand,
  predictor: async () => (await import("./predictor.ts")).runPredictor,
  docs: async () => (await import("./docs.ts")).runDocs,
  recover: async () => (await import("./recover.ts")).runRecover,
};

/** Entry point: returns the exit code (0 done, 1 a check or claim failed, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command "${command}"`);
    return await (await run())(rest);
  } catch (e) {
    return reportError(e);
  }
}

/** Known input problems become one line (plus a caret for tasks) and exit 2; nothing else is hidden. */
function reportError(e: unknown): number {
  if (e instanceof TaskSyntaxError) {
    process.stderr.write(`maskid: error: bad task: ${e.message}\n${e.pointer()}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`maskid: error: ${e.message}\nRun "maskid help" for usage.\n`);
    return 2;
  }
  if (e instanceof InputError || e instanceof ParameterError) {
    process.stderr.write(`maskid: error: ${e.message}\n`);
    return 2;
  }
  throw e;
}
