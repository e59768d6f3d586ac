import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { toCsv } from '#core/export/csv.ts';
import { methodologies, methodology } from '#core/methodology/catalog.ts';
import { addDays, isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { customPeriod, type Period, parsePeriod, periodContaining } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { rankingCsv } from '#core/scoring/ranking-csv.ts';
import { openapi } from '#functions/api/openapi.ts';
import { matchRoute } from '#functions/api/routes.ts';
import { config } from '#functions/commons/config.ts';
import { csv, errorResult, header, json, problem, type Result } from '#functions/commons/http.ts';
import { platform } from '#functions/handlers/platform.ts';
import { cached, remember } from '#functions/handlers/read-cache.ts';
import { BadRequestError, NotFoundError } from '#functions/services/errors.ts';
import {
  compare,
  histories,
  type ReadQuery,
  ranking,
  requireUnits,
  summary,
  trend,
} from '#functions/services/read.ts';
import { packCounts } from '#functions/store/codec.ts';

/**
 * The read API: every GET under /api. Answers are JSON (or CSV with
 * format=csv); faults are problem+json naming what is wrong.
 */

type Query = Record<string, string | undefined>;

function day(q: Query, name: string): string | undefined {
  const value = q[name];
  if (value === undefined) return undefined;
  if (!isDay(value)) throw new BadRequestError(`${name} "${value}" is not a day written YYYY-MM-DD`);
  return value;
}

function periodOf(q: Query): Period {
  if (q.period !== undefined && (q.from !== undefined || q.to !== undefined)) {
    throw new BadRequestError('give period or from and to, not both');
  }
  if (q.period !== undefined) return parsePeriod(q.period);
  if (q.from !== undefined || q.to !== undefined) {
    if (q.from === undefined || q.to === undefined) throw new BadRequestError('from and to go together');
    return customPeriod(q.from, q.to);
  }
  return periodContaining('month', addDays(todayInVietnam(), -1));
}

function provinceOf(params: Record<string, string>): string {
  const code = params.province ?? '';
  registry.requireProvince(code);
  return code;
}

function formatOf(q: Query): 'json' | 'csv' {
  const f = q.format ?? 'json';
  if (f !== 'json' && f !== 'csv') throw new BadRequestError(`format must be json or csv, not "${f}"`);
  return f;
}

const KNOWN_QUERY = new Set(['period', 'from', 'to', 'asOf', 'methodology', 'format', 'units', 'detail']);

function readQuery(params: Record<string, string>, q: Query): ReadQuery {
  for (const name of Object.keys(q)) {
    if (!KNOWN_QUERY.has(name)) throw new BadRequestError(`unknown query parameter "${name}"`);
  }
  return {
    province: provinceOf(params),
    period: periodOf(q),
    asOf: day(q, 'asOf'),
    methodology: q.methodology,
  };
}

async function route(event: APIGatewayProxyEventV2): Promise<Result> {
  const method = event.requestContext.http.method;
  const match = matchRoute(method, event.rawPath);
  if (match?.route.function !== 'api') {
    return problem(404, 'Not Found', `no route ${method} ${event.rawPath}; see /api/openapi.json`);
  }
  const { store } = platform();
  const q: Query = event.queryStringParameters ?? {};
  const { params } = match;
  switch (match.route.path) {
    case '/api/openapi.json':
      return json(200, openapi);
    case '/api/provinces':
      return json(200, registry.provinces());
    case '/api/provinces/{province}': {
      const code = provinceOf(params);
      const meta = await store.meta(code);
      return json(200, {
        ...registry.requireProvince(code),
        latestDay: meta.latestDay ?? null,
        lastIngestAt: meta.lastIngestAt ?? null,
      });
    }
    case '/api/provinces/{province}/units':
      return json(200, registry.unitsOf(provinceOf(params)));
    case '/api/provinces/{province}/rankings': {
      const query = readQuery(params, q);
      const full = await ranking(store, query);
      const wanted = q.units?.split(',').filter(Boolean);
      const answer = wanted
        ? { ...full, units: full.units.filter((u) => wanted.includes(u.unitCode)) }
        : full;
      if (formatOf(q) === 'json') {
        const detail = q.detail ?? 'indicators';
        if (detail !== 'indicators' && detail !== 'none') {
          throw new BadRequestError(`detail must be indicators or none, not "${detail}"`);
        }
        // the table needs no explanations: without them the answer is a fifth of the size
        return json(
          200,
          detail === 'none'
            ? { ...answer, units: answer.units.map(({ indicators: _i, ...u }) => u) }
            : answer,
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
        ],
      });
      return csv(body, `ranking-${answer.province}-${answer.period.key}-${answer.asOf ?? 'none'}.csv`);
    }
    case '/api/provinces/{province}/summary':
      return json(200, await summary(store, readQuery(params, q)));
    case '/api/provinces/{province}/compare': {
      const units = (q.units ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (units.length < 2 || units.length > 6)
        throw new BadRequestError('units must name 2 to 6 unit codes, comma separated');
      return json(200, await compare(store, { ...readQuery(params, q), unitCodes: units }));
    }
    case '/api/provinces/{province}/trend':
      return json(200, await trend(store, provinceOf(params), q.methodology));
    case '/api/provinces/{province}/units/{unit}/history': {
      const province = provinceOf(params);
      const [history] = await histories(store, {
        province,
        unitCodes: [params.unit ?? ''],
        from: day(q, 'from'),
        to: day(q, 'to'),
        methodology: q.methodology,
      });
      if (!history) throw new NotFoundError(`no unit ${params.unit}`);
      if (formatOf(q) === 'json') return json(200, history);
      const m = methodology(history.methodology);
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
    }
    case '/api/provinces/{province}/units/{unit}/days/{date}': {
      const province = provinceOf(params);
      const [unit] = requireUnits(province, [params.unit ?? '']);
      const date = params.date ?? '';
      if (!isDay(date)) throw new BadRequestError(`"${date}" is not a day written YYYY-MM-DD`);
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
    }
    case '/api/methodologies':
      return json(200, methodologies());
    case '/api/methodologies/{id}':
      return json(200, methodology(params.id === 'current' ? undefined : params.id));
    case '/api/submissions/{id}': {
      const receipt = await store.receipt(params.id ?? '');
      if (!receipt) throw new NotFoundError(`no submission ${params.id}`);
      return json(200, receipt);
    }
    default:
      return problem(404, 'Not Found', `no route ${method} ${event.rawPath}`);
  }
}

function cors(event: APIGatewayProxyEventV2, result: Result): Result {
  const origin = header(event, 'origin');
  if (origin && config().corsOrigins.includes(origin)) {
    result.headers['access-control-allow-origin'] = origin;
    result.headers.vary = 'Origin';
  }
  return result;
}

export async function handler(event: APIGatewayProxyEventV2): Promise<Result> {
  const key = `${event.rawPath}?${event.rawQueryString ?? ''}`;
  const hit = cached(key);
  if (hit) return cors(event, { ...hit, headers: { ...hit.headers } });
  try {
    const result = await route(event);
    if (result.statusCode === 200 && !event.rawPath.startsWith('/api/submissions/')) {
      result.headers['cache-control'] = 'public, max-age=30';
      const province = /^\/api\/provinces\/(\d{2})/.exec(event.rawPath)?.[1] ?? '*';
      remember(key, province, result, config().readCacheSeconds);
    }
    return cors(event, result);
  } catch (error) {
    return cors(event, errorResult(error, event));
  }
}
