import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { asDomainError } from '#functions/services/errors.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { recordDigest } from '#functions/store/digest.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { LeaseLostError, ProvinceBusyError, type StoredRecord } from '#functions/store/store.ts';
import { type AwsLikeDynamo, startAwsLikeDynamo } from '../support/aws-like-dynamo.ts';
import { csvOf } from '../support/csv.ts';

/**
 * The store's writes as DynamoDB will see them: several Lambdas at once,
 * reads that lag behind writes. Each writer is its own client of the
 * AWS-like DynamoDB, which reports any update that replaced a version its
 * writer had not read.
 */

let db: AwsLikeDynamo;
let tables = 0;
const dirs: string[] = [];

beforeAll(async () => {
  db = await startAwsLikeDynamo({ lagMs: 250 });
});
afterAll(async () => {
  await db?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh table and `n` writers on it, each with its own client and the given lease timings. */
async function writers(n: number, lease = { leaseMs: 2_000, renewMs: 500, waitMs: 300 }) {
  const table = `consistency-${++tables}`;
  await ensureTable(db.client('setup'), table);
  return Array.from(
    { length: n },
    (_, k) => new DynamoStore({ client: db.client(`${table}-w${k}`), tableName: table, lease }),
  );
}

const records = [
  ...generateRecords({ registry, province: '82', from: '2025-09-01', to: '2025-09-02', seed: 31 }),
];
const stored = (k: number, submissionId: string): StoredRecord => {
  const record = records[k] as (typeof records)[number];
  return {
    record,
    revision: 1,
    digest: recordDigest(record),
    submissionId,
    receivedAt: '2025-09-03T00:00:00Z',
  };
};
const metaLost = () => db.lostUpdates.filter((u) => u.key.includes('META#'));

describe("the province's state", () => {
  it('moves the latest day only forward, whichever writer lands last', async () => {
    const [a, b] = await writers(2);
    if (!a || !b) throw new Error('two writers');
    await a.noteIngest('82', { at: '2025-09-03T01:00:00Z', submissionId: 'late', latestDay: '2025-09-02' });
    // b read the state before a's write reached the replica, and sends an older day
    await b.noteIngest('82', { at: '2025-09-03T01:00:01Z', submissionId: 'old', latestDay: '2025-08-30' });
    const meta = await b.meta('82');
    expect(meta.latestDay).toBe('2025-09-02');
    expect(meta.lastSubmissionId).toBe('old');
  });

  it('writes each fact as its own attribute: concurrent writers of different facts lose none', async () => {
    const [a, b, c] = await writers(3);
    if (!a || !b || !c) throw new Error('three writers');
    await Promise.all([
      a.noteIngest('82', { at: '2025-09-03T02:00:00Z', submissionId: 's1', latestDay: '2025-09-01' }),
      b.markPending('82', ['2025-09-01', '2025-09-02']),
      c.noteRecompute('82', '2025-09-03T02:00:01Z'),
      a.notePortalObservation('82', '2026', '2026-10-01'),
      b.markPending('82', ['2025-08-31']),
    ]);
    const meta = await c.meta('82');
    expect(meta).toMatchObject({
      latestDay: '2025-09-01',
      lastSubmissionId: 's1',
      lastRecomputeAt: '2025-09-03T02:00:01Z',
    });
    expect(meta.pendingDays?.sort()).toEqual(['2025-08-31', '2025-09-01', '2025-09-02']);
    // the portal's facts are read eventually consistently, as the dashboard reads them
    await db.settled();
    expect((await c.portalMeta('82')).periods).toEqual(['2026']);
    expect(metaLost()).toEqual([]);
  });

  it('moves pending days to ready under the lease, and clears only the ready days a recompute read', async () => {
    const [a] = await writers(1);
    if (!a) throw new Error('a writer');
    await a.markPending('82', ['2025-09-01']);
    const ready = await a.withProvinceLease('82', () => a.sealPending('82'));
    expect(ready).toEqual(['2025-09-01']);
    const read = await a.meta('82');
    // another ingest makes a day ready after the recompute read the state: the recompute's clearing is refused
    await a.markPending('82', ['2025-09-02']);
    await a.withProvinceLease('82', () => a.sealPending('82'));
    expect(await a.clearReady('82', read.readyDays ?? [], read.readyToken ?? '')).toBe(false);
    const now = await a.meta('82');
    expect(now.readyDays?.sort()).toEqual(['2025-09-01', '2025-09-02']);
    expect(await a.clearReady('82', now.readyDays ?? [], now.readyToken ?? '')).toBe(true);
    expect((await a.meta('82')).readyDays ?? []).toEqual([]);
  });
});

describe('records', () => {
  it('creates a record only where none is: a second creator, its read behind, is refused and told', async () => {
    const [a, b] = await writers(2);
    if (!a || !b) throw new Error('two writers');
    expect(await a.createRecords('82', [stored(0, 'first'), stored(1, 'first')])).toEqual([]);
    const refused = await b.createRecords('82', [stored(1, 'second'), stored(2, 'second')]);
    expect(refused.map((r) => [r.record.unitCode, r.submissionId])).toEqual([
      [records[1]?.unitCode, 'first'],
    ]);
    const now = await b.currentRecords('82', [records[1] as (typeof records)[number]]);
    expect([...now.values()][0]?.submissionId).toBe('first');
    expect(db.lostUpdates.filter((u) => u.key.includes('REC#'))).toEqual([]);
  });
});

describe("a province's lease", () => {
  it('lets one writer in at a time: the second is told the province is busy', async () => {
    const [a, b] = await writers(2);
    if (!a || !b) throw new Error('two writers');
    let release = () => {};
    const holding = a.withProvinceLease('82', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 50));
    await expect(b.withProvinceLease('82', async () => 'in')).rejects.toBeInstanceOf(ProvinceBusyError);
    release();
    await holding;
    expect(await b.withProvinceLease('82', async () => 'in')).toBe('in');
  });

  it('fences a writer that stalled past its lease: its next write fails, its successor goes on', async () => {
    // renewal slower than the lease: a writer paused by a long GC, or a frozen Lambda
    const [a, b] = await writers(2, { leaseMs: 300, renewMs: 10_000, waitMs: 2_000 });
    if (!a || !b) throw new Error('two writers');
    let resume = () => {};
    const stalled = a.withProvinceLease('82', async () => {
      await new Promise<void>((r) => (resume = r));
      await a.markPending('82', ['2025-09-01']);
    });
    await new Promise((r) => setTimeout(r, 400));
    const successor = b.withProvinceLease('82', () => b.markPending('82', ['2025-09-02']));
    await successor;
    resume();
    await expect(stalled).rejects.toBeInstanceOf(LeaseLostError);
    expect((await b.meta('82')).pendingDays).toEqual(['2025-09-02']);
  });

  it('is given back at once on SIGTERM (releaseLeases), and an operator can break a dead writer’s', async () => {
    const [a, b] = await writers(2, { leaseMs: 60_000, renewMs: 10_000, waitMs: 200 });
    if (!a || !b) throw new Error('two writers');
    let release = () => {};
    const holding = a.withProvinceLease('82', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 50));
    const held = await b.lease('82');
    expect(held?.expiresAt).toBeGreaterThan(Date.now() + 50_000);
    await a.releaseLeases();
    expect(await b.lease('82')).toBeUndefined();
    release();
    await holding;

    // a writer that died: its lease stays until the operator breaks it
    const dead = a.withProvinceLease('82', () => new Promise<void>(() => {}));
    void dead;
    await new Promise((r) => setTimeout(r, 50));
    await expect(b.withProvinceLease('82', async () => 'in')).rejects.toBeInstanceOf(ProvinceBusyError);
    expect((await b.breakLease('82'))?.generation).toBeGreaterThan(held?.generation ?? 0);
    expect(await b.withProvinceLease('82', async () => 'in')).toBe('in');
  });

  it('answers a submission to a busy province "try again" and keeps no copy of it', async () => {
    const [a, b] = await writers(2);
    if (!a || !b) throw new Error('two writers');
    const dir = mkdtempSync(join(tmpdir(), 'busy-archive-'));
    dirs.push(dir);
    let release = () => {};
    const holding = a.withProvinceLease('82', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 50));
    const error = await ingestSubmission(
      { store: b, archive: new FolderArchive(dir), recompute: async () => {} },
      {
        body: Buffer.from(csvOf(records.slice(0, 3) as unknown as Record<string, unknown>[])),
        formatHint: 'text/csv',
        scope: { province: '82', createdAt: '2025-09-03T00:00:00Z' },
      },
    ).catch((e: unknown) => e);
    release();
    await holding;
    expect(asDomainError(error)?.kind).toBe('unavailable');
    expect((error as Error).message).toMatch(/province 82 is busy.*nothing of this one was kept/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
