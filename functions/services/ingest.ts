import { randomBytes } from 'node:crypto';
import { methodology as methodologyById } from '#core/methodology/catalog.ts';
import { addDays, laterDay, todayInVietnam } from '#core/periods/calendar.ts';
import { PortalAnswerError } from '#core/portal/answers.ts';
import { readPortalSubmission, sniffPortal } from '#core/portal/bundle.ts';
import { ObservationFormatError } from '#core/portal/observation.ts';
import { UnknownPortalProvinceError } from '#core/portal/provinces.ts';
import { OPTIONAL_FIELD_NAMES } from '#core/records/fields.ts';
import {
  detectFormat,
  looksLikeWorkbook,
  type ParsedSubmission,
  parseSubmission,
  type SubmissionFormat,
  SubmissionFormatError,
} from '#core/records/parse.ts';
import { validateRows } from '#core/records/validate.ts';
import { registry } from '#core/registry/registry.ts';
import type { Archive } from '#functions/archive/archive.ts';
import {
  DomainError,
  InvalidInputError,
  NotPermittedError,
  SubmissionInterruptedError,
  TooLargeError,
  UnavailableError,
} from '#functions/services/errors.ts';
import { checkObservations, writeObservations } from '#functions/services/observations.ts';
import type { RecomputeRequester } from '#functions/services/recompute-requests.ts';
import { reviseWithRetry } from '#functions/services/revise.ts';
import { recordDigest } from '#functions/store/digest.ts';
import {
  ProvinceBusyError,
  type Receipt,
  type ReceiptRow,
  type Store,
  type StoredRecord,
  type StoredRejection,
  type TokenScope,
} from '#functions/store/store.ts';

/**
 * One submission, from raw body to receipt. Holding the province's lease (one
 * writer at a time), archive the body before anything else, so that nothing
 * is ever lost; parse and validate; write each row as created, revised (the
 * old revision kept) or unchanged; store the receipt; recompute what changed.
 */

/** API Gateway's payload limit less headroom: larger bodies get 413. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** A year of the largest province (a day for each of its 168 units) fits; larger files should be split by month. */
export const MAX_ROWS = 62_000;

export interface IngestDeps {
  store: Store;
  archive: Archive;
  /** recomputes the province's snapshots for the changed days, or asks for it; called inside the lease */
  recompute: RecomputeRequester;
  /** runs once the published rankings of a submission of the portal's figures are rebuilt (clears the read cache) */
  published?: ((province: string) => void | Promise<void>) | undefined;
  now?: () => Date;
}

export interface IngestRequest {
  body: Buffer;
  /** content type or file name, to tell CSV from JSON */
  formatHint?: string | undefined;
  scope: TokenScope;
}

