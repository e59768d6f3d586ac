import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { type BuiltFunction, buildFunctions } from '#infra/build.ts';
import { FUNCTIONS } from '#infra/bundling.ts';
import { startPlatform, type TestPlatform } from '../integration/support/platform.ts';
import { type S3StandIn, startS3StandIn } from '../integration/support/s3-standin.ts';
import { type SqsStandIn, startSqsStandIn } from '../integration/support/sqs-standin.ts';
import { csvOf } from '../support/csv.ts';
import { startPortalStandin } from '../support/portal-standin.ts';

/**
 * The bundles `npm run build` makes, as Lambda would run them: each one alone
 * in a fresh node process, with nothing of the project beside it, answering a
 * real event against the embedded DynamoDB.
 */

let dir: string;
let built: BuiltFunction[];
let p: TestPlatform;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'si-bundles-'));
  built = await buildFunctions(join(dir, 'functions'));
  p = await startPlatform();
});

afterAll(async () => {
  await p?.close();
  rmSync(dir, { recursive: true, force: true });
});

const bundle = (name: string) => {
  const b = built.find((f) => f.name === name);
  if (!b) throw new Error(`no bundle ${name}`);
  return b;
};

const runFile = promisify(execFile);

/** The names of the environment variables the deployed stack gives a function (tests/infra/fixtures/template.json). */
function deployedEnvironment(name: string): string[] {
  const template = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/template.json'), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Environment?: { Variables?: object } } }>;
  };
  const id = `${name.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase())}Function`;
  const found = Object.entries(template.Resources).find(
    ([logical, r]) => r.Type === 'AWS::Lambda::Function' && logical.startsWith(id),
  );
  if (!found) throw new Error(`no function ${id} in the deployed template`);
  return Object.keys(found[1].Properties.Environment?.Variables ?? {});
}

/**
 * Runs `handler(event)` of a bundle in its own node process, with Lambda's kind
 * of environment, and returns its answer and what it logged. Asynchronously:
 * the embedded database answers from this process.
 */
async function run(
  name: string,
  event: unknown,
  extraEnv: Record<string, string> = {},
): Promise<{ answer: unknown; logs: string }> {
  const runner = join(dir, `run-${name}.mjs`);
  writeFileSync(
    runner,
    `const { handler } = await import(${JSON.stringify(bundle(name).file)});
const context = process.env.CONTEXT ? JSON.parse(process.env.CONTEXT) : undefined;
const result = await handler(JSON.parse(process.env.EVENT), context);
process.stdout.write('\\n' + JSON.stringify(result));`,
  );
  const { stdout: out, stderr } = await runFile(process.execPath, [runner], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      EVENT: JSON.stringify(event),
      TABLE_NAME: process.env.TABLE_NAME,
      DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
      // the archive only where the stack gives the function one (a folder here for its bucket)
      ...(deployedEnvironment(name).includes('ARCHIVE_BUCKET') ? { ARCHIVE_DIR: join(dir, 'archive') } : {}),
      AWS_REGION: 'ap-southeast-1',
      LOG_LEVEL: 'error',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...extraEnv,
    },
  });
  const last = out.lastIndexOf('\n');
  return { answer: JSON.parse(out.slice(last + 1)), logs: out.slice(0, last) + stderr };
}

/** The answer of `handler(event)` of a bundle, run as `run` runs it. */
async function invoke(name: string, event: unknown, extraEnv: Record<string, string> = {}): Promise<unknown> {
  return (await run(name, event, extraEnv)).answer;
}

const httpEvent = (method: string, path: string, body?: string, headers: Record<string, string> = {}) => ({
  version: '2.0',
  rawPath: path,
  rawQueryString: '',
  headers,
  requestContext: { http: { method, path, sourceIp: '127.0.0.1' }, requestId: 'bundle-test' },
  body,
  isBase64Encoded: false,
});

