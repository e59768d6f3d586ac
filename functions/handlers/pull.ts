import { addDays, isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { registry } from '#core/registry/registry.ts';
import { errorFields, log } from '#functions/commons/logger.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { pullDay } from '#functions/services/submit-file.ts';

/**
 * The daily scheduled pull (EventBridge Scheduler at 06:00 Vietnam time, one
 * schedule per province, each naming its province): yesterday's records from
 * SOURCE_URL, through the same ingestion and receipts as the API. A date in
 * the event pulls that day instead (a catch-up by hand). `npm run pull` runs
 * the same code on one machine.
 */
export async function handler(
  event: { province?: string; date?: string } = {},
): Promise<{ submission: string; counts: object }> {
  const source = process.env.SOURCE_URL;
  if (!source) throw new Error('SOURCE_URL is not set: the daily pull has nowhere to pull from');
  const province = event.province ?? process.env.PROVINCE ?? '82';
  registry.requireProvince(province);
  const date = event.date ?? addDays(todayInVietnam(), -1);
  if (!isDay(date)) throw new Error(`the event's date "${date}" is not a day written YYYY-MM-DD`);
  let receipt: Awaited<ReturnType<typeof pullDay>>;
  try {
    receipt = await pullDay(ingestPlatform(), province, source, date);
  } catch (error) {
    // the scheduler retries; the line says what failed, in our source files' terms
    log.error('pull failed', { province, date, ...errorFields(error) });
    throw error;
  }
  log.info('ingested', { province, source: 'pull', date, submission: receipt.id, ...receipt.counts });
  return { submission: receipt.id, counts: receipt.counts };
}
