/**
 * The read API's answers, as functions/services/read.ts builds them and the
 * dashboard reads them: the types of the zod schemas in functions/api/schemas.ts,
 * which also give /api/openapi.json and the tests' checks. Types only: the
 * dashboard's build checks against them and bundles none of zod.
 */
export type {
  CompareAnswer,
  DayRevisions,
  HistoryPoint,
  NationalAnswer,
  ObservationRevisions,
  ProvinceAnswer,
  ProvinceListAnswer,
  PublishedFigures,
  RankingAnswer,
  RankingSource,
  RankingUnit,
  SummaryAnswer,
  TrendAnswer,
  UnitHistory,
} from '#functions/api/schemas.ts';
