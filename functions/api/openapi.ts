import * as z from '#core/zod.ts';
import { ROUTES, type Route, type RouteDoc } from '#functions/api/routes.ts';
import { apiSchemas } from '#functions/api/schemas.ts';
import { XLSX_TYPE } from '#functions/commons/http.ts';

/**
 * The API's description, OpenAPI 3.1, served at /api/openapi.json: the
 * answers' schemas come from their zod schemas (functions/api/schemas.ts),
 * the paths, parameters and faults from the route table (functions/api/routes.ts). The integration tests validate
 * the document against OpenAPI 3.1's own schema and real answers against it.
 */

const int = { type: 'integer' } as const;
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

/** What every read may answer besides its answer. */
const READ_FAULTS: NonNullable<Exclude<RouteDoc['faults'], 'none'>> = {
  '400': { description: 'the request is malformed; detail says what is wrong' },
  '404': { description: 'no such province, unit, methodology or submission' },
  '503': {
    description: 'the database is busy or failed on its side; retry after the Retry-After seconds',
    retry: true,
  },
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

/** A route of the route table as an OpenAPI operation. */
function operation(doc: RouteDoc): object {
  const { answer } = doc;
  const faults = doc.faults === 'none' ? {} : (doc.faults ?? READ_FAULTS);
  return {
    summary: doc.summary,
    ...(doc.token ? { security: [{ ingestToken: [] }] } : {}),
    ...(doc.parameters ? { parameters: doc.parameters } : {}),
    ...(doc.body ? { requestBody: doc.body } : {}),
    responses: {
      [String(answer.status ?? 200)]: {
        description: answer.description,
        ...(answer.headers ? { headers: answer.headers } : {}),
        content: {
          'application/json': { schema: ref(answer.schema) },
          ...(answer.csv
            ? {
                'text/csv': { schema: { type: 'string' } },
                [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } },
              }
            : {}),
        },
      },
      ...Object.fromEntries(
        Object.entries(faults).map(([status, f]) => [status, problemResponse(f.description, f.retry)]),
      ),
    },
  };
}

/** Every path of the route table with its operations. */
function paths(): Record<string, Record<string, object>> {
  const out: Record<string, Record<string, object>> = {};
  for (const route of ROUTES as readonly Route[]) {
    out[route.path] = { ...out[route.path], [route.method.toLowerCase()]: operation(route.doc) };
  }
  return out;
}

/**
 * The document, built from the schemas: `npm run build:openapi` writes it to
 * functions/api/openapi.json, which the read function serves as it is, so the
 * Lambda bundle carries neither the schemas nor zod's JSON Schema writer. A
 * test fails when the file is not what the schemas give.
 */
export const openApiDocument = () => ({
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
  paths: paths(),
});
