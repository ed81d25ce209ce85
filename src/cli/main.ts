import { InputError } from "../base/errors.ts";
import { ParameterError } from "../model/params-file.ts";
import { TaskSyntaxError } from "../task/parse.ts";
import { didYouMean } from "./suggest.ts";
import { maskidVersion } from "./version.ts";
import { type CommandName, COMMAND_HELP, UsageError, USAGE, commandHelp } from "./usage.ts";

type Command = (argv: string[]) => Promise<number> | number;

/** Commands load on demand: mathjs alone takes ~1.5 s to import and only `claims` needs it. */
const COMMANDS: Record<Exclude<CommandName, "help" | "version">, () => Promise<Command>> = {
  check: async () => (await import("./check.ts")).runCheck,
  explain: async () => (await import("./explain.ts")).runExplain,
  advise: async () => (await import("./advise.ts")).runAdvise,
  claims: async () => (await import("./claims.ts")).runClaimsCommand,
  prove: async () => (await import("./prove.ts")).runProveCommand,
  predictor: async () => (await import("./predictor.ts")).runPredictor,
  docs: async () => (await import("./docs.ts")).runDocs,
  recover: async () => (await import("./recover.ts")).runRecover,
  map: async () => (await import("./map.ts")).runMap,
};

const HELP_FLAGS = ["--help", "-h"];

/** Entry point: returns the exit code (0 done, 1 a check or claim failed or an internal error, 2 bad input). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    if (command === "--version" || command === "version") {
      refuseArguments(command, rest);
      process.stdout.write(`${maskidVersion()}\n`);
      return 0;
    }
    if (command === "help" || HELP_FLAGS.includes(command)) {
      const [topic, ...extra] = rest;
      refuseArguments(`help ${topic ?? ""}`.trim(), extra);
      if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic);
      process.stdout.write(topic === undefined ? USAGE : commandHelp(topic));
      return 0;
    }
    if (!isCommand(command)) throw unknownCommand(command);
    // -h/--help anywhere before "--" asks for the command's help, whatever else is on the line.
    const end = rest.indexOf("--");
    if ((end < 0 ? rest : rest.slice(0, end)).some((a) => HELP_FLAGS.includes(a))) {
      process.stdout.write(commandHelp(command));
      return 0;
    }
    return await (await COMMANDS[command as keyof typeof COMMANDS]())(rest);
  } catch (e) {
    return reportError(e);
  }
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_HELP, name);
}

function unknownCommand(name: string): UsageError {
  const known = Object.keys(COMMAND_HELP);
  const hint = name.startsWith("-") ? didYouMean(name.replace(/^-+/, ""), ["help", "version"], (w) => `--${w}`) : didYouMean(name, known, (w) => `"${w}"`);
  return new UsageError(`unknown ${name.startsWith("-") ? "option" : "command"} "${name}"${hint || `; commands: ${known.join(", ")}`}`);
}

function refuseArguments(command: string, rest: readonly string[]): void {
  if (rest.length) throw new UsageError(`"maskid ${command}" takes no arguments, got "${rest[0]}"`);
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
