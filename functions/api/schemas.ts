import * as z from '#core/zod.ts';

/**
 * Every answer of the HTTP API, once: the zod schemas here give the answers'
 * TypeScript types (functions/api/answers.ts, which the services build and the
 * dashboard reads), the schemas of /api/openapi.json (functions/api/openapi.ts)
 * and the checks the integration tests run on real answers. A field added to
 * an answer and not here fails the type check; one here and not in the answer
 * fails the tests.
 */

/** The named schemas, by their name in components.schemas. */
export const apiSchemas = z.registry<{ id: string }>();
/** The same, looked up by name: what a `$ref` of the OpenAPI document names. */
export const schemaNamed = new Map<string, z.ZodMiniType>();

function named<T extends z.ZodMiniType>(id: string, schema: T): T {
  apiSchemas.add(schema, { id });
  schemaNamed.set(id, schema);
  return schema;
}

const day = z.iso.date();
const num = z.number();
const int = z.int();
const str = z.string();

export const RankingSourceSchema = named('RankingSource', z.enum(['records', 'portal']));
const source = RankingSourceSchema;

export const ProblemSchema = named(
  'Problem',
  z.looseObject({
    type: str,
    title: str,
    status: int,
    detail: str,
    /** the occurrence: /api/submissions/<id> when the fault names a submission, else urn:request:<request id> */
    instance: z.optional(str),
    /** the request's id in the API's logs, for a question to the operators */
    requestId: z.optional(str),
    /** 429 and 503: how long to wait before sending again (also the Retry-After header) */
    retryAfterSeconds: z.optional(int),
    /** the submission a fault names: archived, so it can be sent again or replayed */
    submission: z.optional(str),
    /** where in the body a parse failed */
    position: z.optional(z.looseObject({})),
  }),
);

export const ReasonSchema = named('Reason', z.object({ field: str, rule: str, message: str }));

export const UnsettledUnitSchema = named(
  'UnsettledUnit',
  z.object({
    portalCode: str,
    portalName: str,
    status: z.enum(['matched', 'override', 'doubtful', 'unmatched', 'agency']),
    candidates: z.array(str),
    reason: str,
  }),
);

export const ReceiptSchema = named(
  'Receipt',
  z.object({
    id: str,
    province: str,
    receivedAt: str,
    format: z.enum(['csv', 'json', 'xlsx', 'observations', 'portal-answers']),
    /** the submission's key in the archive: <yyyymmdd>/<province>/<id>.<format> */
    archive: str,
    counts: z.object({ rows: int, created: int, revised: int, unchanged: int, rejected: int }),
    warnings: z.array(str),
    rows: z.array(
      z.object({
        row: int,
        unitCode: z.nullable(str),
        date: z.nullable(str),
        outcome: z.enum(['created', 'revised', 'unchanged', 'rejected']),
        revision: z.optional(int),
        reasons: z.optional(z.array(ReasonSchema)),
        portalCode: z.optional(str),
        period: z.optional(str),
      }),
    ),
    observations: z.optional(
      z.array(
        z.object({
          period: str,
          observedOn: day,
          units: int,
          communes: int,
          agencies: int,
          matched: int,
          unsettled: z.array(UnsettledUnitSchema),
        }),
      ),
    ),
  }),
);

export const ReconciliationSchema = named(
  'Reconciliation',
  z.object({
    publishedTotal: z.nullable(num),
    publishedGroupsTotal: z.nullable(num),
    computedTotal: num,
    totalDifference: z.nullable(num),
    pagesDifference: z.nullable(num),
    groups: z.array(z.object({ group: str, published: num, computed: num, difference: num })),
    differs: z.boolean(),
  }),
);

export const PublishedFiguresSchema = named(
  'PublishedFigures',
  z.object({
    source: z.literal('portal'),
    observedOn: day,
    portalCode: str,
    portalName: str,
    match: z.enum(['matched', 'override', 'doubtful', 'unmatched', 'agency']),
    total: z.nullable(num),
    groups: z.record(str, z.nullable(num)),
    groupsTotal: z.nullable(num),
    computed: z.object({ total: num, rank: int, band: str, groups: z.record(str, num) }),
    totalChangeDay: z.nullable(num),
    totalChangePeriod: z.nullable(num),
    reconciliation: ReconciliationSchema,
  }),
);

export const IndicatorSchema = named(
  'Indicator',
  z.object({
    group: str,
    points: num,
    max: num,
    lost: num,
    ratio: z.nullable(num),
    inputs: z.record(str, z.nullable(num)),
    noCases: z.boolean(),
    notApplicable: z.boolean(),
    published: z.optional(z.boolean()),
    publishedPoints: z.optional(z.nullable(num)),
  }),
);

export const KeyFiguresSchema = named(
  'KeyFigures',
  z.object({
    received: int,
    receivedOnline: z.nullable(int),
    onlineShare: z.nullable(num),
    handled: int,
    onTime: int,
    onTimeRate: z.nullable(num),
    resultsIssued: z.nullable(int),
    petitionsDue: z.nullable(int),
  }),
);

