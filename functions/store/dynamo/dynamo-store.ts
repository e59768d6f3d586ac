import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { UnitMatch } from '#core/portal/match.ts';
import type { ObservationHeader, ObservedUnit } from '#core/portal/observation.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import { type PackedAggregate, packCounts, recordFromPacked } from '#functions/store/codec.ts';
import { batchGet, batchWrite, type Item, queryAll } from '#functions/store/dynamo/batch.ts';
import { key } from '#functions/store/dynamo/keys.ts';
import type {
  PortalMeta,
  ProvinceMeta,
  Receipt,
  SnapshotItem,
  Store,
  StoredObservation,
  StoredRecord,
  StoredRejection,
  TokenScope,
} from '#functions/store/store.ts';

/** Another writer holds the province; the caller may try again shortly. */
export class LeaseBusyError extends Error {
  override name = 'LeaseBusyError';
}

const RECEIPT_ROWS_PER_ITEM = 2_000;

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** how long a lease lasts before another writer may take it over */
  leaseMs?: number;
  /** how long to wait for a busy lease before giving up */
  leaseWaitMs?: number;
}

function toStored(item: Item, province: string): StoredRecord {
  const [unitCode = '', date = ''] = String(item.sk).split('#');
  void province;
  return {
    record: recordFromPacked(unitCode, date, String(item.c)),
    revision: Number(item.rev),
    digest: String(item.dg),
    submissionId: String(item.sub),
    receivedAt: String(item.at),
  };
}

function recordItem(province: string, r: StoredRecord): Item {
  return {
    ...key.record(province, r.record.unitCode, r.record.date),
    c: packCounts(r.record),
    rev: r.revision,
    dg: r.digest,
    sub: r.submissionId,
    at: r.receivedAt,
  };
}

function observationItem(province: string, o: StoredObservation): Item {
  return {
    pk: key.observations(province, o.period),
    sk: `${o.day}#${o.unit.portalCode}`,
    o: JSON.stringify(o.unit),
    rev: o.revision,
    dg: o.digest,
    sub: o.submissionId,
    at: o.receivedAt,
  };
}

function toObservation(item: Item, period: string, day: string): StoredObservation {
  return {
    period,
    day,
    unit: JSON.parse(String(item.o)) as ObservedUnit,
    revision: Number(item.rev),
    digest: String(item.dg),
    submissionId: String(item.sub),
    receivedAt: String(item.at),
  };
}

function snapshotOf(province: string, methodology: string, periodKey: string, item: Item): SnapshotItem {
  return {
    province,
    methodology,
    periodKey,
    asOf: String(item.sk),
    body: item.body as Uint8Array,
    ranks: String(item.ranks),
  };
}

function portalMetaOf(province: string, item: Item | undefined): PortalMeta {
  const periods = item?.periods as Set<string> | undefined;
  return {
    province,
    periods: periods ? [...periods].sort() : [],
    latestDay: item?.latestDay === undefined ? undefined : String(item.latestDay),
  };
}

/** The store on one DynamoDB table (or dynalite locally). */
export class DynamoStore implements Store {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #leaseMs: number;
  readonly #leaseWaitMs: number;

  constructor(options: DynamoStoreOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#leaseMs = options.leaseMs ?? 120_000;
    this.#leaseWaitMs = options.leaseWaitMs ?? 25_000;
  }

  async currentRecords(province: string, keys: readonly { unitCode: string; date: string }[]) {
    const items = await batchGet(
      this.#client,
      this.#table,
      keys.map((k) => key.record(province, k.unitCode, k.date)),
    );
    const found = new Map<string, StoredRecord>();
    for (const item of items) {
      const stored = toStored(item, province);
      found.set(`${stored.record.unitCode}#${stored.record.date}`, stored);
    }
    return found;
  }

  async createRecords(province: string, records: readonly StoredRecord[]) {
    await batchWrite(
      this.#client,
      this.#table,
      records.map((r) => recordItem(province, r)),
    );
  }

