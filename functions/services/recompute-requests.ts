import { createHash } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from '#core/zod.ts';
import { log } from '#functions/commons/logger.ts';
import { recomputeProvince } from '#functions/services/recompute.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * How an ingestion asks for the province's snapshots to be rebuilt after its
 * days changed: at once in the same process (one machine, the operator's
 * commands), or as a message on the recompute queue (AWS), so that the
 * sender's answer does not wait for the sweep.
 */
export type RecomputeRequester = (
  province: string,
  changedDays: string[],
  submissionId: string,
) => Promise<void>;

/** Recomputes in this process; `after` runs once the snapshots are written (the read cache is cleared, the briefing announced). */
export function inlineRecompute(
  store: Store,
  after: (province: string) => void | Promise<void> = () => {},
): RecomputeRequester {
  return async (province, changedDays, submissionId) => {
    const result = await recomputeProvince(store, province, changedDays);
    await after(province);
    log.info('recomputed', { province, submission: submissionId, days: changedDays.length, ...result });
  };
}

/** A request on the recompute queue: a FIFO queue grouped by province, so one province is rebuilt by one consumer at a time. */
export const RecomputeMessage = z.strictObject({
  province: z.string().check(z.regex(/^\d{2}$/, 'a two-digit province code')),
  days: z.array(z.iso.date()).check(z.minLength(1), z.maxLength(4000)),
  submission: z.string().check(z.minLength(1), z.maxLength(80)),
});
export type RecomputeMessage = z.infer<typeof RecomputeMessage>;

export function queuedRecompute(sqs: SQSClient, queueUrl: string): RecomputeRequester {
  return async (province, changedDays, submissionId) => {
    const message: RecomputeMessage = { province, days: [...changedDays].sort(), submission: submissionId };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: province,
        // one message per submission: two submissions that change the same days must both be heard
        MessageDeduplicationId: createHash('sha256').update(submissionId).digest('hex'),
      }),
    );
    log.info('recompute requested', { province, submission: submissionId, days: changedDays.length });
  };
}
