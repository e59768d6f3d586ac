import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { awsStore } from '#cli/aws.ts';
import { DEFAULT_PROVINCE, UnknownProvinceError } from '#core/registry/registry.ts';
import { createToken, TokenScopeError } from '#functions/services/tokens.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run token -- create --province 82 [--units CODE,CODE] [--label TEXT] [--aws-table NAME]
 * Prints a new ingest token alone on stdout; only its hash is stored. Works
 * whether the platform runs or not. With --aws-table (the stack's TableName
 * output) it writes to that DynamoDB table on AWS, with the credentials and
 * region of the AWS CLI's usual settings (AWS_PROFILE, AWS_REGION).
 */

const USAGE =
  'usage: npm run token -- create --province 82 [--units CODE,CODE] [--label TEXT] [--aws-table NAME]';

async function main(argv: string[]): Promise<void> {
  const [verb, ...rest] = argv;
  if (verb !== 'create') throw new UsageError(verb ? `unknown command "${verb}"` : 'say what to do: create');
  const values = parseOptions(rest, {
    province: { type: 'string', default: DEFAULT_PROVINCE },
    units: { type: 'string' },
    label: { type: 'string' },
    'aws-table': { type: 'string' },
  });
  const units = values.units
    ?.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const awsTable = values['aws-table'];
  const db = awsTable ? awsStore(awsTable) : await openDatabase();
  try {
    const token = await createToken(db.store, values.province, units, values.label);
    process.stdout.write(`${token}\n`);
  } finally {
    await db.close();
  }
}

await runCommand('token', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError, TokenScopeError]);
