import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS, observationWithAgencies } from '../support/agencies.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/** The province's departments beside its communes: ranked within their own kind, through the read API. */
let p: TestPlatform;

beforeAll(async () => {
  p = await startPlatform();
  const token = await p.token('52');
  const r = await fetch(`${p.base}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/jsonl' },
    body: observationWithAgencies(),
  });
  expect(r.status, await r.clone().text()).toBe(201);
}, 60_000);
afterAll(() => p?.close());

const RANKINGS = '/api/provinces/{province}/rankings';
async function get(path: string) {
  const r = await fetch(`${p.base}${path}`);
  // biome-ignore lint/suspicious/noExplicitAny: an answer the OpenAPI document checks below
  const body: any = await r.json();
  expectMatchesOpenApi(
    path.includes('/history') ? '/api/provinces/{province}/units/{unit}/history' : RANKINGS,
    'get',
    r.status,
    r.headers.get('content-type') ?? '',
    body,
  );
  return { status: r.status, body };
}

describe('departments beside communes', () => {
  it('ranks the departments among themselves, with their own bands and summary', async () => {
    const { body } = await get('/api/provinces/52/rankings?period=2026&kind=agencies&detail=none');
    expect(
      body.units.map((u: { unitCode: string; rank: number; type: string }) => [u.unitCode, u.rank, u.type]),
    ).toEqual(DEPARTMENTS.map((d, k) => [d.code, k + 1, 'agency']));
    expect(body.units.map((u: { band: string }) => u.band)).toEqual(['good', 'good', 'average']);
    expect(body.summary).toMatchObject({ units: 3, ranked: 3, max: 81.5, min: 64.1 });
    expect(body.unranked).toEqual([]);
    expect(body.agencies).toBeUndefined();
  });

  it('leaves the communes and wards as they were: 135, ranked from 1, no department among them', async () => {
    const { body } = await get('/api/provinces/52/rankings?period=2026&detail=none');
    expect(body.units).toHaveLength(135);
    expect(body.units[0].rank).toBe(1);
    expect(body.units.some((u: { type: string }) => u.type === 'agency')).toBe(false);
    expect(body.agencies).toHaveLength(3);
  });

  it("gives a department's entry and history by its portal code", async () => {
    const entry = await get(
      `/api/provinces/52/rankings?period=2026&kind=agencies&units=${DEPARTMENTS[1].code}`,
    );
    expect(entry.body.units).toEqual([expect.objectContaining({ unitCode: DEPARTMENTS[1].code, rank: 2 })]);
    const history = await get(`/api/provinces/52/units/${DEPARTMENTS[1].code}/history`);
    expect(history.body).toMatchObject({
      unitCode: DEPARTMENTS[1].code,
      name: DEPARTMENTS[1].name,
      type: 'agency',
    });
    expect(history.body.days).toEqual([{ day: '2026-10-01', rank: 2, total: 77.25 }]);
  });

  it('has no departments from daily records, and names a kind it does not know', async () => {
    const records = await get('/api/provinces/52/rankings?source=records&kind=agencies');
    expect(records.body.units).toEqual([]);
    const bad = await get('/api/provinces/52/rankings?kind=sở');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toBe('kind must be communes or agencies, not "sở"');
  });
});
