import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { printReceipt } from '#cli/receipt.ts';
import { addDays, isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { type Period, PeriodError, parsePeriod } from '#core/periods/period.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { PortalUnreachableError, portalClientFromEnvironment } from '#functions/portal/client.ts';
import { localAnnouncer, safely } from '#functions/services/announce.ts';
import { periodsToPull, pullNational, pullPortal } from '#functions/services/pull-portal.ts';
import { inlineRecompute } from '#functions/services/recompute-requests.ts';
import { pullDay, SourceError } from '#functions/services/submit-file.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run pull -- --source portal [--province 82] [--period 2026|2026-Q4|2026-11]
 * npm run pull -- [--source URL] [--date YYYY-MM-DD] [--province 82]
 * The daily scheduled pull, run by hand. From the national portal: the year,
 * quarter and month of yesterday (or --period) of the province, or of every
 * province in PORTAL_PROVINCES (default 82). From a source of daily records
 * (a URL, or SOURCE_URL): a day's records, yesterday by default. Either way
 * ingested like any submission.
 */

const USAGE =
  'usage: npm run pull -- --source portal [--province 82] [--period 2026|2026-Q4|2026-11] | [--source URL] [--date YYYY-MM-DD] [--province 82]';

function periodsOf(asked: string | undefined): Period[] {
  if (!asked) return periodsToPull();
  const period = parsePeriod(asked);
  if (!['year', 'quarter', 'month'].includes(period.kind))
    throw new UsageError(`--period ${asked}: the portal publishes years, quarters and months`);
  return [period];
}

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    date: { type: 'string' },
    source: { type: 'string' },
    province: { type: 'string' },
    period: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const source = values.source ?? process.env.SOURCE_URL;
  if (!source)
    throw new UsageError('give --source portal, or --source URL (or SOURCE_URL) for daily records');
  const portal = source === 'portal';
  if (portal && values.date) throw new UsageError('--date is for daily records; the portal takes --period');
  if (!portal && values.period) throw new UsageError('--period is for the portal (--source portal)');
  const provinces = values.province
    ? [values.province]
    : portal
      ? (process.env.PORTAL_PROVINCES ?? DEFAULT_PROVINCE).split(',').map((s) => s.trim())
      : [DEFAULT_PROVINCE];
  for (const p of provinces) registry.requireProvince(p);
  const periods = portal ? periodsOf(values.period) : [];
  const date = values.date ?? addDays(todayInVietnam(), -1);
  if (!portal && !isDay(date)) throw new UsageError(`--date "${date}" is not a day written YYYY-MM-DD`);
  const db = await openDatabase();
  try {
    const { store, archive } = db;
    // the morning briefing of a fresh day follows the pull, as it does on AWS
    const announce = safely(localAnnouncer({ store, ...db.briefings }));
    const deps = { store, archive, recompute: inlineRecompute(store, announce), published: announce };
    const client = portal ? portalClientFromEnvironment() : undefined;
    for (const province of provinces) {
      const receipt = client
        ? await pullPortal(deps, client, province, periods, 'npm run pull')
        : await pullDay(deps, province, source, date);
      printReceipt(receipt, values.json);
    }
    if (client) {
      // the country at a glance, beside the provinces
      const national = await pullNational({ store, archive }, client).catch((error: unknown) => {
        process.stderr.write(
          `pull: the national list was not pulled: ${error instanceof Error ? error.message : error}\n`,
        );
        return undefined;
      });
      if (national && !values.json) {
        process.stdout.write(
          `the national list of ${national.period}: ${national.provinces.length} provinces\n`,
        );
      }
    }
  } finally {
    await db.close();
  }
}

await runCommand('pull', USAGE, () => main(process.argv.slice(2)), [
  UnknownProvinceError,
  SourceError,
  PortalUnreachableError,
  PeriodError,
]);
