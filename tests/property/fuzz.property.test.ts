import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { ROUTES } from '#functions/api/routes.ts';
import { startPlatform, type TestPlatform } from '../integration/support/platform.ts';
import { csvOf } from '../support/csv.ts';

/**
 * The ingest endpoint and the read API under thousands of generated requests,
 * through the local API Gateway adapter into the real handlers and the
 * embedded database: never a 5xx, every refusal a problem+json 4xx that says
 * what is wrong, and nothing stored for what was refused.
 */

let p: TestPlatform;
let token: string;
const MONTH = '2025-09';
const base = [
  ...generateRecords({ registry, province: '82', from: `${MONTH}-01`, to: `${MONTH}-03`, seed: 21 }),
];

beforeAll(async () => {
  // the per-token rate limit has tests of its own; here it would only get in the way
  p = await startPlatform({ env: { INGEST_BURST: '1000000' } });
  token = await p.token('82');
});

afterAll(async () => {
  await p?.close();
});

/** Checks one answer: below 500, and a refusal says what is wrong as problem+json. */
async function expectHonest(answer: Response, what: string): Promise<unknown> {
  expect(answer.status, what).toBeLessThan(500);
  const type = answer.headers.get('content-type') ?? '';
  const text = await answer.text();
  if (answer.status >= 400) {
    expect(type, what).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { status: number; title: string; detail: string };
    expect(problem.status, what).toBe(answer.status);
    expect(problem.detail.length, what).toBeGreaterThan(10);
    return problem;
  }
  return type.startsWith('application/json') ? JSON.parse(text) : text;
}

const hostile = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '=cmd|" /C calc"!A0',
    '+1+1',
    '-2',
    '@SUM(A1)',
    '../../etc/passwd',
    '..\\..\\windows',
    'x'.repeat(5000),
    '30208\u0000',
    '３０２０８',
    '',
    ' ',
    'NaN',
    'Infinity',
    '1e309',
    '-0',
    '0x10',
    '1,5',
    'null',
  ),
  fc.integer({ min: -1_000_000_000, max: -1 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(1e300, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 0.5, -0.0001),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** A real record with some of its fields replaced by something hostile. */
const damagedRecord = fc
  .tuple(
    fc.constantFrom(...base),
    fc.array(fc.tuple(fc.constantFrom(...RECORD_FIELD_NAMES, 'extra', '__proto__', 'constructor'), hostile), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([record, damage]) => {
    const out: Record<string, unknown> = { ...record };
    for (const [field, value] of damage) out[field] = value;
    return out;
  });

const deepJson = fc
  .integer({ min: 50, max: 5000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);
const wideJson = fc
  .integer({ min: 100, max: 5000 })
  .map((n) =>
    JSON.stringify({ records: [Object.fromEntries(Array.from({ length: n }, (_, k) => [`f${k}`, k]))] }),
  );

/** A cell as a careless exporter would write it (objects as JSON: some have no usable toString). */
const cell = (v: unknown) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? ''));
const csvWith = (separator: string, rows: Record<string, unknown>[]) =>
  [
    RECORD_FIELD_NAMES.join(separator),
    ...rows.map((r) => RECORD_FIELD_NAMES.map((f) => cell(r[f])).join(separator)),
  ].join('\n');

/** A request body with the content type it claims. */
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => ({ type: 'text/csv', body: Buffer.from(bytes) })),
  fc
    .tuple(
      fc.constantFrom(
        'text/csv',
        'application/json',
        'text/plain',
        'application/xml',
        '',
        'image/png',
        'multipart/form-data',
      ),
      fc.array(damagedRecord, { minLength: 1, maxLength: 5 }),
    )
    .map(([type, rows]) => ({ type, body: Buffer.from(JSON.stringify(rows)) })),
  fc.array(damagedRecord, { minLength: 1, maxLength: 5 }).map((rows) => ({
    type: 'text/csv',
    body: Buffer.from(csvWith(',', rows)),
  })),
  fc
    .tuple(fc.constantFrom(';', '\t', '|', ' '), fc.array(damagedRecord, { minLength: 1, maxLength: 3 }))
    .map(([sep, rows]) => ({ type: 'text/csv', body: Buffer.from(csvWith(sep, rows)) })),
  fc.string({ maxLength: 200 }).map((s) => ({
    type: 'text/csv',
    body: Buffer.from(`${RECORD_FIELD_NAMES.join(',')}\n"${s}"\n"unterminated,${s}\n`),
  })),
  fc.array(damagedRecord, { minLength: 1, maxLength: 2 }).map((rows) => ({
    type: 'text/csv',
    // the same file saved as UTF-16 or Latin-1
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvWith(',', rows), 'utf16le')]),
  })),
  fc.array(damagedRecord, { minLength: 1, maxLength: 2 }).map((rows) => ({
    type: 'text/csv',
    body: Buffer.from(`${csvWith(',', rows)}\nHoà Long`, 'latin1'),
  })),
  deepJson.map((body) => ({ type: 'application/json', body: Buffer.from(body) })),
  wideJson.map((body) => ({ type: 'application/json', body: Buffer.from(body) })),
);

