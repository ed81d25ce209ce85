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

/** Entry point: returns the exit code (0 done, 1 a check or claim failed or an internal error, 2 bad input). */
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

/**
 * Known input problems become one line (plus a caret for tasks) and exit 2. Anything else
 * is a bug in maskid: one line saying so and asking for a report, exit 1, and the stack
 * trace only when MASKID_DEBUG=1 is set.
 */
export function reportError(e: unknown, env: Record<string, string | undefined> = process.env): number {
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
  const debug = env.MASKID_DEBUG === "1";
  const message = (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).replace(/\s*\n\s*/g, " ");
  process.stderr.write(
    `maskid: internal error: ${message}\n` +
      `This is a bug in maskid; please report it with the command line you ran${debug ? "" : " (MASKID_DEBUG=1 prints where it happened)"}.\n`,
  );
  if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  return 1;
}
