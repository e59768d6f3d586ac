import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { methodology } from '#core/methodology/catalog.ts';
import { customPeriod } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';
import { ROUTES } from '#functions/api/routes.ts';
import { XLSX_TYPE } from '#functions/commons/http.ts';
import { csvOf } from '../support/csv.ts';
import { rankingShape } from '../support/ranking.ts';
import { readWorkbook } from '../support/workbook.ts';
import { expectMatchesOpenApi, openApiErrors } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

let p: TestPlatform;
const records = [
  ...generateRecords({ registry, province: '82', from: '2025-09-01', to: '2025-11-20', seed: 9 }),
].filter((r) => r.unitCode !== '28249');
const direct = (from: string, to: string) =>
  rankPeriod(
    { registry, province: '82', period: customPeriod(from, to), methodology: methodology() },
    records,
  );

async function get(path: string, template: string) {
  const r = await fetch(`${p.base}${path}`);
  const type = r.headers.get('content-type') ?? '';
  const text = await r.text();
  const body = type.includes('json') ? JSON.parse(text) : text;
  if (type.includes('json')) expectMatchesOpenApi(template, 'get', r.status, type, body);
  return { status: r.status, type, body, headers: r.headers };
}

beforeAll(async () => {
  p = await startPlatform();
  const token = await p.token();
  for (const part of [
    records.filter((r) => r.date < '2025-11-01'),
    records.filter((r) => r.date >= '2025-11-01'),
  ]) {
    const r = await fetch(`${p.base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvOf(part),
    });
    expect(r.status).toBe(201);
  }
}, 120_000);
afterAll(() => p.close());

const RANKINGS = '/api/provinces/{province}/rankings';
const shape = rankingShape;

describe('GET /api/provinces/{province}/rankings', () => {
  it('answers a month from its snapshot with exactly what scoring the records gives', async () => {
    const r = await get('/api/provinces/82/rankings?period=2025-10', RANKINGS);
    expect(r.status).toBe(200);
    expect(r.body.period).toEqual({
      kind: 'month',
      key: '2025-10',
      from: '2025-10-01',
      to: '2025-10-31',
      days: 31,
    });
    expect(r.body.methodology).toBe('qd766-2026');
    expect(r.body.source).toBe('records');
    const expected = direct('2025-10-01', '2025-10-31');
    expect(r.body.units.map(shape)).toEqual(expected.units.map(shape));
    expect(r.body.unranked).toEqual([
      { unitCode: '28249', name: 'Phường Đạo Thạnh', type: 'ward', reason: 'no data' },
    ]);
  });

  it("answers without a period with the month of the province's latest data, never an empty month", async () => {
    // the data end on 2025-11-20, a year before today: the default is November 2025, as of its last day
    const r = await get('/api/provinces/82/rankings', RANKINGS);
    expect(r.status).toBe(200);
    expect(r.body.period.key).toBe('2025-11');
    expect(r.body.asOf).toBe('2025-11-20');
    expect(r.body.units.length).toBeGreaterThan(0);
  });

  it('answers the running month as of its latest day, with rank changes against the day before and the previous month', async () => {
    const r = await get('/api/provinces/82/rankings?period=2025-11', RANKINGS);
    expect(r.body.asOf).toBe('2025-11-20');
    expect(r.body.units.map(shape)).toEqual(direct('2025-11-01', '2025-11-20').units.map(shape));
    const dayBefore = direct('2025-11-01', '2025-11-19');
    const october = direct('2025-10-01', '2025-10-31');
    for (const u of r.body.units) {
      const before = dayBefore.units.find((x) => x.unitCode === u.unitCode);
      const last = october.units.find((x) => x.unitCode === u.unitCode);
      expect(u.previousDay).toEqual({ rank: before?.rank, total: before?.total });
      expect(u.rankChangeDay).toBe((before?.rank ?? 0) - u.rank);
      expect(u.rankChangePeriod).toBe((last?.rank ?? 0) - u.rank);
    }
  });

  it('answers as of an earlier day', async () => {
    const r = await get('/api/provinces/82/rankings?period=2025-Q4&asOf=2025-11-05', RANKINGS);
    expect(r.body.asOf).toBe('2025-11-05');
    expect(r.body.period.to).toBe('2025-11-05');
    expect(r.body.units.map(shape)).toEqual(direct('2025-10-01', '2025-11-05').units.map(shape));
  });

  it('answers a custom range computed from roll-ups and days', async () => {
    const r = await get('/api/provinces/82/rankings?from=2025-09-15&to=2025-11-10', RANKINGS);
    expect(r.body.period).toMatchObject({ kind: 'custom', from: '2025-09-15', to: '2025-11-10' });
    expect(r.body.units.map(shape)).toEqual(direct('2025-09-15', '2025-11-10').units.map(shape));
  });

  it('answers the running period since 2025-07-01 and an older methodology', async () => {
    const all = await get('/api/provinces/82/rankings?period=all', RANKINGS);
    expect(all.body.units.map(shape)).toEqual(direct('2025-07-01', '2025-11-20').units.map(shape));
    const old = await get('/api/provinces/82/rankings?period=2025-10&methodology=qd766-2022', RANKINGS);
    expect(old.body.methodology).toBe('qd766-2022');
    expect(Object.keys(old.body.units[0].groups)).toEqual(['CKMB', 'TDGQ', 'CCDV', 'MDSH', 'MDHL']);
    // a version without snapshots, as the version in force is before a province is recomputed under it
    const first = await get('/api/provinces/82/rankings?period=2025-Q4&methodology=qd766-2025', RANKINGS);
    expect(first.body.period).toMatchObject({
      kind: 'quarter',
      key: '2025-Q4',
      from: '2025-10-01',
      to: '2025-11-20',
    });
    const byRecords = rankPeriod(
      {
        registry,
        province: '82',
        period: customPeriod('2025-10-01', '2025-11-20'),
        methodology: methodology('qd766-2025'),
      },
      records,
    );
    expect(first.body.units.map(shape)).toEqual(byRecords.units.map(shape));
    const allOld = await get('/api/provinces/82/rankings?period=all&methodology=qd766-2025', RANKINGS);
    expect(allOld.body.period).toMatchObject({ kind: 'all', key: 'all' });
    expect(allOld.body.units).toHaveLength(101);
  });

  it('answers a lighter ranking without indicators, and only the units asked for', async () => {
    const light = await get('/api/provinces/82/rankings?period=2025-10&detail=none', RANKINGS);
    expect(light.body.units).toHaveLength(101);
    expect(light.body.units[0]).not.toHaveProperty('indicators');
    const full = direct('2025-10-01', '2025-10-31').units.find((u) => u.unitCode === '30208');
    const one = await get('/api/provinces/82/rankings?period=2025-10&units=30208', RANKINGS);
    expect(one.body.units.map(shape)).toEqual([shape(full as never)]);
    expect((await get('/api/provinces/82/rankings?detail=all', RANKINGS)).status).toBe(400);
  });

  it('serves a standard period of a named source with one database read', async () => {
    const { platform } = await import('#functions/handlers/platform.ts');
    let reads = 0;
    platform().client.middlewareStack.add(
      (next) => async (args) => {
        reads++;
        return next(args);
      },
      { step: 'initialize', name: 'countReads' },
    );
    await get('/api/provinces/82/rankings?period=2025-Q4&source=records', RANKINGS);
    platform().client.middlewareStack.remove('countReads');
    expect(reads).toBe(1);
  });

  it('exports CSV for Excel: BOM, one row per unit, formula-safe, readable by a CSV parser', async () => {
    const r = await fetch(`${p.base}/api/provinces/82/rankings?period=2025-10&format=csv`);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(
      /attachment; filename="ranking-82-2025-10-2025-10-31.csv"/,
    );
    const bytes = Buffer.from(await r.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    expect(rows).toHaveLength(102);
    const expected = direct('2025-10-01', '2025-10-31');
    expect(rows.slice(0, 101).map((x) => [x.unitCode, Number(x.rank), Number(x.total), x.band])).toEqual(
      expected.units.map((u) => [u.unitCode, u.rank, u.total, u.band]),
    );
    expect(rows[101]).toMatchObject({
      unitCode: '28249',
      rank: '',
      band: 'no data',
      name: 'Phường Đạo Thạnh',
    });
  });

  it('exports the ranking as an Excel workbook: the ranking, then a sheet per group by its score', async () => {
    const r = await fetch(`${p.base}/api/provinces/82/rankings?period=2025-10&format=xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX_TYPE);
    expect(r.headers.get('content-disposition')).toMatch(
      /attachment; filename="ranking-82-2025-10-2025-10-31.xlsx"/,
    );
    const sheets = await readWorkbook(new Uint8Array(await r.arrayBuffer()));
    const m = methodology();
    expect(sheets.map((s) => s.name)).toEqual(['Xếp hạng', ...m.groups.map((g) => g.name.vi.slice(0, 31))]);
    const [ranking, ...groups] = sheets;
    expect(ranking?.rows[0]?.[0]).toBe(
      `Xếp hạng — Tỉnh Đồng Tháp — Tháng 10/2025 — số liệu đến ngày 31/10/2025 — phương pháp ${m.id} — nguồn: số liệu hằng ngày`,
    );
    expect(ranking?.rows[1]?.slice(0, 6)).toEqual([
      'Hạng',
      'Mã đơn vị',
      'Đơn vị',
      'Loại',
      'Tổng điểm',
      'Xếp loại',
    ]);
    expect(ranking?.frozenRows).toBe(2);
    const expected = direct('2025-10-01', '2025-10-31');
    const body = ranking?.rows.slice(2) ?? [];
    expect(body).toHaveLength(102);
    expect(body.slice(0, 101).map((x) => [x[0], x[1], x[4]])).toEqual(
      expected.units.map((u) => [u.rank, u.unitCode, u.total]),
    );
    // a code stays text, a total is a number shown with two decimals, a name keeps its diacritics
    expect(ranking?.cells.get('B3')).toEqual({ stored: 'text', format: '@' });
    expect(ranking?.cells.get('E3')).toEqual({ stored: 'number', format: '0.00' });
    expect(body[101]?.slice(1, 6)).toEqual(['28249', 'Phường Đạo Thạnh', 'Phường', null, 'Chưa có số liệu']);
    // each group's sheet: its units by the group's score, with the group's indicators
    for (const [k, g] of m.groups.entries()) {
      const sheet = groups[k];
      expect(sheet?.rows[1]).toEqual([
        'Hạng trong nhóm',
        'Mã đơn vị',
        'Đơn vị',
        'Điểm nhóm',
        'Đạt (% điểm tối đa)',
        ...g.indicators.map((i) => `${i.name.vi} (tối đa ${i.points})`),
        'Hạng chung',
        'Tổng điểm',
      ]);
      const rows = sheet?.rows.slice(2) ?? [];
      expect(rows).toHaveLength(101);
      const scores = rows.map((x) => x[3] as number);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const top = expected.units.find((u) => u.unitCode === rows[0]?.[1]);
      expect(rows[0]?.[3]).toBe(top?.groups[g.code]);
      expect(rows[0]?.slice(5, 5 + g.indicators.length)).toEqual(
        g.indicators.map((i) => top?.indicators[i.code]?.points),
      );
    }
  });

  it('exports the workbook with English titles on lang=en, and a unit history as a workbook', async () => {
    const r = await fetch(`${p.base}/api/provinces/82/rankings?period=2025-10&format=xlsx&lang=en`);
    const [ranking] = await readWorkbook(new Uint8Array(await r.arrayBuffer()));
    expect(ranking?.name).toBe('Ranking');
    expect(ranking?.rows[0]?.[0]).toMatch(
      /^Ranking — Dong Thap Province — October 2025 — data as of 31\/10\/2025/,
    );
    const h = await fetch(`${p.base}/api/provinces/82/units/30208/history?format=xlsx`);
    expect(h.headers.get('content-disposition')).toMatch(/filename="history-82-30208.xlsx"/);
    const [history] = await readWorkbook(new Uint8Array(await h.arrayBuffer()));
    expect(history?.rows.slice(2).map((x) => x[0])).toEqual([
      'Tháng 9/2025',
      'Tháng 10/2025',
      'Tháng 11/2025',
    ]);
  });

  it.each([
    ['/api/provinces/82/rankings?period=2025-Q5', 400, /quarter 5 does not exist/],
    ['/api/provinces/82/rankings?from=2025-10-01', 400, /from and to go together/],
    ['/api/provinces/82/rankings?period=2025-10&from=2025-10-01&to=2025-10-02', 400, /not both/],
    ['/api/provinces/82/rankings?asOf=yesterday', 400, /asOf "yesterday" is not a day/],
    ['/api/provinces/82/rankings?sort=rank', 400, /unknown query parameter "sort"/],
    ['/api/provinces/82/rankings?format=pdf', 400, /format must be json, csv or xlsx, not "pdf"/],
    ['/api/provinces/82/rankings?format=xlsx&lang=fr', 400, /lang must be vi or en, not "fr"/],
    ['/api/provinces/99/rankings', 404, /unknown province "99"/],
    ['/api/provinces/82/rankings?methodology=v0', 404, /unknown methodology "v0"/],
  ])('answers %s with %d and says why', async (path, status, detail) => {
    const r = await get(path, RANKINGS);
    expect(r.status).toBe(status);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.detail).toMatch(detail);
  });
});

