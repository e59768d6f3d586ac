import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { UnitMatch } from '#core/portal/match.ts';
import type { NationalObservation } from '#core/portal/national.ts';
import type { ObservationHeader, ObservedUnit } from '#core/portal/observation.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import { packCounts, recordFromPacked } from '#core/records/pack.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';
import type { PublishedDocument } from '#core/snapshots/published.ts';
import type { SnapshotDocument } from '#core/snapshots/snapshot.ts';
import { batchGet, batchWrite, type Item, putEach, queryAll } from '#functions/store/dynamo/batch.ts';
import { packAggregate, unpackAggregate } from '#functions/store/dynamo/codec.ts';
import { key } from '#functions/store/dynamo/keys.ts';
import {
  fence,
  type HeldLease,
  type LeaseTimings,
  leaseTimings,
  runHolding,
} from '#functions/store/dynamo/lease.ts';
import {
  decodePublished,
  decodeRanks,
  decodeSnapshot,
  encodePublished,
  encodeSnapshot,
  PORTAL_SOURCE,
} from '#functions/store/dynamo/snapshot-codec.ts';
import {
  type DayRanks,
  type LeaseInfo,
  type PortalMeta,
  ProvinceBusyError,
  type ProvinceMeta,
  type Receipt,
  type Store,
  type StoredObservation,
  type StoredRecord,
  type StoredRejection,
  type TokenScope,
} from '#functions/store/store.ts';

const RECEIPT_ROWS_PER_ITEM = 2_000;

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** the lease's length, renewal and wait (leaseTimings of the function's timeout) */
  lease?: LeaseTimings;
}

