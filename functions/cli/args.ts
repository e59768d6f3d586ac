import { type ParseArgsConfig, parseArgs } from 'node:util';

/** A command line that cannot be carried out as written: exit code 2 and one line on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses options strictly; unknown or malformed options become a UsageError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/**
 * Runs a command's main function: a UsageError (or any other known input
 * fault) prints one line and exits 2; anything else is a bug and exits 1.
 */
export async function runCommand(
  name: string,
  usage: string,
  main: () => Promise<void>,
  inputErrors: (new (...a: never[]) => Error)[] = [],
) {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError || inputErrors.some((E) => error instanceof E)) {
      process.stderr.write(`${name}: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')} (${usage})\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