describe('the rest of the read API', () => {
  it('summarises a province: average, median, quartiles, bands, units without data, missing days, last ingest', async () => {
    const r = await get('/api/provinces/82/summary?period=2025-11', '/api/provinces/{province}/summary');
    const totals = direct('2025-11-01', '2025-11-20')
      .units.map((u) => u.total)
      .sort((a, b) => a - b);
    expect(r.body).toMatchObject({
      units: 102,
      ranked: 101,
      withoutData: ['28249'],
      latestDay: '2025-11-20',
      expectedDays: 20,
    });
    expect(r.body.median).toBe(totals[50]);
    expect(r.body.average).toBe(Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100);
    expect(Date.parse(r.body.lastIngestAt)).toBeGreaterThan(Date.now() - 600_000);
  });

  it("gives a unit's history: each month's score and rank, and its rank day by day", async () => {
    const r = await get(
      '/api/provinces/82/units/30208/history',
      '/api/provinces/{province}/units/{unit}/history',
    );
    expect(r.body.months.map((m: { period: string }) => m.period)).toEqual(['2025-09', '2025-10', '2025-11']);
    const october = direct('2025-10-01', '2025-10-31').units.find((u) => u.unitCode === '30208');
    expect(r.body.months[1]).toMatchObject({
      rank: october?.rank,
      total: october?.total,
      keyFigures: october?.keyFigures,
    });
    expect(r.body.days).toHaveLength(81);
    const asOf = direct('2025-09-01', '2025-10-15').units.find((u) => u.unitCode === '30208');
    expect(r.body.days.find((d: { day: string }) => d.day === '2025-10-15')).toEqual({
      day: '2025-10-15',
      rank: asOf?.rank,
      total: asOf?.total,
    });
    const csv = await fetch(`${p.base}/api/provinces/82/units/30208/history?format=csv`);
    const rows: Record<string, string>[] = parse(Buffer.from(await csv.arrayBuffer()), {
      bom: true,
      columns: true,
    });
    expect(rows.map((x) => x.period)).toEqual(['2025-09', '2025-10', '2025-11']);
  });

  it('compares units side by side with the average and the best', async () => {
    const r = await get(
      '/api/provinces/82/compare?units=30208,28261&period=2025-10',
      '/api/provinces/{province}/compare',
    );
    const expected = direct('2025-10-01', '2025-10-31');
    expect(
      r.body.units.map((u: { unitCode: string; entry: { rank: number } }) => [u.unitCode, u.entry.rank]),
    ).toEqual(
      ['30208', '28261'].map((code) => [code, expected.units.find((u) => u.unitCode === code)?.rank]),
    );
    expect(r.body.best.unitCode).toBe(expected.units[0]?.unitCode);
    expect(r.body.units[0].months).toHaveLength(3);
    expect(
      (await get('/api/provinces/82/compare?units=30208', '/api/provinces/{province}/compare')).status,
    ).toBe(400);
  });

  it("gives every unit's total and rank month by month, for sparklines", async () => {
    const r = await get('/api/provinces/82/trend', '/api/provinces/{province}/trend');
    expect(r.body.months).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11']);
    const october = direct('2025-10-01', '2025-10-31').units.find((u) => u.unitCode === '30208');
    expect(r.body.units['30208'].totals[3]).toBe(october?.total);
    expect(r.body.units['30208'].ranks[3]).toBe(october?.rank);
    expect(r.body.units['30208'].totals[0]).toBeNull();
    expect(r.body.units['28249'].totals).toEqual([null, null, null, null, null]);
  });

  it('lists the registry and the methodology in force', async () => {
    expect((await get('/api/provinces', '/api/provinces')).body).toHaveLength(34);
    const units = await get('/api/provinces/82/units', '/api/provinces/{province}/units');
    expect(units.body).toHaveLength(102);
    const province = await get('/api/provinces/82', '/api/provinces/{province}');
    expect(province.body).toMatchObject({
      code: '82',
      name: 'Đồng Tháp',
      latestDay: '2025-11-20',
      sources: ['records'],
      published: { periods: [], latestDay: null },
    });
    const m = await get('/api/methodologies/current', '/api/methodologies/{id}');
    expect(m.body.id).toBe('qd766-2026');
    expect(
      (await get('/api/methodologies', '/api/methodologies')).body.map((x: { id: string }) => x.id),
    ).toEqual(['qd766-2026', 'qd766-2025', 'qd766-2022']);
  });

  it('answers 404 problem+json for what does not exist', async () => {
    for (const path of [
      '/api/provinces/82/units/00004/history',
      '/api/submissions/nope',
      '/api/nothing-here',
    ]) {
      const r = await fetch(`${p.base}${path}`);
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('puts the security headers on every answer', async () => {
    for (const path of ['/api/provinces', '/api/provinces/99', '/']) {
      const r = await fetch(`${p.base}${path}`);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it("describes itself in OpenAPI 3.1: a document valid under the specification's own schema, every route in it", async () => {
    const r = await fetch(`${p.base}/api/openapi.json`);
    const doc = (await r.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(openApiErrors(doc)).toEqual([]);
    // and the check can fail: a document without its info, or with a parameter missing its place, is refused
    expect(openApiErrors({ ...doc, info: undefined })).not.toEqual([]);
    const broken = structuredClone(doc) as unknown as {
      paths: Record<string, { get: { parameters: object[] } }>;
    };
    broken.paths['/api/provinces/{province}/units'] = { get: { parameters: [{ name: 'province' }] } };
    expect(openApiErrors(broken)).not.toEqual([]);
    for (const route of ROUTES)
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], route.path).toBeDefined();
    // the ingest's limits and faults say when to come back
    const ingest = doc.paths['/api/ingest']?.post?.responses ?? {};
    expect(Object.keys(ingest)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '413', '429', '503']),
    );
    expect(ingest['429']?.headers).toHaveProperty('Retry-After');
    expect(ingest['503']?.headers).toHaveProperty('Retry-After');
  });
});
