import { daysInRange, laterDay, todayInVietnam } from '#core/periods/calendar.ts';
import { currentInvocation } from '#functions/commons/logger.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * Metrics in CloudWatch's embedded metric format (EMF): one JSON line on
 * stdout per measurement, which CloudWatch Logs turns into metrics without an
 * API call or a client in the bundle. Written in Lambda only (or with
 * METRICS=emf), so that the local platform's output stays readable.
 * docs/operations.md lists them and their alarms.
 */
export const METRICS_NAMESPACE = 'ServiceIndex';

export type MetricUnit = 'Count' | 'Milliseconds' | 'None';

const enabled = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME) || process.env.METRICS === 'emf';

/** Writes `values` as metrics of the province (dimension Province), with their units. */
export function emitProvinceMetrics(
  province: string,
  values: Record<string, { value: number; unit: MetricUnit }>,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  if (!enabled()) return;
  const names = Object.keys(values);
  if (!names.length) return;
  const request = currentInvocation()?.function_request_id;
  write(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['Province']],
            Metrics: names.map((Name) => ({ Name, Unit: values[Name]?.unit ?? 'None' })),
          },
        ],
      },
      Province: province,
      ...Object.fromEntries(names.map((n) => [n, values[n]?.value])),
      ...(request ? { function_request_id: request } : {}),
    }),
  );
}

/** What an ingestion's receipt counts, as metrics: the rows it created, revised, left unchanged and rejected. */
export function emitIngestMetrics(
  province: string,
  counts: { created: number; revised: number; unchanged: number; rejected: number },
): void {
  emitProvinceMetrics(province, {
    RowsCreated: { value: counts.created, unit: 'Count' },
    RowsRevised: { value: counts.revised, unit: 'Count' },
    RowsUnchanged: { value: counts.unchanged, unit: 'Count' },
    RowsRejected: { value: counts.rejected, unit: 'Count' },
  });
}

/**
 * How old the province's newest data is, in days, as of today in Vietnam: its
 * latest day of records or of the portal's figures, whichever is later. A
 * province fed every morning reads 1 (yesterday); nothing at all reads as
 * very old. The freshness alarms watch it.
 */
export function dataAgeDays(
  latest: { records?: string | undefined; portal?: string | undefined },
  today = todayInVietnam(),
): number {
  const newest = laterDay(latest.records ?? '', latest.portal ?? '');
  return newest ? daysInRange(newest, today) - 1 : 9999;
}

/** Writes the province's data age (DataAgeDays): after every ingestion, pull and recompute. */
export async function emitFreshness(
  store: Pick<Store, 'meta' | 'portalMeta'>,
  province: string,
): Promise<void> {
  if (!enabled()) return;
  const [meta, portal] = await Promise.all([store.meta(province), store.portalMeta(province)]);
  emitProvinceMetrics(province, {
    DataAgeDays: { value: dataAgeDays({ records: meta.latestDay, portal: portal.latestDay }), unit: 'None' },
  });
}
