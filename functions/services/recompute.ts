import { methodology as methodologyById } from '#core/methodology/catalog.ts';
import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import { eachMonth, monthEnd } from '#core/periods/calendar.ts';
import { type DailyRecord, FIRST_DAY } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { aggregatePeriod } from '#core/scoring/aggregate.ts';
import { sweepSnapshots } from '#core/snapshots/snapshot.ts';
import type { Store } from '#functions/store/store.ts';

/** Runs `work` over items, `limit` at a time. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const k = next++;
        results[k] = await work(items[k] as T);
      }
    }),
  );
  return results;
}

export interface RecomputeResult {
  snapshots: number;
  months: number;
  records: number;
}

/**
 * After days of a province changed: rebuild the month roll-ups of those days,
 * then every ranking snapshot whose period-to-date contains one of them. The
 * days asked for are joined by every day the province's state holds ready
 * (written by an ingest whose recompute has not finished yet, or never ran),
 * and those are cleared once their snapshots are written, unless more days
 * became ready meanwhile (their own recompute clears them).
 */
export async function recomputeProvince(
  store: Store,
  province: string,
  changedDays: readonly string[],
  methodology: MethodologyDefinition = methodologyById(),
): Promise<RecomputeResult> {
  const meta = await store.meta(province);
  const latestDay = meta.latestDay;
  const ready = meta.readyDays ?? [];
  const changed = [...new Set([...changedDays, ...ready])].filter((d) => d >= FIRST_DAY).sort();
  const earliest = changed[0];
  if (!latestDay || !earliest) return { snapshots: 0, months: 0, records: 0 };
  const firstMonth = FIRST_DAY.slice(0, 7);
  const latestMonth = latestDay.slice(0, 7);
  const sweepMonths = eachMonth(earliest.slice(0, 7), latestMonth);
  const recordsByMonth = await inParallel(sweepMonths, 4, (m) => store.monthRecords(province, m));
  const records: DailyRecord[] = recordsByMonth.flat();

  const changedMonths = new Set(changed.map((d) => d.slice(0, 7)));
  for (const [k, month] of sweepMonths.entries()) {
    if (!changedMonths.has(month)) continue;
    const aggregates = aggregatePeriod(recordsByMonth[k] ?? [], `${month}-01`, monthEnd(month));
    await store.putRollups(province, month, [...aggregates.values()]);
  }
  const rollups = await store.rollups(province, firstMonth, latestMonth);
  // no ranking is kept for the days before the province's first data: a recompute from the
  // first day (a new methodology, a writer's days recovered) writes what its first ingest did
  const firstData = [...rollups]
    .filter(([, list]) => list.length)
    .map(([m]) => m)
    .sort()[0];
  const ranked = firstData ? changed.filter((d) => d >= `${firstData}-01`) : [];
  if (!ranked.length) {
    if (ready.length && meta.readyToken) await store.clearReady(province, ready, meta.readyToken);
    return { snapshots: 0, months: changedMonths.size, records: records.length };
  }
  const rejections = (
    await inParallel(eachMonth(firstMonth, latestMonth), 4, (m) => store.monthRejections(province, m))
  ).flat();

  const documents = sweepSnapshots({
    registry,
    province,
    methodology,
    changedDays: ranked,
    latestDay,
    rollups,
    records,
    rejectedRows: rejections,
  });
  await store.putSnapshots(documents);
  await store.noteRecompute(province, new Date().toISOString());
  if (ready.length && meta.readyToken) await store.clearReady(province, ready, meta.readyToken);
  return { snapshots: documents.length, months: changedMonths.size, records: records.length };
}
