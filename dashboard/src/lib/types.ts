/** The shapes the read API answers (see /api/openapi.json). */
export interface Indicator {
  group: string;
  points: number;
  max: number;
  lost: number;
  ratio: number | null;
  inputs: Record<string, number>;
  noCases: boolean;
  notApplicable: boolean;
}

export interface KeyFigures {
  received: number;
  receivedOnline: number;
  onlineShare: number | null;
  handled: number;
  onTime: number;
  onTimeRate: number | null;
  resultsIssued: number;
  petitionsDue: number;
}

export interface RankPoint {
  rank: number;
  total: number;
}

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

export interface Summary {
  units: number;
  ranked: number;
  average: number | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
  bands: Record<string, number>;
  expectedDays: number;
  withoutData: string[];
  missingDays: { unitCode: string; missing: number }[];
  rejectedRows: { unitCode: string; rows: number }[];
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