export const RankPointSchema = named('RankPoint', z.object({ rank: int, total: num }));

const unitType = z.enum(['ward', 'commune', 'special-zone']);

export const RankingUnitSchema = named(
  'RankingUnit',
  z.object({
    unitCode: str,
    name: str,
    /** "agency" for a department of the province (portal rankings only) */
    type: z.enum(['ward', 'commune', 'special-zone', 'agency']),
    rank: int,
    total: num,
    band: str,
    groups: z.record(str, num),
    /** absent with detail=none */
    indicators: z.optional(z.record(str, IndicatorSchema)),
    keyFigures: KeyFiguresSchema,
    daysWithData: int,
    lastDay: day,
    /** for a ranking from records: the day before; from the portal: the previous observation */
    previousDay: z.nullable(RankPointSchema),
    previousPeriod: z.nullable(RankPointSchema),
    /** places gained since the previous day or observation (positive = up), null when not comparable */
    rankChangeDay: z.nullable(int),
    rankChangePeriod: z.nullable(int),
    published: z.optional(PublishedFiguresSchema),
  }),
);

export const PeriodSchema = named(
  'Period',
  z.object({
    kind: z.enum(['month', 'quarter', 'half', 'year', 'custom', 'all']),
    key: str,
    from: day,
    to: day,
    days: int,
  }),
);

export const SummarySchema = named(
  'Summary',
  z.object({
    units: int,
    ranked: int,
    average: z.nullable(num),
    median: z.nullable(num),
    q1: z.nullable(num),
    q3: z.nullable(num),
    min: z.nullable(num),
    max: z.nullable(num),
    bands: z.record(str, int),
    /** days from the period's first day to the as-of day: what a unit reporting every day has */
    expectedDays: int,
    withoutData: z.array(str),
    missingDays: z.array(z.object({ unitCode: str, missing: int })),
    rejectedRows: z.array(z.object({ unitCode: str, rows: int })),
  }),
);

export const UnrankedUnitSchema = named(
  'UnrankedUnit',
  z.object({ unitCode: str, name: str, type: unitType, reason: z.literal('no data') }),
);

/** What a ranking, and what is read from one, is of: the province, the source, the period as of a day, the methodology. */
const rankingOf = {
  province: str,
  source,
  period: PeriodSchema,
  /** the "as of" day; for the portal, the observation day */
  asOf: z.nullable(day),
  methodology: str,
};

export const RankingAnswerSchema = named(
  'Ranking',
  z.object({
    ...rankingOf,
    units: z.array(RankingUnitSchema),
    unranked: z.array(UnrankedUnitSchema),
    summary: SummarySchema,
    /** portal rankings: when the answers were received, and the observation the changes are counted from */
    observedAt: z.optional(z.nullable(str)),
    previousObservedOn: z.optional(z.nullable(day)),
    /** portal rankings: the province's departments, ranked among themselves */
    agencies: z.optional(z.array(RankingUnitSchema)),
    /** portal rankings: the portal's communes and wards not matched to an official unit */
    unsettled: z.optional(z.array(UnsettledUnitSchema)),
    /** portal rankings: how many units' computed or published figures part */
    reconciliation: z.optional(
      z.object({ differing: int, totalDiffers: int, pagesDiffer: int, groupsDiffer: int }),
    ),
  }),
);

export const SummaryAnswerSchema = named(
  'SummaryAnswer',
  z.extend(SummarySchema, {
    province: str,
    period: PeriodSchema,
    asOf: z.nullable(day),
    methodology: str,
    latestDay: z.nullable(day),
    lastIngestAt: z.nullable(str),
  }),
);

export const HistoryPointSchema = named(
  'HistoryPoint',
  z.object({
    period: str,
    asOf: day,
    rank: z.nullable(int),
    ranked: int,
    total: z.nullable(num),
    band: z.nullable(str),
    groups: z.nullable(z.record(str, num)),
    indicators: z.nullable(z.record(str, num)),
    keyFigures: z.nullable(KeyFiguresSchema),
    daysWithData: int,
  }),
);

export const UnitHistorySchema = named(
  'UnitHistory',
  z.object({
    province: str,
    source,
    unitCode: str,
    name: str,
    type: str,
    methodology: str,
    /** the period of `days`: "all" for records (the running period), the observed period for the portal */
    daysPeriod: str,
    /** each month: the unit's score and rank for the month (as of its last day with data) */
    months: z.array(HistoryPointSchema),
    /** each day: the unit's rank and total as of that day (records), or on each observation day (portal) */
    days: z.array(z.object({ day, rank: z.nullable(int), total: z.nullable(num) })),
  }),
);

export const ProvinceSchema = named(
  'Province',
  z.object({ code: str, name: str, nameEn: str, fullName: str, units: int }),
);

export const ProvinceListSchema = named(
  'ProvinceList',
  z.array(
    z.extend(ProvinceSchema, {
      /** the sources the platform holds data from (empty: none yet) */
      sources: z.array(source),
      /** the province the dashboard opens on: one of the 34 */
      default: z.boolean(),
    }),
  ),
);

