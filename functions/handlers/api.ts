import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { columnTitles, toCsv } from '#core/export/csv.ts';
import { type Lang, provinceLabel } from '#core/export/labels.ts';
import type { TableSheet } from '#core/export/xlsx.ts';
import { methodologies, methodology } from '#core/methodology/catalog.ts';
import { addDays, isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { customPeriod, type Period, parsePeriod, periodContaining } from '#core/periods/period.ts';
import { packCounts } from '#core/records/pack.ts';
import { registry } from '#core/registry/registry.ts';
import { rankingCsv } from '#core/scoring/ranking-csv.ts';
import type { ProvinceAnswer, RankingSource } from '#functions/api/answers.ts';
import openapi from '#functions/api/openapi.json' with { type: 'json' };
import { MalformedPathError, matchRoute, methodsFor, type ReadPath } from '#functions/api/routes.ts';
import {
  historyWorkbook,
  nationalWorkbook,
  rankingWorkbook,
  type WorkbookContext,
} from '#functions/api/workbooks.ts';
import { config } from '#functions/commons/config.ts';
import {
  csv,
  errorResult,
  header,
  json,
  problem,
  type Result,
  SECURITY_HEADERS,
  withCors,
  xlsx,
} from '#functions/commons/http.ts';
import { lambdaHandler } from '#functions/commons/logger.ts';
import { platform } from '#functions/handlers/platform.ts';
import { cached, remember } from '#functions/handlers/read-cache.ts';
import { InvalidInputError, NotFoundError } from '#functions/services/errors.ts';
import { nationalAnswer } from '#functions/services/national.ts';
import {
  compare,
  defaultPortalPeriod,
  histories,
  type ReadQuery,
  ranking,
  requireUnits,
  sourcesOf,
  summary,
  trend,
  type UnitKind,
} from '#functions/services/read.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * The read API: every GET under /api. Answers are JSON (or CSV with
 * format=csv); faults are problem+json naming what is wrong.
 */

type Query = Record<string, string | undefined>;

function day(q: Query, name: string): string | undefined {
  const value = q[name];
  if (value === undefined) return undefined;
  if (!isDay(value)) throw new InvalidInputError(`${name} "${value}" is not a day written YYYY-MM-DD`);
  return value;
}

function periodOf(q: Query): Period {
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw new InvalidInputError('give period or from and to, not both');
  }
  if (q.period !== undefined) return parsePeriod(q.period);
  if (q.from !== undefined || q.to !== undefined) {
    if (q.from === undefined || q.to === undefined) throw new InvalidInputError('from and to go together');
    return customPeriod(q.from, q.to);
  }
  return periodContaining('month', addDays(todayInVietnam(), -1));
}

function provinceOf(params: Record<string, string>): string {
  const code = params.province ?? '';
  registry.requireProvince(code);
  return code;
}

/** "a or b", "a, b or c": the values a parameter takes, as its fault names them. */
const either = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** A query parameter that takes one of a few values: the value, or undefined when not given; another is named. */
function choice<T extends string>(q: Query, name: string, values: readonly T[]): T | undefined {
  const value = q[name];
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value))
    throw new InvalidInputError(`${name} must be ${either(values)}, not "${value}"`);
  return value as T;
}

const formatOf = (q: Query) => choice(q, 'format', ['json', 'csv', 'xlsx'] as const) ?? 'json';
const kindOf = (q: Query): UnitKind | undefined => choice(q, 'kind', ['communes', 'agencies'] as const);
const langOf = (q: Query): Lang => choice(q, 'lang', ['vi', 'en'] as const) ?? 'vi';
const sourceOf = (q: Query): RankingSource | undefined => choice(q, 'source', ['records', 'portal'] as const);

/** A workbook's titles in the asked language (lang), naming the province. */
function workbookContext(province: string, q: Query): WorkbookContext {
  const lang = langOf(q);
  return { lang, provinceName: provinceLabel(registry.requireProvince(province), lang) };
}

/** A workbook of sheets to download, written by the writer loaded on this path only. */
async function workbook(fileName: string, sheets: TableSheet[]): Promise<Result> {
  const { workbookBytes } = await import('#core/export/xlsx.ts');
  return xlsx(await workbookBytes(sheets), fileName);
}

const KNOWN_QUERY = new Set([
  'period',
  'from',
  'to',
  'asOf',
  'methodology',
  'format',
  'units',
  'detail',
  'source',
  'lang',
  'kind',
]);

