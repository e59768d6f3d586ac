import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { registry } from '#core/registry/registry.ts';
import { localAnnouncer, safely } from '#functions/services/announce.ts';
import { briefingFor } from '#functions/services/briefing.ts';
import { csvOf } from '../support/csv.ts';
import { startWebhookStandIn, type WebhookStandIn } from '../support/webhook-standin.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';
import { type SnsSecretsStandIn, startSnsSecretsStandIn } from './support/sns-secrets-standin.ts';
import { type SqsStandIn, startSqsStandIn } from './support/sqs-standin.ts';

/**
 * The morning briefing after a day's ingest, with the real handlers on the
 * embedded DynamoDB: on one machine (the terminal, the briefings folder, the
 * subscriptions file) and as on AWS (the briefing queue, the topic, the
 * subscriptions secret, stand-ins for SQS, SNS and Secrets Manager, and for
 * the webhooks).
 */

const SECRET = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:subscriptions';
const TOPIC = 'arn:aws:sns:ap-southeast-1:123456789012:briefings';
const yesterday = addDays(todayInVietnam(), -1);
let p: TestPlatform;
let sqs: SqsStandIn;
let aws: SnsSecretsStandIn;
let hook: WebhookStandIn;

beforeAll(async () => {
  sqs = await startSqsStandIn();
  aws = await startSnsSecretsStandIn();
  hook = await startWebhookStandIn();
  p = await startPlatform({
    env: {
      BRIEFING_QUEUE_URL: sqs.queueUrl,
      BRIEFING_TOPIC_ARN: TOPIC,
      SUBSCRIPTIONS_SECRET_ARN: SECRET,
      AWS_ENDPOINT_URL_SNS: aws.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
  });
  const token = await p.token('82');
  // four fresh days, each sent as the morning's ingest would send it
  for (let k = 4; k >= 1; k--) {
    const day = addDays(todayInVietnam(), -k);
    const r = await fetch(`${p.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvOf([...generateRecords({ registry, province: '82', from: day, to: day, seed: 11 })].slice(2)),
    });
    expect(r.status).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await p?.close();
  await Promise.all([sqs?.close(), aws?.close(), hook?.close()]);
});

const bodies = () => sqs.sent.map((m) => JSON.parse(m.MessageBody) as Record<string, unknown>);
const eventOf = (messages: Record<string, unknown>[]) =>
  ({
    Records: messages.map((m, k) => ({ messageId: `m${k}`, body: JSON.stringify(m) })),
  }) as unknown as SQSEvent;

describe('the morning briefing on one machine', () => {
  it('writes the briefing to the terminal and the briefings folder, sends it to the subscriptions, once a day', async () => {
    const dir = join(p.dir, 'briefings');
    const file = join(p.dir, 'subscriptions.json');
    writeFileSync(
      file,
      JSON.stringify({
        '82': [
          { kind: 'webhook', url: `${hook.url}/ok` },
          { kind: 'webhook', url: `${hook.url}/down` },
        ],
      }),
    );
    hook.answers.push({ status: 200 }, { status: 500 }, { status: 500 }, { status: 500 });
    const printed: string[] = [];
    const announce = localAnnouncer({
      store: p.store,
      dir,
      subscriptionsFile: file,
      print: (t) => printed.push(t),
      retry: { attempts: 3, delayMs: 1 },
    });
    try {
      await announce('82');
    } finally {
      // the AWS path below announces the same day again
      onTestFinished(() => p.store.unclaimBriefing('82', yesterday));
    }
    const expected = await briefingFor(p.store, '82');
    expect(expected?.briefing.day).toBe(yesterday);
    const base = join(dir, `82-${yesterday}`);
    expect(readFileSync(`${base}.vi.txt`, 'utf8')).toBe(`${expected?.text.vi}\n`);
    expect(readFileSync(`${base}.en.txt`, 'utf8')).toBe(`${expected?.text.en}\n`);
    // the two units left out of the last day's file are told
    const left = [...generateRecords({ registry, province: '82', from: yesterday, to: yesterday, seed: 11 })]
      .slice(0, 2)
      .map((r) => r.unitCode);
    const without = JSON.parse(readFileSync(`${base}.json`, 'utf8')).withoutData.map(
      (u: { unitCode: string }) => u.unitCode,
    );
    expect(without).toEqual(expect.arrayContaining(left));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain(expected?.text.vi);
    // the first target got it; the second failed three times, and its message is kept
    expect(hook.received.map((r) => r.path)).toEqual(['/ok', '/down', '/down', '/down']);
    const kept = JSON.parse(readFileSync(join(dir, 'undelivered', `82-${yesterday}-1.json`), 'utf8'));
    expect(kept).toMatchObject({
      to: `webhook ${new URL(hook.url).host}`,
      error: expect.stringMatching(/answered 500/),
    });
    // the same day again: nothing more
    await announce('82');
    expect(printed).toHaveLength(1);
    expect(hook.received).toHaveLength(4);
  });

  it("refuses to build the latest day's briefing from a ranking that still reads as the day before", async () => {
    // AWS reads a snapshot written moments ago eventually: here, one day behind
    const lagging = new Proxy(p.store, {
      get(target, name) {
        if (name === 'snapshot') {
          return (province: string, m: string, period: string, asOf?: string) =>
            target.snapshot(province, m, period, asOf && addDays(asOf, -1));
        }
        const value = Reflect.get(target, name);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(briefingFor(lagging, '82')).rejects.toThrow(
      `the ranking of province 82 as of ${yesterday} is not readable yet`,
    );
    // nothing was claimed: the retry announces the day
    expect(await p.store.claimBriefing('82', yesterday, new Date().toISOString())).toBe(true);
    await p.store.unclaimBriefing('82', yesterday);
  });

  it('never lets a briefing fault reach the ingestion', async () => {
    await expect(
      safely(async () => {
        throw new Error('the briefing queue is down');
      })('82'),
    ).resolves.toBeUndefined();
    expect(existsSync(join(p.dir, 'briefings', 'undelivered', `82-${yesterday}-0.json`))).toBe(false);
  });
});

describe('the morning briefing as on AWS', () => {
  it('each ingest announced the province on the briefing queue', () => {
    expect(bodies().filter((b) => b.kind === 'briefing')).toEqual(
      Array.from({ length: 4 }, () => ({ kind: 'briefing', province: '82' })),
    );
  });

  it('builds the briefing once a day and queues one send per target: email, then each subscription', async () => {
    aws.secrets.set(
      SECRET,
      JSON.stringify({
        '82': [
          { kind: 'webhook', url: `${hook.url}/aws-hook` },
          { kind: 'telegram', botToken: '123:abc', chatId: '-1001', apiBase: hook.url },
        ],
        '52': [{ kind: 'webhook', url: `${hook.url}/other-province` }],
      }),
    );
    const { handler } = await import('#functions/handlers/briefing.ts');
    const before = sqs.sent.length;
    const answer = await handler(
      eventOf([
        { kind: 'briefing', province: '82' },
        { kind: 'briefing', province: '82' },
      ]),
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    const sends = bodies().slice(before);
    expect(sends.map((s) => [s.kind, s.target, s.to])).toEqual([
      ['send', 'email', 'email (SNS)'],
      ['send', 0, `webhook ${new URL(hook.url).host}`],
      ['send', 1, 'telegram chat -1001'],
    ]);
    // a message names where it goes, never a secret
    expect(JSON.stringify(sends)).not.toContain('123:abc');

    // each send, once; the telegram one fails and only it is reported, for the queue to try again
    hook.answers.push({ status: 200 }, { status: 500 });
    const received = hook.received.length;
    const sent = await handler(eventOf(sends));
    expect(sent).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(hook.received.slice(received).map((r) => r.path)).toEqual([
      '/aws-hook',
      '/bot123:abc/sendMessage',
    ]);
    const expected = await briefingFor(p.store, '82');
    expect(aws.published).toEqual([
      {
        TopicArn: TOPIC,
        Subject: expected?.text.vi.split('\n')[0],
        Message: `${expected?.text.vi}\n\n———\n\n${expected?.text.en}`,
        province: '82',
      },
    ]);
    // the retried message goes through
    expect(await handler(eventOf([sends[2] as Record<string, unknown>]))).toEqual({ batchItemFailures: [] });
  });

  it('reports a message that is not a briefing message, for the dead-letter queue', async () => {
    const { handler } = await import('#functions/handlers/briefing.ts');
    const answer = await handler({
      Records: [
        { messageId: 'bad-json', body: '{' },
        { messageId: 'bad-kind', body: JSON.stringify({ kind: 'fax', province: '82' }) },
      ],
    } as unknown as SQSEvent);
    expect(answer).toEqual({
      batchItemFailures: [{ itemIdentifier: 'bad-json' }, { itemIdentifier: 'bad-kind' }],
    });
  });
});