export const NationalSchema = named(
  'National',
  z.object({
    /** the period of the national list: 2026, 2026-Q4, 2026-11 */
    period: str,
    /** every period the national list was observed for */
    periods: z.array(str),
    observedOn: day,
    /** the observation the changes are counted from */
    previousObservedOn: z.nullable(day),
    /** the country's total as the portal publishes it */
    countryTotal: z.nullable(num),
    /** the province the dashboard opens on */
    defaultProvince: str,
    provinces: z.array(
      z.object({
        province: str,
        name: str,
        fullName: str,
        nameEn: str,
        portalCode: str,
        rank: int,
        total: num,
        groups: z.record(str, num),
        totalChange: z.nullable(num),
        rankChange: z.nullable(int),
        /** the platform's own rankings of the province (empty: it holds none) */
        sources: z.array(source),
      }),
    ),
  }),
);

export const ProvinceAnswerSchema = named(
  'ProvinceAnswer',
  z.extend(ProvinceSchema, {
    latestDay: z.nullable(day),
    lastIngestAt: z.nullable(str),
    /** the sources its rankings can come from; the first is the default */
    sources: z.array(source),
    /** the periods the portal was observed for, and the latest observation day */
    published: z.object({ periods: z.array(str), latestDay: z.nullable(day) }),
  }),
);

export const UnitSchema = named(
  'Unit',
  z.object({ code: str, name: str, nameEn: str, fullName: str, type: unitType, provinceCode: str }),
);

export const UnitListSchema = named('UnitList', z.array(UnitSchema));

/** /api/openapi.json itself: an OpenAPI 3.1 document (checked against the specification's own schema in the tests). */
export const DocumentSchema = named(
  'Document',
  z.looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: str }),
    paths: z.record(str, z.looseObject({})),
  }),
);

export const TrendAnswerSchema = named(
  'TrendAnswer',
  z.object({
    province: str,
    source,
    methodology: str,
    months: z.array(str),
    /** per unit, its totals and ranks in the order of `months` (null without data) */
    units: z.record(str, z.object({ totals: z.array(z.nullable(num)), ranks: z.array(z.nullable(int)) })),
  }),
);

export const CompareAnswerSchema = named(
  'CompareAnswer',
  z.object({
    ...rankingOf,
    average: z.nullable(num),
    best: z.nullable(z.object({ unitCode: str, total: num, groups: z.record(str, num) })),
    units: z.array(
      z.object({ unitCode: str, entry: z.nullable(RankingUnitSchema), months: z.array(HistoryPointSchema) }),
    ),
  }),
);

export const DayRevisionsSchema = named(
  'DayRevisions',
  z.object({
    unitCode: str,
    date: day,
    /** oldest first; the last is current */
    revisions: z.array(
      z.object({
        revision: int,
        submissionId: str,
        receivedAt: str,
        counts: z.record(str, num),
        /** the counts as the store keeps them: the contract's fields in order, comma separated */
        packed: str,
      }),
    ),
  }),
);

export const ObservationRevisionsSchema = named(
  'ObservationRevisions',
  z.object({
    unitCode: z.nullable(str),
    portalCode: str,
    period: str,
    date: day,
    match: z.looseObject({ portalCode: str, status: str }),
    /** oldest first; the last is current: the unit's figures as the portal published them */
    revisions: z.array(
      z.object({ revision: int, submissionId: str, receivedAt: str, published: z.looseObject({}) }),
    ),
  }),
);

export const MethodologySchema = named(
  'Methodology',
  z.looseObject({
    id: str,
    title: z.optional(str),
    groups: z.array(z.looseObject({ code: str })),
    bands: z.array(z.looseObject({})),
  }),
);

export const MethodologyListSchema = named('MethodologyList', z.array(MethodologySchema));

export type RankingSource = z.infer<typeof RankingSourceSchema>;
export type PublishedFigures = z.infer<typeof PublishedFiguresSchema>;
export type RankingUnit = z.infer<typeof RankingUnitSchema>;
export type RankingAnswer = z.infer<typeof RankingAnswerSchema>;
export type SummaryAnswer = z.infer<typeof SummaryAnswerSchema>;
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;
export type UnitHistory = z.infer<typeof UnitHistorySchema>;
export type ProvinceAnswer = z.infer<typeof ProvinceAnswerSchema>;
export type ProvinceListAnswer = z.infer<typeof ProvinceListSchema>;
export type NationalAnswer = z.infer<typeof NationalSchema>;
export type TrendAnswer = z.infer<typeof TrendAnswerSchema>;
export type CompareAnswer = z.infer<typeof CompareAnswerSchema>;
export type DayRevisions = z.infer<typeof DayRevisionsSchema>;
export type ObservationRevisions = z.infer<typeof ObservationRevisionsSchema>;
export type ReceiptAnswer = z.infer<typeof ReceiptSchema>;
export type ProblemAnswer = z.infer<typeof ProblemSchema>;