/**
 * The query of a ranking read. Without a period: for a ranking from records,
 * the month of the province's latest day with data (on the 1st of a month,
 * the month before, not an empty one), else the month of yesterday; for the
 * portal's figures, the latest year observed.
 */
async function readQuery(store: Store, params: Record<string, string>, q: Query): Promise<ReadQuery> {
  for (const name of Object.keys(q)) {
    if (!KNOWN_QUERY.has(name)) throw new InvalidInputError(`unknown query parameter "${name}"`);
  }
  const province = provinceOf(params);
  let source = sourceOf(q);
  const given = q.period !== undefined || q.from !== undefined || q.to !== undefined;
  if (!given && source !== 'records') source ??= (await sourcesOf(store, province))[0];
  let fallback: Period | undefined;
  if (!given && source === 'portal') fallback = await defaultPortalPeriod(store, province);
  else if (!given) {
    const latest = (await store.meta(province)).latestDay;
    if (latest) fallback = periodContaining('month', latest);
  }
  return {
    province,
    period: fallback ?? periodOf(q),
    asOf: day(q, 'asOf'),
    methodology: q.methodology,
    source,
    kind: kindOf(q),
  };
}

/** The sources a province's rankings come from, the default first: the portal's once it was observed there. */
function sourcesHeld(portal: boolean, records: boolean): RankingSource[] {
  if (portal) return records ? ['portal', 'records'] : ['portal'];
  return ['records'];
}

function routeOf(method: string, path: string) {
  try {
    return matchRoute(method, path);
  } catch (error) {
    if (error instanceof MalformedPathError) throw new InvalidInputError(error.message, {}, { cause: error });
    throw error;
  }
}

/** What a read route is given: the store, the path's parameters, the query. */
interface ReadRequest {
  store: Store;
  params: Record<string, string>;
  q: Query;
}

/**
 * Each read route of the route table (functions/api/routes.ts) and what answers
 * it: a route without its handler here fails the type check.
 */
