import type { Day } from '#core/periods/calendar.ts';
import type { Period } from '#core/periods/period.ts';
import type { RankedUnit, UnrankedUnit } from '#core/scoring/ranking.ts';
import type { RankPoint } from '#core/snapshots/snapshot.ts';
import type { ProvinceSummary } from '#core/snapshots/summary.ts';

/**
 * The read API's answers, as functions/services/read.ts builds them and the
 * dashboard reads them (see also /api/openapi.json). Types only, over modules
 * that need nothing of Node: the dashboard's build checks against them too.
 */

/** A ranked unit as `npm run score` gives it, plus where it stood the day before and in the previous period. */
export interface RankingUnit extends RankedUnit {
  previousDay: RankPoint | null;
  previousPeriod: RankPoint | null;
  /** places gained since the previous day (positive = up), null when not comparable */
  rankChangeDay: number | null;
  rankChangePeriod: number | null;
}

export interface RankingAnswer {
  province: string;
  period: { kind: Period['kind']; key: string; from: Day; to: Day; days: number };
  asOf: Day | null;
  methodology: string;
  units: RankingUnit[];
  unranked: UnrankedUnit[];
  summary: ProvinceSummary;
}

/** The summary of a province for a period, with the time of its last ingest. */
export interface SummaryAnswer extends ProvinceSummary {
  province: string;
  period: RankingAnswer['period'];
  asOf: Day | null;
  methodology: string;
  latestDay: Day | null;
  lastIngestAt: string | null;
}

export interface HistoryPoint {
  period: string;
  asOf: Day;
  rank: number | null;
  ranked: number;
  total: number | null;
  band: string | null;
  groups: Record<string, number> | null;
  indicators: Record<string, number> | null;
  keyFigures: RankedUnit['keyFigures'] | null;
  daysWithData: number;
}

export interface UnitHistory {
  province: string;
  unitCode: string;
  name: string;
  type: string;
  methodology: string;
  /** each month: the unit's score and rank for the month (as of its last day with data) */
  months: HistoryPoint[];
  /** each day: the unit's rank and total in the running period since 2025-07-01, as of that day */
  days: { day: Day; rank: number | null; total: number | null }[];
}

/** Every unit's total and rank month by month: the sparklines of the ranking table. */
export interface TrendAnswer {
  province: string;
  methodology: string;
  months: string[];
  units: Record<string, { totals: (number | null)[]; ranks: (number | null)[] }>;
}
