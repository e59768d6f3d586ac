import { type Briefing, buildBriefing, type RankingAt, renderBriefing } from '#core/briefing/briefing.ts';
import { methodology as methodologyById } from '#core/methodology/catalog.ts';
import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { type Period, periodContaining } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import type { RankingAnswer } from '#functions/api/answers.ts';
import { UnavailableError } from '#functions/services/errors.ts';
import { nationalStanding } from '#functions/services/national.ts';
import { defaultPortalPeriod, ranking, sourcesOf } from '#functions/services/read.ts';
import type { Store } from '#functions/store/store.ts';

/**
 * A province's morning briefing, read from its rankings: as of its latest day
 * with data (or a day asked for) and the two days before it. From daily
 * records, the month of that day; from the portal's figures, the latest
 * period observed, observation by observation.
 */
export interface BriefingMessage {
  briefing: Briefing;
  /** the message in each language */
  text: { vi: string; en: string };
}

/** Briefings are of fresh data: a day older than this many days (a backfill) is not announced. */
export const FRESH_DAYS = 3;

const rankingAt = (answer: RankingAnswer, day: string): RankingAt => ({
  day: answer.asOf ?? day,
  units: answer.units,
  unranked: answer.unranked,
});

export async function briefingFor(
  store: Store,
  province: string,
  day?: string,
): Promise<BriefingMessage | undefined> {
  const facts = registry.requireProvince(province);
  const source = (await sourcesOf(store, province))[0] ?? 'records';
  const latest =
    source === 'portal'
      ? (await store.portalMeta(province)).latestDay
      : (await store.meta(province)).latestDay;
  const asOf = day ?? latest;
  if (!asOf) return undefined;
  let period: Period | undefined;
  if (source === 'portal') period = await defaultPortalPeriod(store, province);
  else period = periodContaining('month', asOf);
  if (!period) return undefined;
  const read = (at: string) => ranking(store, { province, period, asOf: at, source });
  const first = await read(asOf);
  if (!first.units.length) return undefined;
  // on AWS the rankings are read eventually consistently: the latest day's may not be readable the
  // moment it is announced. Built from the day before, the briefing would claim the wrong day and
  // the right one would never be told: refused instead, so that the queue tries again.
  if (!day && source === 'records' && first.asOf !== asOf) {
    throw new UnavailableError(`the ranking of province ${province} as of ${asOf} is not readable yet`);
  }
  // the day (or observation) before each: in the same period only, where the day-to-day changes are counted
  const before = (answer: RankingAnswer, at: string): string | undefined => {
    const d = source === 'portal' ? (answer.previousObservedOn ?? undefined) : addDays(at, -1);
    return d && d >= (period as Period).from ? d : undefined;
  };
  const d1 = before(first, asOf);
  const second = d1 ? await read(d1) : undefined;
  const d2 = second && d1 ? before(second, d1) : undefined;
  const third = d2 ? await read(d2) : undefined;
  const m = methodologyById(first.methodology);
  const briefing = buildBriefing({
    province: facts,
    source,
    periodKey: first.period.key,
    methodology: m,
    national: await nationalStanding(store, province),
    rankings: [
      rankingAt(first, asOf),
      second && d1 ? rankingAt(second, d1) : undefined,
      third && d2 ? rankingAt(third, d2) : undefined,
    ],
  });
  return {
    briefing,
    text: { vi: renderBriefing(briefing, m.bands, 'vi'), en: renderBriefing(briefing, m.bands, 'en') },
  };
}

/** Whether a day's data is fresh enough to announce: the morning after, not a backfill of last spring. */
export const isFresh = (day: string, now = new Date()) => day >= addDays(todayInVietnam(now), -FRESH_DAYS);
