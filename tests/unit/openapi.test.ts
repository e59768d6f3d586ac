import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiText } from '#infra/openapi.ts';

/** The document the read function serves is the one the API's zod schemas give, not an older one. */
describe('/api/openapi.json', () => {
  it('is what the schemas give today (npm run build:openapi writes it)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(openApiText());
  });
});
