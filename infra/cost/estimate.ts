import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { generateRecords } from '#core/generator/generate.ts';
import { addDays, eachMonth, todayInVietnam } from '#core/periods/calendar.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import { recordsCsv } from '#core/records/write.ts';
import { registry } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { inlineRecompute } from '#functions/services/recompute-requests.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { PRICES } from '#infra/cost/prices.ts';
import { startDynalite } from '#infra/local/dynalite.ts';
import { seed } from '#infra/local/seed.ts';

/**
 * npm run cost: the monthly AWS bill for one province and for all 34, from
 * what the real handlers consume here (DynamoDB request units, as the
 * embedded DynamoDB counts them, and wall time) and AWS's published prices
 * (infra/cost/prices.ts). docs/cost.md explains the assumptions.
 */

const PROVINCE = '82';
const UNITS = registry.unitsOf(PROVINCE).length;
const NATIONAL_UNITS = registry.size;
/** dashboard page views a day per province: leaders of its units twice a day, and the province's staff */
const PAGE_VIEWS_PER_DAY = UNITS * 2 + 100;
/** API requests per page view: the ranking, the trend and the province's facts (then cached by CloudFront for 30 s) */
const API_REQUESTS_PER_VIEW = 3;
/** the share of API reads CloudFront answers from its cache: a conservative guess, the answers live 30 s */
const CLOUDFRONT_HIT_RATIO = 0.5;
/** bytes a page view moves from CloudFront: the page's JavaScript and the API answers, compressed */
const BYTES_PER_VIEW = 60 * 1024;
const DAYS = 30;

interface Meter {
  read: number;
  write: number;
  calls: number;
}

const dir = mkdtempSync(join(tmpdir(), 'si-cost-'));
const dynamo = await startDynalite();
const client = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
await ensureTable(client, 'service-index');
const meter: Meter = { read: 0, write: 0, calls: 0 };
client.middlewareStack.add(
  (next, context) => async (args) => {
    const input = args.input as Record<string, unknown>;
    input.ReturnConsumedCapacity = 'TOTAL';
    const result = await next(args);
    const output = result.output as {
      ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
    };
    const units = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
    const name = context.commandName ?? '';
    meter.calls++;
    if (/Get|Query|Scan/.test(name)) meter.read += units;
    else meter.write += units;
    return result;
  },
  { step: 'initialize', name: 'meterCapacity' },
);
const store = new DynamoStore({ client, tableName: 'service-index' });
const archive = new FolderArchive(join(dir, 'archive'));

process.stderr.write(
  'cost: building a history of the province since 2025-07-01 through the real ingestion ...\n',
);
await seed({ store, archive }, PROVINCE, 1);

const today = todayInVietnam();
const csvOf = (records: readonly DailyRecord[]) => Buffer.from(recordsCsv(records));
const records = [...generateRecords({ registry, province: PROVINCE, from: today, to: today, seed: 3 })];
const scope = { province: PROVINCE, label: 'cost', createdAt: new Date().toISOString() };
const recompute = inlineRecompute(store);

async function measure(work: () => Promise<unknown>): Promise<Meter & { ms: number }> {
  const before = { ...meter };
  const started = performance.now();
  await work();
  return {
    read: meter.read - before.read,
    write: meter.write - before.write,
    calls: meter.calls - before.calls,
    ms: performance.now() - started,
  };
}

// a day arrives as one submission per unit (the heavier way: every push its own recompute)
const perUnit = await measure(async () => {
  for (const r of records)
    await ingestSubmission(
      { store, archive, recompute },
      { body: csvOf([r]), formatHint: 'text/csv', scope },
    );
});
// the day sent again as one file: every row unchanged, nothing recomputed
const oneFile = await measure(() =>
  ingestSubmission({ store, archive, recompute }, { body: csvOf(records), formatHint: 'text/csv', scope }),
);
const yesterday = addDays(today, -1);
const reads = await measure(async () => {
  const { ranking, trend } = await import('#functions/services/read.ts');
  const { parsePeriod } = await import('#core/periods/period.ts');
  for (let k = 0; k < 10; k++) {
    await ranking(store, { province: PROVINCE, period: parsePeriod(yesterday.slice(0, 7)) });
    await trend(store, PROVINCE);
    await store.meta(PROVINCE);
  }
});
const archivedBytes = csvOf(records).length;
// what the table holds: DynamoDB counts an item as its attribute names and values (JSON is close enough)
let tableBytes = 0;
for await (const page of paginateScan({ client }, { TableName: 'service-index' })) {
  for (const item of page.Items ?? []) tableBytes += JSON.stringify(item).length;
}
const monthsOfHistory = eachMonth('2025-07', today.slice(0, 7)).length;

client.destroy();
await dynamo.close();
rmSync(dir, { recursive: true, force: true });

// ---- a month, per province and for the country ----
const perView = { read: reads.read / 10, ms: reads.ms / 10 };
/** errors and throttles of five functions, three dead-letter queues; then one silence alarm per province */
const FIXED_ALARMS = 13;