  async reviseRecord(province: string, previous: StoredRecord, next: StoredRecord) {
    const { unitCode, date } = previous.record;
    return this.#revise(
      {
        ...recordItem(province, previous),
        ...key.revision(province, unitCode, date, previous.revision),
      },
      recordItem(province, next),
      previous.revision,
    );
  }

  /**
   * Keeps the previous revision as history, then replaces the current item if
   * it is still that revision: history first, since writing it twice is
   * harmless and losing it is not. False when another writer won.
   */
  async #revise(history: Item, next: Item, previousRevision: number): Promise<boolean> {
    await this.#client.send(new PutCommand({ TableName: this.#table, Item: history }));
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: next,
          ConditionExpression: 'rev = :previous',
          ExpressionAttributeValues: { ':previous': previousRevision },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async monthRecords(province: string, month: string): Promise<DailyRecord[]> {
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.recordMonth(province, month) },
      ProjectionExpression: 'sk, c',
    });
    return items.map((item) => {
      const [unitCode = '', date = ''] = String(item.sk).split('#');
      return recordFromPacked(unitCode, date, String(item.c));
    });
  }

  async recordHistory(province: string, unitCode: string, date: string) {
    const [current, older] = await Promise.all([
      this.currentRecords(province, [{ unitCode, date }]),
      queryAll(this.#client, {
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': key.revisions(province, unitCode, date) },
      }),
    ]);
    const history = older.map((item) => ({
      record: recordFromPacked(unitCode, date, String(item.c)),
      revision: Number(item.rev),
      digest: String(item.dg),
      submissionId: String(item.sub),
      receivedAt: String(item.at),
    }));
    const now = current.get(`${unitCode}#${date}`);
    return [...history.filter((h) => h.revision !== now?.revision), ...(now ? [now] : [])].sort(
      (a, b) => a.revision - b.revision,
    );
  }

  async putRejections(province: string, rejections: readonly StoredRejection[]) {
    await batchWrite(
      this.#client,
      this.#table,
      rejections.map((r) => ({
        pk: key.rejectionMonth(province, r.date.slice(0, 7)),
        sk: `${r.unitCode}#${r.date}#${r.submissionId}#${String(r.row).padStart(7, '0')}`,
        rules: r.rules.join(','),
      })),
    );
  }

  async monthRejections(province: string, month: string) {
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.rejectionMonth(province, month) },
    });
    return items.map((item) => {
      const [unitCode = '', date = '', submissionId = '', row = '0'] = String(item.sk).split('#');
      return { unitCode, date, submissionId, row: Number(row), rules: String(item.rules).split(',') };
    });
  }

  async putReceipt(receipt: Receipt) {
    const { rows, ...head } = receipt;
    const pk = key.receipt(receipt.id);
    const chunks: Item[] = [];
    for (let k = 0; k * RECEIPT_ROWS_PER_ITEM < rows.length; k++) {
      const part = rows.slice(k * RECEIPT_ROWS_PER_ITEM, (k + 1) * RECEIPT_ROWS_PER_ITEM);
      chunks.push({ pk, sk: `ROWS#${String(k).padStart(5, '0')}`, body: gzipSync(JSON.stringify(part)) });
    }
    await batchWrite(this.#client, this.#table, chunks);
    // the head goes last: a receipt is readable only once all its rows are
    await this.#client.send(
      new PutCommand({
        TableName: this.#table,
        Item: { pk, sk: 'RECEIPT', head: JSON.stringify(head), parts: chunks.length },
      }),
    );
  }

  async receipt(id: string): Promise<Receipt | undefined> {
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.receipt(id) },
    });
    const head = items.find((i) => i.sk === 'RECEIPT');
    if (!head) return undefined;
    const rows = items
      .filter((i) => String(i.sk).startsWith('ROWS#'))
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
      .flatMap((i) => JSON.parse(gunzipSync(i.body as Uint8Array).toString('utf8')));
    return { ...JSON.parse(String(head.head)), rows };
  }

  async putToken(hash: string, scope: TokenScope) {
    await this.#client.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...key.token(hash), scope: JSON.stringify(scope) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async token(hash: string) {
    const out = await this.#client.send(new GetCommand({ TableName: this.#table, Key: key.token(hash) }));
    return out.Item ? (JSON.parse(String(out.Item.scope)) as TokenScope) : undefined;
  }

  async putRollups(province: string, month: string, aggregates: readonly PackedAggregate[]) {
    await batchWrite(
      this.#client,
      this.#table,
      aggregates.map((a) => ({
        pk: key.rollups(province),
        sk: `${month}#${a.unitCode}`,
        c: a.counts,
        days: a.days,
        first: a.first,
        last: a.last,
      })),
    );
  }

  async rollups(province: string, fromMonth: string, toMonth: string) {
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': key.rollups(province),
        ':from': `${fromMonth}#`,
        ':to': `${toMonth}#~`,
      },
    });
    const byMonth = new Map<string, PackedAggregate[]>();
    for (const item of items) {
      const [month = '', unitCode = ''] = String(item.sk).split('#');
      const list = byMonth.get(month) ?? [];
      list.push({
        unitCode,
        counts: String(item.c),
        days: Number(item.days),
        first: String(item.first),
        last: String(item.last),
      });
      byMonth.set(month, list);
    }
    return byMonth;
  }

  async putSnapshots(items: readonly SnapshotItem[]) {
    await batchWrite(
      this.#client,
      this.#table,
      items.map((s) => ({
        pk: key.snapshots(s.province, s.methodology, s.periodKey),
        sk: s.asOf,
        body: s.body,
        ranks: s.ranks,
      })),
      undefined,
      2,
    );
  }

  async snapshot(province: string, methodology: string, periodKey: string, asOf?: string) {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: asOf ? 'pk = :pk AND sk <= :asOf' : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': key.snapshots(province, methodology, periodKey),
          ...(asOf ? { ':asOf': asOf } : {}),
        },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item ? snapshotOf(province, methodology, periodKey, item) : undefined;
  }

  async nextSnapshot(province: string, methodology: string, periodKey: string, day: string) {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND sk > :day',
        ExpressionAttributeValues: { ':pk': key.snapshots(province, methodology, periodKey), ':day': day },
        Limit: 1,
      }),
    );
    const item = out.Items?.[0];
    return item ? snapshotOf(province, methodology, periodKey, item) : undefined;
  }

  async observation(province: string, periodKey: string, day: string) {
    // consistent: what was stored moments ago decides between created, revised and unchanged
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': key.observations(province, periodKey),
        ':from': day,
        ':to': `${day}#~`,
      },
    });
    let header: ObservationHeader | undefined;
    let listed: string[] = [];
    const units = new Map<string, StoredObservation>();
    for (const item of items) {
      if (item.sk === day) {
        header = JSON.parse(String(item.h)) as ObservationHeader;
        listed = String(item.list ?? '')
          .split(',')
          .filter(Boolean);
      } else {
        const o = toObservation(item, periodKey, day);
        units.set(o.unit.portalCode, o);
      }
    }
    return { header, listed, units };
  }

  async createObservations(
    province: string,
    header: ObservationHeader,
    periodKey: string,
    units: readonly StoredObservation[],
    listed: readonly string[],
  ) {
    if (units.length)
      await batchWrite(
        this.#client,
        this.#table,
        units.map((o) => observationItem(province, o)),
      );
    // the header last: a day's observation is listed once its units are in
    await this.#client.send(
      new PutCommand({
        TableName: this.#table,
        Item: {
          pk: key.observations(province, periodKey),
          sk: header.observedOn,
          h: JSON.stringify(header),
          list: listed.join(','),
        },
      }),
    );
  }

  async reviseObservation(province: string, previous: StoredObservation, next: StoredObservation) {
    const { period, day } = previous;
    return this.#revise(
      {
        ...observationItem(province, previous),
        pk: key.observationRevisions(province, period, day, previous.unit.portalCode),
        sk: String(previous.revision).padStart(6, '0'),
      },
      observationItem(province, next),
      previous.revision,
    );
  }

  async observationHistory(province: string, periodKey: string, day: string, portalCode: string) {
    const [current, older] = await Promise.all([
      this.observation(province, periodKey, day),
      queryAll(this.#client, {
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': key.observationRevisions(province, periodKey, day, portalCode) },
      }),
    ]);
    const now = current.units.get(portalCode);
    const history = older.map((item) => toObservation(item, periodKey, day));
    return [...history.filter((h) => h.revision !== now?.revision), ...(now ? [now] : [])].sort(
      (a, b) => a.revision - b.revision,
    );
  }

  async matches(province: string) {
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.matches(province) },
    });
    return new Map(items.map((i) => [String(i.sk), JSON.parse(String(i.m)) as UnitMatch]));
  }

  async putMatches(province: string, matches: readonly UnitMatch[]) {
    await batchWrite(
      this.#client,
      this.#table,
      matches.map((m) => ({ pk: key.matches(province), sk: m.portalId, m: JSON.stringify(m) })),
    );
  }

  async portalMeta(province: string): Promise<PortalMeta> {
    const out = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: key.portalMeta(province) }),
    );
    return portalMetaOf(province, out.Item);
  }

  async provinceFacts(provinces: readonly string[]) {
    const items = await batchGet(
      this.#client,
      this.#table,
      provinces.flatMap((p) => [key.meta(p), key.portalMeta(p)]),
    );
    const facts = new Map<string, { latestDay?: string | undefined; portal: PortalMeta }>(
      provinces.map((p) => [p, { portal: portalMetaOf(p, undefined) }]),
    );
    for (const item of items) {
      const province = String(item.pk).slice('META#'.length);
      const entry = facts.get(province);
      if (!entry) continue;
      if (item.sk === 'PORTAL') entry.portal = portalMetaOf(province, item);
      else entry.latestDay = (JSON.parse(String(item.meta)) as ProvinceMeta).latestDay;
    }
    return facts;
  }

  async notePortalObservation(province: string, periodKey: string, day: string) {
    // each writer adds only its own: the set of periods grows, the latest day moves only forward
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: key.portalMeta(province),
        UpdateExpression: 'ADD periods :period',
        ExpressionAttributeValues: { ':period': new Set([periodKey]) },
      }),
    );
    await this.#client
      .send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key.portalMeta(province),
          UpdateExpression: 'SET latestDay = :day',
          ConditionExpression: 'attribute_not_exists(latestDay) OR latestDay < :day',
          ExpressionAttributeValues: { ':day': day },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async snapshotRanks(
    province: string,
    methodology: string,
    periodKey: string,
    fromDay: string,
    toDay: string,
  ) {
    const items = await queryAll(this.#client, {
      TableName: this.#table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': key.snapshots(province, methodology, periodKey),
        ':from': fromDay,
        ':to': toDay,
      },
      ProjectionExpression: 'sk, #ranks',
      ExpressionAttributeNames: { '#ranks': 'ranks' },
    });
    return items.map((i) => ({ asOf: String(i.sk), ranks: String(i.ranks) }));
  }

  async meta(province: string): Promise<ProvinceMeta> {
    const out = await this.#client.send(new GetCommand({ TableName: this.#table, Key: key.meta(province) }));
    return out.Item ? (JSON.parse(String(out.Item.meta)) as ProvinceMeta) : { province };
  }

  async updateMeta(meta: ProvinceMeta) {
    await this.#client.send(
      new PutCommand({
        TableName: this.#table,
        Item: { ...key.meta(meta.province), meta: JSON.stringify(meta) },
      }),
    );
  }

  async withProvinceLease<T>(province: string, work: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const deadline = Date.now() + this.#leaseWaitMs;
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      try {
        await this.#client.send(
          new PutCommand({
            TableName: this.#table,
            Item: { ...key.lease(province), owner, expiresAt: now + this.#leaseMs },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        break;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        if (now > deadline) throw new LeaseBusyError(`province ${province} is busy with another submission`);
        await new Promise((r) => setTimeout(r, Math.min(500, 10 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
    try {
      return await work();
    } finally {
      await this.#client
        .send(
          new DeleteCommand({
            TableName: this.#table,
            Key: key.lease(province),
            ConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': owner },
          }),
        )
        .catch((error: unknown) => {
          // a lease that expired and was taken over is no longer ours to release
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    }
  }
}
