import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The test projects: `npm run test:unit`, `test:integration` (with the
 * AWS-like DynamoDB's own run of the concurrency and fault suites) and
 * `test:browser`; `npm test` runs them all. Outside CI, a machine without
 * Chromium skips the browser suite with one line; in CI it never does.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const browser = existsSync(chromium) || Boolean(process.env.CI);
if (!browser) {
  process.stderr.write(
    `browser suite skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)\n`,
  );
}

/** The suites whose subject is concurrency and faults: run again on reads that lag, as DynamoDB's do. */
const AWS_LIKE = [
  'tests/integration/concurrency.test.ts',
  'tests/integration/faults.test.ts',
  'tests/property/ingest.property.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    // the handlers' info lines would bury the test report; warnings and errors still show
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', LOG_LEVEL: 'warn' },
    setupFiles: ['tests/support/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/property/{records,scoring}.property.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            'tests/integration/**/*.test.ts',
            'tests/cli/**/*.test.ts',
            'tests/infra/**/*.test.ts',
            'tests/property/{fuzz,ingest}.property.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: { name: 'aws-like', include: AWS_LIKE, env: { TEST_DYNAMO: 'aws-like' } },
      },
      ...(browser
        ? [{ extends: true as const, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'] } }]
        : []),
    ],
  },
});
