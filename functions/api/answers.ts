import type { Day } from '#core/periods/calendar.ts';
import type { Period } from '#core/periods/period.ts';
import type { MatchStatus } from '#core/portal/match.ts';
import type { Reconciliation } from '#core/portal/reconcile.ts';
import type { UnitType } from '#core/registry/registry.ts';
import type { RankedUnit, UnrankedUnit } from '#core/scoring/ranking.ts';
import type { PublishedDocument, UnsettledUnit } from '#core/snapshots/published.ts';
import type { RankPoint } from '#core/snapshots/snapshot.ts';
import type { ProvinceSummary } from '#core/snapshots/summary.ts';

/**
 * The read API's answers, as functions/services/read.ts builds them and the
 * dashboard reads them (see also /api/openapi.json). Types only, over modules
 * that need nothing of Node: the dashboard's build checks against them too.
 */

/**
 * Where a ranking comes from: computed from the daily records, or published
 * by the national portal (its own totals and ranks, with the score computed
 * from the same inputs beside them).
 */
export type RankingSource = 'records' | 'portal';

/** What the portal published for a unit, labelled with its source and observation day, beside what is computed. */
export interface PublishedFigures {
  source: 'portal';
  observedOn: Day;
  portalCode: string;
  portalName: string;
  /** how the portal's unit is matched to the official list */
  match: MatchStatus;
  /** the service-results total */
  total: number | null;
  /** the group scores of the portal's group pages */
  groups: Record<string, number | null>;
  /** their sum, which some days differs from the total */
  groupsTotal: number | null;
  /** the score the platform computes from the inputs the portal published */
  computed: { total: number; rank: number; band: string; groups: Record<string, number> };
  /** change of the published total since the previous observation of the period, and since the previous period */
  totalChangeDay: number | null;
  totalChangePeriod: number | null;
  reconciliation: Reconciliation;
}

/** A ranked unit as `npm run score` gives it, plus where it stood the day before and in the previous period. */
export interface RankingUnit extends Omit<RankedUnit, 'type'> {
  /** a commune, ward or special zone; "agency" for a department of the province (portal rankings only) */
  type: UnitType | 'agency';
  /** for a ranking from records: the day before; from the portal: the previous observation */
  previousDay: RankPoint | null;
  previousPeriod: RankPoint | null;
  /** places gained since the previous day or observation (positive = up), null when not comparable */
  rankChangeDay: number | null;
  rankChangePeriod: number | null;
  /** the portal's figures, in a ranking whose source is the portal */
  published?: PublishedFigures | undefined;
}

export interface RankingAnswer {
  province: string;
  source: RankingSource;
  period: { kind: Period['kind']; key: string; from: Day; to: Day; days: number };
  /** the "as of" day; for the portal, the observation day */
  asOf: Day | null;
  methodology: string;
  units: RankingUnit[];
  unranked: UnrankedUnit[];
  summary: ProvinceSummary;
  /** portal rankings: when the answers were received, and the observation the changes are counted from */
  observedAt?: string | null | undefined;
  previousObservedOn?: Day | null | undefined;
  /** portal rankings: the province's departments, ranked among themselves */
  agencies?: RankingUnit[] | undefined;
  /** portal rankings: the portal's communes and wards not matched to an official unit */
  unsettled?: UnsettledUnit[] | undefined;
  /** portal rankings: how many units' computed or published figures part */
  reconciliation?: PublishedDocument['reconciliation'] | undefined;
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
  source: RankingSource;
  unitCode: string;
  name: string;
  type: string;
  methodology: string;
  /** the period of `days`: "all" for records (the running period), the observed period for the portal */
  daysPeriod: string;
  /** each month: the unit's score and rank for the month (as of its last day with data) */
  months: HistoryPoint[];
  /**
   * each day: the unit's rank and total as of that day, in the running period
   * since 2025-07-01 (records), or as the portal published them on each
   * observation day of `daysPeriod` (portal)
   */
  days: { day: Day; rank: number | null; total: number | null }[];
}

/** A province, with what the platform holds of it. */
export interface ProvinceAnswer {
  code: string;
  name: string;
  nameEn: string;
  fullName: string;
  units: number;
  latestDay: Day | null;
  lastIngestAt: string | null;
  /** the sources its rankings can come from; the first is the default */
  sources: RankingSource[];
  /** the periods the portal was observed for, and the latest observation day */
  published: { periods: string[]; latestDay: Day | null };
}

/** Every unit's total and rank month by month: the sparklines of the ranking table. */
export interface TrendAnswer {
  province: string;
  source: RankingSource;
  methodology: string;
  months: string[];
  units: Record<string, { totals: (number | null)[]; ranks: (number | null)[] }>;
}
