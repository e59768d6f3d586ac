import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { type DailyRecord, FIRST_DAY } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { FolderArchive } from '#functions/archive/archive.ts';
import { asDomainError } from '#functions/services/errors.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { recomputeProvince } from '#functions/services/recompute.ts';
import { inlineRecompute } from '#functions/services/recompute-requests.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { ensureTable } from '#functions/store/dynamo/table.ts';
import { type AwsLikeDynamo, startAwsLikeDynamo } from '../support/aws-like-dynamo.ts';
import { csvOf } from '../support/csv.ts';

/**
 * The proof that a fault loses nothing and doubles nothing: one submission
 * (rows created, revised, unchanged and rejected, and a day skipped) is
 * ingested once cleanly; then, on a fresh table each time, with each of its
 * DynamoDB commands in turn failing, after which the sender sends it again.
 * Every time, the state a reader sees (records and their revisions, rejected
 * rows, every ranking as of every day, the province's state) is the clean
 * run's. It runs on the AWS-like DynamoDB: reads that lag, as on AWS.
 */

let db: AwsLikeDynamo;
let dir: string;
const units = registry
  .unitsOf('82')
  .slice(0, 8)
  .map((u) => u.code);
const mine = (r: DailyRecord) => units.includes(r.unitCode);
const days = (from: string, to: string, seed: number) =>
  [...generateRecords({ registry, province: '82', from, to, seed })].filter(mine);
const base = days('2025-10-01', '2025-10-03', 17);
/** the submission: four units' 10-03 revised, two unchanged, 10-05 new (10-04 skipped), two rows rejected */
const submission = [
  ...days('2025-10-03', '2025-10-03', 18).slice(0, 4),
  ...base.filter((r) => r.date === '2025-10-03').slice(4, 6),
  ...days('2025-10-05', '2025-10-05', 17),
  { ...days('2025-10-04', '2025-10-04', 19)[0], received: -1 },
  { ...days('2025-10-02', '2025-10-02', 19)[1], resolvedEarly: 'many' },
] as unknown as Record<string, unknown>[];
const scope = { province: '82', label: 'crash test', createdAt: '2025-10-06T00:00:00Z' };
/** short leases, so that a writer whose release failed frees the province within a second */
const lease = { leaseMs: 1_000, renewMs: 250, waitMs: 3_000 };

interface Faulty {
  store: DynamoStore;
  /** the commands sent so far, the lease's timed renewals left out */
  count(): number;
  /** makes the `nth` command from now fail as a throttled request does, after the SDK's retries */
  failAt(nth: number): void;
}

function faultyStore(client: DynamoDBDocumentClient, table: string): Faulty {
  let sent = 0;
  let failing = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { UpdateExpression?: string };
      // a renewal runs on a timer: which command it is would change from run to run
      const renewal =
        context.commandName === 'UpdateCommand' && input.UpdateExpression === 'SET expiresAt = :expires';
      if (!renewal) {
        sent++;
        if (failing && sent === failing) {
          failing = 0;
          throw Object.assign(new Error(`injected fault at command ${sent} (${context.commandName})`), {
            name: 'ThrottlingException',
          });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectFault' },
  );
  return {
    store: new DynamoStore({ client, tableName: table, lease }),
    count: () => sent,
    failAt: (nth) => {
      failing = sent + nth;
    },
  };
}

const send = (store: DynamoStore, rows: Record<string, unknown>[]) =>
  ingestSubmission(
    { store, archive: new FolderArchive(dir), recompute: inlineRecompute(store) },
    { body: Buffer.from(csvOf(rows)), formatHint: 'text/csv', scope },
  );

/** Everything a reader can see of the province, less when each thing was written and by which submission. */
async function state(store: DynamoStore) {
  await db.settled();
  const keys = [...base, ...days('2025-10-04', '2025-10-05', 17)].map((r) => ({
    unitCode: r.unitCode,
    date: r.date,
  }));
  const current = await store.currentRecords('82', keys);
  const records = [...current.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, r]) => ({ k, revision: r.revision, digest: r.digest, record: r.record }));
  const histories = await Promise.all(
    records
      .filter((r) => r.revision > 1)
      .map(async (r) =>
        (await store.recordHistory('82', r.record.unitCode, r.record.date)).map((h) => [
          h.revision,
          h.digest,
        ]),
      ),
  );
  const rejections = (await store.monthRejections('82', '2025-10'))
    .map((r) => `${r.unitCode} ${r.date} ${r.rules.join('+')}`)
    .sort();
  const rankings: [string, string, unknown][] = [];
  for (const period of ['2025-10', '2025-Q4', '2025', 'all']) {
    for (const asOf of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05']) {
      const doc = await store.snapshot('82', 'qd766-2026', period, asOf);
      const { computedAt: _c, ...rest } = (doc ?? {}) as unknown as Record<string, unknown>;
      rankings.push([period, asOf, rest]);
    }
  }
  // the months before the province's first data have no ranking
  const before = await Promise.all(
    ['2025-07', '2025-08', '2025-09'].map(
      async (m) => (await store.snapshot('82', 'qd766-2026', m)) !== undefined,
    ),
  );
  const meta = await store.meta('82');
  return {
    before,
    records,
    histories,
    rejections,
    rankings,
    latestDay: meta.latestDay,
    pending: meta.pendingDays ?? [],
    ready: meta.readyDays ?? [],
  };
}

