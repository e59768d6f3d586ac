import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the places a briefing is delivered: a generic webhook,
 * Telegram's Bot API and Zalo's OpenAPI, all on one local server. It keeps
 * every request; `answers` says how the next requests are answered (a status
 * and a body), in order, then 200 with a body fit for the path.
 */
export interface Delivered {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookStandIn {
  url: string;
  received: Delivered[];
  /** the next answers, in order; each is used once */
  answers: { status: number; body?: string }[];
  close(): Promise<void>;
}

const ok = (path: string) =>
  path.includes('/sendMessage')
    ? JSON.stringify({ ok: true, result: { message_id: 1 } })
    : path.includes('/oa/message/cs')
      ? JSON.stringify({ error: 0, message: 'Success', data: { message_id: 'm1' } })
      : '{"received":true}';

export async function startWebhookStandIn(): Promise<WebhookStandIn> {
  const received: Delivered[] = [];
  const answers: { status: number; body?: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = req.url ?? '/';
    received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString() });
    const next = answers.shift() ?? { status: 200 };
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(next.body ?? (next.status === 200 ? ok(path) : '{"error":"stand-in"}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answers,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