describe('the Lambda bundles', () => {
  it('are built for every function, each one file with its source map', () => {
    expect(built.map((b) => b.name).sort()).toEqual(Object.keys(FUNCTIONS).sort());
    for (const b of built) {
      expect(existsSync(`${b.file}.map`)).toBe(true);
      expect(readFileSync(b.file, 'utf8').slice(0, 200)).toContain('createRequire');
    }
  });

  it('carry the SDK clients they use, and only those', () => {
    const text = (name: string) => readFileSync(bundle(name).file, 'utf8');
    for (const b of built) expect(text(b.name)).toContain('DynamoDB_20120810');
    for (const name of ['ingest', 'file-drop', 'pull']) {
      expect(text(name)).toContain('AmazonSQS');
      expect(text(name)).toMatch(/PutObject/);
    }
    // the recompute announces briefings on their queue; the read API sends nothing
    expect(text('recompute')).toContain('AmazonSQS');
    expect(text('api')).not.toContain('AmazonSQS');
    for (const name of ['api', 'recompute', 'briefing']) expect(text(name)).not.toMatch(/ListObjectsV2/);
    // only the briefing function reads the subscriptions and publishes to the topic
    for (const b of built) {
      const own = b.name === 'briefing';
      expect(text(b.name).includes('secretsmanager'), `${b.name} and Secrets Manager`).toBe(own);
      expect(text(b.name).includes('AmazonSimpleNotificationService'), `${b.name} and SNS`).toBe(own);
    }
    // of the SDK's default credential chain, only the environment (infra/lambda/credentials.ts)
    for (const b of built) {
      for (const other of ['AWS_WEB_IDENTITY_TOKEN_FILE', 'sso_session', 'AWS_CONTAINER_CREDENTIALS']) {
        expect(text(b.name).includes(other), `${b.name} carries ${other}`).toBe(false);
      }
    }
  });

  it('refuse to bundle a module of the local platform', async () => {
    // an entry beside the handlers, so that it resolves dynalite from the project's node_modules
    const entry = join(process.cwd(), 'functions/handlers', `leaky-${process.pid}.test-entry.ts`);
    writeFileSync(entry, "import dynalite from 'dynalite';\nexport const handler = () => dynalite;\n");
    onTestFinished(() => rmSync(entry, { force: true }));
    await expect(buildFunctions(join(dir, 'leaky'), { leaky: entry })).rejects.toThrow(
      /pulls in the local platform: .*dynalite/,
    );
  });

  it('answer a read and an ingestion with nothing but themselves', async () => {
    const province = (await invoke('api', httpEvent('GET', '/api/provinces/82'))) as {
      statusCode: number;
      body: string;
    };
    expect(province.statusCode).toBe(200);
    expect(JSON.parse(province.body)).toMatchObject({ code: '82', name: 'Đồng Tháp' });

    const token = await p.token('82');
    const csv = csvOf([
      ...generateRecords({ registry, province: '82', from: '2025-07-01', to: '2025-07-02', seed: 5 }),
    ]);
    const receipt = (await invoke(
      'ingest',
      httpEvent('POST', '/api/ingest', csv, { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }),
    )) as { statusCode: number; body: string };
    expect(receipt.statusCode, receipt.body).toBe(201);
    expect(JSON.parse(receipt.body).counts.created).toBeGreaterThan(0);
  });

  it('recompute a province from a queue message', async () => {
    // records of another month, written with the recompute left to the queue
    const { ingestSubmission } = await import('#functions/services/ingest.ts');
    const { FolderArchive } = await import('#functions/archive/archive.ts');
    const requested: string[][] = [];
    const receipt = await ingestSubmission(
      {
        store: p.store,
        archive: new FolderArchive(join(dir, 'archive')),
        recompute: async (_p, days) => void requested.push(days),
      },
      {
        body: Buffer.from(
          csvOf([
            ...generateRecords({ registry, province: '82', from: '2025-08-01', to: '2025-08-02', seed: 5 }),
          ]),
        ),
        formatHint: 'text/csv',
        scope: { province: '82', label: 'bundle test', createdAt: new Date().toISOString() },
      },
    );
    // the new days, and the first day skipped since the province's last one (2025-07-02)
    expect(requested).toEqual([['2025-07-03', '2025-08-01', '2025-08-02']]);
    expect(await p.store.snapshot('82', 'qd766-2026', '2025-08')).toBeUndefined();

    // as Lambda runs it: its name in the environment, a context with the request id
    const { answer, logs } = await run(
      'recompute',
      {
        Records: [
          {
            messageId: 'm1',
            body: JSON.stringify({ province: '82', days: requested[0], submission: receipt.id }),
          },
          { messageId: 'm2', body: 'not a request' },
        ],
      },
      {
        AWS_LAMBDA_FUNCTION_NAME: 'service-index-recompute',
        LOG_LEVEL: 'info',
        CONTEXT: JSON.stringify({ awsRequestId: 'req-1', functionName: 'service-index-recompute' }),
        _X_AMZN_TRACE_ID: 'Root=1-6745d2c0-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
      },
    );
    // the unreadable message goes back to the queue (and on to its dead-letter queue); the good one is done
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(await p.store.snapshot('82', 'qd766-2026', '2025-08')).toBeDefined();
    const lines = logs
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // every log line carries the invocation, in Powertools' keys; the first invocation is the cold start
    const recomputed = lines.find((l) => l.message === 'recomputed');
    expect(recomputed).toMatchObject({
      function_request_id: 'req-1',
      function_name: 'service-index-recompute',
      cold_start: true,
      xray_trace_id: '1-6745d2c0-0123456789abcdef01234567',
      province: '82',
    });
    // and the metrics go out in CloudWatch's embedded metric format, per province
    const emf = lines.filter((l) => l._aws);
    expect(emf.map((l) => Object.keys(l).filter((k) => /^[A-Z]/.test(k) && k !== 'Province'))).toEqual([
      ['RecomputeDuration', 'SnapshotsWritten'],
      ['DataAgeDays'],
    ]);
    expect(emf[0]).toMatchObject({
      Province: '82',
      SnapshotsWritten: expect.any(Number),
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'ServiceIndex',
            Dimensions: [['Province']],
            Metrics: [
              { Name: 'RecomputeDuration', Unit: 'Milliseconds' },
              { Name: 'SnapshotsWritten', Unit: 'Count' },
            ],
          },
        ],
      },
    });
    expect(Number(emf[1]?.DataAgeDays)).toBeGreaterThan(300);
  });

  it("pull the day the schedule's event names, for the province it names", async () => {
    const asked: string[] = [];
    const source = createServer((req, res) => {
      asked.push(req.url ?? '');
      const day = new URL(req.url ?? '/', 'http://x').searchParams.get('date') ?? '';
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(csvOf([...generateRecords({ registry, province: '01', from: day, to: day, seed: 6 })]));
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/records`;
      const answer = (await invoke('pull', { province: '01', date: '2025-07-10' }, { SOURCE_URL: url })) as {
        counts: { created: number; rejected: number };
      };
      expect(asked).toEqual(['/records?date=2025-07-10&province=01']);
      expect(answer.counts.rejected).toBe(0);
      expect(answer.counts.created).toBeGreaterThan(100);
      expect((await p.store.meta('01')).latestDay).toBe('2025-07-10');
    } finally {
      source.close();
    }
  });

  it("pulls the national portal's figures of the province the event names, from the bundle alone", async () => {
    const portal = await startPortalStandin();
    try {
      const answer = (await invoke(
        'pull',
        { province: '52', period: '2026' },
        { PULL_SOURCE: 'portal', PORTAL_URL: portal.url, PORTAL_PAUSE_MS: '0' },
      )) as { counts: { created: number; rejected: number } };
      // the province's seven answers, then the national list of the 34 provinces
      expect(portal.requests).toHaveLength(8);
      expect(portal.requests[7]?.body).toMatchObject({ departmentType: 'ADMINISTRATIVE_UNIT' });
      expect(answer.counts).toMatchObject({ created: 135, rejected: 0 });
      expect((await p.store.portalMeta('52')).periods).toEqual(['2026']);
      expect(await p.store.nationalPeriods()).toContain('2026');
    } finally {
      await portal.close();
    }
  });

  describe('configured as on AWS (a table, a bucket and a queue, no local endpoints)', () => {
    let s3: S3StandIn;
    let sqs: SqsStandIn;
    beforeAll(async () => {
      s3 = await startS3StandIn();
      sqs = await startSqsStandIn();
    });
    afterAll(async () => {
      await s3?.close();
      await sqs?.close();
    });

    /** the services' addresses through the SDK's own endpoint settings, as a VPC endpoint would give them */
    const onAws = () => ({
      DYNAMODB_ENDPOINT: '',
      AWS_ENDPOINT_URL_DYNAMODB: process.env.DYNAMODB_ENDPOINT ?? '',
      ARCHIVE_BUCKET: 'archive',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      RECOMPUTE_QUEUE_URL: sqs.queueUrl,
    });
    /** what Lambda puts in each function's environment: its role's temporary credentials */
    const role = {
      AWS_ACCESS_KEY_ID: 'ASIABUNDLETESTROLE',
      AWS_SECRET_ACCESS_KEY: 'secret-of-the-role',
      AWS_SESSION_TOKEN: 'session-of-the-role',
    };
    const ingestion = async () =>
      httpEvent(
        'POST',
        '/api/ingest',
        csvOf([
          ...generateRecords({ registry, province: '82', from: '2025-10-01', to: '2025-10-01', seed: 9 }),
        ]),
        { authorization: `Bearer ${await p.token('82')}`, 'content-type': 'text/csv' },
      );

    it("sign every request with the role's credentials from their environment", async () => {
      const receipt = (await invoke('ingest', await ingestion(), { ...onAws(), ...role })) as {
        statusCode: number;
        body: string;
      };
      expect(receipt.statusCode, receipt.body).toBe(201);
      const { id } = JSON.parse(receipt.body) as { id: string };
      expect([...s3.objects.keys()].some((k) => k.startsWith('archive/submissions/') && k.includes(id))).toBe(
        true,
      );
      expect(sqs.sent).toHaveLength(1);
      const signed = { accessKeyId: role.AWS_ACCESS_KEY_ID, sessionToken: role.AWS_SESSION_TOKEN };
      expect(s3.signatures.length).toBeGreaterThan(0);
      expect(sqs.signatures.length).toBeGreaterThan(0);
      for (const signature of [...s3.signatures, ...sqs.signatures]) expect(signature).toEqual(signed);
    });

    it('look for credentials nowhere but the environment, and log the failure with a stack in our sources', async () => {
      const { answer, logs } = await run('ingest', await ingestion(), onAws());
      expect((answer as { statusCode: number }).statusCode).toBe(500);
      const lines = logs
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, string>);
      const logged = lines.find((l) => l.message === 'unhandled error');
      // the environment provider's own words; the whole chain would have gone on to files and metadata services
      expect(logged?.detail).toBe('Unable to find environment variable credentials.');
      // mapped through the source map beside the bundle, though the function runs without --enable-source-maps
      expect(logged?.stack).toMatch(/at async \S+ \(functions\/handlers\/ingest\.ts:\d+:\d+\)/);
      expect(logged?.stack).toMatch(/node_modules\/@aws-sdk\/credential-provider-env\/\S+\.js:\d+:\d+/);
      expect(logged?.stack).not.toContain('index.mjs');
    });
  });
});
