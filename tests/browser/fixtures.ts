import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { methodology } from '#core/methodology/catalog.ts';
import { registry } from '#core/registry/registry.ts';
import * as z from '#core/zod.ts';
import type {
  HistoryPoint,
  ProvinceAnswer,
  ProvinceListAnswer,
  RankingAnswer,
  RankingUnit,
  TrendAnswer,
  UnitHistory,
} from '#functions/api/answers.ts';
import { schemaNamed } from '#functions/api/schemas.ts';
import { json, problem, type Result } from '#functions/commons/http.ts';

/**
 * The read API's answers for the views' own tests: small, known, and checked
 * against the API's schemas when built, so that they cannot drift from what
 * the server answers. The methodology is not the one in force: its groups'
 * maxima and its bands are the fixture's own, so a view that shows them read
 * them from the server, not from a constant of its own.
 */

function checked<T>(schema: string, value: T): T {
  const found = schemaNamed.get(schema);
  if (!found) throw new Error(`no schema ${schema}`);
  const parsed = z.safeParse(found, value);
  if (!parsed.success)
    throw new Error(`the ${schema} fixture does not match its schema: ${parsed.error.message}`);
  return value;
}

const inForce = methodology();
/** A version of the future: two groups weigh more, and the bands are three, with names of their own. */
export const FIXTURE_METHODOLOGY = checked('Methodology', {
  ...structuredClone(inForce),
  id: 'fixture-2027',
  name: { vi: 'Phương pháp thử 2027', en: 'Fixture method 2027' },
  groups: inForce.groups.map((g) => ({
    ...structuredClone(g),
    max: g.code === 'CKMB' ? 25 : g.code === 'TDGQ' ? 30 : g.max,
  })),
  bands: [
    { id: 'gold', min: 85, label: { vi: 'Xuất sắc', en: 'Outstanding' } },
    { id: 'silver', min: 60, label: { vi: 'Đạt', en: 'Meets' } },
    { id: 'bronze', min: 0, label: { vi: 'Chưa đạt', en: 'Below' } },
  ],
});
const GROUPS = FIXTURE_METHODOLOGY.groups.map((g) => g.code);

/** The province the server names as the default: not the one the dashboard used to assume. */
export const DEFAULT_PROVINCE = '52';

const [a, b, c, d] = registry.unitsOf('82');
const [p, q] = registry.unitsOf('52');
if (!a || !b || !c || !d || !p || !q) throw new Error('the registry lacks the fixture units');
export const UNITS = { a, b, c, d, p, q };

const keyFigures = (received: number) => ({
  received,
  receivedOnline: Math.round(received * 0.6),
  onlineShare: 0.6,
  handled: received,
  onTime: received - 2,
  onTimeRate: (received - 2) / received,
  resultsIssued: received,
  petitionsDue: 0,
});

function unit(
  u: { code: string; name: string; type: 'ward' | 'commune' | 'special-zone' },
  rank: number,
  groups: number[],
  band: string,
): RankingUnit {
  const total = Math.round(groups.reduce((s, x) => s + x, 0) * 100) / 100;
  return {
    unitCode: u.code,
    name: u.name,
    type: u.type,
    rank,
    total,
    band,
    groups: Object.fromEntries(GROUPS.map((g, k) => [g, groups[k] ?? 0])),
    keyFigures: keyFigures(100 + rank),
    daysWithData: 30,
    lastDay: '2026-11-30',
    previousDay: { rank, total },
    previousPeriod: { rank: rank + 1, total: total - 1 },
    rankChangeDay: 0,
    rankChangePeriod: 1,
  };
}

/** Each group's points as the fixture gives them, with one indicator each holding all of them. */
function withIndicators(u: RankingUnit): RankingUnit {
  const indicators = Object.fromEntries(
    FIXTURE_METHODOLOGY.groups.map((g) => {
      const first = g.indicators[0];
      const points = u.groups[g.code] ?? 0;
      return [
        first?.code ?? g.code,
        {
          group: g.code,
          points,
          max: g.max,
          lost: Math.round((g.max - points) * 100) / 100,
          ratio: points / g.max,
          inputs: { numerator: points, denominator: g.max },
          noCases: false,
          notApplicable: false,
        },
      ];
    }),
  );
  return { ...u, indicators };
}

