import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServiceIndexStack } from '#infra/stack.ts';
import { removeTestApps, testApp } from './support/app.ts';

/**
 * The CloudFormation template the stack deploys, kept in
 * tests/infra/fixtures/template.json: a change of the stack's code that
 * changes what is deployed shows here, and in the commit's diff of that file.
 * Logical ids above all: a resource whose id changes is replaced on deploy
 * (a new table, a new CloudFront domain). The code's content hashes are left
 * out. UPDATE_TEMPLATE=1 writes the file anew after an intended change.
 */

const FIXTURE = join('tests', 'infra', 'fixtures', 'template.json');
afterAll(removeTestApps);

function template(): unknown {
  const { app, dashboardDir } = testApp();
  const stack = new ServiceIndexStack(app, 'ServiceIndex', {
    provinces: ['82', '52'],
    pullSource: 'portal',
    portalUrl: 'https://dichvucong.gov.vn/api/v1/reporting/evaluation',
    sourceUrl: '',
    alarmEmail: 'ops@example.org',
    dashboardDir,
    corsOrigins: ['https://bao-cao.example.vn'],
    env: { account: '123456789012', region: 'ap-southeast-1' },
  });
  const json = JSON.stringify(app.synth().getStackByName(stack.stackName).template, null, 1);
  // content hashes of code and files: they change with every line of the handlers
  return sortedKeys(JSON.parse(json.replace(/"[0-9a-f]{64}(\.zip)?"/g, '"<hash>$1"')));
}

/** Every object's keys in order (arrays as they are): the file's diff shows what changed, not where CDK put it. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * What holds data or an address people use, by the logical id it was first
 * deployed under: a new id would be a new resource, the old one's data and
 * address left behind.
 */
const KEPT = {
  TableCD117FA1: 'AWS::DynamoDB::Table',
  ArchiveDA4CB258: 'AWS::S3::Bucket',
  AccessLogs8B620ECA: 'AWS::S3::Bucket',
  Dashboard9E4231ED: 'AWS::S3::Bucket',
  SiteE53D7754: 'AWS::CloudFront::Distribution',
  Alarms04B5A0BF: 'AWS::SNS::Topic',
  Alarmsopsexampleorg54FE4EEF: 'AWS::SNS::Subscription',
  RecomputeRequests5B3E0D5D: 'AWS::SQS::Queue',
  RecomputeDeadLettersB252D89F: 'AWS::SQS::Queue',
  FileDropDeadLetters7DB0B3E3: 'AWS::SQS::Queue',
  PullDeadLetters71B2403B: 'AWS::SQS::Queue',
};

describe('the deployed template', () => {
  it('keeps every resource that holds data or an address under the logical id it was first deployed with', () => {
    const resources = (template() as { Resources: Record<string, { Type: string }> }).Resources;
    for (const [id, type] of Object.entries(KEPT)) expect(resources[id]?.Type, id).toBe(type);
  });

  it('is the one kept in tests/infra/fixtures/template.json', () => {
    const now = template();
    if (process.env.UPDATE_TEMPLATE) {
      writeFileSync(FIXTURE, `${JSON.stringify(now, null, 1)}\n`);
    }
    expect(now).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  });
});
