import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { errorFields, lambdaHandler, log } from '#functions/commons/logger.ts';
import { emitFreshness, emitProvinceMetrics } from '#functions/commons/metrics.ts';
import { announcer } from '#functions/handlers/announcer.ts';
import { platform } from '#functions/handlers/platform.ts';
import { recomputeProvince } from '#functions/services/recompute.ts';
import { RecomputeMessage } from '#functions/services/recompute-requests.ts';

/**
 * The recompute queue's consumer (AWS): each province's requests in a batch
 * become one sweep over the union of their days. A province whose sweep fails
 * has all its messages returned to the queue, to be retried and, after the
 * queue's receive limit, kept in the dead-letter queue; other provinces of the
 * batch are not held back. A message that is not a recompute request is
 * reported failed at once, so that it ends in the dead-letter queue for a
 * person to read. A province ranked anew has its morning briefing announced
 * on the briefing queue (functions/handlers/briefing.ts).
 */
export const handler = lambdaHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const { store } = platform();
  const failed: string[] = [];
  const provinces = new Map<string, { days: Set<string>; messages: string[]; submissions: string[] }>();
  for (const record of event.Records) {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      log.error('not a recompute request', { messageId: record.messageId, problem: 'the body is not JSON' });
      failed.push(record.messageId);
      continue;
    }
    const parsed = RecomputeMessage.safeParse(body);
    if (!parsed.success) {
      log.error('not a recompute request', {
        messageId: record.messageId,
        problem: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      });
      failed.push(record.messageId);
      continue;
    }
    const { province, days, submission } = parsed.data;
    const entry = provinces.get(province) ?? { days: new Set<string>(), messages: [], submissions: [] };
    for (const d of days) entry.days.add(d);
    entry.messages.push(record.messageId);
    entry.submissions.push(submission);
    provinces.set(province, entry);
  }
  for (const [province, entry] of provinces) {
    try {
      const started = Date.now();
      const result = await recomputeProvince(store, province, [...entry.days]);
      const ms = Date.now() - started;
      log.info('recomputed', {
        province,
        submissions: entry.submissions,
        days: entry.days.size,
        ms,
        ...result,
      });
      emitProvinceMetrics(province, {
        RecomputeDuration: { value: ms, unit: 'Milliseconds' },
        SnapshotsWritten: { value: result.snapshots, unit: 'Count' },
      });
      await emitFreshness(store, province);
      // never fails the recompute: a briefing not announced is logged
      await announcer(store)(province);
    } catch (error) {
      log.error('recompute failed', {
        province,
        submissions: entry.submissions,
        ...errorFields(error),
      });
      failed.push(...entry.messages);
    }
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
});