const period = { kind: 'month' as const, key: '2026-11', from: '2026-11-01', to: '2026-11-30', days: 30 };

function rankingOf(
  province: string,
  units: RankingUnit[],
  unranked: RankingAnswer['unranked'],
): RankingAnswer {
  const totals = units.map((u) => u.total).sort((x, y) => x - y);
  return checked('Ranking', {
    province,
    source: 'records',
    period,
    asOf: '2026-11-30',
    methodology: FIXTURE_METHODOLOGY.id,
    units,
    unranked,
    summary: {
      units: units.length + unranked.length,
      ranked: units.length,
      average: Math.round((totals.reduce((s, x) => s + x, 0) / totals.length) * 100) / 100,
      median: totals[Math.floor(totals.length / 2)] ?? null,
      q1: totals[0] ?? null,
      q3: totals.at(-1) ?? null,
      min: totals[0] ?? null,
      max: totals.at(-1) ?? null,
      bands: Object.fromEntries(
        FIXTURE_METHODOLOGY.bands.map((x) => [x.id, units.filter((u) => u.band === x.id).length]),
      ),
      expectedDays: 30,
      withoutData: unranked.map((u) => u.unitCode),
      missingDays: [],
      rejectedRows: [],
    },
  });
}

/** Đồng Tháp: three units ranked (one in each band), one without data. CKMB 20/25 for the first. */
export const RANKING_82 = rankingOf(
  '82',
  [
    unit(a, 1, [20, 27, 11, 9, 15, 8], 'gold'),
    unit(b, 2, [15, 20, 9, 7, 12, 9.25], 'silver'),
    unit(c, 3, [5, 10, 6, 4, 8, 7], 'bronze'),
  ],
  [{ unitCode: d.code, name: d.name, type: d.type, reason: 'no data' }],
);

/** Gia Lai: two units, for the province the server names as the default. */
export const RANKING_52 = rankingOf(
  '52',
  [unit(p, 1, [22, 28, 10, 9, 16, 9], 'gold'), unit(q, 2, [12, 18, 8, 6, 10, 8], 'silver')],
  [],
);

const rankings: Record<string, RankingAnswer> = { '82': RANKING_82, '52': RANKING_52 };

/** October 2026 in Đồng Tháp: the same units, each with 12 points of CKMB. */
export const RANKING_82_OCTOBER: RankingAnswer = checked('Ranking', {
  ...RANKING_82,
  period: { kind: 'month', key: '2026-10', from: '2026-10-01', to: '2026-10-31', days: 31 },
  asOf: '2026-10-31',
  units: RANKING_82.units.map((u) => {
    const groups = { ...u.groups, CKMB: 12 };
    return { ...u, groups, total: Math.round(Object.values(groups).reduce((x, y) => x + y, 0) * 100) / 100 };
  }),
});

/** A month after the province's latest day (2026-11-30): no data yet, every unit unranked. */
export function emptyMonth(key: string): RankingAnswer {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const all: RankingAnswer['unranked'] = [
    ...[UNITS.a, UNITS.b, UNITS.c].map((u) => ({
      unitCode: u.code,
      name: u.name,
      type: u.type,
      reason: 'no data' as const,
    })),
    ...RANKING_82.unranked,
  ];
  return checked('Ranking', {
    ...RANKING_82,
    period: { kind: 'month', key, from: `${key}-01`, to: `${key}-${days}`, days },
    asOf: null,
    units: [],
    unranked: all,
    summary: {
      ...RANKING_82.summary,
      ranked: 0,
      average: null,
      median: null,
      q1: null,
      q3: null,
      min: null,
      max: null,
      bands: Object.fromEntries(FIXTURE_METHODOLOGY.bands.map((x) => [x.id, 0])),
      withoutData: all.map((u) => u.unitCode),
    },
  });
}

