import type { UnitMatch, UnsettledUnit } from '#core/portal/match.ts';
import type { ObservationHeader, ObservedUnit } from '#core/portal/observation.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import type { Rejection } from '#core/records/rejection.ts';
import type { PackedAggregate } from '#functions/store/codec.ts';

/**
 * The store port: everything the services read and write, in the users' words.
 * The DynamoDB adapter implements it; docs/data-model.md shows the items.
 */

/** The current revision of one unit's day. */
export interface StoredRecord {
  record: DailyRecord;
  /** 1 for the first version, +1 at each change */
  revision: number;
  digest: string;
  submissionId: string;
  receivedAt: string;
}

/** What a token may write. Only its hash is stored. */
export interface TokenScope {
  province: string;
  /** when set, only these units */
  units?: string[] | undefined;
  label?: string | undefined;
  createdAt: string;
}

export interface ReceiptRow {
  row: number;
  unitCode: string | null;
  date: string | null;
  outcome: 'created' | 'revised' | 'unchanged' | 'rejected';
  revision?: number | undefined;
  reasons?: Rejection['reasons'] | undefined;
  /** an observation's row: the unit's portal code and the period observed */
  portalCode?: string | undefined;
  period?: string | undefined;
}

/** What one observation in a submission held, and how its units matched official units. */
export interface ObservationReceipt {
  period: string;
  observedOn: string;
  units: number;
  communes: number;
  agencies: number;
  matched: number;
  /** every portal unit not settled to an official unit, with why: never dropped, never guessed */
  unsettled: UnsettledUnit[];
}

/** The formats a submission may come in: daily records (CSV, JSON) or the portal's figures. */
export type SubmissionFormat = 'csv' | 'json' | 'observations' | 'portal-answers';

export interface Receipt {
  id: string;
  province: string;
  receivedAt: string;
  format: SubmissionFormat;
  /** where the raw body is archived */
  archive: string;
  counts: { rows: number; created: number; revised: number; unchanged: number; rejected: number };
  warnings: string[];
  rows: ReceiptRow[];
  /** for the portal's figures: each observation it held */
  observations?: ObservationReceipt[] | undefined;
}

/** What the portal published for one unit, period and day, as stored: revisioned like a record. */
export interface StoredObservation {
  period: string;
  day: string;
  unit: ObservedUnit;
  /** 1 for the first version, +1 at each change */
  revision: number;
  digest: string;
  submissionId: string;
  receivedAt: string;
}

/** What a province's observations cover. */
export interface PortalMeta {
  province: string;
  /** every period observed at least once */
  periods: string[];
  /** the latest day observed */
  latestDay?: string | undefined;
}

/** A precomputed ranking of a province for one period as of one day, under one methodology. */
export interface SnapshotItem {
  province: string;
  methodology: string;
  periodKey: string;
  asOf: string;
  /** gzip of the snapshot document (see core/snapshots) */
  body: Uint8Array;
  /** "unit:rank:total" for every ranked unit, for rank histories that need no decompression */
  ranks: string;
}

export interface ProvinceMeta {
  province: string;
  latestDay?: string | undefined;
  lastIngestAt?: string | undefined;
  lastSubmissionId?: string | undefined;
  lastRecomputeAt?: string | undefined;
}

/** A rejected row whose unit and day are known, kept for the data-quality summary. */
export interface StoredRejection {
  unitCode: string;
  date: string;
  submissionId: string;
  row: number;
  rules: string[];
}

export interface Store {
  currentRecords(
    province: string,
    keys: readonly { unitCode: string; date: string }[],
  ): Promise<Map<string, StoredRecord>>;
  /** writes records that did not exist; fails none silently */
  createRecords(province: string, records: readonly StoredRecord[]): Promise<void>;
  /** keeps `previous` as history, then replaces it if it is still the current revision; false if another writer won */
  reviseRecord(province: string, previous: StoredRecord, next: StoredRecord): Promise<boolean>;
  monthRecords(province: string, month: string): Promise<DailyRecord[]>;
  recordHistory(province: string, unitCode: string, date: string): Promise<StoredRecord[]>;

  putRejections(province: string, rejections: readonly StoredRejection[]): Promise<void>;
  monthRejections(province: string, month: string): Promise<StoredRejection[]>;

  putReceipt(receipt: Receipt): Promise<void>;
  receipt(id: string): Promise<Receipt | undefined>;

  putToken(hash: string, scope: TokenScope): Promise<void>;
  token(hash: string): Promise<TokenScope | undefined>;

  putRollups(province: string, month: string, aggregates: readonly PackedAggregate[]): Promise<void>;
  rollups(province: string, fromMonth: string, toMonth: string): Promise<Map<string, PackedAggregate[]>>;

  putSnapshots(items: readonly SnapshotItem[]): Promise<void>;
  /** the latest snapshot of the period as of `asOf` or before; the latest of all without `asOf` */
  snapshot(
    province: string,
    methodology: string,
    periodKey: string,
    asOf?: string,
  ): Promise<SnapshotItem | undefined>;
  snapshotRanks(
    province: string,
    methodology: string,
    periodKey: string,
    fromDay: string,
    toDay: string,
  ): Promise<{ asOf: string; ranks: string }[]>;

  /**
   * A period's observation on a day, read consistently: its header, the portal codes the
   * day's latest pull listed, and the current revision of every unit ever stored for the day
   */
  observation(
    province: string,
    periodKey: string,
    day: string,
  ): Promise<{
    header: ObservationHeader | undefined;
    listed: string[];
    units: Map<string, StoredObservation>;
  }>;
  /** writes the units that did not exist, then the header with the portal codes this pull listed */
  createObservations(
    province: string,
    header: ObservationHeader,
    periodKey: string,
    units: readonly StoredObservation[],
    listed: readonly string[],
  ): Promise<void>;
  /** keeps `previous` as history, then replaces it if it is still current; false if another writer won */
  reviseObservation(province: string, previous: StoredObservation, next: StoredObservation): Promise<boolean>;
  observationHistory(
    province: string,
    periodKey: string,
    day: string,
    portalCode: string,
  ): Promise<StoredObservation[]>;
  /** the stored matches of a province's portal units, by portal id */
  matches(province: string): Promise<Map<string, UnitMatch>>;
  putMatches(province: string, matches: readonly UnitMatch[]): Promise<void>;
  portalMeta(province: string): Promise<PortalMeta>;
  /** notes a period observed on a day: the periods only grow, the latest day only moves forward */
  notePortalObservation(province: string, periodKey: string, day: string): Promise<void>;
  /** the first snapshot of a period strictly after `day` (the next observation) */
  nextSnapshot(
    province: string,
    methodology: string,
    periodKey: string,
    day: string,
  ): Promise<SnapshotItem | undefined>;

  /** what each province holds, in one read: its latest day of records and its portal observations */
  provinceFacts(
    provinces: readonly string[],
  ): Promise<Map<string, { latestDay?: string | undefined; portal: PortalMeta }>>;
  meta(province: string): Promise<ProvinceMeta>;
  updateMeta(meta: ProvinceMeta): Promise<void>;

  /** runs `work` while holding the province's lease: one writer per province at a time */
  withProvinceLease<T>(province: string, work: () => Promise<T>): Promise<T>;
}
