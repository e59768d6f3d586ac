import type { UnitMatch, UnsettledUnit } from '#core/portal/match.ts';
import type { NationalObservation } from '#core/portal/national.ts';
import type { ObservationHeader, ObservedUnit } from '#core/portal/observation.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import type { Rejection } from '#core/records/rejection.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';
import type { PublishedDocument } from '#core/snapshots/published.ts';
import type { RankPoint, SnapshotDocument } from '#core/snapshots/snapshot.ts';

/** Another writer holds the province; the caller may try again shortly. */
export class ProvinceBusyError extends Error {
  override name = 'ProvinceBusyError';
}

/** The lease a writer held was lost: its writes stop there, and what it left is finished by the next writer. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/** The database refused work for now (throttled, or part of a batch left unprocessed); the request itself is fine. */
export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
}

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

/** The formats a submission may come in: daily records (CSV, JSON, an Excel workbook) or the portal's figures. */
export type SubmissionFormat = 'csv' | 'json' | 'xlsx' | 'observations' | 'portal-answers';

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

/** The state of a province: what came in last, what was recomputed, and what waits to be. */
export interface ProvinceMeta {
  province: string;
  /** the latest day with records; it only moves forward */
  latestDay?: string | undefined;
  lastIngestAt?: string | undefined;
  lastSubmissionId?: string | undefined;
  lastRecomputeAt?: string | undefined;
  /**
   * Days an ingest is writing records of (or was, when it stopped before it
   * finished): marked before the first record is written. The next writer of
   * the province, holding its lease, moves them to `readyDays`.
   */
  pendingDays?: string[] | undefined;
  /** days whose records are written and whose rankings wait for a recompute; cleared once the snapshots are */
  readyDays?: string[] | undefined;
  /** changes whenever days become ready: a recompute clears only the days it read, if none came since */
  readyToken?: string | undefined;
}

/** Who holds a province's lease, and until when. */
export interface LeaseInfo {
  owner: string;
  expiresAt: number;
  generation: number;
}

/**
 * A rejected row whose unit and day are known, kept for the data-quality summary:
 * one per unit and day (the latest), so a file sent again does not count twice.
 */
export interface StoredRejection {
  unitCode: string;
  date: string;
  submissionId: string;
  row: number;
  rules: string[];
}

export interface Store {
  /** the current revision of each unit's day asked for, read consistently: the write decisions rest on it */
  currentRecords(
    province: string,
    keys: readonly { unitCode: string; date: string }[],
  ): Promise<Map<string, StoredRecord>>;
  /**
   * creates each record only where its unit and day has none (a conditional write);
   * for those that had one by then, written by another writer moments before,
   * returns that one (its current revision)
   */
  createRecords(province: string, records: readonly StoredRecord[]): Promise<StoredRecord[]>;
  /** keeps `previous` as history, then replaces it if it is still the current revision; false if another writer won */
  reviseRecord(province: string, previous: StoredRecord, next: StoredRecord): Promise<boolean>;
  /** the month's current records, read consistently */
  monthRecords(province: string, month: string): Promise<DailyRecord[]>;
  recordHistory(province: string, unitCode: string, date: string): Promise<StoredRecord[]>;

  putRejections(province: string, rejections: readonly StoredRejection[]): Promise<void>;
  monthRejections(province: string, month: string): Promise<StoredRejection[]>;

  putReceipt(receipt: Receipt): Promise<void>;
  receipt(id: string): Promise<Receipt | undefined>;

  putToken(hash: string, scope: TokenScope): Promise<void>;
  /** read consistently: a token works the moment it is created */
  token(hash: string): Promise<TokenScope | undefined>;

  putRollups(province: string, month: string, aggregates: readonly UnitAggregate[]): Promise<void>;
  /** each month's unit aggregates, read consistently */
  rollups(province: string, fromMonth: string, toMonth: string): Promise<Map<string, UnitAggregate[]>>;