/** A sortable, unguessable submission id: the arrival time, then randomness. */
export function newSubmissionId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(6).toString('hex')}`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A workbook's content type, or a file name ending .xlsx (or the .xls Excel also saves). */
const isWorkbookHint = (hint: string | undefined) => /spreadsheetml|ms-excel|\.xlsx?$/i.test(hint ?? '');

export async function ingestSubmission(deps: IngestDeps, request: IngestRequest): Promise<Receipt> {
  const now = (deps.now ?? (() => new Date()))();
  const { body, scope } = request;
  if (body.length > MAX_BODY_BYTES) {
    throw new TooLargeError(
      `the body is ${body.length} bytes; the limit is ${MAX_BODY_BYTES} bytes (6 MB): split the file by month`,
    );
  }
  // a workbook is a zip archive: told by its first bytes, whatever it was sent as
  const workbook = looksLikeWorkbook(body) || isWorkbookHint(request.formatHint);
  let text = '';
  if (!workbook) {
    try {
      text = utf8.decode(body);
    } catch (error) {
      throw new InvalidInputError(
        'the body is not UTF-8 text, nor an Excel workbook (.xlsx); save the CSV as "CSV UTF-8"',
        {},
        { cause: error },
      );
    }
  }
  const portal = workbook ? undefined : sniffPortal(text);
  const format = workbook ? 'xlsx' : detectFormat(text, request.formatHint);
  const id = newSubmissionId(now);
  let archived = false;
  try {
    // the lease first: a busy province answers "busy" with nothing of the submission kept anywhere
    return await deps.store.withProvinceLease(scope.province, async () => {
      let archive: string;
      try {
        archive = await deps.archive.put(
          id,
          scope.province,
          body,
          portal === 'observations' ? 'jsonl' : format,
        );
      } catch (error) {
        throw new UnavailableError(
          'the submission could not be archived, so nothing of it was written; send it again in a moment',
          error,
        );
      }
      // from here on the body is safe in the archive: a fault names the submission, for a resend or a replay
      archived = true;
      const submission = { id, text, body, archive, scope, now };
      return portal ? ingestPortalFigures(deps, submission) : ingestRecords(deps, { ...submission, format });
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (archived) throw new SubmissionInterruptedError(id, error);
    if (error instanceof ProvinceBusyError) {
      throw new UnavailableError(
        `province ${scope.province} is busy with another submission; nothing of this one was kept: send it again in a moment`,
        error,
      );
    }
    throw error;
  }
}

interface ArchivedSubmission {
  id: string;
  /** the body as text; empty for a workbook */
  text: string;
  body: Buffer;
  archive: string;
  scope: TokenScope;
  now: Date;
}

/**
 * Daily records, archived, under the province's lease: each row created,
 * revised (the old revision kept) or unchanged. The days written are marked
 * pending before the first record is, and sealed ready for a recompute once
 * all are: a writer that dies in between leaves them marked, and the next
 * writer of the province ranks them again.
 */
async function ingestRecords(
  deps: IngestDeps,
  input: ArchivedSubmission & { format: SubmissionFormat },
): Promise<Receipt> {
  const { id, scope, now, format } = input;
  const { store } = deps;
  const province = scope.province;
  let parsed: ParsedSubmission;
  try {
    parsed =
      format === 'xlsx'
        ? // the workbook reader is loaded on this path only
          await (await import('#core/records/parse-xlsx.ts')).parseWorkbook(input.body)
        : parseSubmission(input.text, format);
  } catch (error) {
    if (error instanceof SubmissionFormatError) {
      throw new InvalidInputError(
        error.message,
        { position: error.position, submission: id },
        { cause: error },
      );
    }
    throw error;
  }
  if (parsed.rows.length > MAX_ROWS) {
    throw new TooLargeError(
      `the body holds ${parsed.rows.length} rows; the limit is ${MAX_ROWS} (a year of a province): split the file by month`,
      { submission: id },
    );
  }
  const { accepted, rejected, leftOut } = validateRows(parsed.rows, {
    registry,
    province,
    today: todayInVietnam(now),
    allowedUnits: scope.units ? new Set(scope.units) : undefined,
  });

  const otherProvince = rejected.filter((r) => r.reasons.some((x) => x.rule === 'other-province'));
  if (!accepted.length && otherProvince.length && otherProvince.length === rejected.length) {
    const theirs = registry.unit(otherProvince[0]?.unitCode ?? '')?.provinceCode;
    throw new NotPermittedError(
      `this token writes province ${province}; every row of this submission is for another province (${theirs})`,
      { submission: id },
    );
  }

  const meta = await store.meta(province);
  const rows: ReceiptRow[] = rejected.map((r) => ({
    row: r.row,
    unitCode: r.unitCode,
    date: r.date,
    outcome: 'rejected',
    reasons: r.reasons,
  }));
  const current = await store.currentRecords(
    province,
    accepted.map((a) => a.record),
  );
  const created: [StoredRecord, ReceiptRow][] = [];
  const revisions: [StoredRecord, StoredRecord, ReceiptRow][] = [];
  const receivedAt = now.toISOString();
  for (const { row, record } of accepted) {
    const digest = recordDigest(record);
    const existing = current.get(`${record.unitCode}#${record.date}`);
    const base = { row, unitCode: record.unitCode, date: record.date };
    if (!existing) {
      const receiptRow: ReceiptRow = { ...base, outcome: 'created', revision: 1 };
      created.push([{ record, revision: 1, digest, submissionId: id, receivedAt }, receiptRow]);
      rows.push(receiptRow);
    } else if (existing.digest === digest) {
      rows.push({ ...base, outcome: 'unchanged', revision: existing.revision });
    } else {
      const next = { record, revision: existing.revision + 1, digest, submissionId: id, receivedAt };
      const receiptRow: ReceiptRow = { ...base, outcome: 'revised', revision: next.revision };
      revisions.push([existing, next, receiptRow]);
      rows.push(receiptRow);
    }
  }
  const changedDays = [
    ...new Set([...created.map(([c]) => c), ...revisions.map(([, next]) => next)].map((r) => r.record.date)),
  ];
  // every day the submission holds, changed or not: a resend after a fault moves the latest day too
  const newest = accepted.reduce((d, a) => laterDay(d, a.record.date), '');
  // the province's latest day jumps ahead: the days skipped get their "as of" rankings
  // too (everyone's missing days), as they would had the days come in one submission
  const skipped = meta.latestDay ? addDays(meta.latestDay, 1) : undefined;
  const toRank = skipped && newest && skipped < newest ? [...changedDays, skipped] : changedDays;
  // marked before the first write: if this writer dies, the next one ranks these days
  await store.markPending(province, toRank);

  // a create is conditional: a day another writer created first is revised on top of theirs instead
  const refused = await store.createRecords(
    province,
    created.map(([c]) => c),
  );
  if (refused.length) {
    const rowOf = new Map(
      created.map(([c, r]) => [`${c.record.unitCode}#${c.record.date}`, [c, r] as const]),
    );
    for (const theirs of refused) {
      const [mine, receiptRow] = rowOf.get(`${theirs.record.unitCode}#${theirs.record.date}`) ?? [];
      if (!mine || !receiptRow) continue;
      if (theirs.digest === mine.digest) {
        receiptRow.outcome = 'unchanged';
        receiptRow.revision = theirs.revision;
      } else {
        receiptRow.outcome = 'revised';
        revisions.push([theirs, { ...mine, revision: theirs.revision + 1 }, receiptRow]);
      }
    }
  }
  for (const [previous, next, receiptRow] of revisions) {
    const { unitCode, date } = next.record;
    await reviseWithRetry(
      previous,
      next,
      receiptRow,
      {
        write: (base, candidate) => store.reviseRecord(province, base, candidate),
        latest: async () => (await store.currentRecords(province, [next.record])).get(`${unitCode}#${date}`),
      },
      `the record of ${unitCode} on ${date}`,
    );
  }
  const known: StoredRejection[] = rejected.flatMap((r) =>
    r.unitCode &&
    r.date &&
    registry.unit(r.unitCode)?.provinceCode === province &&
    /^\d{4}-\d{2}-\d{2}$/.test(r.date)
      ? [
          {
            unitCode: r.unitCode,
            date: r.date,
            submissionId: id,
            row: r.row,
            rules: r.reasons.map((x) => x.rule),
          },
        ]
      : [],
  );
  await store.putRejections(province, known);

  rows.sort((a, b) => a.row - b.row);
  const count = (outcome: ReceiptRow['outcome']) => rows.filter((r) => r.outcome === outcome).length;
  const receipt: Receipt = {
    id,
    province,
    receivedAt,
    format,
    archive: input.archive,
    counts: {
      rows: rows.length,
      created: count('created'),
      revised: count('revised'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
    },
    warnings: [...parsed.warnings, ...leftOutWarning(leftOut)],
    rows,
  };
  await store.putReceipt(receipt);

  await store.noteIngest(province, { at: receivedAt, submissionId: id, latestDay: newest || undefined });
  // every day marked pending, by this writer or one that died before it finished, is written now
  const ready = await store.sealPending(province);
  const days = new Set([...toRank, ...ready]);
  if (days.size) await deps.recompute(province, [...days].sort(), id);
  return receipt;
}

