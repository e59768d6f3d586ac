import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { type DailyRecord, RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { MAX_ROWS } from '#functions/services/ingest.ts';
import { hashToken } from '#functions/services/tokens.ts';
import type { Receipt } from '#functions/store/store.ts';
import { csvOf } from '../support/csv.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

type Revisions = { revisions: { revision: number; counts: { received: number } }[] };

let p: TestPlatform;
let token: string;
const records = [
  ...generateRecords({ registry, province: '82', from: '2025-10-01', to: '2025-10-03', seed: 2 }),
];

beforeAll(async () => {
  p = await startPlatform();
  token = await p.token();
});
afterAll(() => p.close());

async function revisionsOf(path: string): Promise<Revisions> {
  return (await (await fetch(`${p.base}${path}`)).json()) as Revisions;
}

async function post(body: string | Buffer, headers: Record<string, string> = {}, query = '') {
  const r = await fetch(`${p.base}/api/ingest${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers },
    body,
  });
  const type = r.headers.get('content-type') ?? '';
  return { status: r.status, type, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
}

describe('POST /api/ingest', () => {
  let first: Receipt;

  it('creates every new record and answers with a receipt, row by row', async () => {
    const r = await post(csvOf(records));
    expect(r.status).toBe(201);
    expectMatchesOpenApi('/api/ingest', 'post', 201, r.type, r.body);
    first = r.body as unknown as Receipt;
    expect(first.counts).toEqual({
      rows: records.length,
      created: records.length,
      revised: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect(first.rows[0]).toEqual({
      row: 2,
      unitCode: records[0]?.unitCode,
      date: '2025-10-01',
      outcome: 'created',
      revision: 1,
    });
    expect(r.headers.get('location')).toBe(`/api/submissions/${first.id}`);
  });

  it('archives the raw body exactly as sent, and names its key in the archive, not a path of the machine', () => {
    expect(first.archive).toMatch(new RegExp(`^\\d{8}/82/${first.id}\\.csv$`));
    expect(readFileSync(join(process.env.ARCHIVE_DIR as string, first.archive), 'utf8')).toBe(csvOf(records));
  });

  it('gives the receipt again by its id', async () => {
    const r = await fetch(`${p.base}/api/submissions/${first.id}`);
    const body = await r.json();
    expect(r.status).toBe(200);
    expectMatchesOpenApi('/api/submissions/{id}', 'get', 200, r.headers.get('content-type') ?? '', body);
    expect(body).toEqual(first);
  });

  it('changes nothing when the same data comes again', async () => {
    const r = await post(JSON.stringify(records), { 'content-type': 'application/json' });
    expect(r.status).toBe(201);
    expect(r.body.counts).toMatchObject({ created: 0, revised: 0, unchanged: records.length });
    const history = await revisionsOf(`/api/provinces/82/units/${records[0]?.unitCode}/days/2025-10-01`);
    expect(history.revisions).toHaveLength(1);
  });

  it('makes a new revision for new values and keeps the old one readable', async () => {
    const old = records[0] as DailyRecord;
    const changed = { ...old, received: old.received + 5 };
    const r = await post(csvOf([changed]));
    expect(r.body.rows).toEqual([
      { row: 2, unitCode: old.unitCode, date: old.date, outcome: 'revised', revision: 2 },
    ]);
    const history = await revisionsOf(`/api/provinces/82/units/${old.unitCode}/days/${old.date}`);
    expect(history.revisions.map((v) => [v.revision, v.counts.received])).toEqual([
      [1, old.received],
      [2, old.received + 5],
    ]);
  });

  it('rejects the rows that break the contract, with reasons, and takes the rest', async () => {
    const good = { ...(records[5] as DailyRecord), date: '2025-10-04' };
    const bad = { ...good, unitCode: '28261', receivedOnline: good.received + 1 };
    const r = await post(csvOf([good, bad, { ...good, unitCode: '00004' }]));
    expect(r.body.counts).toMatchObject({ created: 1, rejected: 2 });
    const rows = r.body.rows as { row: number; outcome: string; reasons?: { rule: string }[] }[];
    expect(rows.map((x) => [x.row, x.outcome, x.reasons?.[0]?.rule])).toEqual([
      [2, 'created', undefined],
      [3, 'rejected', 'part-exceeds-whole'],
      [4, 'rejected', 'other-province'],
    ]);
  });

  it('counts a rejected row once however often the file comes again', async () => {
    const good = { ...(records[6] as DailyRecord), date: '2025-10-05' };
    const bad = { ...good, unitCode: '28261', receivedOnline: good.received + 1 };
    const rejectedOf = async () => {
      const r = await fetch(`${p.base}/api/provinces/82/summary?period=2025-10&source=records`);
      const summary = (await r.json()) as { rejectedRows: { unitCode: string; rows: number }[] };
      return summary.rejectedRows.find((x) => x.unitCode === '28261')?.rows ?? 0;
    };
    const before = await rejectedOf();
    for (let k = 0; k < 3; k++)
      expect((await post(csvOf([good, bad]))).body.counts).toMatchObject({ rejected: 1 });
    // the rejected row is the unit's and day's, not each submission's: three sends count one row
    expect(await rejectedOf()).toBe(before + 1);
  });

  it('rejects, row by row, what a commune token may not write', async () => {
    const commune = await p.token('82', ['30208']);
    const own = { ...(records[0] as DailyRecord), unitCode: '30208', date: '2025-10-05' };
    const other = { ...own, unitCode: '28249' };
    const r = await post(csvOf([own, other]), { authorization: `Bearer ${commune}` });
    expect(r.status).toBe(201);
    const rows = r.body.rows as { outcome: string; reasons?: { rule: string; message: string }[] }[];
    expect(rows.map((x) => x.outcome)).toEqual(['created', 'rejected']);
    expect(rows[1]?.reasons?.[0]).toMatchObject({
      rule: 'forbidden',
      message: 'this token may not write unit 28249 (Phường Đạo Thạnh)',
    });
  });

  it('answers 401 problem+json without a token or with an unknown one', async () => {
    for (const authorization of ['', 'Bearer sit_nope', 'Basic abc']) {
      const r = await post(csvOf(records.slice(0, 1)), { authorization });
      expect(r.status).toBe(401);
      expect(r.type).toContain('application/problem+json');
      expectMatchesOpenApi('/api/ingest', 'post', 401, r.type, r.body);
    }
  });

  it('answers 403 to a token of another province', async () => {
    const hanoi = await p.token('01');
    const r = await post(csvOf(records.slice(0, 1)), { authorization: `Bearer ${hanoi}` }, '?province=82');
    expect(r.status).toBe(403);
    expect(r.body.detail).toBe('this token writes province 01, not 82');
    // without naming the province: a submission only of another province's rows is refused whole
    const other = await post(csvOf(records.slice(0, 2)), { authorization: `Bearer ${hanoi}` });
    expect(other.status).toBe(403);
    expect(other.body.detail).toBe(
      'this token writes province 01; every row of this submission is for another province (82)',
    );
    // mixed with its own province's rows, the others are rejected one by one
    const mixed = await post(
      csvOf([records[0] as DailyRecord, { ...(records[0] as DailyRecord), unitCode: '00004' }]),
      {
        authorization: `Bearer ${hanoi}`,
      },
    );
    expect(mixed.status).toBe(201);
    const rows = mixed.body.rows as { outcome: string; reasons?: { rule: string }[] }[];
    expect(rows.map((x) => [x.outcome, x.reasons?.[0]?.rule])).toEqual([
      ['rejected', 'other-province'],
      ['created', undefined],
    ]);
  });

  it('answers 413 to a body over 6 MB', async () => {
    const big = Buffer.alloc(6 * 1024 * 1024 + 1, 'a');
    const r = await post(big);
    expect(r.status).toBe(413);
    expect(r.body.detail).toMatch(/the limit is 6291456 bytes/);
  });

  it('answers 413 to more rows than a year of a province, before validating any', async () => {
    const row = `30208,2025-07-01${',0'.repeat(30)}`;
    const body = `${RECORD_FIELD_NAMES.join(',')}\n${`${row}\n`.repeat(MAX_ROWS + 1)}`;
    expect(body.length).toBeLessThan(6 * 1024 * 1024);
    const r = await post(body);
    expect(r.status).toBe(413);
    expect(r.body.detail).toMatch(new RegExp(`holds ${MAX_ROWS + 1} rows; the limit is ${MAX_ROWS}`));
  });

  it('answers 400 with the position of a fault in malformed JSON, and keeps the body archived', async () => {
    const r = await post('[{"unitCode": "30208", "date": }]', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expectMatchesOpenApi('/api/ingest', 'post', 400, r.type, r.body);
    expect(r.body.position).toEqual({ line: 1, column: 32 });
    expect(r.body.detail).toMatch(/^the JSON body is malformed at line 1, column 32/);
    const archived = (await p.store.receipt(String(r.body.submission))) === undefined;
    expect(archived).toBe(true);
    const day = String(r.body.submission).slice(0, 8);
    expect(existsSync(`${p.dir}/archive/${day}/82/${r.body.submission}.json`)).toBe(true);
  });

  it('answers 400 to malformed CSV, naming the line', async () => {
    const r = await post(`${csvOf(records.slice(0, 1))}"30208,2025-10-01\n`);
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/Quote Not Closed/);
    // the quote opens on line 3 and never closes
    expect(r.body.position).toEqual({ line: 3 });
  });

  it('answers 400 to a body that is not UTF-8', async () => {
    const r = await post(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0xc3]));
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/not UTF-8/);
  });

  it('stores only the hash of a token', async () => {
    expect(await p.store.token(hashToken(token))).toMatchObject({ province: '82' });
    expect(await p.store.token(token)).toBeUndefined();
  });
});

describe('seeding the first start', () => {
  it('sends generated history through the real ingestion and computes every snapshot', async () => {
    const { seed } = await import('#infra/local/seed.ts');
    const { ingestPlatform } = await import('#functions/handlers/ingest-platform.ts');
    const { addDays, todayInVietnam } = await import('#core/periods/calendar.ts');
    const yesterday = addDays(todayInVietnam(), -1);
    const from = addDays(yesterday, -9);
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const count = await seed(ingestPlatform(), '01', 1, from);
      expect(count).toBeGreaterThan(126 * 10 * 0.9);
    } finally {
      process.stderr.write = write;
    }
    expect(written.join('')).toMatch(
      /seeding: 100% {2}[\d,]+ of [\d,]+ records {2}[\d,]+\/s {2}about 0 s left/,
    );
    const r = await fetch(`${p.base}/api/provinces/01/rankings?period=all`);
    const ranking = (await r.json()) as { asOf: string; units: unknown[] };
    expect(ranking.asOf).toBe(yesterday);
    expect(ranking.units.length).toBeGreaterThan(120);
  });
});
