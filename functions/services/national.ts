import { addDays } from '#core/periods/calendar.ts';
import { rankProvinces } from '#core/portal/national.ts';
import { registry } from '#core/registry/registry.ts';
import { round2 } from '#core/scoring/round.ts';
import type { RankingSource } from '#functions/api/answers.ts';
import { NotFoundError } from '#functions/services/errors.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * The country at a glance: the portal's national list of the 34 provinces,
 * kept per period and observation day, ranked, with each province's change
 * since the observation before, and whether the platform holds its own
 * ranking.
 */

export interface NationalRow {
  province: string;
  name: string;
  fullName: string;
  nameEn: string;
  portalCode: string;
  rank: number;
  total: number;
  groups: Record<string, number>;
  /** points since the observation before, null without one */
  totalChange: number | null;
  /** places gained since the observation before (positive = up) */
  rankChange: number | null;
  /** the sources of the platform's own ranking of the province; empty: it holds none */
  sources: RankingSource[];
}

export interface NationalAnswer {
  period: string;
  periods: string[];
  observedOn: string;
  previousObservedOn: string | null;
  countryTotal: number | null;
  defaultProvince: string;
  provinces: NationalRow[];
}

/** The default period: the latest year observed, else the latest period. */
function defaultPeriod(periods: readonly string[]): string | undefined {
  return [...periods].filter((p) => /^\d{4}$/.test(p)).at(-1) ?? periods.at(-1);
}

export async function nationalAnswer(
  store: Store,
  q: { period?: string | undefined; asOf?: string | undefined; defaultProvince: string },
): Promise<NationalAnswer> {
  const periods = await store.nationalPeriods();
  const period = q.period ?? defaultPeriod(periods);
  if (!period) throw new NotFoundError('the national list has not been observed yet: run the portal pull');
  if (!periods.includes(period))
    throw new NotFoundError(
      `the national list of ${period} has not been observed; observed: ${periods.join(', ') || 'none'}`,
    );
  const now = await store.national(period, q.asOf);
  if (!now) throw new NotFoundError(`the national list of ${period} was not observed on or before ${q.asOf}`);
  const before = await store.national(period, addDays(now.observedOn, -1));
  const previous = new Map(before ? rankProvinces(before.provinces).map((p) => [p.province, p]) : []);
  const facts = await store.provinceFacts(now.provinces.map((p) => p.province));
  return {
    period,
    periods,
    observedOn: now.observedOn,
    previousObservedOn: before?.observedOn ?? null,
    countryTotal: now.countryTotal,
    defaultProvince: q.defaultProvince,
    provinces: rankProvinces(now.provinces).map((p) => {
      const official = registry.requireProvince(p.province);
      const was = previous.get(p.province);
      const f = facts.get(p.province);
      const portal = Boolean(f?.portal.periods.length);
      const records = Boolean(f?.latestDay);
      return {
        province: p.province,
        name: official.name,
        fullName: official.fullName,
        nameEn: official.nameEn,
        portalCode: p.portalCode,
        rank: p.rank,
        total: p.total,
        groups: p.groups,
        totalChange: was ? round2(p.total - was.total) : null,
        rankChange: was ? was.rank - p.rank : null,
        sources: [...(portal ? (['portal'] as const) : []), ...(records ? (['records'] as const) : [])],
      };
    }),
  };
}

/** A province among the 34 in the latest national list, for the morning briefing. */
export async function nationalStanding(store: Store, province: string) {
  const period = defaultPeriod(await store.nationalPeriods());
  const latest = period ? await store.national(period) : undefined;
  if (!latest) return undefined;
  const ranked = rankProvinces(latest.provinces);
  const own = ranked.find((p) => p.province === province);
  return own
    ? { rank: own.rank, of: ranked.length, total: own.total, observedOn: latest.observedOn }
    : undefined;
}
