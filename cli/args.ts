import { type ParseArgsConfig, parseArgs } from 'node:util';
import { asDomainError, PASSING_FAULTS } from '#functions/services/errors.ts';

// the commands run on the operator's Node (20 here); the SDK's warning about it says nothing they can act on
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
 * Runs a command's main function. A UsageError, a domain fault of the input
 * (a bad file, an unknown province) or another known input fault prints one
 * line and exits 2; a passing fault (the database busy, a submission
 * interrupted) prints one line and exits 75, for a script to try again; anything
 * else is a bug and exits 1 with its stack.
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
    const fault = asDomainError(error);
    const known = error instanceof UsageError || inputErrors.some((E) => error instanceof E);
    if (!fault && !known) throw error;
    const message = (fault ?? (error as Error)).message.replace(/\s*\n\s*/g, ' ');
    const passing = fault !== undefined && PASSING_FAULTS.has(fault.kind);
    process.stderr.write(passing ? `${name}: ${message}\n` : `${name}: ${message} (${usage})\n`);
    process.exitCode = passing ? 75 : 2;
  }
}
