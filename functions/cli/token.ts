import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { DEFAULT_PROVINCE, UnknownProvinceError } from '#core/registry/registry.ts';
import { createToken, TokenScopeError } from '#functions/services/tokens.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import type { Store } from '#functions/store/store.ts';
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

/** The deployed table, through the SDK's default credentials. */
async function awsStore(tableName: string): Promise<{ store: Store; close(): Promise<void> }> {
  const client = createDocumentClient({ region: process.env.AWS_REGION ?? 'ap-southeast-1' });
  return { store: new DynamoStore({ client, tableName }), close: async () => client.destroy() };
}

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
  const db = awsTable ? await awsStore(awsTable) : await openDatabase();
  try {
    const token = await createToken(db.store, values.province, units, values.label);
    process.stdout.write(`${token}\n`);
  } finally {
    await db.close();
  }
}

await runCommand('token', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError, TokenScopeError]);
