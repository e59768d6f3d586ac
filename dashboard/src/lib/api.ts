import type {
  Indicator,
  NationalAnswer,
  ProvinceAnswer,
  ProvinceListAnswer,
  RankingAnswer,
  RankingSource,
  RankingUnit,
  SummaryAnswer,
  Trend,
  UnitHistory,
} from './types.ts';

/** The read API, as the dashboard uses it. Errors carry the problem's detail. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const r = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!r.ok) {
    const problem = await r.json().catch(() => ({ detail: r.statusText }));
    throw new ApiError(r.status, String((problem as { detail?: string }).detail ?? r.statusText));
  }
  return (await r.json()) as T;
}

/** The query of a read: the period, the "as of" day, the source and the kind of unit, each only when chosen. */
export function periodQuery(
  period: string,
  asOf: string,
  source: RankingSource | '' = '',
  kind: '' | 'agencies' = '',
): string {
  const p = new URLSearchParams();
  if (period) p.set('period', period);
  if (asOf) p.set('asOf', asOf);
  if (source) p.set('source', source);
  if (kind) p.set('kind', kind);
  return p.toString();
}

const sourceQuery = (source: RankingSource | '') => (source ? `?source=${source}` : '');

export const api = {
  /** the ranking for the table, the map and comparisons: without each unit's indicators */
  ranking: (
    province: string,
    period: string,
    asOf: string,
    source: RankingSource | '',
    signal?: AbortSignal,
    kind: '' | 'agencies' = '',
  ) =>
    getJson<RankingAnswer>(
      `/api/provinces/${province}/rankings?${periodQuery(period, asOf, source, kind)}&detail=none`,
      signal,
    ),
  /** the ranking with every unit's indicators, for the workbook's sheets per group */
  rankingDetail: (
    province: string,
    period: string,
    asOf: string,
    source: RankingSource | '',
    kind: '' | 'agencies' = '',
  ) =>
    getJson<RankingAnswer>(`/api/provinces/${province}/rankings?${periodQuery(period, asOf, source, kind)}`),
  /** one unit's entry with its indicators, for "explain my score" */
  unitEntry: (
    province: string,
    unit: string,
    period: string,
    asOf: string,
    source: RankingSource | '',
    signal?: AbortSignal,
    kind: '' | 'agencies' = '',
  ) =>
    getJson<RankingAnswer>(
      `/api/provinces/${province}/rankings?${periodQuery(period, asOf, source, kind)}&units=${encodeURIComponent(unit)}`,
      signal,
    ).then((r) => r.units[0]),
  summary: (province: string, period: string, asOf: string, signal?: AbortSignal) =>
    getJson<SummaryAnswer>(`/api/provinces/${province}/summary?${periodQuery(period, asOf)}`, signal),
  history: (province: string, unit: string, source: RankingSource | '' = '', signal?: AbortSignal) =>
    getJson<UnitHistory>(
      `/api/provinces/${province}/units/${encodeURIComponent(unit)}/history${sourceQuery(source)}`,
      signal,
    ),
  trend: (province: string, source: RankingSource | '' = '', signal?: AbortSignal) =>
    getJson<Trend>(`/api/provinces/${province}/trend${sourceQuery(source)}`, signal),
  /** a methodology version by id ("current": the one in force): its groups with their maxima, its bands */
  methodology: (id = 'current', signal?: AbortSignal) =>
    getJson<Methodology>(`/api/methodologies/${encodeURIComponent(id)}`, signal),
  /** the country at a glance: the portal's national list of the 34 provinces, ranked */
  national: (signal?: AbortSignal) => getJson<NationalAnswer>('/api/national', signal),
  /** the province's units with their official codes and names */
  units: (province: string) =>
    getJson<{ code: string; fullName: string; type: string }[]>(`/api/provinces/${province}/units`),
  province: (province: string, signal?: AbortSignal) =>
    getJson<ProvinceAnswer>(`/api/provinces/${province}`, signal),
  /** the 34 provinces, each with the sources the platform holds data from; one is the default */
  provinces: (signal?: AbortSignal) => getJson<ProvinceListAnswer>('/api/provinces', signal),
};

export interface Methodology {
  id: string;
  name: { vi: string; en: string };
  bands: { id: string; min: number; label: { vi: string; en: string } }[];
  notApplicable: { policy: string; note: { vi: string; en: string } };
  groups: {
    code: string;
    name: { vi: string; en: string };
    max: number;
    indicators: {
      code: string;
      name: { vi: string; en: string };
      points: number;
      measure: {
        kind: string;
        numerator?: string;
        denominator?: string;
        subtract?: string[];
        field?: string;
      };
      formula: { kind: string; fullAt?: number };
      noCases: string;
      unconfirmed?: { vi: string; en: string };
    }[];
  }[];
}

export type { Indicator, RankingUnit };
