import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { printReceipt } from '#cli/receipt.ts';
import { addDays, isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { HttpError } from '#functions/services/errors.ts';
import { pullDay, SourceError } from '#functions/services/submit-file.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run pull [-- --date YYYY-MM-DD] [--source URL] [--province 82]
 * The daily scheduled pull, run by hand: fetches a day's records (yesterday
 * by default) from SOURCE_URL and ingests them like any submission.
 */

const USAGE = 'usage: npm run pull -- [--date YYYY-MM-DD] [--source URL] [--province 82]';

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    date: { type: 'string' },
    source: { type: 'string' },
    province: { type: 'string', default: DEFAULT_PROVINCE },
    json: { type: 'boolean', default: false },
  });
  const source = values.source ?? process.env.SOURCE_URL;
  if (!source) throw new UsageError('set SOURCE_URL or give --source URL');
  const date = values.date ?? addDays(todayInVietnam(), -1);
  if (!isDay(date)) throw new UsageError(`--date "${date}" is not a day written YYYY-MM-DD`);
  registry.requireProvince(values.province);
  const db = await openDatabase();
  try {
    const archive = new FolderArchive(process.env.ARCHIVE_DIR as string);
    printReceipt(await pullDay({ store: db.store, archive }, values.province, source, date), values.json);
  } catch (error) {
    if (error instanceof HttpError) throw new UsageError(error.message, { cause: error });
    throw error;
  } finally {
    await db.close();
  }
}

await runCommand('pull', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError, SourceError]);
