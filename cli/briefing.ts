import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { isDay } from '#core/periods/calendar.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { briefingFor } from '#functions/services/briefing.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run briefing -- [--province 82] [--date YYYY-MM-DD] [--lang vi|en] [--json]
 * Prints a province's morning briefing of a day (its latest day with data by
 * default), as the platform sends it after each day's ingest; sends nothing.
 */

const USAGE = 'usage: npm run briefing -- [--province 82] [--date YYYY-MM-DD] [--lang vi|en] [--json]';

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    province: { type: 'string' },
    date: { type: 'string' },
    lang: { type: 'string', default: 'vi' },
    json: { type: 'boolean', default: false },
  });
  const province = values.province ?? DEFAULT_PROVINCE;
  registry.requireProvince(province);
  if (values.date !== undefined && !isDay(values.date))
    throw new UsageError(`--date "${values.date}" is not a day written YYYY-MM-DD`);
  if (values.lang !== 'vi' && values.lang !== 'en')
    throw new UsageError(`--lang must be vi or en, not "${values.lang}"`);
  const db = await openDatabase();
  try {
    const message = await briefingFor(db.store, province, values.date);
    if (!message) {
      throw new UsageError(
        values.date
          ? `province ${province} has no ranking as of ${values.date}`
          : `province ${province} has no data yet: ingest or pull first`,
      );
    }
    process.stdout.write(
      values.json ? `${JSON.stringify(message.briefing, null, 2)}\n` : `${message.text[values.lang]}\n`,
    );
  } finally {
    await db.close();
  }
}

await runCommand('briefing', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError]);
