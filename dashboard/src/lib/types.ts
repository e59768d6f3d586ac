/**
 * The shapes the read API answers (see /api/openapi.json): the server's own
 * answer types (functions/api/answers.ts) and the scoring core's, as the
 * dashboard names them.
 */

import type { IndicatorScore, KeyFigures } from '#core/scoring/score.ts';
import type { RankPoint } from '#core/snapshots/snapshot.ts';
import type { ProvinceSummary } from '#core/snapshots/summary.ts';
import type {
  RankingAnswer as FullRankingAnswer,
  RankingUnit as FullRankingUnit,
  HistoryPoint,
  NationalAnswer,
  ProvinceAnswer,
  ProvinceListAnswer,
  PublishedFigures,
  RankingSource,
  SummaryAnswer,
  TrendAnswer,
  UnitHistory,
} from '#functions/api/answers.ts';

export type {
  HistoryPoint,
  KeyFigures,
  NationalAnswer,
  ProvinceAnswer,
  ProvinceListAnswer,
  PublishedFigures,
  RankingSource,
  RankPoint,
  SummaryAnswer,
  UnitHistory,
};
export type Indicator = IndicatorScore;
export type Summary = ProvinceSummary;
export type Trend = TrendAnswer;

/** A ranked unit; the table's lighter answer (detail=none) leaves out its indicators. */
export type RankingUnit = Omit<FullRankingUnit, 'indicators'> & Partial<Pick<FullRankingUnit, 'indicators'>>;

export interface RankingAnswer extends Omit<FullRankingAnswer, 'units'> {
  units: RankingUnit[];
}
