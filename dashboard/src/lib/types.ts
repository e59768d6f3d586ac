/**
 * The shapes the read API answers (see /api/openapi.json). The parts the
 * scoring core defines are its own types; only the API's envelopes are here.
 */
import type { IndicatorScore, KeyFigures } from '#core/scoring/score.ts';
import type { RankPoint } from '#core/snapshots/snapshot.ts';
import type { ProvinceSummary } from '#core/snapshots/summary.ts';

export type { KeyFigures, RankPoint };
export type Indicator = IndicatorScore;
export type Summary = ProvinceSummary;

export interface RankingUnit {
  unitCode: string;
  name: string;
  type: 'ward' | 'commune' | 'special-zone';
  rank: number;
  total: number;
  band: string;
  groups: Record<string, number>;
  /** absent from the table's lighter answer (detail=none) */
  indicators?: Record<string, Indicator>;
  keyFigures: KeyFigures;
  daysWithData: number;
  lastDay: string;
  previousDay: RankPoint | null;
  previousPeriod: RankPoint | null;
  rankChangeDay: number | null;
  rankChangePeriod: number | null;
}

export interface RankingAnswer {
  province: string;
  period: { kind: string; key: string; from: string; to: string; days: number };
  asOf: string | null;
  methodology: string;
  units: RankingUnit[];
  unranked: { unitCode: string; name: string; type: string; reason: 'no data' }[];
  summary: Summary;
}

export interface SummaryAnswer extends Summary {
  latestDay: string | null;
  lastIngestAt: string | null;
}

export interface HistoryPoint {
  period: string;
  asOf: string;
  rank: number | null;
  ranked: number;
  total: number | null;
  band: string | null;
  groups: Record<string, number> | null;
  indicators: Record<string, number> | null;
  keyFigures: KeyFigures | null;
  daysWithData: number;
}

export interface UnitHistory {
  province: string;
  unitCode: string;
  name: string;
  type: string;
  methodology: string;
  months: HistoryPoint[];
  days: { day: string; rank: number | null; total: number | null }[];
}

export interface Trend {
  months: string[];
  units: Record<string, { totals: (number | null)[]; ranks: (number | null)[] }>;
}