describe('fuzzing the ingest endpoint', () => {
  it('answers thousands of hostile submissions below 500, and stores exactly what it accepted', async () => {
    const accepted = new Map<string, number>();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies, async ({ type, body }) => {
        const answer = await fetch(`${p.base}/api/ingest`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
          body,
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const out = (await expectHonest(answer, `${type} ${body.subarray(0, 80).toString()}`)) as {
          rows?: { unitCode: string; date: string; outcome: string; revision?: number }[];
        };
        for (const row of out.rows ?? []) {
          if (row.outcome === 'created' || row.outcome === 'revised') {
            accepted.set(`${row.unitCode}#${row.date}`, row.revision ?? 0);
          }
        }
      }),
      { numRuns: 2500, seed: 766 },
    );
    // the cases reached both sides: whole refusals, and receipts that took some rows
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(100);
    expect(accepted.size).toBeGreaterThan(10);
    // nothing but what a receipt called created or revised was stored
    const stored = await p.store.monthRecords('82', MONTH);
    const storedKeys = new Set(stored.map((r) => `${r.unitCode}#${r.date}`));
    expect(storedKeys).toEqual(new Set(accepted.keys()));
    for (const r of stored) {
      const history = await p.store.recordHistory('82', r.unitCode, r.date);
      expect(history.at(-1)?.revision ?? history[0]?.revision).toBeGreaterThan(0);
    }
  });
});

const segment = fc.oneof(
  fc.constantFrom(
    '82',
    '01',
    '99',
    '8',
    '820',
    '30208',
    '00004',
    '..',
    '%2e%2e',
    '%00',
    'qd766-2025',
    'qd766-1999',
    '2025-10-01',
    '2025-13-01',
    'x'.repeat(300),
  ),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => encodeURIComponent(s)),
);
const queryValue = fc.oneof(
  fc.constantFrom(
    '2025-10',
    '2025-Q4',
    '2025-H2',
    '2025',
    'all',
    '2025-Q5',
    '2025-00',
    '2025-10..2025-09',
    '2025-07-01..2025-12-31',
    '',
    'json',
    'csv',
    'xml',
    'none',
    'indicators',
    '30208,28261',
    ',,,',
    '2025-02-30',
    '2024-12-31',
    '9999-12-31',
  ),
  fc.string({ maxLength: 20 }),
);
const queryName = fc.constantFrom(
  'period',
  'from',
  'to',
  'asOf',
  'methodology',
  'format',
  'units',
  'detail',
  'unknown',
  'period[]',
);

const readRequests = fc
  .tuple(
    fc.constantFrom(
      ...ROUTES.filter((r) => r.method === 'GET').map((r) => r.path),
      '/api/nothing',
      '/api/provinces/82/rankings/extra',
    ),
    fc.array(segment, { minLength: 3, maxLength: 3 }),
    fc.array(fc.tuple(queryName, queryValue), { maxLength: 4 }),
  )
  .map(([path, params, query]) => {
    let k = 0;
    const filled = path.replace(/\{[^}]+\}/g, () => params[k++] ?? 'x');
    const search = new URLSearchParams(query).toString();
    return `${filled}${search ? `?${search}` : ''}`;
  });

describe('fuzzing the read API', () => {
  beforeAll(async () => {
    // something to read: three days of the province
    const answer = await fetch(`${p.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvOf(base.map((r) => ({ ...r, date: r.date.replace(MONTH, '2025-10') }))),
    });
    expect(answer.status).toBe(201);
  });

  it('answers thousands of odd reads below 500, each refusal saying what is wrong', async () => {
    await fc.assert(
      fc.asyncProperty(readRequests, async (path) => {
        const answer = await fetch(`${p.base}${path}`);
        await expectHonest(answer, path);
      }),
      { numRuns: 3000, seed: 2025 },
    );
  });
});
