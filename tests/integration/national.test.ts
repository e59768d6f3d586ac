import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { registry } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { XLSX_TYPE } from '#functions/commons/http.ts';
import { briefingFor } from '#functions/services/briefing.ts';
import { ingestNationalFile } from '#functions/services/national-ingest.ts';
import { csvOf } from '../support/csv.ts';
import { readWorkbook } from '../support/workbook.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * The country at a glance, from the portal's real national list of
 * 2026-09-17 and a second observation a week later in which two provinces
 * trade places, with the real handlers on the embedded DynamoDB.
 */
let p: TestPlatform;
const FILE = 'data/portal/national-2026-09-17.json';

beforeAll(async () => {
  p = await startPlatform();
  const deps = { store: p.store, archive: new FolderArchive(process.env.ARCHIVE_DIR as string) };
  const first = readFileSync(FILE);
  const later = JSON.parse(first.toString());
  later.capturedOn = '2026-09-24';
  const evaluation = later.response.data.evaluation as { departmentCode: string; totalScore: number }[];
  // Đồng Nai (H19) passes Đồng Tháp (H20)
  for (const e of evaluation) if (e.departmentCode === 'H19') e.totalScore = 69.01;
  await ingestNationalFile(deps, first);
  await ingestNationalFile(deps, Buffer.from(JSON.stringify(later)));
  // the platform holds its own ranking of Đồng Tháp
  const day = addDays(todayInVietnam(), -1);
  const token = await p.token('82');
  const r = await fetch(`${p.base}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csvOf([...generateRecords({ registry, province: '82', from: day, to: day, seed: 2 })]),
  });
  expect(r.status).toBe(201);
}, 60_000);
afterAll(() => p?.close());

async function get(path: string) {
  const r = await fetch(`${p.base}${path}`);
  const type = r.headers.get('content-type') ?? '';
  // biome-ignore lint/suspicious/noExplicitAny: an answer the OpenAPI document checks below
  const body: any = type.includes('json') ? await r.json() : await r.arrayBuffer();
  if (type.includes('json')) expectMatchesOpenApi('/api/national', 'get', r.status, type, body);
  return { status: r.status, type, body, headers: r.headers };
}

describe('GET /api/national', () => {
  it('ranks the 34 provinces of the latest observation, with their groups and changes since the one before', async () => {
    const r = await get('/api/national');
    expect(r.status).toBe(200);
    const answer = r.body;
    expect([answer.period, answer.observedOn, answer.previousObservedOn, answer.countryTotal]).toEqual([
      '2026',
      '2026-09-24',
      '2026-09-17',
      56.56,
    ]);
    expect(answer.provinces).toHaveLength(34);
    expect(answer.defaultProvince).toBe('82');
    const [first, second] = answer.provinces;
    expect(first).toMatchObject({
      province: '75',
      rank: 1,
      total: 69.01,
      totalChange: 1.46,
      rankChange: 1,
      sources: [],
    });
    expect(second).toMatchObject({
      province: '82',
      fullName: 'Tỉnh Đồng Tháp',
      rank: 2,
      total: 68.32,
      totalChange: 0,
      rankChange: -1,
      groups: { CKMB: 11.45, TDGQ: 17.72, CLGQ: 8.83, TTTT: 6.22, MDHL: 14.45, MDSH: 9.65 },
      sources: ['records'],
    });
  });

  it('answers an earlier observation, without changes before the first', async () => {
    const r = await get('/api/national?period=2026&asOf=2026-09-20');
    expect(r.body.observedOn).toBe('2026-09-17');
    expect(r.body.previousObservedOn).toBeNull();
    expect(r.body.provinces[0]).toMatchObject({
      province: '82',
      rank: 1,
      totalChange: null,
      rankChange: null,
    });
  });

  it('exports the list as CSV and as an Excel workbook', async () => {
    const csv = await fetch(`${p.base}/api/national?format=csv`);
    expect(csv.headers.get('content-disposition')).toMatch(/filename="national-2026-2026-09-24.csv"/);
    expect((await csv.text()).split('\r\n')[2]).toMatch(/^2,82,Tỉnh Đồng Tháp,68\.32,0,-1,11\.45,/);
    const x = await get('/api/national?format=xlsx&lang=en');
    expect(x.type).toBe(XLSX_TYPE);
    const [sheet] = await readWorkbook(new Uint8Array(x.body as ArrayBuffer));
    expect(sheet?.rows[0]?.[0]).toBe(
      "The country: 34 provinces — 2026 — published on 24/09/2026 — source: the national portal's figures",
    );
    expect(sheet?.rows[3]?.slice(0, 4)).toEqual([2, '82', 'Dong Thap Province', 68.32]);
  });

  it('names a period not observed, and a period the portal does not publish', async () => {
    const missing = await get('/api/national?period=2025');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('the national list of 2025 has not been observed; observed: 2026');
    const bad = await get('/api/national?period=2026-W3');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/not a year, quarter or month the portal publishes/);
  });

  it("gives the morning briefing the province's place among the 34", async () => {
    const b = await briefingFor(p.store, '82');
    expect(b?.briefing.national).toEqual({ rank: 2, of: 34, total: 68.32, observedOn: '2026-09-24' });
    expect(b?.text.vi.split('\n')[2]).toBe(
      'Tỉnh trong cả nước: hạng 2/34, 68,32 điểm (Cổng công bố ngày 24/09/2026)',
    );
  });
});
