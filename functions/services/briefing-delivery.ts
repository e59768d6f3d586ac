import { createHmac } from 'node:crypto';
import * as z from '#core/zod.ts';
import type { BriefingMessage } from '#functions/services/briefing.ts';

/**
 * Where a province's briefing goes, and how it is sent there. Subscriptions
 * are a JSON document: by province code, a list of targets. On AWS it is the
 * value of a Secrets Manager secret (webhook URLs and bot tokens are
 * secrets), read only by the function that delivers; on one machine, the file
 * DATA_DIR/subscriptions.json. Email goes through the SNS topic on AWS and is
 * subscribed there, not here.
 *
 * Three kinds of target: a generic webhook (a JSON POST, signed with
 * HMAC-SHA256 when it has a secret), and two presets in the formats of the bots
 * provincial staff already run: Telegram's sendMessage and Zalo Official
 * Account's customer-service message.
 */

const lang = z.optional(z.enum(['vi', 'en']));
const url = z.url({ protocol: /^https?$/ });

export const Target = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('webhook'),
    url,
    /** signs the body: X-Signature: sha256=<hex HMAC of the body> */
    secret: z.optional(z.string().check(z.minLength(16))),
    lang,
  }),
  z.strictObject({
    kind: z.literal('telegram'),
    botToken: z.string().check(z.regex(/^\d+:[\w-]+$/, 'a Telegram bot token, 123456:ABC...')),
    chatId: z.string().check(z.minLength(1)),
    lang,
    /** Telegram's Bot API; another base only for a stand-in */
    apiBase: z.optional(url),
  }),
  z.strictObject({
    kind: z.literal('zalo'),
    accessToken: z.string().check(z.minLength(1)),
    userId: z.string().check(z.minLength(1)),
    lang,
    /** Zalo's OpenAPI; another base only for a stand-in */
    apiBase: z.optional(url),
  }),
]);
export type Target = z.infer<typeof Target>;

export const Subscriptions = z.record(
  z.string().check(z.regex(/^\d{2}$/, 'a two-digit province code')),
  z.array(Target),
);
export type Subscriptions = z.infer<typeof Subscriptions>;

/** Reads a subscriptions document, naming what is wrong in it (never echoing a secret). */
export function parseSubscriptions(text: string, where: string): Subscriptions {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON`);
  }
  const parsed = Subscriptions.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where}: ${issue?.path.join('.') || 'the document'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** What names a target in logs and queue messages: its kind and where it goes, without its secret. */
export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'webhook':
      return `webhook ${new URL(t.url).host}`;
    case 'telegram':
      return `telegram chat ${t.chatId}`;
    case 'zalo':
      return `zalo user ${t.userId}`;
  }
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

const TELEGRAM = 'https://api.telegram.org';
const ZALO = 'https://openapi.zalo.me';
/** Telegram takes 4,096 characters a message, Zalo's customer-service messages 2,000. */
const LIMITS = { telegram: 4096, zalo: 2000 } as const;

const cut = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

/** The request a target is sent: its URL, headers and body. */
export function requestFor(
  target: Target,
  message: BriefingMessage,
): { url: string; headers: Record<string, string>; body: string } {
  const text = message.text[target.lang ?? 'vi'];
  switch (target.kind) {
    case 'webhook': {
      const body = JSON.stringify({
        province: message.briefing.province,
        day: message.briefing.day,
        lang: target.lang ?? 'vi',
        text,
        briefing: message.briefing,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (target.secret)
        headers['x-signature'] = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
      return { url: target.url, headers, body };
    }
    case 'telegram':
      return {
        url: `${target.apiBase ?? TELEGRAM}/bot${target.botToken}/sendMessage`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          chat_id: target.chatId,
          text: cut(text, LIMITS.telegram),
          disable_web_page_preview: true,
        }),
      };
    case 'zalo':
      return {
        url: `${target.apiBase ?? ZALO}/v3.0/oa/message/cs`,
        headers: { 'content-type': 'application/json', access_token: target.accessToken },
        body: JSON.stringify({
          recipient: { user_id: target.userId },
          message: { text: cut(text, LIMITS.zalo) },
        }),
      };
  }
}

/**
 * Sends the briefing to one target, once. A network fault, a timeout or an
 * answer other than 2xx is a DeliveryError naming the target and the status;
 * Telegram and Zalo answer 200 with an error inside, which counts as one too.
 */
export async function deliver(target: Target, message: BriefingMessage, timeoutMs = 10_000): Promise<void> {
  const { url: to, headers, body } = requestFor(target, message);
  const who = describeTarget(target);
  let answer: Response;
  try {
    answer = await fetch(to, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new DeliveryError(`${who} cannot be reached: ${error instanceof Error ? error.message : error}`, {
      cause: error,
    });
  }
  const text = await answer.text().catch(() => '');
  if (!answer.ok) throw new DeliveryError(`${who} answered ${answer.status}`);
  if (target.kind === 'telegram' || target.kind === 'zalo') {
    let reply: { ok?: boolean; error?: number; message?: string; description?: string } = {};
    try {
      reply = JSON.parse(text);
    } catch {
      throw new DeliveryError(`${who} answered ${answer.status} with something that is not JSON`);
    }
    const failed = target.kind === 'telegram' ? reply.ok !== true : (reply.error ?? 0) !== 0;
    if (failed)
      throw new DeliveryError(
        `${who} refused the message: ${reply.description ?? reply.message ?? 'no reason given'}`,
      );
  }
}

/** Sends with a few tries, waiting longer each time; the last fault is thrown. */
export async function deliverWithRetry(
  target: Target,
  message: BriefingMessage,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<void> {
  const attempts = options.attempts ?? 3;
  const delayMs = options.delayMs ?? 1000;
  for (let k = 1; ; k++) {
    try {
      await deliver(target, message);
      return;
    } catch (error) {
      if (k >= attempts) throw error;
      await new Promise((r) => setTimeout(r, delayMs * 2 ** (k - 1)));
    }
  }
}
