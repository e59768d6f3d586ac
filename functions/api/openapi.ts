import * as z from '#core/zod.ts';
import { apiSchemas } from '#functions/api/schemas.ts';

/**
 * The API's description, OpenAPI 3.1, served at /api/openapi.json: the
 * answers' schemas come from their zod schemas (functions/api/schemas.ts),
 * the paths and parameters are written here. The integration tests validate
 * the document against OpenAPI 3.1's own schema and real answers against it.
 */

const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const retryAfter = {
  'Retry-After': {
    description: 'seconds to wait before sending again (also retryAfterSeconds in the body)',
    schema: int,
  },
};

const problemResponse = (description: string, wait = false) => ({
  description,
  ...(wait ? { headers: retryAfter } : {}),
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
  '503': problemResponse(
    'the database is busy or failed on its side; retry after the Retry-After seconds',
    true,
  ),
};

/** The answers' schemas, by name, from their zod schemas. */
function componentSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

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
    schemas: componentSchemas(),
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
          '201': {
            description: 'the receipt',
            headers: { Location: { description: 'the receipt again: /api/submissions/{id}', schema: str } },
            content: { 'application/json': { schema: ref('Receipt') } },
          },
          '400': problemResponse('the body cannot be read as CSV or JSON; detail and position say where'),
          '401': problemResponse('no token, or an unknown one'),
          '403': problemResponse('the token belongs to another province'),
          '413': problemResponse('the body is over 6 MB or holds too many rows'),
          '429': problemResponse(
            'too many submissions from this token, or too many refused ones from this address; retry after the Retry-After seconds',
            true,
          ),
          '503': problemResponse(
            'the province is busy with another submission, or a fault cut this one short (submission names it: send it again); retry after the Retry-After seconds',
            true,
          ),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        summary: 'This document',
        responses: {
          '200': {
            description: 'OpenAPI 3.1',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
    '/api/provinces': {
      get: {
        summary: 'The 34 provinces, each with the sources the platform holds data from (empty: none yet)',
        responses: {
          '200': {
            description: 'provinces',
            content: {
              'application/json': {
                schema: ref('ProvinceList'),
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
                schema: ref('ProvinceAnswer'),
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
                schema: ref('SummaryAnswer'),
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
            content: { 'application/json': { schema: ref('CompareAnswer') } },
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
          { name: 'source', in: 'query', schema: ref('TrendAnswer') },
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
            content: { 'application/json': { schema: ref('DayRevisions') } },
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
                schema: ref('ObservationRevisions'),
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
          '200': {
            description: 'versions',
            content: { 'application/json': { schema: ref('MethodologyList') } },
          },
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
              'application/json': { schema: ref('Methodology') },
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
