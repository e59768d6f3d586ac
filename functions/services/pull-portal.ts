import { addDays, type Day, todayInVietnam } from '#core/periods/calendar.ts';
import { type Period, standardPeriodsContaining } from '#core/periods/period.ts';
import { NationalAnswerError, type NationalObservation, readNationalAnswer } from '#core/portal/national.ts';
import { portalPeriodOf } from '#core/portal/observation.ts';
import { portalProvince } from '#core/portal/provinces.ts';
import type { Archive } from '#functions/archive/archive.ts';
import type { PortalClient } from '#functions/portal/client.ts';
import { newSubmissionId } from '#functions/services/ingest.ts';
import { type SubmitDeps, submitBody } from '#functions/services/submit-file.ts';
import type { Receipt, Store } from '#functions/store/store.ts';

/**
 * The daily pull from the national portal: for a province, the year, quarter
 * and month that hold yesterday (its figures run to about the day before),
 * fetched one request at a time into one bundle, and ingested like any
 * submission: archived whole before it is read, then stored and ranked, or
 * refused whole.
 */

/** The periods a pull on `today` fetches: the year, quarter and month of yesterday. */
export function periodsToPull(today: Day = todayInVietnam()): Period[] {
  return standardPeriodsContaining(addDays(today, -1)).filter((p) => p.kind !== 'half');
}

export async function pullPortal(
  deps: SubmitDeps,
  client: PortalClient,
  province: string,
  periods: readonly Period[],
  fetchedBy: string,
): Promise<Receipt> {
  const bundle = await client.fetchBundle(portalProvince(province), periods.map(portalPeriodOf), fetchedBy);
  const body = Buffer.from(JSON.stringify(bundle));
  return submitBody(
    deps,
    province,
    body,
    'application/json',
    `portal pull ${periods.map((p) => p.key).join(' ')}`,
  );
}

/**
 * The portal's national list of the 34 provinces for the year of yesterday,
 * observed today: archived as answered, then kept (the same day again
 * replaces it). A list that cannot be read is refused whole.
 */
export async function pullNational(
  deps: { store: Store; archive: Archive },
  client: PortalClient,
  today: Day = todayInVietnam(),
): Promise<NationalObservation> {
  const year = standardPeriodsContaining(addDays(today, -1)).find((p) => p.kind === 'year') as Period;
  const raw = await client.fetchNational(portalPeriodOf(year));
  await deps.archive.put(newSubmissionId(new Date()), 'national', Buffer.from(JSON.stringify(raw)), 'json');
  let body: unknown;
  try {
    body = JSON.parse(raw.body);
  } catch {
    throw new NationalAnswerError(`the national list's answer (HTTP ${raw.status}) is not JSON`);
  }
  const observation = readNationalAnswer(body, raw.request, today);
  await deps.store.putNational(observation);
  return observation;
}
