/**
 * Every route of the HTTP API: its method and path, the function that serves
 * it, and what /api/openapi.json says of it (summary, parameters, the name of
 * its answer's schema in functions/api/schemas.ts, its faults). The CDK stack,
 * the local adapter and the OpenAPI document all read this table, so they
 * cannot drift apart: adding an endpoint is a row here, its handler and its
 * answer's schema.
 */
export type FunctionName = 'api' | 'ingest';

/** An OpenAPI parameter object. */
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: object;
  description?: string;
}

export interface RouteDoc {
  summary: string;
  parameters?: readonly Parameter[];
  /** the answer: its status (200 unless said), what it is, its schema's name; csv: format=csv answers a CSV table and format=xlsx an Excel workbook */
  answer: { status?: 200 | 201; description: string; schema: string; csv?: boolean; headers?: object };
  /** the faults of the route, beside 400, 404 and 503 that every read may answer ('none' for a read that cannot fail) */
  faults?: Record<string, { description: string; retry?: boolean }> | 'none';
  /** what the route takes in the body */
  body?: object;
  /** the route needs an ingest token */
  token?: boolean;
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  function: FunctionName;
  doc: RouteDoc;
}

const str = { type: 'string' } as const;
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const sourceSchema = { enum: ['records', 'portal'] };

const province: Parameter = {
  name: 'province',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^\\d{2}$' },
};
const unit: Parameter = {
  name: 'unit',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^\\d{5}$' },
};
/** A unit of the portal's figures: its official code, or its portal code when it has none. */
const portalUnit: Parameter = {
  name: 'unit',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^(\\d{5}|H\\d{2}\\.\\d+)$' },
};
const format: Parameter = {
  name: 'format',
  in: 'query',
  schema: { enum: ['json', 'csv', 'xlsx'] },
  description: 'csv: UTF-8 with BOM for Excel; xlsx: an Excel workbook (the ranking with a sheet per group)',
};
const lang: Parameter = {
  name: 'lang',
  in: 'query',
  schema: { enum: ['vi', 'en'] },
  description: "the workbook's titles (format=xlsx): Vietnamese (the default) or English",
};
const methodology: Parameter = {
  name: 'methodology',
  in: 'query',
  schema: str,
  description: 'methodology version; default the one in force',
};
const source: Parameter = {
  name: 'source',
  in: 'query',
  schema: sourceSchema,
  description:
    "records: computed from the daily records; portal: as the national portal published it (years, quarters, months; asOf is the observation day), with the computed score beside it. Default: portal once the province has been observed there, else records; without a period the portal's default is the latest year observed",
};
const period: readonly Parameter[] = [
  {
    name: 'period',
    in: 'query',
    schema: str,
    description:
      '2025-11, 2025-Q4, 2025-H2, 2025, all, or FROM..TO; default: the month of the latest day with data (records), the latest year observed (portal)',
  },
  { name: 'from', in: 'query', schema: day, description: 'first day of a custom range (with to)' },
  { name: 'to', in: 'query', schema: day, description: 'last day of a custom range (with from)' },
  { name: 'asOf', in: 'query', schema: day, description: 'the ranking as it stood at the end of this day' },
  methodology,
  source,
];