const month = (units: number, provinces: number) => {
  const scale = units / UNITS;
  const submissions = UNITS * DAYS * scale;
  const views = PAGE_VIEWS_PER_DAY * DAYS * scale;
  const apiReads = views * API_REQUESTS_PER_VIEW * (1 - CLOUDFRONT_HIT_RATIO);
  const writeUnits = perUnit.write * DAYS * scale;
  const readUnits = perUnit.read * DAYS * scale + perView.read * views * (1 - CLOUDFRONT_HIT_RATIO);
  const ingestSeconds = (perUnit.ms / 1000) * DAYS * scale;
  const readSeconds = (perView.ms / 1000 / API_REQUESTS_PER_VIEW) * apiReads;
  const lambdaRequests =
    submissions * 2 /* ingest + recompute */ + apiReads + DAYS * (units / UNITS) /* pull */;
  const gbSeconds = (ingestSeconds + readSeconds) * 1; // 1 GB functions
  // the table as it stands after the history built here, grown to a year
  const storageGb = ((tableBytes / monthsOfHistory) * 12 * scale) / 1e9;
  const archiveGb = (archivedBytes * 12 * DAYS * scale) / 1e9;
  const lines: [string, number, string][] = [
    ['DynamoDB writes', (writeUnits / 1e6) * PRICES.dynamoWritePerMillion, `${fmt(writeUnits)} WRU`],
    ['DynamoDB reads', (readUnits / 1e6) * PRICES.dynamoReadPerMillion, `${fmt(readUnits)} RRU`],
    [
      'DynamoDB storage and PITR',
      storageGb * (PRICES.dynamoStoragePerGb + PRICES.dynamoPitrPerGb),
      `${storageGb.toFixed(1)} GB after a year`,
    ],
    [
      'Lambda requests',
      (lambdaRequests / 1e6) * PRICES.lambdaRequestsPerMillion,
      `${fmt(lambdaRequests)} invocations`,
    ],
    ['Lambda compute (arm64, 1 GB)', gbSeconds * PRICES.lambdaArmGbSecond, `${fmt(gbSeconds)} GB-s`],
    [
      'HTTP API',
      ((submissions + apiReads) / 1e6) * PRICES.httpApiPerMillion,
      `${fmt(submissions + apiReads)} requests`,
    ],
    ['SQS FIFO', ((submissions * 3) / 1e6) * PRICES.sqsFifoPerMillion, `${fmt(submissions * 3)} requests`],
    [
      'S3 archive',
      archiveGb * PRICES.s3StandardPerGb + (submissions / 1000) * PRICES.s3PutPer1000,
      `${archiveGb.toFixed(3)} GB a year, ${fmt(submissions)} PUTs`,
    ],
    [
      'CloudFront',
      Math.max(0, (views * BYTES_PER_VIEW) / 1e9 - PRICES.cloudFrontFreeGb) * PRICES.cloudFrontAsiaPerGb,
      `${((views * BYTES_PER_VIEW) / 1e9).toFixed(1)} GB out, ${fmt(views * 10)} requests`,
    ],
    [
      'CloudWatch alarms',
      (FIXED_ALARMS + provinces) * PRICES.alarmPerMonth,
      `${FIXED_ALARMS + provinces} standard alarms`,
    ],
    [
      'CloudWatch Logs',
      ((lambdaRequests * 600) / 1e9) * PRICES.logsIngestPerGb,
      `${((lambdaRequests * 600) / 1e9).toFixed(2)} GB`,
    ],
  ];
  return lines;
};

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en');
}

console.log(`Measured here, province ${PROVINCE} (${UNITS} units), one day of records:`);
console.log(
  `  one submission per unit:  ${fmt(perUnit.write)} WRU, ${fmt(perUnit.read)} RRU, ${fmt(perUnit.calls)} calls, ${(perUnit.ms / 1000).toFixed(1)} s`,
);
console.log(
  `  the day again as one file: ${fmt(oneFile.write)} WRU, ${fmt(oneFile.read)} RRU (all rows unchanged)`,
);
console.log(`  a page view's API reads:  ${perView.read.toFixed(1)} RRU, ${perView.ms.toFixed(0)} ms`);
console.log(
  `  the table after ${monthsOfHistory} months of history: ${(tableBytes / 1e6).toFixed(1)} MB; a day's file: ${(archivedBytes / 1024).toFixed(1)} KB`,
);
for (const [units, provinces] of [
  [UNITS, 1],
  [NATIONAL_UNITS, registry.provinces().length],
] as const) {
  const lines = month(units, provinces);
  const total = lines.reduce((s, [, usd]) => s + usd, 0);
  console.log(
    `\nA month for ${units.toLocaleString('en')} units in ${provinces} province${provinces > 1 ? 's' : ''} (prices: ${PRICES.source})`,
  );
  for (const [name, usd, basis] of lines)
    console.log(`  ${name.padEnd(30)} ${`$${usd.toFixed(2)}`.padStart(9)}  ${basis}`);
  console.log(`  ${'total'.padEnd(30)} ${`$${total.toFixed(2)}`.padStart(9)}`);
}
