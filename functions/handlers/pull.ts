import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { log } from '#functions/commons/logger.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { pullDay } from '#functions/services/submit-file.ts';

/**
 * The daily scheduled pull (EventBridge Scheduler at 06:00 Vietnam time):
 * yesterday's records for the province from SOURCE_URL, through the same
 * ingestion and receipts as the API. `npm run pull` runs the same code by hand.
 */
const source = process.env.SOURCE_URL;
const province = process.env.PROVINCE ?? '82';

export async function handler(
  event: { date?: string } = {},
): Promise<{ submission: string; counts: object }> {
  if (!source) throw new Error('SOURCE_URL is not set: the daily pull has nowhere to pull from');
  const date = event.date ?? addDays(todayInVietnam(), -1);
  const receipt = await pullDay(ingestPlatform(), province, source, date);
  log.info('ingested', { province, source: 'pull', date, submission: receipt.id, ...receipt.counts });
  return { submission: receipt.id, counts: receipt.counts };
}
