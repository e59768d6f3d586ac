import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '#core/portal/observation.ts';
import { portalProvince } from '#core/portal/provinces.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { PortalClient, type PortalClientOptions, PortalUnreachableError } from '#functions/portal/client.ts';
import { DomainError } from '#functions/services/errors.ts';
import { pullPortal } from '#functions/services/pull-portal.ts';
import { type PortalStandin, readObservation, startPortalStandin } from '../support/portal-standin.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * The portal connector end to end: the real client against a stand-in portal
 * that serves the documented answers (built from Gia Lai's real observation)
 * and misbehaves on demand, the real ingestion into an empty platform on
 * dynalite, and the read API answering from what was stored.
 */

let p: TestPlatform;
let portal: PortalStandin;
const real = readObservation();
const year = [{ kind: 'year' as const, key: '2026', from: '2026-01-01', to: '2026-12-31' }];

/** A client that never really sleeps, and says what it would have waited. */
function client(day: string, options: PortalClientOptions = {}) {
  const waited: number[] = [];
  const c = new PortalClient({
    baseUrl: portal.url,
    pauseMs: 0,
    attempts: 3,
    timeoutMs: 1_000,
    sleep: async (ms) => {
      waited.push(ms);
    },
    now: () => new Date(`${day}T01:00:00Z`),
    ...options,
  });
  return { c, waited };
}

const deps = () => ({ store: p.store, archive: new FolderArchive(process.env.ARCHIVE_DIR as string) });
const pull = (day: string, options: PortalClientOptions = {}) =>
  pullPortal(deps(), client(day, options).c, '52', year, 'a test');

const ROUTES: [RegExp, string][] = [
  [/^\/api\/provinces$/, '/api/provinces'],
  [/^\/api\/provinces\/\d{2}$/, '/api/provinces/{province}'],
  [/^\/api\/provinces\/\d{2}\/rankings/, '/api/provinces/{province}/rankings'],
  [/^\/api\/provinces\/\d{2}\/units\/[^/]+\/history/, '/api/provinces/{province}/units/{unit}/history'],
  [
    /^\/api\/provinces\/\d{2}\/units\/[^/]+\/observations\//,
    '/api/provinces/{province}/units/{unit}/observations/{period}/{date}',
  ],
];

/** A read of the API, its answer held to the OpenAPI document. */
async function get<T = Record<string, unknown>>(path: string): Promise<T> {
  const r = await fetch(`${p.base}${path}`);
  expect(r.status, path).toBe(200);
  const body = (await r.json()) as T;
  const route = ROUTES.find(([pattern]) => pattern.test(path))?.[1];
  if (!route) throw new Error(`no OpenAPI path for ${path}`);
  expectMatchesOpenApi(route, 'get', 200, r.headers.get('content-type') ?? '', body);
  return body;
}

/** Nothing of a day was stored: no header, no unit, no published ranking. */
async function nothingStored(day: string) {
  const o = await p.store.observation('52', '2026', day);
  expect(o.header).toBeUndefined();
  expect(o.units.size).toBe(0);
  expect((await p.store.published('52', '2026', day))?.asOf ?? '').not.toBe(day);
}

/** The observation with a unit's published figures moved, as the portal shows them a later day. */
function changed(portalCode: string, by: number, name?: string): Observation {
  return {
    header: real.header,
    units: real.units.map((u) =>
      u.portalCode === portalCode
        ? {
            ...u,
            ...(name ? { name } : {}),
            total: (u.total ?? 0) + by,
            groups: { ...u.groups, CLGQ: u.groups.CLGQ + by },
            online: { ...u.online, score: (u.online.score ?? 0) + by },
          }
        : u,
    ),
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('it did not fail');
}

beforeAll(async () => {
  p = await startPlatform();
  portal = await startPortalStandin();
});

afterAll(async () => {
  await portal.close();
  await p.close();
});

describe('a pull from the national portal into an empty platform', () => {
  it('stores what the portal published and ranks it, the computed score and reconciliation beside', async () => {
    const receipt = await pull('2026-10-01');
    expect(receipt.format).toBe('portal-answers');
    expect(receipt.counts).toEqual({ rows: 135, created: 135, revised: 0, unchanged: 0, rejected: 0 });
    expect(receipt.observations).toEqual([
      expect.objectContaining({
        period: '2026',
        observedOn: '2026-10-01',
        units: 135,
        matched: 135,
        unsettled: [],
      }),
    ]);
    expect(portal.requests.map((r) => r.endpoint)).toEqual([
      'service-results',
      'transparency',
      'dvc-progress-tree',
      'provide-online-tree',
      'formality-online-payment-tree',
      'dossier-digitized',
      'handling-satisfaction',
    ]);
    expect(portal.requests[0]?.body).toMatchObject({
      timeType: 'year',
      year: 2026,
      rootDepartmentId: portalProvince('52').rootDepartmentId,
      pageSize: 300,
    });

    const province = await get('/api/provinces/52');
    expect(province).toMatchObject({
      sources: ['portal'],
      published: { periods: ['2026'], latestDay: '2026-10-01' },
    });
    const ranking = await get<{
      source: string;
      asOf: string;
      units: {
        unitCode: string;
        rank: number;
        total: number;
        published: {
          total: number;
          groupsTotal: number;
          computed: { total: number; rank: number };
          reconciliation: { differs: boolean };
        };
      }[];
      reconciliation: Record<string, number>;
    }>('/api/provinces/52/rankings?period=2026');
    expect(ranking.source).toBe('portal');
    expect(ranking.asOf).toBe('2026-10-01');
    expect(ranking.units).toHaveLength(135);
    // Vân Canh: first by the published total; the computed total is the sum of the portal's group pages
    expect(ranking.units[0]).toMatchObject({
      unitCode: '21994',
      rank: 1,
      total: 75.62,
      published: {
        total: 75.62,
        groupsTotal: 75.48,
        computed: { total: 75.48, rank: 1 },
        reconciliation: { differs: true },
      },
    });
    expect(ranking.reconciliation).toEqual({
      differing: 121,
      totalDiffers: 121,
      pagesDiffer: 121,
      groupsDiffer: 0,
    });
    // the same answer without naming the source or the period: the province's own
    const plain = await get<{ source: string; period: { key: string } }>('/api/provinces/52/rankings');
    expect(plain).toMatchObject({ source: 'portal', period: { key: '2026' } });
    const provinces = await get<{ code: string; sources: string[] }[]>('/api/provinces');
    expect(provinces.filter((x) => x.sources.length)).toEqual([
      expect.objectContaining({ code: '52', sources: ['portal'] }),
    ]);
  });

  it('counts the change against the previous observation, in points and places', async () => {
    portal.serve(changed('H21.227', -3));
    await pull('2026-10-05');
    portal.serve(real);
    const ranking = await get<{
      previousObservedOn: string;
      units: {
        unitCode: string;
        rank: number;
        rankChangeDay: number;
        previousDay: { rank: number; total: number };
        published: { totalChangeDay: number };
      }[];
    }>('/api/provinces/52/rankings?period=2026&asOf=2026-10-05');
    expect(ranking.previousObservedOn).toBe('2026-10-01');
    const vanCanh = ranking.units.find((u) => u.unitCode === '21994');
    expect(vanCanh?.previousDay).toEqual({ rank: 1, total: 75.62 });
    expect(vanCanh?.published.totalChangeDay).toBe(-3);
    expect(vanCanh?.rankChangeDay).toBeLessThan(0);
    const history = await get<{
      source: string;
      daysPeriod: string;
      days: { day: string; rank: number; total: number }[];
    }>('/api/provinces/52/units/21994/history');
    expect(history.source).toBe('portal');
    expect(history.daysPeriod).toBe('2026');
    expect(history.days).toEqual([
      { day: '2026-10-01', rank: 1, total: 75.62 },
      { day: '2026-10-05', rank: vanCanh?.rank, total: 72.62 },
    ]);
    // the ranking as of the first day is still there
    const first = await get<{ asOf: string }>('/api/provinces/52/rankings?period=2026&asOf=2026-10-04');
    expect(first.asOf).toBe('2026-10-01');
  });

  it('changes nothing when the same day is pulled again, and keeps a differing pull of it as a revision', async () => {
    const again = await pull('2026-10-01');
    expect(again.counts).toMatchObject({ created: 0, revised: 0, unchanged: 135 });
    portal.serve(changed('H21.125', 1));
    const revised = await pull('2026-10-01');
    portal.serve(real);
    expect(revised.counts).toMatchObject({ created: 0, revised: 1, unchanged: 134 });
    expect(revised.rows.find((r) => r.outcome === 'revised')).toMatchObject({
      portalCode: 'H21.125',
      revision: 2,
    });
    const history = await get<{ revisions: { revision: number; published: { total: number } }[] }>(
      '/api/provinces/52/units/H21.125/observations/2026/2026-10-01',
    );
    expect(history.revisions.map((r) => [r.revision, r.published.total])).toEqual([
      [1, 73.54],
      [2, 74.54],
    ]);
  });

  it('lists a unit the official list does not know in the receipt and the ranking, and never drops it', async () => {
    portal.serve(changed('H21.141', 0, 'UBND xã Không Có Tên'));
    const receipt = await pull('2026-10-07');
    portal.serve(real);
    expect(receipt.observations?.[0]?.unsettled).toEqual([
      expect.objectContaining({
        portalCode: 'H21.141',
        portalName: 'UBND xã Không Có Tên',
        status: 'unmatched',
      }),
    ]);
    expect(receipt.warnings.join(' ')).toMatch(/1 of the portal's communes and wards are not matched/);
    const ranking = await get<{
      units: { unitCode: string; published: { match: string } }[];
      unsettled: unknown[];
      unranked: { unitCode: string }[];
    }>('/api/provinces/52/rankings?period=2026&asOf=2026-10-07');
    expect(ranking.units).toHaveLength(135);
    expect(ranking.units.find((u) => u.unitCode === 'H21.141')?.published.match).toBe('unmatched');
    expect(ranking.unsettled).toHaveLength(1);
    // the official unit it was is listed as not observed, not guessed
    expect(ranking.unranked).toHaveLength(1);
  });

  it("keeps the province's departments as units of their own kind, ranked among themselves", async () => {
    const [first, second] = real.units;
    const department = (u: typeof first, code: string, name: string) => ({
      ...(u as NonNullable<typeof first>),
      portalId: `agency-${code}`,
      portalCode: code,
      name,
      childGroup: 'AGENCY' as const,
    });
    portal.serve({
      header: real.header,
      units: [
        ...real.units,
        department(second, 'H21.901', 'Sở Tư pháp'),
        department(first, 'H21.900', 'Sở Nội vụ'),
      ],
    });
    const receipt = await pull('2026-10-08');
    portal.serve(real);
    expect(receipt.observations?.[0]).toMatchObject({
      units: 137,
      communes: 135,
      agencies: 2,
      unsettled: [],
    });
    const ranking = await get<{
      units: unknown[];
      agencies: {
        unitCode: string;
        name: string;
        type: string;
        rank: number;
        published: { match: string };
      }[];
    }>('/api/provinces/52/rankings?period=2026&asOf=2026-10-08');
    expect(ranking.units).toHaveLength(135);
    expect(ranking.agencies.map((a) => [a.rank, a.unitCode, a.name, a.type, a.published.match])).toEqual([
      [1, 'H21.900', 'Sở Nội vụ', 'agency', 'agency'],
      [2, 'H21.901', 'Sở Tư pháp', 'agency', 'agency'],
    ]);
    const history = await get<{ name: string; type: string }>('/api/provinces/52/units/H21.900/history');
    expect(history).toMatchObject({ name: 'Sở Nội vụ', type: 'agency' });

    // a later pull of the day without them: the day's ranking follows it, and their figures are kept
    const again = await pull('2026-10-08');
    expect(again.counts).toMatchObject({ rows: 135, unchanged: 135 });
    const after = await get<{ agencies: unknown[]; units: unknown[] }>(
      '/api/provinces/52/rankings?period=2026&asOf=2026-10-08',
    );
    expect(after.agencies).toEqual([]);
    expect(after.units).toHaveLength(135);
    const kept = await get<{ revisions: unknown[] }>(
      '/api/provinces/52/units/H21.900/observations/2026/2026-10-08',
    );
    expect(kept.revisions).toHaveLength(1);
  });
});

describe('the portal misbehaving', () => {
  it('tries again after 403 and 429, waiting what the portal asks for', async () => {
    portal.misbehave({ kind: 'status', status: 403 }, { endpoint: 'transparency', times: 1 });
    portal.misbehave({ kind: 'status', status: 429, retryAfter: 7 }, { endpoint: 'transparency', times: 1 });
    const before = portal.requests.length;
    const { c, waited } = client('2026-10-08');
    const receipt = await pullPortal(deps(), c, '52', year, 'a test');
    expect(receipt.counts.rows).toBe(135);
    expect(portal.requests.slice(before).filter((r) => r.endpoint === 'transparency')).toHaveLength(3);
    expect(waited).toContain(7_000);
  });

  it('tries again after a reset connection and an answer that never comes', async () => {
    portal.misbehave({ kind: 'reset' }, { endpoint: 'dossier-digitized', times: 1 });
    portal.misbehave({ kind: 'timeout' }, { endpoint: 'handling-satisfaction', times: 1 });
    const receipt = await pull('2026-10-09', { timeoutMs: 300 });
    expect(receipt.counts.created + receipt.counts.unchanged).toBe(135);
  });

  it('backs off with full jitter: each wait is at most the doubling ceiling', async () => {
    portal.misbehave({ kind: 'status', status: 503 }, { endpoint: 'service-results', times: 2 });
    const { c, waited } = client('2026-10-10', { baseDelayMs: 100, random: () => 0.999 });
    await pullPortal(deps(), c, '52', year, 'a test');
    expect(waited.slice(0, 2)).toEqual([99, 199]);
  });

  it.each([
    [
      'a 5xx that does not stop',
      { kind: 'status', status: 502 },
      /did not answer dvc-progress-tree after 3 tries \(last: HTTP 502\)/,
    ],
    [
      'an answer that never comes',
      { kind: 'timeout' },
      /did not answer dvc-progress-tree after 3 tries \(last: no answer in time\)/,
    ],
    ['connections reset every time', { kind: 'reset' }, /did not answer dvc-progress-tree after 3 tries/],
  ] as const)(
    'gives up on %s with one message naming the endpoint, and stores nothing',
    async (_name, m, message) => {
      portal.misbehave(m, { endpoint: 'dvc-progress-tree', times: 3 });
      const error = await failure(pull('2026-10-11', { timeoutMs: 200 }));
      expect(error).toBeInstanceOf(PortalUnreachableError);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/nothing of this pull was stored/);
      await nothingStored('2026-10-11');
    },
  );

  it.each([
    [
      'a partial page',
      { kind: 'partial' },
      'service-results',
      /^service-results: a partial page: it lists 67 of the 135 units/,
    ],
    ['malformed JSON', { kind: 'malformed' }, 'transparency', /^transparency: the answer is not JSON/],
    [
      'a renamed field',
      { kind: 'rename', from: 'totalOnTime', to: 'totalInTime' },
      'dvc-progress-tree',
      /^dvc-progress-tree: unit H21\.227 \(UBND xã Vân Canh\): totalOnTime/,
    ],
    [
      'a unit missing from one endpoint',
      { kind: 'drop-unit', portalCode: 'H21.125' },
      'handling-satisfaction',
      /^handling-satisfaction does not list unit H21\.125 \(UBND xã Đăk Song\)/,
    ],
  ] as const)(
    'refuses %s whole with a clear message, keeping the answers in the archive',
    async (_n, m, endpoint, message) => {
      portal.misbehave(m, { endpoint, times: 1 });
      const error = await failure(pull('2026-10-12'));
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('invalid');
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/nothing of it was stored/);
      await nothingStored('2026-10-12');
      const submission = String((error as DomainError).details.submission);
      const archived = await deps().archive.find(submission);
      expect(archived?.body.toString()).toContain('"kind":"portal-answers"');
    },
  );

  it('asks one thing at a time, with the pause it is given between requests', async () => {
    const before = portal.requests.length;
    await pull('2026-10-13', { pauseMs: 40, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const mine = portal.requests.slice(before);
    expect(mine).toHaveLength(7);
    // each request starts once the one before it has ended, and a pause later
    for (let k = 1; k < mine.length; k++) {
      expect((mine[k]?.startedAt ?? 0) - (mine[k - 1]?.endedAt ?? 0)).toBeGreaterThanOrEqual(35);
    }
  });
});

describe("the portal's figures fetched elsewhere", () => {
  it("go in through POST /api/ingest as the pull's own answers, for a token of their province only", async () => {
    const bundle = await client('2026-10-20').c.fetchBundle(
      portalProvince('52'),
      [{ timeType: 'year', year: 2026 }],
      'portal:fetch on an office PC',
    );
    const body = JSON.stringify(bundle);
    const post = async (token: string) =>
      fetch(`${p.base}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
    const wrong = await post(await p.token('82'));
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(
      /this token writes province 82; these are the portal's figures of province 52/,
    );
    const commune = await post(await p.token('52', ['21994']));
    expect(commune.status).toBe(403);
    const ok = await post(await p.token('52'));
    expect(ok.status).toBe(201);
    const receipt = (await ok.json()) as { format: string; counts: { created: number } };
    expect(receipt).toMatchObject({ format: 'portal-answers', counts: { created: 135 } });
    expectMatchesOpenApi('/api/ingest', 'post', 201, ok.headers.get('content-type') ?? '', receipt);
    const ranking = await get<{ asOf: string }>('/api/provinces/52/rankings?period=2026');
    expect(ranking.asOf).toBe('2026-10-20');
  });
});
