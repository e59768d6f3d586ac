import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildFunctions, esbuildOptions } from '#infra/build.ts';

/**
 * The Lambda bundles `npm run build` makes: each one's size, raw and as
 * Lambda stores it (deflated, as in the deployment zip), and the time a fresh
 * node process takes to import it, a proxy for the cold start. The baseline,
 * built in the same run with the same settings, is a bundle of nothing but
 * the DynamoDB document client and one GetItem: the least any function here
 * can weigh; a second, with the S3 and SQS clients too, is the least the
 * three ingesting functions can weigh.
 */

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const SIZE_AIM = 300 * 1024;
const IMPORT_AIM_MS = 150;

/** One fresh node process importing the file, in milliseconds. */
function importOnce(file: string): number {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
    ],
    {
      env: {
        PATH: process.env.PATH,
        TABLE_NAME: 'bench',
        ARCHIVE_BUCKET: 'bench',
        RECOMPUTE_QUEUE_URL: 'https://sqs.ap-southeast-1.amazonaws.com/0/bench.fifo',
        AWS_REGION: 'ap-southeast-1',
        // Lambda runs Node.js 22; here the SDK would warn about Node 20 on every import
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  return Number(out.toString().trim());
}

const ROUNDS = 11;

/**
 * Each file's median import time over eleven rounds. A round imports every
 * file once, in turn, so that a slow spell of this noisy machine falls on
 * all of them alike rather than on whichever was measured then.
 */
function importTimes(files: string[]): number[] {
  const times = files.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, file] of files.entries()) times[k]?.push(importOnce(file));
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number);
}

export async function benchFunctions(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'si-bundles-'));
  let ok = true;
  try {
    // two floors: the DynamoDB document client alone (every function), and with the S3 and
    // SQS clients beside it (the three ingesting functions)
    const floors = {
      dynamo: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = () => client.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
`,
      ingesting: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const s3 = new S3Client({});
const sqs = new SQSClient({});
export const handler = async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }));
  await sqs.send(new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'x' }));
  return client.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
};
`,
    };
    const floorFiles: Record<string, string> = {};
    for (const [name, source] of Object.entries(floors)) {
      const entry = join(dir, `${name}.ts`);
      writeFileSync(entry, source);
      floorFiles[name] = join(dir, `${name}.mjs`);
      await build(esbuildOptions(entry, floorFiles[name]));
    }
    const functions = await buildFunctions(join(dir, 'functions'));
    const named: [string, string][] = [
      ['baseline: DynamoDB document client alone', floorFiles.dynamo as string],
      ['floor of the ingesting ones: + S3 and SQS', floorFiles.ingesting as string],
      ...functions.map((f): [string, string] => [f.name, f.file]),
    ];
    const times = importTimes(named.map(([, file]) => file));
    const measured = named.map(([name, file], k) => {
      const raw = readFileSync(file);
      return {
        name,
        raw: raw.length,
        zipped: deflateRawSync(raw, { level: 9 }).length,
        ms: times[k] as number,
      };
    });
    console.log(
      `functions: Lambda bundles (npm run build), size raw / deflated as in the zip, import time in a fresh process (median of ${ROUNDS} rounds)`,
    );
    const show = (m: (typeof measured)[number]) =>
      `  ${m.name.padEnd(44)} ${kb(m.raw).padStart(10)} / ${kb(m.zipped).padStart(9)} ${m.ms.toFixed(0).padStart(5)} ms`;
    const [base, floor, ...bundles] = measured;
    if (!base || !floor) throw new Error('the floors were not measured');
    console.log(show(base));
    console.log(show(floor));
    for (const m of bundles) {
      const sizeOk = m.zipped <= SIZE_AIM;
      const timeOk = m.ms <= IMPORT_AIM_MS;
      ok = ok && sizeOk && timeOk;
      console.log(
        `${show(m)}  ${(m.zipped / base.zipped).toFixed(2)}x / ${(m.ms / base.ms).toFixed(2)}x baseline (aims: <= 300 KB deflated ${sizeOk ? 'met' : 'MISSED'}, <= ${IMPORT_AIM_MS} ms ${timeOk ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}