let clean: Awaited<ReturnType<typeof state>>;
let commands = 0;
let tables = 0;

async function freshProvince(): Promise<Faulty> {
  const name = `crash-${++tables}`;
  const client = db.client(name);
  await ensureTable(client, name);
  const faulty = faultyStore(client, name);
  await send(faulty.store, base as unknown as Record<string, unknown>[]);
  return faulty;
}

beforeAll(async () => {
  db = await startAwsLikeDynamo({ lagMs: 40 });
  dir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/crash-archive-`);
  const reference = await freshProvince();
  const before = reference.count();
  const receipt = await send(reference.store, submission);
  commands = reference.count() - before;
  expect(receipt.counts).toEqual({ rows: 16, created: 8, revised: 4, unchanged: 2, rejected: 2 });
  clean = await state(reference.store);
});

afterAll(async () => {
  await db?.close();
  if (dir) (await import('node:fs')).rmSync(dir, { recursive: true, force: true });
});

describe('a fault at any DynamoDB command of an ingestion', () => {
  it('has a clean run to compare with: every day ranked, nothing left pending', () => {
    expect(commands).toBeGreaterThan(20);
    expect(clean.latestDay).toBe('2025-10-05');
    expect(clean.pending).toEqual([]);
    expect(clean.ready).toEqual([]);
    expect(clean.before).toEqual([false, false, false]);
    // the skipped day has its "as of" rankings
    expect(clean.rankings.filter(([p, d, doc]) => p === '2025-10' && d === '2025-10-04' && doc)).toHaveLength(
      1,
    );
  });

  it('is left as it is by a recompute from the first day (a new methodology, a restart that finds no running ranking)', async () => {
    const again = await freshProvince();
    await send(again.store, submission);
    await recomputeProvince(again.store, '82', [FIRST_DAY]);
    expect(await state(again.store)).toEqual(clean);
  });

  it('leaves, after the sender sends it again, exactly what the clean run left', async () => {
    const outcomes = new Map<string, number>();
    for (let nth = 1; nth <= commands; nth++) {
      const faulty = await freshProvince();
      faulty.failAt(nth);
      const error = await send(faulty.store, submission).then(
        () => undefined,
        (e: unknown) => e,
      );
      // a fault is never swallowed: the sender hears "try again", before or after the body was archived
      const kind = asDomainError(error)?.kind;
      expect(kind, `command ${nth}: ${error}`).toMatch(/^(unavailable|interrupted)$/);
      outcomes.set(kind as string, (outcomes.get(kind as string) ?? 0) + 1);
      // the sender sends it again (after Retry-After): rows already in come back unchanged
      const again = await send(faulty.store, submission);
      expect(again.counts.rows).toBe(16);
      expect(await state(faulty.store), `after a fault at command ${nth}`).toEqual(clean);
    }
    // the faults fell both before the archive (nothing kept) and after it (the submission named)
    expect(outcomes.get('unavailable')).toBeGreaterThan(0);
    expect(outcomes.get('interrupted')).toBeGreaterThan(commands / 2);
  });
});
