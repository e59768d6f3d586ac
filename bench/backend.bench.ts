import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateRecords } from '#core/generator/generate.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import { recordsCsv } from '#core/records/write.ts';
import { registry } from '#core/registry/registry.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { recomputeProvince } from '#functions/services/recompute.ts';
import { batchWrite, putEach } from '#functions/store/dynamo/batch.ts';
import { TABLE_NAME } from '#infra/local/environment.ts';
import { createLocalServer } from '#infra/local/http-adapter.ts';
import { benchDatabase, rawRecordItems } from './harness.ts';

/**
 * The backend's three numbers, each against a baseline from the same run:
 * ingest throughput against creating the same items raw, each with its own
 * conditional PutItem, as a create must be so that a record written moments
 * earlier by another writer is never overwritten (BatchWriteItem takes no
 * condition; its rate is printed beside, for scale);
 * recompute after one day's ingest against reading the month it rebuilds;
 * rankings requests per second and p99 against a bare node server serving
 * the same bytes.
 */

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const line = (name: string, value: string, ratio?: number, aim?: { min?: number; max?: number }) => {
  let ok = true;
  let text = `  ${name.padEnd(58)} ${value.padStart(24)}`;
  if (ratio !== undefined) {
    ok = (aim?.min === undefined || ratio >= aim.min) && (aim?.max === undefined || ratio <= aim.max);
    const goal = aim?.min !== undefined ? `>= ${aim.min}` : aim?.max !== undefined ? `<= ${aim.max}` : '';
    text += `  ${ratio.toFixed(2)}x baseline${goal ? ` (aim ${goal}: ${ok ? 'met' : 'MISSED'})` : ''}`;
  }
  console.log(text);
  return ok;
};

const csvBody = (records: readonly DailyRecord[]) => Buffer.from(recordsCsv(records));

export async function benchBackend(): Promise<boolean> {
  let ok = true;
  const db = await benchDatabase();
  const { dir, client, store, archive } = db;
  const scope = { province: '82', createdAt: new Date().toISOString() };
  const collected = new Set<string>();
  const deps = {
    store,
    archive,
    recompute: async (_p: string, days: string[]) => {
      for (const d of days) collected.add(d);
    },
  };

  try {
    // 1. ingest: a month of 102 units, in weekly submissions, against writing the same items raw
    console.log('ingest (dynalite in this process)');
    const month = [
      ...generateRecords({ registry, province: '82', from: '2025-09-01', to: '2025-09-30', seed: 11 }),
    ];
    const raw = rawRecordItems(month);
    let start = performance.now();
    await putEach(client, TABLE_NAME, raw, 'attribute_not_exists(pk)');
    const baselineMs = performance.now() - start;
    const unconditional = rawRecordItems(month).map((item) => ({ ...item, pk: `${item.pk}-batch` }));
    start = performance.now();
    await batchWrite(client, TABLE_NAME, unconditional);
    const batchMs = performance.now() - start;
    const weeks = [0, 1, 2, 3, 4].map((w) =>
      month.filter((r) => Math.floor((Number(r.date.slice(8)) - 1) / 7) === w),
    );
    start = performance.now();
    for (const week of weeks)
      await ingestSubmission(deps, { body: csvBody(week), formatHint: 'text/csv', scope });
    const ingestMs = performance.now() - start;
    line(
      'baseline: a raw conditional PutItem of each of the same items',
      `${fmt(month.length / (baselineMs / 1000))} items/s`,
    );
    line(
      'for scale: raw BatchWriteItem, which cannot be conditional',
      `${fmt(month.length / (batchMs / 1000))} items/s`,
    );
    ok =
      line(
        'ingest path: archive, parse, validate, compare, write, receipt',
        `${fmt(month.length / (ingestMs / 1000))} rows/s`,
        baselineMs / ingestMs,
        { min: 0.5 },
      ) && ok;

    // 2. recompute after one day: build history first, then ingest one more day
    console.log('recompute after one day of 102 units');
    const history = [
      ...generateRecords({ registry, province: '82', from: '2025-10-01', to: '2025-11-19', seed: 11 }),
    ];
    for (let k = 0; k < history.length; k += 5000) {
      await ingestSubmission(deps, {
        body: csvBody(history.slice(k, k + 5000)),
        formatHint: 'text/csv',
        scope,
      });
    }
    await recomputeProvince(store, '82', [...collected]);
    const nextDay = [
      ...generateRecords({ registry, province: '82', from: '2025-11-20', to: '2025-11-20', seed: 11 }),
    ];
    collected.clear();
    await ingestSubmission(deps, { body: csvBody(nextDay), formatHint: 'text/csv', scope });
    start = performance.now();
    await store.monthRecords('82', '2025-11');
    const readMs = performance.now() - start;
    start = performance.now();
    const result = await recomputeProvince(store, '82', [...collected]);
    const recomputeMs = performance.now() - start;
    line('baseline: read the month the day belongs to', `${readMs.toFixed(0)} ms`);
    ok =
      line(
        `recompute: roll-up and ${result.snapshots} snapshots`,
        `${recomputeMs.toFixed(0)} ms (aim < 1000 ms)`,
        recomputeMs / readMs,
      ) && ok;
    ok = recomputeMs < 1000 && ok;

    // 3. rankings under load, through the local API adapter, against a bare server with the same bytes
    console.log('rankings requests (autocannon, 10 connections, 5 s each)');
    const { handler: api } = await import('#functions/handlers/api.ts');
    const { handler: ingest } = await import('#functions/handlers/ingest.ts');
    const server = createLocalServer({ handlers: { api, ingest }, staticDir: join(dir, 'none') });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/provinces/82/rankings?period=2025-Q4`;
    const answer = await fetch(apiUrl);
    const bytes = Buffer.from(await answer.arrayBuffer());
    const headers = Object.fromEntries(answer.headers);
    delete headers['transfer-encoding'];
    delete headers.connection;
    delete headers['keep-alive'];
    delete headers.date;
    const bare = createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(bytes);
    });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const load = (url: string) => autocannon({ url, connections: 10, duration: 5 });
    await load(bareUrl); // warm-up of both paths
    await load(apiUrl);
    const base = await load(bareUrl);
    const ours = await load(apiUrl);
    const errors = ours.errors + ours.non2xx + ours.timeouts;
    line(
      `baseline: bare node server, same ${fmt(bytes.length)} bytes`,
      `${fmt(base.requests.average)} req/s, p99 ${base.latency.p99} ms`,
    );
    ok =
      line(
        'rankings API (handler, 5 s read cache)',
        `${fmt(ours.requests.average)} req/s, p99 ${ours.latency.p99} ms`,
        ours.requests.average / base.requests.average,
        { min: 0.5 },
      ) && ok;
    line(
      '  p99 latency against the baseline',
      `${ours.latency.p99} ms`,
      ours.latency.p99 / Math.max(1, base.latency.p99),
    );
    if (errors) {
      console.log(`  ${errors} failed requests`);
      ok = false;
    }
    const { setReadCacheSeconds } = await import('#functions/handlers/read-cache.ts');
    setReadCacheSeconds(0);
    const uncached = await load(apiUrl);
    line(
      'rankings API with the read cache off (one snapshot read each)',
      `${fmt(uncached.requests.average)} req/s, p99 ${uncached.latency.p99} ms`,
      uncached.requests.average / base.requests.average,
    );
    // let the requests still in the handlers finish before the database goes
    await new Promise((r) => setTimeout(r, 1000));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    bare.close();
  } finally {
    await db.close();
  }
  return ok;
}
