import Ajv2020 from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { openapi } from '#functions/api/openapi.ts';

/** Validates a real answer against the OpenAPI document's schema for its path, method, status and type. */
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...openapi, $id: 'openapi' });

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
}
