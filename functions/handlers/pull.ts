import { addDays, isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { parsePeriod } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { errorFields, lambdaHandler, log } from '#functions/commons/logger.ts';
import { emitFreshness, emitIngestMetrics } from '#functions/commons/metrics.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { portalClientFromEnvironment } from '#functions/portal/client.ts';
import { periodsToPull, pullNational, pullPortal } from '#functions/services/pull-portal.ts';
import { pullDay } from '#functions/services/submit-file.ts';
import type { Receipt } from '#functions/store/store.ts';

/**
 * The daily scheduled pull (EventBridge Scheduler at 06:00 Vietnam time, one
 * schedule per province, each naming its province). From the national portal
 * (PULL_SOURCE=portal, the default): the year, quarter and month of
 * yesterday, or the period the event names. From a source of daily records
 * (PULL_SOURCE=records): yesterday's records from SOURCE_URL, or the event's
 * date. Either way through the same ingestion and receipts as the API.
 * `npm run pull` runs the same code on one machine.
 */
export interface PullEvent {
  province?: string;
  /** records: the day to pull */
  date?: string;
  /** portal: the period to pull instead of the current ones */
  period?: string;
  source?: 'portal' | 'records';
}

/** PULL_SOURCE names it; a deployment that set only SOURCE_URL keeps pulling its records. */
function pullSource(): 'portal' | 'records' {
  const named = process.env.PULL_SOURCE;
  if (named === 'portal' || named === 'records') return named;
  if (named) throw new Error(`PULL_SOURCE must be portal or records, not "${named}"`);
  return process.env.SOURCE_URL ? 'records' : 'portal';
}

export const handler = lambdaHandler(
  async (event: PullEvent = {}): Promise<{ submission: string; counts: object }> => {
    const source = event.source ?? pullSource();
    const province = event.province ?? process.env.PROVINCE ?? '82';
    registry.requireProvince(province);
    let receipt: Receipt;
    try {
      if (source === 'portal') {
        const periods = event.period ? [parsePeriod(event.period)] : periodsToPull();
        const client = portalClientFromEnvironment();
        receipt = await pullPortal(ingestPlatform(), client, province, periods, 'the daily pull');
        // the country at a glance, beside the province: a failure here costs the province's pull nothing
        await pullNational(ingestPlatform(), client).then(
          (n) => log.info('national list pulled', { period: n.period, provinces: n.provinces.length }),
          (error: unknown) => log.warn('national list not pulled', { ...errorFields(error) }),
        );
      } else {
        const url = process.env.SOURCE_URL;
        if (!url)
          throw new Error('SOURCE_URL is not set: the daily pull of records has nowhere to pull from');
        const date = event.date ?? addDays(todayInVietnam(), -1);
        if (!isDay(date)) throw new Error(`the event's date "${date}" is not a day written YYYY-MM-DD`);
        receipt = await pullDay(ingestPlatform(), province, url, date);
      }
    } catch (error) {
      // the scheduler retries; the line says what failed, in our source files' terms
      log.error('pull failed', { province, source, ...errorFields(error) });
      throw error;
    }
    log.info('ingested', { province, source: `pull ${source}`, submission: receipt.id, ...receipt.counts });
    emitIngestMetrics(province, receipt.counts);
    // every morning, whatever came: the freshness alarm hears from the province each day
    await emitFreshness(ingestPlatform().store, province);
    return { submission: receipt.id, counts: receipt.counts };
  },
);
