/**
 * The API's description, OpenAPI 3.1, served at /api/openapi.json. The
 * integration tests validate real answers against these schemas.
 */

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});

const periodParameters = [
  {
    name: 'period',
    in: 'query',
    schema: str,
    description: '2025-11, 2025-Q4, 2025-H2, 2025, all, or FROM..TO; default: the month of yesterday',
  },
  { name: 'from', in: 'query', schema: day, description: 'first day of a custom range (with to)' },
  { name: 'to', in: 'query', schema: day, description: 'last day of a custom range (with from)' },
  { name: 'asOf', in: 'query', schema: day, description: 'the ranking as it stood at the end of this day' },
  {
    name: 'methodology',
    in: 'query',
    schema: str,
    description: 'methodology version; default the one in force',
  },
  {
    name: 'source',
    in: 'query',
    schema: { enum: ['records', 'portal'] },
    description:
      "records: computed from the daily records; portal: as the national portal published it (years, quarters, months; asOf is the observation day), with the computed score beside it. Default: portal once the province has been observed there, else records; without a period the portal's default is the latest year observed",
  },
];
const province = {
  name: 'province',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^\\d{2}$' },
};
const unit = { name: 'unit', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{5}$' } };
/** A unit of the portal's figures: its official code, or its portal code when it has none. */
const portalUnit = {
  name: 'unit',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^(\\d{5}|H\\d{2}\\.\\d+)$' },
};
const format = {
  name: 'format',
  in: 'query',
  schema: { enum: ['json', 'csv'] },
  description: 'csv: UTF-8 with BOM for Excel',
};

const errors = {
  '400': problemResponse('the request is malformed; detail says what is wrong'),
  '404': problemResponse('no such province, unit, methodology or submission'),
  '503': problemResponse('the database is busy or failed on its side; retry after the Retry-After seconds'),
};

export const openapi = {
  openapi: '3.1.0',
  info: {
    title: 'Citizen-service index API',
    version: '1.0.0',
    description:
      "Rankings, histories and explanations of the citizen-service index (Decision 766/QĐ-TTg) of Vietnam's commune-level public administrative service centers, and the ingestion of their daily records.",
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: {
      ingestToken: { type: 'http', scheme: 'bearer', description: 'created by npm run token -- create' },
    },
    schemas: {
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: str,
          title: str,
          status: int,
          detail: str,
          position: { type: 'object' },
          submission: str,
        },
      },
      Reason: {
        type: 'object',
        required: ['field', 'rule', 'message'],
        properties: { field: str, rule: str, message: str },
        additionalProperties: false,
      },
      Receipt: {
        type: 'object',
        required: ['id', 'province', 'receivedAt', 'format', 'archive', 'counts', 'warnings', 'rows'],
        properties: {
          id: str,
          province: str,
          receivedAt: str,
          format: { enum: ['csv', 'json', 'observations', 'portal-answers'] },
          archive: str,
          counts: {
            type: 'object',
            required: ['rows', 'created', 'revised', 'unchanged', 'rejected'],
            properties: { rows: int, created: int, revised: int, unchanged: int, rejected: int },
          },
          warnings: { type: 'array', items: str },
          rows: {
            type: 'array',
            items: {
              type: 'object',
              required: ['row', 'unitCode', 'date', 'outcome'],
              properties: {
                row: int,
                unitCode: nullable(str),
                date: nullable(str),
                outcome: { enum: ['created', 'revised', 'unchanged', 'rejected'] },
                revision: int,
                reasons: { type: 'array', items: ref('Reason') },
                portalCode: str,
                period: str,
              },
            },
          },
          observations: {
            type: 'array',
            description:
              "the portal's figures: each observation, and its units not matched to an official unit",
            items: {
              type: 'object',
              required: ['period', 'observedOn', 'units', 'communes', 'agencies', 'matched', 'unsettled'],
              properties: {
                period: str,
                observedOn: day,
                units: int,
                communes: int,
                agencies: int,
                matched: int,
                unsettled: { type: 'array', items: ref('UnsettledUnit') },
              },
            },
          },
        },
      },
      UnsettledUnit: {
        type: 'object',
        required: ['portalCode', 'portalName', 'status', 'candidates', 'reason'],
        properties: {
          portalCode: str,
          portalName: str,
          status: { enum: ['doubtful', 'unmatched'] },
          candidates: { type: 'array', items: str },
          reason: str,
        },
      },
      Reconciliation: {
        type: 'object',
        required: [
          'publishedTotal',
          'publishedGroupsTotal',
          'computedTotal',
          'totalDifference',
          'pagesDifference',
          'groups',
          'differs',
        ],
        properties: {
          publishedTotal: nullable(num),
          publishedGroupsTotal: nullable(num),
          computedTotal: num,
          totalDifference: nullable(num),
          pagesDifference: nullable(num),
          groups: {
            type: 'array',
            items: {
              type: 'object',
              required: ['group', 'published', 'computed', 'difference'],
              properties: { group: str, published: num, computed: num, difference: num },
            },
          },
          differs: { type: 'boolean' },
        },
      },
      PublishedFigures: {
        type: 'object',
        description: 'what the national portal published, labelled with its source and observation day',
        required: [
          'source',
          'observedOn',
          'portalCode',
          'portalName',
          'match',
          'total',
          'groups',
          'groupsTotal',
          'computed',
          'totalChangeDay',
          'totalChangePeriod',
          'reconciliation',
        ],
        properties: {
          source: { const: 'portal' },
          observedOn: day,
          portalCode: str,
          portalName: str,
          match: { enum: ['matched', 'override', 'doubtful', 'unmatched', 'agency'] },
          total: nullable(num),
          groups: { type: 'object', additionalProperties: nullable(num) },
          groupsTotal: nullable(num),
          computed: {
            type: 'object',
            required: ['total', 'rank', 'band', 'groups'],
            properties: {
              total: num,
              rank: int,
              band: str,
              groups: { type: 'object', additionalProperties: num },
            },
          },
          totalChangeDay: nullable(num),
          totalChangePeriod: nullable(num),
          reconciliation: ref('Reconciliation'),
        },
      },
      Indicator: {
        type: 'object',
        required: ['group', 'points', 'max', 'lost', 'ratio', 'inputs', 'noCases', 'notApplicable'],
        properties: {
          group: str,
          points: num,
          max: num,
          lost: num,
          ratio: nullable(num),
          inputs: { type: 'object', additionalProperties: nullable(num) },
          noCases: { type: 'boolean' },
          notApplicable: { type: 'boolean' },
          published: { type: 'boolean' },
          publishedPoints: nullable(num),
        },
      },
      KeyFigures: {
        type: 'object',
        required: [
          'received',
          'receivedOnline',
          'onlineShare',
          'handled',
          'onTime',
          'onTimeRate',
          'resultsIssued',
          'petitionsDue',
        ],
        properties: {
          received: int,
          receivedOnline: nullable(int),
          onlineShare: nullable(num),
          handled: int,
          onTime: int,
          onTimeRate: nullable(num),
          resultsIssued: nullable(int),
          petitionsDue: nullable(int),
        },
      },
      RankPoint: { type: 'object', required: ['rank', 'total'], properties: { rank: int, total: num } },
      RankingUnit: {
        // indicators are absent with detail=none
        type: 'object',
        required: [
          'unitCode',
          'name',
          'type',
          'rank',
          'total',
          'band',
          'groups',
          'keyFigures',
          'daysWithData',
          'lastDay',
          'previousDay',
          'previousPeriod',
          'rankChangeDay',
          'rankChangePeriod',
        ],
        properties: {
          unitCode: str,
          name: str,
          type: { enum: ['ward', 'commune', 'special-zone', 'agency'] },
          rank: int,
          total: num,
          band: str,
          groups: { type: 'object', additionalProperties: num },
          indicators: { type: 'object', additionalProperties: ref('Indicator') },
          keyFigures: ref('KeyFigures'),
          daysWithData: int,
          lastDay: day,
          previousDay: nullable(ref('RankPoint')),
          previousPeriod: nullable(ref('RankPoint')),
          rankChangeDay: nullable(int),
          rankChangePeriod: nullable(int),
          published: ref('PublishedFigures'),
        },
      },
      Period: {
        type: 'object',
        required: ['kind', 'key', 'from', 'to', 'days'],
        properties: {
          kind: { enum: ['month', 'quarter', 'half', 'year', 'custom', 'all'] },
          key: str,
          from: day,
          to: day,
          days: int,
        },
      },
      Summary: {
        type: 'object',
        required: [
          'units',
          'ranked',
          'average',
          'median',
          'q1',
          'q3',
          'min',
          'max',
          'bands',
          'expectedDays',
          'withoutData',
          'missingDays',
          'rejectedRows',
        ],
        properties: {
          units: int,
          ranked: int,
          average: nullable(num),
          median: nullable(num),
          q1: nullable(num),
          q3: nullable(num),
          min: nullable(num),
          max: nullable(num),
          bands: { type: 'object', additionalProperties: int },
          expectedDays: int,
          withoutData: { type: 'array', items: str },
          missingDays: {
            type: 'array',
            items: {
              type: 'object',
              required: ['unitCode', 'missing'],
              properties: { unitCode: str, missing: int },
            },
          },
          rejectedRows: {
            type: 'array',
            items: {
              type: 'object',
              required: ['unitCode', 'rows'],
              properties: { unitCode: str, rows: int },
            },
          },
        },
      },
      Ranking: {
        type: 'object',
        required: ['province', 'source', 'period', 'asOf', 'methodology', 'units', 'unranked', 'summary'],
        properties: {
          province: str,
          source: { enum: ['records', 'portal'] },
          observedAt: nullable(str),
          previousObservedOn: nullable(day),
          agencies: { type: 'array', items: ref('RankingUnit') },
          unsettled: { type: 'array', items: ref('UnsettledUnit') },
          reconciliation: {
            type: 'object',
            required: ['differing', 'totalDiffers', 'pagesDiffer', 'groupsDiffer'],
            properties: { differing: int, totalDiffers: int, pagesDiffer: int, groupsDiffer: int },
          },
          period: ref('Period'),
          asOf: nullable(day),
          methodology: str,
          units: { type: 'array', items: ref('RankingUnit') },
          unranked: {
            type: 'array',
            items: {
              type: 'object',
              required: ['unitCode', 'name', 'type', 'reason'],
              properties: { unitCode: str, name: str, type: str, reason: { const: 'no data' } },
            },
          },
          summary: ref('Summary'),
        },
      },
      HistoryPoint: {
        type: 'object',
        required: [
          'period',
          'asOf',
          'rank',
          'ranked',
          'total',
          'band',
          'groups',
          'indicators',
          'keyFigures',
          'daysWithData',
        ],
        properties: {
          period: str,
          asOf: day,
          rank: nullable(int),
          ranked: int,
          total: nullable(num),
          band: nullable(str),
          groups: nullable({ type: 'object', additionalProperties: num }),
          indicators: nullable({ type: 'object', additionalProperties: num }),
          keyFigures: nullable(ref('KeyFigures')),
          daysWithData: int,
        },
      },
      UnitHistory: {
        type: 'object',
        required: [
          'province',
          'source',
          'unitCode',
          'name',
          'type',
          'methodology',
          'daysPeriod',
          'months',
          'days',
        ],
        properties: {
          province: str,
          source: { enum: ['records', 'portal'] },
          daysPeriod: str,
          unitCode: str,
          name: str,
          type: str,
          methodology: str,
          months: { type: 'array', items: ref('HistoryPoint') },
          days: {
            type: 'array',
            items: {
              type: 'object',
              required: ['day', 'rank', 'total'],
              properties: { day, rank: nullable(int), total: nullable(num) },
            },
          },
        },
      },
      Province: {
        type: 'object',
        required: ['code', 'name', 'nameEn', 'fullName', 'units'],
        properties: { code: str, name: str, nameEn: str, fullName: str, units: int },
      },
      Unit: {
        type: 'object',
        required: ['code', 'name', 'nameEn', 'fullName', 'type', 'provinceCode'],
        properties: { code: str, name: str, nameEn: str, fullName: str, type: str, provinceCode: str },
      },
    },
  },
  paths: {
    '/api/ingest': {
      post: {
        summary:
          "Submit daily records (CSV or JSON), or the national portal's figures (the raw answers npm run portal:fetch writes, or an observation file of JSON lines); answers with a receipt, row by row",
        security: [{ ingestToken: [] }],
        parameters: [
          {
            name: 'province',
            in: 'query',
            schema: str,
            description: "the province meant; must be the token's",
          },
        ],
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: str },
            'application/json': { schema: { oneOf: [{ type: 'array' }, { type: 'object' }] } },
            'application/jsonl': { schema: str },
          },
        },
        responses: {
          '201': { description: 'the receipt', content: { 'application/json': { schema: ref('Receipt') } } },
          '400': problemResponse('the body cannot be read as CSV or JSON; detail and position say where'),
          '401': problemResponse('no token, or an unknown one'),
          '403': problemResponse('the token belongs to another province'),
          '413': problemResponse('the body is over 6 MB or holds too many rows'),
          '503': problemResponse('busy; retry after the Retry-After seconds'),
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
    },
    '/api/provinces': {
      get: {
        summary: 'The 34 provinces, each with the sources the platform holds data from (empty: none yet)',
        responses: {
          '200': {
            description: 'provinces',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    allOf: [
                      ref('Province'),
                      {
                        type: 'object',
                        required: ['sources'],
                        properties: { sources: { type: 'array', items: { enum: ['records', 'portal'] } } },
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
    '/api/provinces/{province}': {
      get: {
        summary:
          "A province with its latest data day, last ingest, the sources of its rankings and the portal's periods observed",
        parameters: [province],
        responses: {
          '200': {
            description: 'the province',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    ref('Province'),
                    {
                      type: 'object',
                      required: ['latestDay', 'lastIngestAt', 'sources', 'published'],
                      properties: {
                        latestDay: nullable(day),
                        lastIngestAt: nullable(str),
                        sources: { type: 'array', items: { enum: ['records', 'portal'] } },
                        published: {
                          type: 'object',
                          required: ['periods', 'latestDay'],
                          properties: { periods: { type: 'array', items: str }, latestDay: nullable(day) },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/units': {
      get: {
        summary: 'The unit registry of a province',
        parameters: [province],
        responses: {
          '200': {
            description: 'units',
            content: { 'application/json': { schema: { type: 'array', items: ref('Unit') } } },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/rankings': {
      get: {
        summary: 'The ranking of a province for a period, as of a day, with rank changes',
        parameters: [
          province,
          ...periodParameters,
          format,
          {
            name: 'units',
            in: 'query',
            schema: str,
            description: 'only these units (codes, comma separated); ranks stay those of the whole province',
          },
          {
            name: 'detail',
            in: 'query',
            schema: { enum: ['indicators', 'none'] },
            description: 'none: without the indicators of each unit',
          },
        ],
        responses: {
          '200': {
            description: 'the ranking',
            content: { 'application/json': { schema: ref('Ranking') }, 'text/csv': { schema: str } },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/summary': {
      get: {
        summary: 'Average, median, quartiles, bands, units without data, data quality, freshness',
        parameters: [province, ...periodParameters],
        responses: {
          '200': {
            description: 'the summary',
            content: {
              'application/json': {
                schema: {
                  allOf: [ref('Summary'), { type: 'object', required: ['latestDay', 'lastIngestAt'] }],
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/compare': {
      get: {
        summary: 'Two to six units side by side',
        parameters: [
          province,
          { name: 'units', in: 'query', required: true, schema: str, description: 'codes, comma separated' },
          ...periodParameters,
        ],
        responses: {
          '200': {
            description: 'the comparison',
            content: { 'application/json': { schema: { type: 'object', required: ['units'] } } },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/trend': {
      get: {
        summary: "Every unit's total and rank month by month",
        parameters: [
          province,
          { name: 'methodology', in: 'query', schema: str },
          { name: 'source', in: 'query', schema: { enum: ['records', 'portal'] } },
        ],
        responses: {
          '200': {
            description: 'the months and, per unit, its totals and ranks in that order (null without data)',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['province', 'source', 'methodology', 'months', 'units'],
                  properties: {
                    province: str,
                    source: { enum: ['records', 'portal'] },
                    methodology: str,
                    months: { type: 'array', items: str },
                    units: {
                      type: 'object',
                      additionalProperties: {
                        type: 'object',
                        required: ['totals', 'ranks'],
                        properties: {
                          totals: { type: 'array', items: nullable(num) },
                          ranks: { type: 'array', items: nullable(int) },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/units/{unit}/history': {
      get: {
        summary:
          "A unit's score, rank, groups, indicators and key figures over time; from the portal, its published total and rank on each observation day",
        parameters: [
          province,
          portalUnit,
          { name: 'from', in: 'query', schema: day },
          { name: 'to', in: 'query', schema: day },
          { name: 'methodology', in: 'query', schema: str },
          { name: 'source', in: 'query', schema: { enum: ['records', 'portal'] } },
          {
            name: 'period',
            in: 'query',
            schema: str,
            description: 'portal: the period followed day by day (default the latest year observed)',
          },
          format,
        ],
        responses: {
          '200': {
            description: 'the history',
            content: { 'application/json': { schema: ref('UnitHistory') }, 'text/csv': { schema: str } },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/units/{unit}/days/{date}': {
      get: {
        summary: "A unit's day: the current record and every earlier revision",
        parameters: [province, unit, { name: 'date', in: 'path', required: true, schema: day }],
        responses: {
          '200': {
            description: 'revisions, oldest first',
            content: { 'application/json': { schema: { type: 'object', required: ['revisions'] } } },
          },
          ...errors,
        },
      },
    },
    '/api/provinces/{province}/units/{unit}/observations/{period}/{date}': {
      get: {
        summary:
          "What the portal published for a unit, a period and an observation day: the current figures and every earlier revision, with the unit's match",
        parameters: [
          province,
          portalUnit,
          { name: 'period', in: 'path', required: true, schema: str },
          { name: 'date', in: 'path', required: true, schema: day },
        ],
        responses: {
          '200': {
            description: 'revisions, oldest first',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['portalCode', 'period', 'date', 'match', 'revisions'] },
              },
            },
          },
          ...errors,
        },
      },
    },
    '/api/methodologies': {
      get: {
        summary: 'Every methodology version; the first is in force',
        responses: {
          '200': { description: 'versions', content: { 'application/json': { schema: { type: 'array' } } } },
        },
      },
    },
    '/api/methodologies/{id}': {
      get: {
        summary: 'A methodology version: groups, indicators and rules (id "current" for the one in force)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
        responses: {
          '200': {
            description: 'the version',
            content: {
              'application/json': { schema: { type: 'object', required: ['id', 'groups', 'bands'] } },
            },
          },
          ...errors,
        },
      },
    },
    '/api/submissions/{id}': {
      get: {
        summary: 'The receipt of a submission, again',
        parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
        responses: {
          '200': { description: 'the receipt', content: { 'application/json': { schema: ref('Receipt') } } },
          ...errors,
        },
      },
    },
  },
} as const;