export const ROUTES = [
  {
    method: 'POST',
    path: '/api/ingest',
    function: 'ingest',
    doc: {
      summary:
        "Submit daily records (CSV or JSON), or the national portal's figures (the raw answers npm run portal:fetch writes, or an observation file of JSON lines); answers with a receipt, row by row",
      token: true,
      parameters: [
        {
          name: 'province',
          in: 'query',
          schema: str,
          description: "the province meant; must be the token's",
        },
      ],
      body: {
        required: true,
        content: {
          'text/csv': { schema: str },
          'application/json': { schema: { oneOf: [{ type: 'array' }, { type: 'object' }] } },
          'application/jsonl': { schema: str },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
            schema: { type: 'string', format: 'binary' },
          },
        },
      },
      answer: {
        status: 201,
        description: 'the receipt',
        schema: 'Receipt',
        headers: { Location: { description: 'the receipt again: /api/submissions/{id}', schema: str } },
      },
      faults: {
        '400': { description: 'the body cannot be read as CSV or JSON; detail and position say where' },
        '401': { description: 'no token, or an unknown one' },
        '403': { description: 'the token belongs to another province' },
        '413': { description: 'the body is over 6 MB or holds too many rows' },
        '429': {
          description:
            'too many submissions from this token, or too many refused ones from this address; retry after the Retry-After seconds',
          retry: true,
        },
        '503': {
          description:
            'the province is busy with another submission, or a fault cut this one short (submission names it: send it again); retry after the Retry-After seconds',
          retry: true,
        },
      },
    },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    function: 'api',
    doc: {
      summary: 'This document',
      answer: { description: 'OpenAPI 3.1', schema: 'Document' },
      faults: 'none',
    },
  },
  {
    method: 'GET',
    path: '/api/provinces',
    function: 'api',
    doc: {
      summary:
        'The 34 provinces, each with the sources the platform holds data from (empty: none yet), one the default',
      answer: { description: 'provinces', schema: 'ProvinceList' },
      faults: 'none',
    },
  },
  {
    method: 'GET',
    path: '/api/national',
    function: 'api',
    doc: {
      summary:
        "The country at a glance: the portal's national list of the 34 provinces, ranked, with their six groups and their change since the observation before",
      parameters: [
        {
          name: 'period',
          in: 'query',
          schema: str,
          description:
            'the period of the national list (2026, 2026-Q4, 2026-11); default the latest year observed',
        },
        { name: 'asOf', in: 'query', schema: day, description: 'the list as observed on or before this day' },
        format,
        lang,
      ],
      answer: { description: 'the 34 provinces', schema: 'National', csv: true },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}',
    function: 'api',
    doc: {
      summary:
        "A province with its latest data day, last ingest, the sources of its rankings and the portal's periods observed",
      parameters: [province],
      answer: { description: 'the province', schema: 'ProvinceAnswer' },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/units',
    function: 'api',
    doc: {
      summary: 'The unit registry of a province',
      parameters: [province],
      answer: { description: 'units', schema: 'UnitList' },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/rankings',
    function: 'api',
    doc: {
      summary: 'The ranking of a province for a period, as of a day, with rank changes',
      parameters: [
        province,
        ...period,
        format,
        lang,
        {
          name: 'units',
          in: 'query',
          schema: str,
          description: 'only these units (codes, comma separated); ranks stay those of the whole province',
        },
        {
          name: 'kind',
          in: 'query',
          schema: { enum: ['communes', 'agencies'] },
          description:
            "communes (the default): the communes and wards; agencies: the province's departments, ranked among themselves (the portal's figures only; from daily records, none)",
        },
        {
          name: 'detail',
          in: 'query',
          schema: { enum: ['indicators', 'none'] },
          description: 'none: without the indicators of each unit',
        },
      ],
      answer: { description: 'the ranking', schema: 'Ranking', csv: true },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/summary',
    function: 'api',
    doc: {
      summary: 'Average, median, quartiles, bands, units without data, data quality, freshness',
      parameters: [province, ...period],
      answer: { description: 'the summary', schema: 'SummaryAnswer' },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/compare',
    function: 'api',
    doc: {
      summary: 'Two to six units side by side',
      parameters: [
        province,
        { name: 'units', in: 'query', required: true, schema: str, description: 'codes, comma separated' },
        ...period,
      ],
      answer: { description: 'the comparison', schema: 'CompareAnswer' },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/trend',
    function: 'api',
    doc: {
      summary: "Every unit's total and rank month by month",
      parameters: [province, methodology, { name: 'source', in: 'query', schema: sourceSchema }],
      answer: {
        description: 'the months and, per unit, its totals and ranks in that order (null without data)',
        schema: 'TrendAnswer',
      },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/units/{unit}/history',
    function: 'api',
    doc: {
      summary:
        "A unit's score, rank, groups, indicators and key figures over time; from the portal, its published total and rank on each observation day",
      parameters: [
        province,
        portalUnit,
        { name: 'from', in: 'query', schema: day },
        { name: 'to', in: 'query', schema: day },
        methodology,
        { name: 'source', in: 'query', schema: sourceSchema },
        {
          name: 'period',
          in: 'query',
          schema: str,
          description: 'portal: the period followed day by day (default the latest year observed)',
        },
        format,
        lang,
      ],
      answer: { description: 'the history', schema: 'UnitHistory', csv: true },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/units/{unit}/days/{date}',
    function: 'api',
    doc: {
      summary: "A unit's day: the current record and every earlier revision",
      parameters: [province, unit, { name: 'date', in: 'path', required: true, schema: day }],
      answer: { description: 'revisions, oldest first', schema: 'DayRevisions' },
    },
  },
  {
    method: 'GET',
    path: '/api/provinces/{province}/units/{unit}/observations/{period}/{date}',
    function: 'api',
    doc: {
      summary:
        "What the portal published for a unit, a period and an observation day: the current figures and every earlier revision, with the unit's match",
      parameters: [
        province,
        portalUnit,
        { name: 'period', in: 'path', required: true, schema: str },
        { name: 'date', in: 'path', required: true, schema: day },
      ],
      answer: { description: 'revisions, oldest first', schema: 'ObservationRevisions' },
    },
  },
  {
    method: 'GET',
    path: '/api/methodologies',
    function: 'api',
    doc: {
      summary: 'Every methodology version; the first is in force',
      answer: { description: 'versions', schema: 'MethodologyList' },
      faults: 'none',
    },
  },
  {
    method: 'GET',
    path: '/api/methodologies/{id}',
    function: 'api',
    doc: {
      summary: 'A methodology version: groups, indicators and rules (id "current" for the one in force)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
      answer: { description: 'the version', schema: 'Methodology' },
    },
  },
  {
    method: 'GET',
    path: '/api/submissions/{id}',
    function: 'api',
    doc: {
      summary: 'The receipt of a submission, again',
      parameters: [{ name: 'id', in: 'path', required: true, schema: str }],
      answer: { description: 'the receipt', schema: 'Receipt' },
    },
  },
] as const satisfies readonly Route[];

/** The paths the read API (the api function) answers. */
export type ReadPath = Extract<(typeof ROUTES)[number], { function: 'api' }>['path'];

/** The methods a path is served with: a preflight's answer. */
export function methodsFor(path: string): Route['method'][] {
  return [...new Set(ROUTES.filter((r) => matchRoute(r.method, path)?.route === r).map((r) => r.method))];
}

/** A path whose percent-encoding cannot be decoded (`%E0%A4%A`, a lone `%`). */
export class MalformedPathError extends Error {
  override name = 'MalformedPathError';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new MalformedPathError(`the path segment "${segment}" is not valid percent-encoding`, {
      cause: error,
    });
  }
}

/**
 * Matches a request path against the table: the route and its path parameters,
 * or undefined. OPTIONS (a browser's preflight) matches a route of any method,
 * answered by the read API. A path parameter that is not valid
 * percent-encoding throws MalformedPathError (400).
 */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  if (method === 'OPTIONS') {
    const any = ROUTES.map((r) => matchRoute(r.method, path)).find((m) => m !== undefined);
    return any && { route: { ...any.route, function: 'api' }, params: any.params };
  }
  const parts = path.split('/');
  for (const route of ROUTES as readonly Route[]) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, k) => {
      const actual = parts[k] ?? '';
      if (p.startsWith('{') && p.endsWith('}')) {
        if (!actual) return false;
        params[p.slice(1, -1)] = decodeSegment(actual);
        return true;
      }
      return p === actual;
    });
    if (ok) return { route, params };
  }
  return undefined;
}
