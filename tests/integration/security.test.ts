import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { setReadCacheSeconds } from '#functions/handlers/read-cache.ts';
import { hashToken } from '#functions/services/tokens.ts';
import { csvOf } from '../support/csv.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * What the ingest API promises about who may write what, how much and how
 * often, and what it lets out: with the real handlers on the embedded database.
 */

let p: TestPlatform;
const records = [
  ...generateRecords({ registry, province: '82', from: '2025-08-01', to: '2025-08-01', seed: 12 }),
];
const first = records[0] as (typeof records)[number];
const other = records.find((r) => r.unitCode !== first.unitCode) as (typeof records)[number];

beforeAll(async () => {
  p = await startPlatform({
    // a small burst, so that the limit is reached quickly
    env: { INGEST_BURST: '4', INGEST_RATE_PER_SECOND: '0.5', CORS_ORIGINS: 'https://bao-cao.example.vn' },
  });
});

afterAll(async () => {
  await p?.close();
});

/**
 * POST /api/ingest from a loopback address of its own (127.0.0.x): senders at
 * different addresses, as the rate limit tells them apart.
 */
const ingest = (
  token: string | undefined,
  body: string,
  extra: Record<string, string> = {},
  query = '',
  from = '127.0.0.1',
): Promise<Response> =>
  new Promise((resolve, reject) => {
    const url = new URL(`${p.base}/api/ingest${query}`);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'text/csv',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...extra,
        },
      },
      async (res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of res) chunks.push(chunk as Buffer);
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
        resolve(
          new Response(chunks.length ? Buffer.concat(chunks) : null, {
            status: res.statusCode ?? 0,
            headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });

describe('who may write what', () => {
  it('keeps a commune token to its own unit whichever way the row is written', async () => {
    const disguises = [
      other.unitCode,
      ` ${other.unitCode}`,
      `${other.unitCode} `,
      // full-width digits look the same to a person
      other.unitCode.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
      `0${other.unitCode}`,
      other.unitCode.slice(1),
    ];
    for (const unitCode of disguises) {
      // a token each, so that the rate limit stays out of it
      const token = await p.token('82', [first.unitCode]);
      const answer = await ingest(token, csvOf([{ ...other, unitCode }]));
      expect([201, 403], unitCode).toContain(answer.status);
      if (answer.status === 201) {
        const receipt = (await answer.json()) as { counts: { created: number; revised: number } };
        expect(receipt.counts, unitCode).toMatchObject({ created: 0, revised: 0 });
      }
    }
    expect(await p.store.recordHistory('82', other.unitCode, other.date)).toHaveLength(0);
  });

  it('keeps a province token to its province: rows, query and body cannot name another', async () => {
    const token = await p.token('82');
    const hanoi = [
      ...generateRecords({ registry, province: '01', from: '2025-08-01', to: '2025-08-01', seed: 1 }),
    ][0];
    expect((await ingest(token, csvOf([hanoi as unknown as Record<string, unknown>]))).status).toBe(403);
    expect((await ingest(token, csvOf([first]), {}, '?province=01')).status).toBe(403);
    // a province field in JSON is not part of the record: it cannot move the scope
    const json = JSON.stringify({ province: '01', records: [{ ...hanoi, provinceCode: '82' }] });
    const answer = await fetch(`${p.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: json,
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect((await p.store.meta('01')).latestDay).toBeUndefined();
  });

  it('accepts the token only as a bearer header, and never a near miss of it', async () => {
    const token = await p.token('82');
    const body = csvOf([first]);
    const near = [
      token.slice(0, -1),
      `${token}x`,
      token.toUpperCase(),
      hashToken(token),
      ` ${token.slice(4)}`,
    ];
    // from an address of its own: each refusal counts against the address's burst of 4, then 429
    const from = '127.0.0.2';
    const statuses: number[] = [];
    for (const t of near) statuses.push((await ingest(t, body, {}, '', from)).status);
    statuses.push((await ingest(undefined, body, { authorization: `Basic ${token}` }, '', from)).status);
    statuses.push((await ingest(undefined, body, {}, `?token=${token}`, from)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
  });
});

describe('how much and how often', () => {
  it('answers 429 with Retry-After past a token’s burst, and other tokens go on', async () => {
    const noisy = await p.token('82', [first.unitCode]);
    const calm = await p.token('82', [first.unitCode]);
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let k = 0; k < 6; k++) {
      const answer = await ingest(noisy, csvOf([first]), {}, '', '127.0.0.3');
      statuses.push(answer.status);
      if (answer.status === 429) limited ??= answer;
    }
    expect(statuses.slice(0, 4).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await limited?.json()) as { detail?: string; retryAfterSeconds?: number } | undefined;
    expect(problem?.detail).toMatch(/too many submissions.*4 at once/);
    expect(problem?.retryAfterSeconds).toBe(Number(limited?.headers.get('retry-after')));
    expectMatchesOpenApi('/api/ingest', 'post', 429, limited?.headers.get('content-type') ?? '', problem);
    expect((await ingest(calm, csvOf([first]), {}, '', '127.0.0.3')).status).toBe(201);
  });

  it('counts made-up tokens against their address, so that each new one buys no fresh burst, and a good token still goes', async () => {
    const from = '127.0.0.4';
    const statuses: number[] = [];
    for (let k = 0; k < 8; k++) {
      statuses.push((await ingest(`sit_made-up-${k}-${'x'.repeat(30)}`, 'x', {}, '', from)).status);
    }
    // the address's burst of 4 refusals, then 429s before the database is asked
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    const good = await p.token('82', [first.unitCode]);
    expect((await ingest(good, csvOf([first]))).status).toBe(201);
  });

  it('limits requests without a token by address, before the database is asked', async () => {
    const statuses: number[] = [];
    for (let k = 0; k < 8; k++) statuses.push((await ingest(undefined, 'x', {}, '', '127.0.0.5')).status);
    // a few 401s while the address's burst lasts (earlier tests used some of it), then only 429s
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThanOrEqual(0);
    expect(firstLimited).toBeLessThanOrEqual(4);
    expect(statuses.slice(0, firstLimited).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(firstLimited).every((s) => s === 429)).toBe(true);
  });
});

describe('what it lets out', () => {
  it('never writes a token or a body into its logs, whatever the outcome', async () => {
    const token = await p.token('82');
    const lines: string[] = [];
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'debug';
    process.stdout.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const body = csvOf(records.slice(0, 30));
      const from = '127.0.0.6';
      await ingest(token, body, {}, '', from);
      await ingest(`${token}0`, body, {}, '', from);
      await ingest(token, '{"records": [', { 'content-type': 'application/json' }, '', from);
      await ingest(token, body, {}, '?province=01', from);
    } finally {
      process.stdout.write = out;
      process.stderr.write = err;
      process.env.LOG_LEVEL = previous;
    }
    const logged = lines.join('');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(token.slice(4, 20));
    expect(logged).toContain('ingested');
    expect(logged).not.toContain('unitCode,date,received');
  });

  it('puts the security headers on every answer, refused ones included', async () => {
    const token = await p.token('82');
    const answers = [
      await ingest(token, csvOf([first])),
      await ingest('nope', csvOf([first])),
      await ingest(token, 'unitCode\n'.repeat(10)),
      await fetch(`${p.base}/api/provinces/99/rankings`),
      await fetch(`${p.base}/`),
    ];
    for (const a of answers) {
      expect(a.headers.get('content-security-policy'), String(a.status)).toMatch(/frame-ancestors 'none'/);
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
      expect(a.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('keeps nothing of one request in the read cache: an origin allowed once is not told to the next caller', async () => {
    setReadCacheSeconds(30);
    try {
      const path = `${p.base}/api/methodologies`;
      const allowed = await fetch(path, { headers: { origin: 'https://bao-cao.example.vn' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bao-cao.example.vn');
      for (const headers of [{}, { origin: 'https://evil.example' }] as Record<string, string>[]) {
        const next = await fetch(path, { headers });
        expect(next.status).toBe(200);
        expect(next.headers.get('access-control-allow-origin')).toBeNull();
        // and every answer says it varies by Origin, so that no cache in between mixes them up
        expect(next.headers.get('vary')).toMatch(/^Origin\b/);
      }
      const again = await fetch(path, { headers: { origin: 'https://bao-cao.example.vn' } });
      expect(again.headers.get('access-control-allow-origin')).toBe('https://bao-cao.example.vn');
      expect(again.headers.get('vary')).toMatch(/^Origin\b/);
    } finally {
      setReadCacheSeconds(0);
    }
  });

  it("answers a browser's preflight for the allowed origins only, with the path's methods", async () => {
    const preflight = (path: string, origin: string) =>
      fetch(`${p.base}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight('/api/ingest', 'https://bao-cao.example.vn');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://bao-cao.example.vn');
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(Number(ok.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    const read = await preflight('/api/provinces/82/rankings', 'https://bao-cao.example.vn');
    expect(read.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');
    const refused = await preflight('/api/ingest', 'https://evil.example');
    expect(refused.status).toBe(204);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    expect((await preflight('/api/nowhere', 'https://bao-cao.example.vn')).status).toBe(404);
  });

  it('answers 400 naming the segment for a path that is not valid percent-encoding, the request its instance', async () => {
    for (const path of [
      '/api/provinces/82/units/%E0%A4%A/history',
      '/api/submissions/%',
      '/api/provinces/%ZZ',
    ]) {
      const r = await fetch(`${p.base}${path}`);
      expect(r.status, path).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await r.json()) as { detail: string; instance: string; requestId: string };
      expect(problem.detail).toMatch(/not valid percent-encoding/);
      expect(problem.instance).toBe(`urn:request:${problem.requestId}`);
    }
  });

  it('lets only the configured origins read from a browser', async () => {
    const allowed = await fetch(`${p.base}/api/provinces`, {
      headers: { origin: 'https://bao-cao.example.vn' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://bao-cao.example.vn');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    for (const origin of ['https://evil.example', 'https://bao-cao.example.vn.evil.example', 'null']) {
      const refused = await fetch(`${p.base}/api/provinces`, { headers: { origin } });
      expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});
