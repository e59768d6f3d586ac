import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { config } from '#functions/commons/config.ts';
import { errorFields, lambdaHandler, log } from '#functions/commons/logger.ts';
import { platform } from '#functions/handlers/platform.ts';
import { BriefingQueueMessage, claimFreshBriefing } from '#functions/services/announce.ts';
import type { BriefingMessage } from '#functions/services/briefing.ts';
import {
  deliver,
  describeTarget,
  parseSubscriptions,
  type Subscriptions,
} from '#functions/services/briefing-delivery.ts';

/**
 * The briefing queue's consumer (AWS). A "briefing" message builds the
 * province's briefing of its latest day, claims the day (once per day, however
 * many recomputes announced it) and puts one "send" message per target on the
 * same queue: the SNS topic for email, and each webhook of the province's
 * subscriptions. A "send" message sends to its one target, once; a failure is
 * reported for that message alone, so the queue tries it again (the others
 * are not sent twice) and, after its receive limit, keeps it in the
 * dead-letter queue, whose alarm calls a person. Only this function reads the
 * subscriptions secret.
 */

let clients: { sqs: SQSClient; sns: SNSClient; secrets: SecretsManagerClient } | undefined;
const aws = () => {
  const region = config().region;
  clients ??= {
    sqs: new SQSClient({ region }),
    sns: new SNSClient({ region }),
    secrets: new SecretsManagerClient({ region }),
  };
  return clients;
};

/** The subscriptions, read at most once a minute: a change to the secret is heard without a deploy. */
let subscriptions: { value: Subscriptions; at: number } | undefined;
async function subscriptionsOf(province: string): Promise<Subscriptions[string]> {
  const arn = config().briefings.subscriptionsSecret;
  if (!arn) return [];
  if (!subscriptions || Date.now() - subscriptions.at > 60_000) {
    const secret = await aws().secrets.send(new GetSecretValueCommand({ SecretId: arn }));
    subscriptions = {
      value: parseSubscriptions(secret.SecretString ?? '{}', 'the subscriptions secret'),
      at: Date.now(),
    };
  }
  return subscriptions.value[province] ?? [];
}

async function fanOut(province: string): Promise<void> {
  const { store } = platform();
  const message = await claimFreshBriefing(store, province);
  if (!message) return;
  const { queueUrl, topicArn } = config().briefings;
  const day = message.briefing.day;
  const sends: BriefingQueueMessage[] = [];
  if (topicArn) sends.push({ kind: 'send', province, day, target: 'email', to: 'email (SNS)', message });
  for (const [k, target] of (await subscriptionsOf(province)).entries()) {
    sends.push({ kind: 'send', province, day, target: k, to: describeTarget(target), message });
  }
  try {
    for (let k = 0; k < sends.length; k += 10) {
      const out = await aws().sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: sends.slice(k, k + 10).map((m, i) => ({ Id: String(i), MessageBody: JSON.stringify(m) })),
        }),
      );
      if (out.Failed?.length) throw new Error(`${out.Failed.length} briefing sends could not be queued`);
    }
  } catch (error) {
    // the day goes back, so that the retried message announces it again (a send queued twice is a duplicate, not a loss)
    await store.unclaimBriefing(province, day);
    throw error;
  }
  log.info('briefing announced', {
    province,
    day,
    targets: sends.map((s) => (s.kind === 'send' ? s.to : '')),
  });
}

async function send(m: Extract<BriefingQueueMessage, { kind: 'send' }>): Promise<void> {
  const message = m.message as BriefingMessage;
  if (m.target === 'email') {
    const topicArn = config().briefings.topicArn;
    if (!topicArn) return;
    await aws().sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: `${message.text.vi.split('\n')[0]?.slice(0, 99)}`,
        Message: `${message.text.vi}\n\n———\n\n${message.text.en}`,
        // each subscription's filter policy picks its provinces
        MessageAttributes: { province: { DataType: 'String', StringValue: m.province } },
      }),
    );
    return;
  }
  const target = (await subscriptionsOf(m.province))[m.target];
  if (!target) {
    // the subscriptions changed since the briefing was announced: nothing to send to
    log.warn('briefing target gone', { province: m.province, to: m.to });
    return;
  }
  await deliver(target, message);
}

export const handler = lambdaHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failed: string[] = [];
  for (const record of event.Records) {
    let parsed: BriefingQueueMessage;
    try {
      parsed = BriefingQueueMessage.parse(JSON.parse(record.body));
    } catch (error) {
      log.error('not a briefing message', { messageId: record.messageId, ...errorFields(error) });
      failed.push(record.messageId);
      continue;
    }
    try {
      if (parsed.kind === 'briefing') await fanOut(parsed.province);
      else await send(parsed);
    } catch (error) {
      log.error(parsed.kind === 'briefing' ? 'briefing not built' : 'briefing not delivered', {
        province: parsed.province,
        ...(parsed.kind === 'send' ? { to: parsed.to, day: parsed.day } : {}),
        ...errorFields(error),
      });
      failed.push(record.messageId);
    }
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
});