/** Rows that carry none of the fields contract version 2 added are valid; the sender hears what they count as. */
function leftOutWarning(leftOut: Partial<Record<string, number>>): string[] {
  const fields = OPTIONAL_FIELD_NAMES.filter((f) => leftOut[f]);
  if (!fields.length) return [];
  const rows = Math.max(...fields.map((f) => leftOut[f] ?? 0));
  return [
    `${rows} rows leave out fields of contract version 2 (${fields.join(', ')}): they count as 0, and the qd766-2026 indicators that read them score from 0`,
  ];
}

/**
 * The portal's published figures (a bundle of raw answers, or an observation
 * file), archived, under the province's lease: read whole or refused, checked,
 * then written and ranked. Nothing of a faulty submission is stored.
 */
async function ingestPortalFigures(deps: IngestDeps, input: ArchivedSubmission): Promise<Receipt> {
  const { id, scope } = input;
  let submission: ReturnType<typeof readPortalSubmission>;
  try {
    submission = readPortalSubmission(input.text);
  } catch (error) {
    if (
      error instanceof ObservationFormatError ||
      error instanceof PortalAnswerError ||
      error instanceof UnknownPortalProvinceError
    ) {
      throw new InvalidInputError(
        `${error.message}; nothing of it was stored`,
        { submission: id },
        { cause: error },
      );
    }
    throw error;
  }
  if (!submission) throw new InvalidInputError("the body is not the portal's figures", { submission: id });
  const m = methodologyById();
  checkObservations(submission.observations, scope, m, id);
  const { observations, format } = submission;
  const receivedAt = input.now.toISOString();
  const written = await writeObservations(deps.store, scope.province, { id, receivedAt, observations }, m);
  const count = (outcome: ReceiptRow['outcome']) => written.rows.filter((r) => r.outcome === outcome).length;
  const unsettled = written.observations.reduce((n, o) => n + o.unsettled.length, 0);
  const receipt: Receipt = {
    id,
    province: scope.province,
    receivedAt,
    format,
    archive: input.archive,
    counts: {
      rows: written.rows.length,
      created: count('created'),
      revised: count('revised'),
      unchanged: count('unchanged'),
      rejected: 0,
    },
    warnings: unsettled
      ? [
          `${unsettled} of the portal's communes and wards are not matched to an official unit: see "observations"`,
        ]
      : [],
    rows: written.rows,
    observations: written.observations,
  };
  await deps.store.putReceipt(receipt);
  await deps.store.noteIngest(scope.province, { at: receivedAt, submissionId: id });
  await deps.published?.(scope.province);
  return receipt;
}