  putSnapshots(docs: readonly SnapshotDocument[]): Promise<void>;
  /** the latest snapshot of the period as of `asOf` or before; the latest of all without `asOf` */
  snapshot(
    province: string,
    methodology: string,
    periodKey: string,
    asOf?: string,
  ): Promise<SnapshotDocument | undefined>;
  /** each snapshot's ranks between two days, without the documents */
  snapshotRanks(
    province: string,
    methodology: string,
    periodKey: string,
    fromDay: string,
    toDay: string,
  ): Promise<DayRanks[]>;
  /** the ranks of the latest snapshot of the period as of `asOf` or before */
  latestRanks(
    province: string,
    methodology: string,
    periodKey: string,
    asOf?: string,
  ): Promise<DayRanks | undefined>;

  putPublished(doc: PublishedDocument): Promise<void>;
  /** the published ranking of the period as observed on `asOf` or the latest observation before */
  published(province: string, periodKey: string, asOf?: string): Promise<PublishedDocument | undefined>;
  publishedRanks(province: string, periodKey: string, fromDay: string, toDay: string): Promise<DayRanks[]>;
  /** the ranks of the latest observation of the period on `asOf` or before, read consistently */
  latestPublishedRanks(province: string, periodKey: string, asOf?: string): Promise<DayRanks | undefined>;
  /** the first observation day of the period after `day` */
  nextPublishedDay(province: string, periodKey: string, day: string): Promise<string | undefined>;

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

  /** what each province holds, in one read: its latest day of records and its portal observations */
  provinceFacts(
    provinces: readonly string[],
  ): Promise<Map<string, { latestDay?: string | undefined; portal: PortalMeta }>>;
  /** the province's state, read consistently */
  meta(province: string): Promise<ProvinceMeta>;
  /** an ingest's own attributes: when, which submission, and the latest day (only ever forward) */
  noteIngest(
    province: string,
    ingest: { at: string; submissionId: string; latestDay?: string | undefined },
  ): Promise<void>;
  noteRecompute(province: string, at: string): Promise<void>;
  /**
   * Takes the province's briefing of a day: true for the first caller, false
   * for every later one (another process, a retried message, a second
   * recompute of the same day), so that a day is announced once.
   */
  claimBriefing(province: string, day: string, at: string): Promise<boolean>;

  /** keeps the portal's national list of a period as observed on a day (the same day again replaces it) */
  putNational(observation: NationalObservation): Promise<void>;
  /** the national list of a period as of a day (the latest observed on or before it), or the latest */
  national(period: string, asOf?: string): Promise<NationalObservation | undefined>;
  /** the periods the national list was observed for */
  nationalPeriods(): Promise<string[]>;
  /** gives a claimed day back, when its briefing could not be handed on: the next announcement takes it */
  unclaimBriefing(province: string, day: string): Promise<void>;
  /** marks days pending, before their records are written */
  markPending(province: string, days: readonly string[]): Promise<void>;
  /**
   * Under the province's lease (no other ingest in flight): every pending day
   * becomes ready for a recompute, and the latest day moves forward to the
   * latest of them (a writer that died before noting it had written them).
   * Returns every ready day.
   */
  sealPending(province: string): Promise<string[]>;
  /** clears the ready days a recompute read, if no day became ready since (`token`); false otherwise */
  clearReady(province: string, days: readonly string[], token: string): Promise<boolean>;

  /**
   * Runs `work` while holding the province's lease: one writer per province at a
   * time. The lease is renewed while the work runs; a write of this store under a
   * lease found lost fails (LeaseLostError) instead of landing.
   */
  withProvinceLease<T>(province: string, work: () => Promise<T>): Promise<T>;
  lease(province: string): Promise<LeaseInfo | undefined>;
  /** ends whoever's lease, for an operator whose writer died; returns what it was */
  breakLease(province: string): Promise<LeaseInfo | undefined>;
  /** releases every lease this store holds (on SIGTERM) */
  releaseLeases(): Promise<void>;
}

/** The ranks of one snapshot, by unit. */
export interface DayRanks {
  asOf: string;
  ranks: Map<string, RankPoint>;
}