function toStored(item: Item): StoredRecord {
  const [unitCode = '', date = ''] = String(item.sk).split('#');
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

function portalMetaOf(province: string, item: Item | undefined): PortalMeta {
  const periods = item?.periods as Set<string> | undefined;
  return {
    province,
    periods: periods ? [...periods].sort() : [],
    latestDay: item?.latestDay === undefined ? undefined : String(item.latestDay),
  };
}

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** The province's state item: one attribute per fact, each written by its own writer. */
function metaOf(province: string, item: Item | undefined): ProvinceMeta {
  // items written before the facts had attributes of their own kept them as one JSON text
  const old = item?.meta ? (JSON.parse(String(item.meta)) as ProvinceMeta) : undefined;
  const days = (name: string) => {
    const set = item?.[name] as Set<string> | undefined;
    return set?.size ? [...set].sort() : undefined;
  };
  return {
    province,
    latestDay: text(item?.latestDay) ?? old?.latestDay,
    lastIngestAt: text(item?.lastIngestAt) ?? old?.lastIngestAt,
    lastSubmissionId: text(item?.lastSubmissionId) ?? old?.lastSubmissionId,
    lastRecomputeAt: text(item?.lastRecomputeAt) ?? old?.lastRecomputeAt,
    pendingDays: days('pendingDays'),
    readyDays: days('readyDays'),
    readyToken: text(item?.readyToken),
  };
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** The store on one DynamoDB table (or dynalite locally). */
export class DynamoStore implements Store {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #lease: LeaseTimings;
  /** the leases this store holds now, released on SIGTERM */
  readonly #held = new Set<HeldLease>();

  constructor(options: DynamoStoreOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#lease = options.lease ?? leaseTimings(30);
  }

  async #update(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>, optional = false) {
    try {
      await this.#client.send(new UpdateCommand({ TableName: this.#table, ...input }));
      return true;
    } catch (error) {
      if (optional && isConditionFailure(error)) return false;
      throw error;
    }
  }

  #query(input: Omit<QueryCommandInput, 'TableName'>) {
    return queryAll(this.#client, { TableName: this.#table, ...input });
  }

  // ---- records ----

  async currentRecords(province: string, keys: readonly { unitCode: string; date: string }[]) {
    const items = await batchGet(
      this.#client,
      this.#table,
      keys.map((k) => key.record(province, k.unitCode, k.date)),
      { consistent: true },
    );
    const found = new Map<string, StoredRecord>();
    for (const item of items) {
      const stored = toStored(item);
      found.set(`${stored.record.unitCode}#${stored.record.date}`, stored);
    }
    return found;
  }

  async createRecords(province: string, records: readonly StoredRecord[]) {
    fence(province);
    const byKey = new Map(records.map((r) => [`${r.record.unitCode}#${r.record.date}`, r]));
    const refused = await putEach(
      this.#client,
      this.#table,
      records.map((r) => recordItem(province, r)),
      'attribute_not_exists(pk)',
      { before: () => fence(province) },
    );
    if (!refused.length) return [];
    // what the other writer created, read consistently: the caller revises on top of it, or finds it the same
    const theirs = await this.currentRecords(
      province,
      refused.map((item) => (byKey.get(String(item.sk)) as StoredRecord).record),
    );
    return [...theirs.values()];
  }

  async reviseRecord(province: string, previous: StoredRecord, next: StoredRecord) {
    const { unitCode, date } = previous.record;
    return this.#revise(
      province,
      { ...recordItem(province, previous), ...key.revision(province, unitCode, date, previous.revision) },
      recordItem(province, next),
      previous.revision,
    );
  }

  /**
   * Keeps the previous revision as history, then replaces the current item if
   * it is still that revision: history first, since writing it twice is
   * harmless and losing it is not. False when another writer won.
   */
  async #revise(province: string, history: Item, next: Item, previousRevision: number): Promise<boolean> {
    fence(province);
    await this.#client.send(new PutCommand({ TableName: this.#table, Item: history }));
    fence(province);
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
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async monthRecords(province: string, month: string): Promise<DailyRecord[]> {
    const items = await this.#query({
      ConsistentRead: true,
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
      // consistent, as the current revision is: the history shown never has a gap
      this.#query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': key.revisions(province, unitCode, date) },
        ConsistentRead: true,
      }),
    ]);
    const history = older.map((item) => ({ ...toStored({ ...item, sk: `${unitCode}#${date}` }) }));
    const now = current.get(`${unitCode}#${date}`);
    return [...history.filter((h) => h.revision !== now?.revision), ...(now ? [now] : [])].sort(
      (a, b) => a.revision - b.revision,
    );
  }

  // ---- rejected rows ----

  async putRejections(province: string, rejections: readonly StoredRejection[]) {
    fence(province);
    await batchWrite(
      this.#client,
      this.#table,
      // one item per unit and day: the latest rejection of it, whichever file sent it
      [...new Map(rejections.map((r) => [`${r.unitCode}#${r.date}`, r])).values()].map((r) => ({
        pk: key.rejectionMonth(province, r.date.slice(0, 7)),
        sk: `${r.unitCode}#${r.date}`,
        sub: r.submissionId,
        row: r.row,
        rules: r.rules.join(','),
      })),
    );
  }

  async monthRejections(province: string, month: string) {
    const items = await this.#query({
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.rejectionMonth(province, month) },
    });
    return items.map((item) => {
      // items of before one per unit and day carried the submission and row in their key
      const [unitCode = '', date = '', oldSubmission, oldRow] = String(item.sk).split('#');
      return {
        unitCode,
        date,
        submissionId: text(item.sub) ?? oldSubmission ?? '',
        row: Number(item.row ?? oldRow ?? 0),
        rules: String(item.rules).split(','),
      };
    });
  }

  // ---- receipts and tokens ----

  async putReceipt(receipt: Receipt) {
    fence(receipt.province);
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
    const items = await this.#query({
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
    // consistent: a token works the moment it is created
    const out = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: key.token(hash), ConsistentRead: true }),
    );
    return out.Item ? (JSON.parse(String(out.Item.scope)) as TokenScope) : undefined;
  }

  // ---- month roll-ups ----

  async putRollups(province: string, month: string, aggregates: readonly UnitAggregate[]) {
    fence(province);
    await batchWrite(
      this.#client,
      this.#table,
      aggregates.map(packAggregate).map((a) => ({
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
    const items = await this.#query({
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': key.rollups(province),
        ':from': `${fromMonth}#`,
        ':to': `${toMonth}#~`,
      },
    });
    const byMonth = new Map<string, UnitAggregate[]>();
    for (const item of items) {
      const [month = '', unitCode = ''] = String(item.sk).split('#');
      const list = byMonth.get(month) ?? [];
      list.push(
        unpackAggregate({
          unitCode,
          counts: String(item.c),
          days: Number(item.days),
          first: String(item.first),
          last: String(item.last),
        }),
      );
      byMonth.set(month, list);
    }
    return byMonth;
  }

  // ---- ranking snapshots, computed and published ----

  async #putSnapshotItems(
    province: string,
    items: readonly {
      methodology: string;
      periodKey: string;
      asOf: string;
      body: Uint8Array;
      ranks: string;
    }[],
  ) {
    fence(province);
    await batchWrite(
      this.#client,
      this.#table,
      items.map((s) => ({
        pk: key.snapshots(province, s.methodology, s.periodKey),
        sk: s.asOf,
        body: s.body,
        ranks: s.ranks,
      })),
      undefined,
      2,
    );
  }

  /** The latest snapshot item of a period as of `asOf` or before: its attributes `projection`, or all. */
  async #snapshotItem(
    pk: string,
    asOf: string | undefined,
    options: { projection?: string; consistent?: boolean } = {},
  ): Promise<Item | undefined> {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: asOf ? 'pk = :pk AND sk <= :asOf' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(asOf ? { ':asOf': asOf } : {}) },
        ScanIndexForward: false,
        Limit: 1,
        ...(options.consistent ? { ConsistentRead: true } : {}),
        ...(options.projection
          ? { ProjectionExpression: options.projection, ExpressionAttributeNames: { '#ranks': 'ranks' } }
          : {}),
      }),
    );
    return out.Items?.[0];
  }

  async #ranksBetween(pk: string, fromDay: string, toDay: string): Promise<DayRanks[]> {
    const items = await this.#query({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': fromDay, ':to': toDay },
      ProjectionExpression: 'sk, #ranks',
      ExpressionAttributeNames: { '#ranks': 'ranks' },
    });
    return items.map((i) => ({ asOf: String(i.sk), ranks: decodeRanks(String(i.ranks)) }));
  }

  async putSnapshots(docs: readonly SnapshotDocument[]) {
    const byProvince = new Map<string, SnapshotDocument[]>();
    for (const d of docs) byProvince.set(d.province, [...(byProvince.get(d.province) ?? []), d]);
    for (const [province, list] of byProvince) {
      await this.#putSnapshotItems(
        province,
        list.map((d) => ({
          methodology: d.methodology,
          periodKey: d.period.key,
          asOf: d.asOf,
          ...encodeSnapshot(d),
        })),
      );
    }
  }

  async snapshot(province: string, methodology: string, periodKey: string, asOf?: string) {
    const item = await this.#snapshotItem(key.snapshots(province, methodology, periodKey), asOf);
    return item ? decodeSnapshot(item.body as Uint8Array) : undefined;
  }

  snapshotRanks(province: string, methodology: string, periodKey: string, fromDay: string, toDay: string) {
    return this.#ranksBetween(key.snapshots(province, methodology, periodKey), fromDay, toDay);
  }

  async latestRanks(province: string, methodology: string, periodKey: string, asOf?: string) {
    const item = await this.#snapshotItem(key.snapshots(province, methodology, periodKey), asOf, {
      projection: 'sk, #ranks',
    });
    return item ? { asOf: String(item.sk), ranks: decodeRanks(String(item.ranks)) } : undefined;
  }

  async putPublished(doc: PublishedDocument) {
    await this.#putSnapshotItems(doc.province, [
      { methodology: PORTAL_SOURCE, periodKey: doc.period.key, asOf: doc.asOf, ...encodePublished(doc) },
    ]);
  }

  async published(province: string, periodKey: string, asOf?: string) {
    const item = await this.#snapshotItem(key.snapshots(province, PORTAL_SOURCE, periodKey), asOf);
    return item ? decodePublished(item.body as Uint8Array) : undefined;
  }

  publishedRanks(province: string, periodKey: string, fromDay: string, toDay: string) {
    return this.#ranksBetween(key.snapshots(province, PORTAL_SOURCE, periodKey), fromDay, toDay);
  }

  async latestPublishedRanks(province: string, periodKey: string, asOf?: string) {
    // consistent: a published ranking is built on the one before it, written moments earlier
    const item = await this.#snapshotItem(key.snapshots(province, PORTAL_SOURCE, periodKey), asOf, {
      projection: 'sk, #ranks',
      consistent: true,
    });
    return item ? { asOf: String(item.sk), ranks: decodeRanks(String(item.ranks)) } : undefined;
  }

  async nextPublishedDay(province: string, periodKey: string, day: string) {
    const out = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND sk > :day',
        ExpressionAttributeValues: { ':pk': key.snapshots(province, PORTAL_SOURCE, periodKey), ':day': day },
        ProjectionExpression: 'sk',
        ConsistentRead: true,
        Limit: 1,
      }),
    );
    return text(out.Items?.[0]?.sk);
  }

  // ---- the portal's observations ----

  async observation(province: string, periodKey: string, day: string) {
    // consistent: what was stored moments ago decides between created, revised and unchanged
    const items = await this.#query({
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
    fence(province);
    const refused = await putEach(
      this.#client,
      this.#table,
      units.map((o) => observationItem(province, o)),
      'attribute_not_exists(pk)',
      { before: () => fence(province) },
    );
    if (refused.length) {
      throw new Error(
        `${refused.length} observations of ${periodKey} on ${header.observedOn} were written by another writer meanwhile`,
      );
    }
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
      province,
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
      this.#query({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': key.observationRevisions(province, periodKey, day, portalCode) },
        ConsistentRead: true,
      }),
    ]);
    const now = current.units.get(portalCode);
    const history = older.map((item) => toObservation(item, periodKey, day));
    return [...history.filter((h) => h.revision !== now?.revision), ...(now ? [now] : [])].sort(
      (a, b) => a.revision - b.revision,
    );
  }

  async matches(province: string) {
    const items = await this.#query({
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': key.matches(province) },
    });
    return new Map(items.map((i) => [String(i.sk), JSON.parse(String(i.m)) as UnitMatch]));
  }

  async putMatches(province: string, matches: readonly UnitMatch[]) {
    fence(province);
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

  async notePortalObservation(province: string, periodKey: string, day: string) {
    fence(province);
    // each writer adds only its own: the set of periods grows, the latest day moves only forward
    await this.#update({
      Key: key.portalMeta(province),
      UpdateExpression: 'ADD periods :period',
      ExpressionAttributeValues: { ':period': new Set([periodKey]) },
    });
    await this.#advanceLatestDay(key.portalMeta(province), day);
  }

  // ---- the province's state ----

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
      else entry.latestDay = metaOf(province, item).latestDay;
    }
    return facts;
  }

  async meta(province: string): Promise<ProvinceMeta> {
    const out = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: key.meta(province), ConsistentRead: true }),
    );
    return metaOf(province, out.Item);
  }

  async noteIngest(
    province: string,
    ingest: { at: string; submissionId: string; latestDay?: string | undefined },
  ) {
    fence(province);
    await this.#update({
      Key: key.meta(province),
      UpdateExpression: 'SET lastIngestAt = :at, lastSubmissionId = :submission',
      ExpressionAttributeValues: { ':at': ingest.at, ':submission': ingest.submissionId },
    });
    if (ingest.latestDay) await this.#advanceLatestDay(key.meta(province), ingest.latestDay);
  }

  /** Sets the item's `latestDay`, only forward: an older day arriving late never moves it back. */
  async #advanceLatestDay(item: Item, day: string) {
    await this.#update(
      {
        Key: item,
        UpdateExpression: 'SET latestDay = :day',
        ConditionExpression: 'attribute_not_exists(latestDay) OR latestDay < :day',
        ExpressionAttributeValues: { ':day': day },
      },
      true,
    );
  }

  async noteRecompute(province: string, at: string) {
    await this.#update({
      Key: key.meta(province),
      UpdateExpression: 'SET lastRecomputeAt = :at',
      ExpressionAttributeValues: { ':at': at },
    });
  }

  async claimBriefing(province: string, day: string, at: string) {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...key.briefing(province, day), claimedAt: at },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async putNational(o: NationalObservation) {
    await this.#client.send(
      new PutCommand({
        TableName: this.#table,
        Item: { pk: key.national(o.period), sk: o.observedOn, o: JSON.stringify(o) },
      }),
    );
    await this.#update({
      Key: key.nationalMeta,
      UpdateExpression: 'ADD periods :period',
      ExpressionAttributeValues: { ':period': new Set([o.period]) },
    });
  }

  async national(period: string, asOf?: string) {
    const item = await this.#snapshotItem(key.national(period), asOf);
    return item ? (JSON.parse(String(item.o)) as NationalObservation) : undefined;
  }

  async nationalPeriods() {
    const out = await this.#client.send(new GetCommand({ TableName: this.#table, Key: key.nationalMeta }));
    const periods = out.Item?.periods as Set<string> | undefined;
    return periods ? [...periods].sort() : [];
  }

  async unclaimBriefing(province: string, day: string) {
    await this.#client.send(new DeleteCommand({ TableName: this.#table, Key: key.briefing(province, day) }));
  }

  async markPending(province: string, days: readonly string[]) {
    fence(province);
    if (!days.length) return;
    await this.#update({
      Key: key.meta(province),
      UpdateExpression: 'ADD pendingDays :days',
      ExpressionAttributeValues: { ':days': new Set(days) },
    });
  }

  async sealPending(province: string) {
    fence(province);
    const meta = await this.meta(province);
    const pending = meta.pendingDays ?? [];
    if (!pending.length) return meta.readyDays ?? [];
    // one atomic update: the days move, and the new token makes a clearing that read the set before fail
    const out = await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: key.meta(province),
        UpdateExpression: 'ADD readyDays :days DELETE pendingDays :days SET readyToken = :token',
        ExpressionAttributeValues: { ':days': new Set(pending), ':token': randomUUID() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    // a writer that died before noting its latest day: its days are written, so the province has them
    const latest = [...pending].sort().at(-1) as string;
    await this.#advanceLatestDay(key.meta(province), latest);
    return [...((out.Attributes?.readyDays as Set<string> | undefined) ?? [])].sort();
  }

  async clearReady(province: string, days: readonly string[], token: string) {
    if (!days.length) return true;
    return this.#update(
      {
        Key: key.meta(province),
        UpdateExpression: 'DELETE readyDays :days',
        ConditionExpression: 'readyToken = :token',
        ExpressionAttributeValues: { ':days': new Set(days), ':token': token },
      },
      true,
    );
  }

  // ---- the province's lease ----

  async lease(province: string): Promise<LeaseInfo | undefined> {
    const out = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: key.lease(province), ConsistentRead: true }),
    );
    const item = out.Item;
    // a released lease keeps its item (and its generation, which only grows), without an owner
    return item?.owner
      ? {
          owner: String(item.owner),
          expiresAt: Number(item.expiresAt),
          generation: Number(item.generation ?? 0),
        }
      : undefined;
  }

  async breakLease(province: string) {
    const before = await this.lease(province);
    if (before) await this.#free(province, before.owner);
    return before;
  }

  /** Frees the lease if `owner` still holds it: no owner, expired, the generation kept. */
  async #free(province: string, owner: string): Promise<void> {
    await this.#update(
      {
        Key: key.lease(province),
        UpdateExpression: 'REMOVE #owner SET expiresAt = :zero',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner, ':zero': 0 },
      },
      // a lease that expired and was taken over is no longer ours to free
      true,
    );
  }

  async #acquire(province: string): Promise<HeldLease> {
    const owner = randomUUID();
    const deadline = Date.now() + this.#lease.waitMs;
    for (let attempt = 0; ; attempt++) {
      const now = Date.now();
      try {
        const out = await this.#client.send(
          new UpdateCommand({
            TableName: this.#table,
            Key: key.lease(province),
            UpdateExpression: 'SET #owner = :owner, expiresAt = :expires ADD generation :one',
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: {
              ':owner': owner,
              ':expires': now + this.#lease.leaseMs,
              ':now': now,
              ':one': 1,
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return {
          province,
          owner,
          generation: Number(out.Attributes?.generation ?? 1),
          expiresAt: now + this.#lease.leaseMs,
          lost: false,
        };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        if (now > deadline)
          throw new ProvinceBusyError(`province ${province} is busy with another submission`);
        await new Promise((r) => setTimeout(r, Math.min(500, 10 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  /** Renews a held lease; a lease another writer took, or one past its time, is lost. */
  async #renew(lease: HeldLease): Promise<void> {
    const now = Date.now();
    try {
      await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: key.lease(lease.province),
          UpdateExpression: 'SET expiresAt = :expires',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': lease.owner, ':expires': now + this.#lease.leaseMs },
        }),
      );
      lease.expiresAt = now + this.#lease.leaseMs;
    } catch (error) {
      if (isConditionFailure(error) || Date.now() >= lease.expiresAt) lease.lost = true;
    }
  }

  async #release(lease: HeldLease): Promise<void> {
    this.#held.delete(lease);
    await this.#free(lease.province, lease.owner);
  }

  async withProvinceLease<T>(province: string, work: () => Promise<T>): Promise<T> {
    const lease = await this.#acquire(province);
    this.#held.add(lease);
    const renewal = setInterval(() => void this.#renew(lease), this.#lease.renewMs);
    renewal.unref();
    try {
      return await runHolding(lease, work);
    } finally {
      clearInterval(renewal);
      await this.#release(lease);
    }
  }

  async releaseLeases() {
    await Promise.all([...this.#held].map((lease) => this.#release(lease)));
  }
}
