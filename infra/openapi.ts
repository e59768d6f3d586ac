import { writeFileSync } from 'node:fs';
import { openApiDocument } from '#functions/api/openapi.ts';

/**
 * npm run build:openapi: writes /api/openapi.json's document from the API's
 * zod schemas into functions/api/openapi.json, the file the read function
 * serves. tests/unit/openapi.test.ts fails while the file is stale.
 */
export const OPENAPI_FILE = 'functions/api/openapi.json';

export const openApiText = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (process.argv[1]?.endsWith('infra/openapi.ts')) {
  writeFileSync(OPENAPI_FILE, openApiText());
  process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
}
