import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DailyRecord } from '#core/records/fields.ts';
import { packCounts } from '#core/records/pack.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { recordDigest } from '#functions/store/digest.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { key } from '#functions/store/dynamo/keys.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { startDynalite } from '#infra/local/dynalite.ts';
import { setHandlerEnvironment, TABLE_NAME } from '#infra/local/environment.ts';
/**
 * A small benchmark harness: each case runs a few times after a warm-up and
 * reports its median, so that a ratio against a baseline from the same run
 * holds on a busy machine.
 */

export interface Measurement {
  name: string;
  medianMs: number;
  runs: number;
}

export function measure(name: string, fn: () => unknown, runs = 7, warmup = 2): Measurement {
  for (let k = 0; k < warmup; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runs };
}

const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** Prints one line: the case, its time, its rate, and its ratio to the baseline with the aim it is held to. */
export function report(
  m: Measurement,
  items: number,
  unit: string,
  baseline?: Measurement,
  aim?: { max: number },
): boolean {
  const rate = fmt.format(items / (m.medianMs / 1000));
  let line = `  ${m.name.padEnd(58)} ${m.medianMs.toFixed(1).padStart(9)} ms  ${rate.padStart(12)} ${unit}/s`;
  let ok = true;
  if (baseline) {
    const ratio = m.medianMs / baseline.medianMs;
    ok = aim ? ratio <= aim.max : true;
    line += `  ${ratio.toFixed(2)}x baseline${aim ? ` (aim <= ${aim.max}x: ${ok ? 'met' : 'MISSED'})` : ''}`;
  }
  console.log(line);
  return ok;
}

/**
 * The store's record items for `records`, under a province of their own
 * ("99"): what a raw BatchWriteItem baseline writes, beside the real ingestion.
 */
export function rawRecordItems(records: readonly DailyRecord[]): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return records.map((r) => ({
    ...key.record('99', r.unitCode, r.date),
    c: packCounts(r),
    rev: 1,
    dg: recordDigest(r),
    sub: 'baseline',
    at,
  }));
}

/** A bench's own platform: an in-memory dynalite with the table, the store over it and a folder archive. */
export interface BenchDatabase {
  dir: string;
  endpoint: string;
  client: DynamoDBDocumentClient;
  store: DynamoStore;
  archive: FolderArchive;
  close(): Promise<void>;
}

export async function benchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'service-index-bench-'));
  const dynamo = await startDynalite();
  setHandlerEnvironment(dynamo.endpoint, dir);
  process.env.LOG_LEVEL = 'error';
  const client = createDocumentClient({ region: 'local', endpoint: dynamo.endpoint });
  await ensureTable(client, TABLE_NAME);
  return {
    dir,
    endpoint: dynamo.endpoint,
    client,
    store: new DynamoStore({ client, tableName: TABLE_NAME }),
    archive: new FolderArchive(join(dir, 'archive')),
    close: async () => {
      client.destroy();
      await dynamo.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** As measure(), for work that is asynchronous: the median of `runs` awaited calls after `warmup`. */
export async function measureAsync(
  name: string,
  fn: () => Promise<unknown>,
  runs = 7,
  warmup = 2,
): Promise<Measurement> {
  for (let k = 0; k < warmup; k++) await fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runs };
}