function trendOf(r: RankingAnswer): TrendAnswer {
  return checked('TrendAnswer', {
    province: r.province,
    source: 'records',
    methodology: r.methodology,
    months: ['2026-09', '2026-10', '2026-11'],
    units: Object.fromEntries(
      r.units.map((u) => [
        u.unitCode,
        { totals: [u.total - 4, u.total - 2, u.total], ranks: [u.rank, u.rank, u.rank] },
      ]),
    ),
  });
}

function provinceOf(code: string): ProvinceAnswer {
  return checked('ProvinceAnswer', {
    ...registry.requireProvince(code),
    latestDay: '2026-11-30',
    lastIngestAt: '2026-12-01T00:10:00.000Z',
    sources: ['records'],
    published: { periods: [], latestDay: null },
  });
}

export const PROVINCES: ProvinceListAnswer = checked(
  'ProvinceList',
  registry.provinces().map((x) => ({
    ...x,
    sources: rankings[x.code] ? ['records' as const] : [],
    default: x.code === DEFAULT_PROVINCE,
  })),
);

function historyOf(r: RankingAnswer, code: string): UnitHistory | undefined {
  const u = r.units.find((x) => x.unitCode === code);
  if (!u) return undefined;
  const month = (key: string, shift: number): HistoryPoint => ({
    period: key,
    asOf: `${key}-28`,
    rank: u.rank,
    ranked: r.units.length,
    total: u.total - shift,
    band: u.band,
    groups: u.groups,
    indicators: null,
    keyFigures: u.keyFigures,
    daysWithData: 28,
  });
  return checked('UnitHistory', {
    province: r.province,
    source: 'records',
    unitCode: u.unitCode,
    name: u.name,
    type: u.type,
    methodology: r.methodology,
    daysPeriod: 'all',
    months: [month('2026-09', 4), month('2026-10', 2), month('2026-11', 0)],
    days: ['2026-11-28', '2026-11-29', '2026-11-30'].map((day) => ({ day, rank: u.rank, total: u.total })),
  });
}

/** Every request the fixture API answered, path and query: what a view asked the server for. */
export const requests: string[] = [];

/** The read API over the fixtures, as the local platform's handler: 404 for anything else. */
export async function fixtureApi(event: APIGatewayProxyEventV2): Promise<Result> {
  const path = event.rawPath;
  const query = new URLSearchParams(event.rawQueryString ?? '');
  requests.push(`${path}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`);
  if (path === '/api/provinces') return json(200, PROVINCES);
  const m = /^\/api\/methodologies\/([^/]+)$/.exec(path);
  if (m) {
    if (m[1] === FIXTURE_METHODOLOGY.id || m[1] === 'current') return json(200, FIXTURE_METHODOLOGY);
    return problem(404, 'Not Found', `no methodology ${m[1]}`);
  }
  const r = /^\/api\/provinces\/(\d{2})(?:\/(.*))?$/.exec(path);
  const ranking = r ? rankings[r[1] ?? ''] : undefined;
  if (!r || !ranking) return problem(404, 'Not Found', `no fixture for ${path}`);
  const rest = r[2] ?? '';
  if (rest === '') return json(200, provinceOf(ranking.province));
  if (rest === 'trend') return json(200, trendOf(ranking));
  if (rest === 'rankings') {
    const asked = query.get('period') ?? '';
    const ranking =
      r[1] === '82' && asked === '2026-10'
        ? RANKING_82_OCTOBER
        : r[1] === '82' && /^\d{4}-\d{2}$/.test(asked) && asked > '2026-11'
          ? emptyMonth(asked)
          : rankings[r[1] ?? ''];
    if (!ranking) return problem(404, 'Not Found', `no fixture for ${path}`);
    const only = query.get('units')?.split(',');
    if (!only) return json(200, ranking);
    return json(200, {
      ...ranking,
      units: ranking.units.filter((u) => only.includes(u.unitCode)).map(withIndicators),
    });
  }
  const h = /^units\/([^/]+)\/history$/.exec(rest);
  const history = h ? historyOf(ranking, decodeURIComponent(h[1] ?? '')) : undefined;
  if (history) return json(200, history);
  return problem(404, 'Not Found', `no fixture for ${path}`);
}