const READS: { [P in ReadPath]: (request: ReadRequest) => Promise<Result> } = {
  '/api/openapi.json': async () => json(200, openapi),
  '/api/provinces': async ({ store }) => {
    const provinces = registry.provinces();
    const facts = await store.provinceFacts(provinces.map((p) => p.code));
    return json(
      200,
      provinces.map((p) => {
        const f = facts.get(p.code);
        const held = Boolean(f?.portal.periods.length || f?.latestDay);
        return {
          ...p,
          sources: held ? sourcesHeld(Boolean(f?.portal.periods.length), Boolean(f?.latestDay)) : [],
          default: p.code === config().defaultProvince,
        };
      }),
    );
  },
  '/api/national': async ({ store, q }) => {
    for (const name of Object.keys(q)) {
      if (!['period', 'asOf', 'format', 'lang'].includes(name))
        throw new InvalidInputError(`unknown query parameter "${name}"`);
    }
    if (q.period !== undefined && !/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(q.period))
      throw new InvalidInputError(
        `period "${q.period}" is not a year, quarter or month the portal publishes (2026, 2026-Q4, 2026-11)`,
      );
    const answer = await nationalAnswer(store, {
      period: q.period,
      asOf: day(q, 'asOf'),
      defaultProvince: config().defaultProvince,
    });
    const format = formatOf(q);
    if (format === 'json') return json(200, answer);
    const fileName = `national-${answer.period}-${answer.observedOn}`;
    const sheets = nationalWorkbook(answer, methodology(), langOf(q));
    if (format === 'xlsx') return workbook(`${fileName}.xlsx`, sheets);
    const [sheet] = sheets as [TableSheet];
    return csv(toCsv(columnTitles(sheet.columns), sheet.rows, { bom: true }), `${fileName}.csv`);
  },
  '/api/provinces/{province}': async ({ store, params }) => {
    const code = provinceOf(params);
    const [meta, portal] = await Promise.all([store.meta(code), store.portalMeta(code)]);
    const answer: ProvinceAnswer = {
      ...registry.requireProvince(code),
      latestDay: meta.latestDay ?? null,
      lastIngestAt: meta.lastIngestAt ?? null,
      sources: sourcesHeld(portal.periods.length > 0, meta.latestDay !== undefined),
      published: { periods: portal.periods, latestDay: portal.latestDay ?? null },
    };
    return json(200, answer);
  },
  '/api/provinces/{province}/units': async ({ params }) => json(200, registry.unitsOf(provinceOf(params))),
  '/api/provinces/{province}/rankings': async ({ store, params, q }) => {
    const query = await readQuery(store, params, q);
    const full = await ranking(store, query);
    const wanted = q.units?.split(',').filter(Boolean);
    const answer = wanted ? { ...full, units: full.units.filter((u) => wanted.includes(u.unitCode)) } : full;
    if (formatOf(q) === 'json') {
      const detail = choice(q, 'detail', ['indicators', 'none'] as const) ?? 'indicators';
      // the table needs no explanations: without them the answer is a fifth of the size
      return json(
        200,
        detail === 'none' ? { ...answer, units: answer.units.map(({ indicators: _i, ...u }) => u) } : answer,
      );
    }
    const fileName = `ranking-${answer.province}-${answer.period.key}-${answer.asOf ?? 'none'}`;
    if (formatOf(q) === 'xlsx') {
      return workbook(
        `${fileName}.xlsx`,
        rankingWorkbook(answer, methodology(answer.methodology), workbookContext(answer.province, q)),
      );
    }
    const body = rankingCsv(answer, methodology(answer.methodology), {
      bom: true,
      extra: [
        { name: 'rankChangeDay', value: (u) => u.rankChangeDay },
        { name: 'rankChangePeriod', value: (u) => u.rankChangePeriod },
        { name: 'received', value: (u) => u.keyFigures.received },
        { name: 'onlineShare', value: (u) => u.keyFigures.onlineShare },
        { name: 'onTimeRate', value: (u) => u.keyFigures.onTimeRate },
        ...(answer.source === 'portal'
          ? [
              { name: 'source', value: () => 'portal' },
              { name: 'observedOn', value: () => answer.asOf },
              { name: 'portalCode', value: (u: (typeof answer.units)[number]) => u.published?.portalCode },
              {
                name: 'publishedGroupsTotal',
                value: (u: (typeof answer.units)[number]) => u.published?.groupsTotal,
              },
              {
                name: 'computedTotal',
                value: (u: (typeof answer.units)[number]) => u.published?.computed.total,
              },
              {
                name: 'computedRank',
                value: (u: (typeof answer.units)[number]) => u.published?.computed.rank,
              },
              {
                name: 'reconciled',
                value: (u: (typeof answer.units)[number]) =>
                  u.published ? (u.published.reconciliation.differs ? 'differs' : 'agrees') : '',
              },
            ]
          : []),
      ],
    });
    return csv(body, `${fileName}.csv`);
  },
  '/api/provinces/{province}/summary': async ({ store, params, q }) =>
    json(200, await summary(store, await readQuery(store, params, q))),
  '/api/provinces/{province}/compare': async ({ store, params, q }) => {
    const units = (q.units ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (units.length < 2 || units.length > 6)
      throw new InvalidInputError('units must name 2 to 6 unit codes, comma separated');
    return json(200, await compare(store, { ...(await readQuery(store, params, q)), unitCodes: units }));
  },
  '/api/provinces/{province}/trend': async ({ store, params, q }) =>
    json(200, await trend(store, provinceOf(params), q.methodology, sourceOf(q))),
  '/api/provinces/{province}/units/{unit}/history': async ({ store, params, q }) => {
    const province = provinceOf(params);
    const [history] = await histories(store, {
      province,
      unitCodes: [params.unit ?? ''],
      from: day(q, 'from'),
      to: day(q, 'to'),
      methodology: q.methodology,
      source: sourceOf(q),
      period: q.period === undefined ? undefined : parsePeriod(q.period),
    });
    if (!history) throw new NotFoundError(`no unit ${params.unit}`);
    if (formatOf(q) === 'json') return json(200, history);
    const m = methodology(history.methodology);
    if (formatOf(q) === 'xlsx') {
      return workbook(
        `history-${province}-${history.unitCode}.xlsx`,
        historyWorkbook(history, m, workbookContext(province, q)),
      );
    }
    const groups = m.groups.map((g) => g.code);
    const body = toCsv(
      [
        'period',
        'asOf',
        'rank',
        'ranked',
        'total',
        'band',
        ...groups,
        'received',
        'onlineShare',
        'onTimeRate',
        'daysWithData',
      ],
      history.months.map((p) => [
        p.period,
        p.asOf,
        p.rank,
        p.ranked,
        p.total,
        p.band,
        ...groups.map((g) => p.groups?.[g]),
        p.keyFigures?.received,
        p.keyFigures?.onlineShare,
        p.keyFigures?.onTimeRate,
        p.daysWithData,
      ]),
      { bom: true },
    );
    return csv(body, `history-${province}-${history.unitCode}.csv`);
  },
  '/api/provinces/{province}/units/{unit}/days/{date}': async ({ store, params }) => {
    const province = provinceOf(params);
    const [unit] = requireUnits(province, [params.unit ?? '']);
    const date = params.date ?? '';
    if (!isDay(date)) throw new InvalidInputError(`"${date}" is not a day written YYYY-MM-DD`);
    const code = unit?.code ?? '';
    const revisions = await store.recordHistory(province, code, date);
    if (!revisions.length) throw new NotFoundError(`no record of unit ${code} on ${date}`);
    return json(200, {
      unitCode: code,
      date,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        submissionId: r.submissionId,
        receivedAt: r.receivedAt,
        counts: Object.fromEntries(
          Object.entries(r.record).filter(([k]) => k !== 'unitCode' && k !== 'date'),
        ),
        packed: packCounts(r.record),
      })),
    });
  },
  '/api/provinces/{province}/units/{unit}/observations/{period}/{date}': async ({ store, params }) => {
    const province = provinceOf(params);
    const period = parsePeriod(params.period ?? '');
    const date = params.date ?? '';
    if (!isDay(date)) throw new InvalidInputError(`"${date}" is not a day written YYYY-MM-DD`);
    const matches = await store.matches(province);
    const code = params.unit ?? '';
    // a unit is named by its official code, or by its portal code when it has none
    const match = [...matches.values()].find((m) => m.unitCode === code || m.portalCode === code);
    if (!match) throw new NotFoundError(`no unit ${code} in the portal's figures of province ${province}`);
    const revisions = await store.observationHistory(province, period.key, date, match.portalCode);
    if (!revisions.length) {
      throw new NotFoundError(
        `the portal's figures of ${code} for ${period.key} were not observed on ${date}`,
      );
    }
    return json(200, {
      unitCode: match.unitCode,
      portalCode: match.portalCode,
      period: period.key,
      date,
      match,
      revisions: revisions.map((r) => ({
        revision: r.revision,
        submissionId: r.submissionId,
        receivedAt: r.receivedAt,
        published: r.unit,
      })),
    });
  },
  '/api/methodologies': async () => json(200, methodologies()),
  '/api/methodologies/{id}': async ({ params }) =>
    json(200, methodology(params.id === 'current' ? undefined : params.id)),
  '/api/submissions/{id}': async ({ store, params }) => {
    const receipt = await store.receipt(params.id ?? '');
    if (!receipt) throw new NotFoundError(`no submission ${params.id}`);
    return json(200, receipt);
  },
};

