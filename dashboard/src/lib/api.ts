import type { Indicator, RankingAnswer, RankingUnit, SummaryAnswer, Trend, UnitHistory } from './types.ts';

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

export function periodQuery(period: string, asOf: string): string {
  const p = new URLSearchParams();
  if (period) p.set('period', period);
  if (asOf) p.set('asOf', asOf);
  return p.toString();
}

export const api = {
  /** the ranking for the table, the map and comparisons: without each unit's indicators */
  ranking: (province: string, period: string, asOf: string, signal?: AbortSignal) =>
    getJson<RankingAnswer>(
      `/api/provinces/${province}/rankings?${periodQuery(period, asOf)}&detail=none`,
      signal,
    ),
  /** one unit's entry with its indicators, for "explain my score" */
  unitEntry: (province: string, unit: string, period: string, asOf: string, signal?: AbortSignal) =>
    getJson<RankingAnswer>(
      `/api/provinces/${province}/rankings?${periodQuery(period, asOf)}&units=${unit}`,
      signal,
    ).then((r) => r.units[0]),
  summary: (province: string, period: string, asOf: string, signal?: AbortSignal) =>
    getJson<SummaryAnswer>(`/api/provinces/${province}/summary?${periodQuery(period, asOf)}`, signal),
  history: (province: string, unit: string, signal?: AbortSignal) =>
    getJson<UnitHistory>(`/api/provinces/${province}/units/${unit}/history`, signal),
  trend: (province: string, signal?: AbortSignal) =>
    getJson<Trend>(`/api/provinces/${province}/trend`, signal),
  methodology: (signal?: AbortSignal) => getJson<Methodology>('/api/methodologies/current', signal),
  province: (province: string, signal?: AbortSignal) =>
    getJson<{
      code: string;
      name: string;
      nameEn: string;
      latestDay: string | null;
      lastIngestAt: string | null;
    }>(`/api/provinces/${province}`, signal),
};

export interface Methodology {
  id: string;
  name: { vi: string; en: string };
  bands: { id: string; min: number; label: { vi: string; en: string } }[];
  notApplicable: { policy: string; note: string };
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
      unconfirmed?: string;
    }[];
  }[];
}

export type { Indicator, RankingUnit };
