import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingMessage } from '#functions/services/briefing.ts';
import {
  DeliveryError,
  deliver,
  deliverWithRetry,
  parseSubscriptions,
  type Target,
} from '#functions/services/briefing-delivery.ts';
import { startWebhookStandIn, type WebhookStandIn } from '../support/webhook-standin.ts';

/** Delivery of a briefing to a local stand-in of a webhook, Telegram and Zalo: formats, signatures, failures, retries. */
let hook: WebhookStandIn;
beforeAll(async () => {
  hook = await startWebhookStandIn();
});
afterAll(() => hook.close());

const message = {
  briefing: { province: '82', day: '2026-11-30' },
  text: { vi: 'Bản tin chỉ số phục vụ — Tỉnh Đồng Tháp', en: 'Service index briefing — Dong Thap Province' },
} as unknown as BriefingMessage;
const last = () => hook.received.at(-1);

describe('delivering a briefing', () => {
  it('posts JSON to a webhook, signed with HMAC-SHA256 of the body when it has a secret', async () => {
    const secret = 'a-secret-of-sixteen+';
    await deliver({ kind: 'webhook', url: `${hook.url}/hooks/briefing`, secret, lang: 'en' }, message);
    const r = last();
    expect(r?.path).toBe('/hooks/briefing');
    expect(JSON.parse(r?.body ?? '')).toEqual({
      province: '82',
      day: '2026-11-30',
      lang: 'en',
      text: 'Service index briefing — Dong Thap Province',
      briefing: message.briefing,
    });
    expect(r?.headers['x-signature']).toBe(
      `sha256=${createHmac('sha256', secret)
        .update(r?.body ?? '')
        .digest('hex')}`,
    );
  });

  it("speaks Telegram's sendMessage and Zalo's customer-service message, Vietnamese by default", async () => {
    await deliver(
      { kind: 'telegram', botToken: '123456:ABC-def', chatId: '-100200', apiBase: hook.url },
      message,
    );
    expect(last()?.path).toBe('/bot123456:ABC-def/sendMessage');
    expect(JSON.parse(last()?.body ?? '')).toEqual({
      chat_id: '-100200',
      text: 'Bản tin chỉ số phục vụ — Tỉnh Đồng Tháp',
      disable_web_page_preview: true,
    });
    await deliver({ kind: 'zalo', accessToken: 'zalo-token', userId: '4455', apiBase: hook.url }, message);
    expect(last()?.path).toBe('/v3.0/oa/message/cs');
    expect(last()?.headers.access_token).toBe('zalo-token');
    expect(JSON.parse(last()?.body ?? '')).toEqual({
      recipient: { user_id: '4455' },
      message: { text: 'Bản tin chỉ số phục vụ — Tỉnh Đồng Tháp' },
    });
  });

  it('names the target and the fault: a 500, a bot that refuses, a place that cannot be reached', async () => {
    hook.answers.push({ status: 500 });
    await expect(deliver({ kind: 'webhook', url: `${hook.url}/x` }, message)).rejects.toThrow(
      new DeliveryError(`webhook ${new URL(hook.url).host} answered 500`),
    );
    hook.answers.push({ status: 200, body: '{"ok":false,"description":"Bad Request: chat not found"}' });
    const telegram: Target = { kind: 'telegram', botToken: '1:a', chatId: '9', apiBase: hook.url };
    await expect(deliver(telegram, message)).rejects.toThrow(
      'telegram chat 9 refused the message: Bad Request: chat not found',
    );
    hook.answers.push({ status: 200, body: '{"error":-216,"message":"Access token is invalid"}' });
    await expect(
      deliver({ kind: 'zalo', accessToken: 't', userId: '1', apiBase: hook.url }, message),
    ).rejects.toThrow('zalo user 1 refused the message: Access token is invalid');
    await expect(deliver({ kind: 'webhook', url: 'http://127.0.0.1:1/x' }, message)).rejects.toThrow(
      /^webhook 127\.0\.0\.1:1 cannot be reached/,
    );
  });

  it('tries again after a failure, and gives up after the last try with its fault', async () => {
    const before = hook.received.length;
    hook.answers.push({ status: 503 }, { status: 502 });
    await deliverWithRetry({ kind: 'webhook', url: `${hook.url}/y` }, message, { attempts: 3, delayMs: 1 });
    expect(hook.received.length - before).toBe(3);
    hook.answers.push({ status: 500 }, { status: 500 }, { status: 500 });
    await expect(
      deliverWithRetry({ kind: 'webhook', url: `${hook.url}/z` }, message, { attempts: 3, delayMs: 1 }),
    ).rejects.toThrow(/answered 500/);
    expect(hook.answers).toEqual([]);
  });

  it('reads subscriptions by province, naming what is wrong without echoing a secret', () => {
    const ok = parseSubscriptions(
      JSON.stringify({ '82': [{ kind: 'telegram', botToken: '123:abc', chatId: '1' }] }),
      'subscriptions.json',
    );
    expect(ok['82']?.[0]?.kind).toBe('telegram');
    expect(() => parseSubscriptions('{"82": [{"kind": "fax"}]}', 'subscriptions.json')).toThrow(
      /^subscriptions\.json: 82\.0\.kind: /,
    );
    expect(() =>
      parseSubscriptions('{"82": [{"kind": "telegram", "botToken": "secret-value", "chatId": "1"}]}', 'f'),
    ).toThrow(/^f: 82\.0\.botToken: a Telegram bot token, 123456:ABC\.\.\.$/);
    expect(() => parseSubscriptions('{', 'f')).toThrow('f is not JSON');
  });
});