async function route(event: APIGatewayProxyEventV2): Promise<Result> {
  const method = event.requestContext.http.method;
  const match = routeOf(method, event.rawPath);
  if (match?.route.function !== 'api') {
    return problem(404, 'Not Found', `no route ${method} ${event.rawPath}; see /api/openapi.json`);
  }
  const read = READS[match.route.path as ReadPath];
  return read({ store: platform().store, params: match.params, q: event.queryStringParameters ?? {} });
}

/** How long a browser may keep a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * A browser's preflight (OPTIONS) before a cross-origin call: 204 with the
 * methods the path is served with and the headers a sender may set, for an
 * origin the deployment allows; 204 without them for any other, which the
 * browser reads as "no".
 */
function preflight(event: APIGatewayProxyEventV2): Result {
  const methods = methodsFor(event.rawPath);
  if (!methods.length) return problem(404, 'Not Found', `no route ${event.rawPath}; see /api/openapi.json`);
  const origin = header(event, 'origin');
  const allowed = origin !== undefined && config().corsOrigins.includes(origin);
  return {
    statusCode: 204,
    headers: {
      ...SECURITY_HEADERS,
      allow: [...methods, 'OPTIONS'].join(', '),
      ...(allowed
        ? {
            'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
          }
        : {}),
    },
  };
}

export const handler = lambdaHandler(async (event: APIGatewayProxyEventV2): Promise<Result> => {
  try {
    if (event.requestContext.http.method === 'OPTIONS') return withCors(event, preflight(event));
    const key = `${event.rawPath}?${event.rawQueryString ?? ''}`;
    const hit = cached(key);
    if (hit) return withCors(event, hit);
    const result = await route(event);
    if (result.statusCode === 200 && !event.rawPath.startsWith('/api/submissions/')) {
      result.headers['cache-control'] = 'public, max-age=30';
      const province = /^\/api\/provinces\/(\d{2})/.exec(event.rawPath)?.[1] ?? '*';
      remember(key, province, result, config().readCacheSeconds);
    }
    return withCors(event, result);
  } catch (error) {
    return withCors(event, errorResult(error, event));
  }
});
