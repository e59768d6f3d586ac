import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { DEFAULT_PROVINCE, UnknownProvinceError } from '#core/registry/registry.ts';
import { createToken, TokenScopeError } from '#functions/services/tokens.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run token -- create --province 82 [--units CODE,CODE] [--label TEXT]
 * Prints a new ingest token alone on stdout; only its hash is stored. Works
 * whether the platform runs or not.
 */

const USAGE = 'usage: npm run token -- create --province 82 [--units CODE,CODE] [--label TEXT]';

async function main(argv: string[]): Promise<void> {
  const [verb, ...rest] = argv;
  if (verb !== 'create') throw new UsageError(verb ? `unknown command "${verb}"` : 'say what to do: create');
  const values = parseOptions(rest, {
    province: { type: 'string', default: DEFAULT_PROVINCE },
    units: { type: 'string' },
    label: { type: 'string' },
  });
  const units = values.units
    ?.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const db = await openDatabase();
  try {
    const token = await createToken(db.store, values.province, units, values.label);
    process.stdout.write(`${token}\n`);
  } finally {
    await db.close();
  }
}

await runCommand('token', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError, TokenScopeError]);
