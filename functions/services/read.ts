import { methodology as methodologyById } from '#core/methodology/catalog.ts';
import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import {
  addDays,
  type Day,
  daysInRange,
  eachMonth,
  earlierDay,
  laterDay,
  monthEnd,
} from '#core/periods/calendar.ts';
import { customPeriod, type Period, parsePeriod, previousPeriod } from '#core/periods/period.ts';
import { metricOf } from '#core/portal/observation.ts';
import { FIRST_DAY } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { aggregatePeriod, mergeAggregates, type UnitAggregate } from '#core/scoring/aggregate.ts';
import { scoreObservation } from '#core/scoring/observed.ts';
import { rankAggregates } from '#core/scoring/ranking.ts';
import { round2 } from '#core/scoring/round.ts';
import { scoreUnit } from '#core/scoring/score.ts';
import { coveredDays, type PublishedDocument, type PublishedEntry } from '#core/snapshots/published.ts';
import type { RankPoint, SnapshotDocument } from '#core/snapshots/snapshot.ts';
import { summarise } from '#core/snapshots/summary.ts';
import type {
  HistoryPoint,
  RankingAnswer,
  RankingSource,
  RankingUnit,
  SummaryAnswer,
  TrendAnswer,
  UnitHistory,
} from '#functions/api/answers.ts';
import { NotFoundError } from '#functions/services/errors.ts';
import { inParallel } from '#functions/services/recompute.ts';
import type { DayRanks, Store } from '#functions/store/store.ts';

export type { HistoryPoint, RankingAnswer, RankingUnit, SummaryAnswer, TrendAnswer, UnitHistory };

/**
 * The read side: rankings, histories, comparisons and summaries. Standard
 * periods and the running period come from one precomputed snapshot; custom
 * ranges are aggregated from month roll-ups and the days at their edges.
 */

export interface ReadQuery {
  province: string;
  period: Period;
  asOf?: Day | undefined;
  methodology?: string | undefined;
  /** records (computed from daily records) or portal (published); default: the province's own, see defaultSource */
  source?: RankingSource | undefined;
  /** the units ranked: the communes and wards (the default), or the province's departments (the portal's figures only) */
  kind?: UnitKind | undefined;
}

export type UnitKind = 'communes' | 'agencies';

/**
 * The province's departments as the ranking: ranked among themselves (as the
 * published document ranks them), summarised over themselves. Departments are
 * scored by the portal only; from daily records there are none.
 */
function departments(answer: RankingAnswer, m: MethodologyDefinition): RankingAnswer {
  const agencies = answer.agencies ?? [];
  const { agencies: _a, unsettled: _u, reconciliation: _r, ...rest } = answer;
  type Reconciliation = NonNullable<RankingAnswer['units'][number]['published']>['reconciliation'];
  const differs = (test: (r: Reconciliation) => boolean) =>
    agencies.filter((u) => u.published && test(u.published.reconciliation)).length;
  const beyond = (x: number | null) => x !== null && Math.abs(x) > 0.01 + 1e-9;
  return {
    ...rest,
    units: agencies,
    unranked: [],
    summary: summarise(
      m,
      agencies.map((u) => ({
        unitCode: u.unitCode,
        total: u.total,
        band: u.band,
        daysWithData: u.daysWithData,
      })),
      [],
      agencies[0]?.daysWithData ?? 0,
      new Map(),
    ),
    ...(answer.source === 'portal'
      ? {
          reconciliation: {
            differing: differs((r) => r.differs),
            totalDiffers: differs((r) => beyond(r.totalDifference)),
            pagesDiffer: differs((r) => beyond(r.pagesDifference)),
            groupsDiffer: differs((r) => r.groups.length > 0),
          },
        }
      : {}),
  };
}

/** A province's rankings come from the portal once it has been observed there, else from its daily records. */
export async function sourcesOf(store: Store, province: string): Promise<RankingSource[]> {
  const meta = await store.portalMeta(province);
  return meta.periods.length ? ['portal', 'records'] : ['records'];
}

async function sourceOf(store: Store, q: { province: string; source?: RankingSource | undefined }) {
  return q.source ?? (await sourcesOf(store, q.province))[0] ?? 'records';
}

const isStandard = (p: Period) => p.kind !== 'custom';

function change(previous: RankPoint | null, rank: number): number | null {
  return previous ? previous.rank - rank : null;
}

/** The units of these codes, listed without a score: no data in the period. */
function unrankedUnits(codes: readonly string[]): RankingAnswer['unranked'] {
  return codes.map((code) => {
    const unit = registry.unit(code);
    return { unitCode: code, name: unit?.fullName ?? code, type: unit?.type ?? 'commune', reason: 'no data' };
  });
}

/** Renders a snapshot as the API answers it: every unit explained by the scoring core. */
export function renderSnapshot(doc: SnapshotDocument, m: MethodologyDefinition): RankingAnswer {
  const units: RankingUnit[] = doc.units.map((u) => {
    const unit = registry.unit(u.aggregate.unitCode);
    const { unitCode, total, band, ...scored } = scoreUnit(m, u.aggregate);
    return {
      unitCode,
      name: unit?.fullName ?? unitCode,
      type: unit?.type ?? 'commune',
      rank: u.rank,
      total,
      band,
      ...scored,
      previousDay: u.previousDay,
      previousPeriod: u.previousPeriod,
      rankChangeDay: change(u.previousDay, u.rank),
      rankChangePeriod: change(u.previousPeriod, u.rank),
    };
  });
  return {
    province: doc.province,
    source: 'records',
    period: { ...doc.period, days: daysInRange(doc.period.from, doc.period.to) },
    asOf: doc.asOf,
    methodology: doc.methodology,
    units,
    unranked: unrankedUnits(doc.unranked),
    summary: doc.summary,
  };
}

/** Aggregates [from, to] from month roll-ups for whole months and daily records for the partial ones. */
async function aggregateRange(
  store: Store,
  province: string,
  from: Day,
  to: Day,
): Promise<Map<string, UnitAggregate>> {
  const months = eachMonth(from.slice(0, 7), to.slice(0, 7));
  const whole = months.filter((m) => `${m}-01` >= from && monthEnd(m) <= to);
  const partial = months.filter((m) => !whole.includes(m));
  const result = new Map<string, UnitAggregate>();
  const add = (a: UnitAggregate) => {
    const had = result.get(a.unitCode);
    result.set(a.unitCode, had ? mergeAggregates(had, a) : a);
  };
  if (whole.length) {
    const rollups = await store.rollups(province, whole[0] as string, whole.at(-1) as string);
    for (const m of whole) for (const a of rollups.get(m) ?? []) add(a);
  }
  const dailies = await inParallel(partial, 4, (m) => store.monthRecords(province, m));
  for (const a of aggregatePeriod(dailies.flat(), from, to).values()) add(a);
  return result;
}

function pointsOf(
  m: MethodologyDefinition,
  province: string,
  period: Period,
  aggregates: Map<string, UnitAggregate>,
) {
  const ranking = rankAggregates({ registry, province, period, methodology: m }, aggregates);
  return new Map(ranking.units.map((u) => [u.unitCode, { rank: u.rank, total: u.total }]));
}

/** A custom range, computed on request. */
async function customRanking(store: Store, q: ReadQuery, m: MethodologyDefinition): Promise<RankingAnswer> {
  const latest = (await store.meta(q.province)).latestDay;
  const end = [q.asOf, latest].reduce<Day>((a, b) => (b ? earlierDay(a, b) : a), q.period.to);
  const from = laterDay(q.period.from, FIRST_DAY);
  const to = laterDay(end, from);
  const period = customPeriod(q.period.from, to);
  const aggregates = to >= from ? await aggregateRange(store, q.province, from, to) : new Map();
  const ranking = rankAggregates({ registry, province: q.province, period, methodology: m }, aggregates);
  const dayBefore = addDays(to, -1);
  const previousDay =
    dayBefore >= from
      ? pointsOf(m, q.province, period, await aggregateRange(store, q.province, from, dayBefore))
      : new Map();
  const prev = previousPeriod(q.period);
  const previousRange =
    prev && prev.to >= FIRST_DAY
      ? pointsOf(
          m,
          q.province,
          prev,
          await aggregateRange(store, q.province, laterDay(prev.from, FIRST_DAY), prev.to),
        )
      : new Map<string, RankPoint>();
  const units = ranking.units.map((u) => {
    const pd = previousDay.get(u.unitCode) ?? null;
    const pp = previousRange.get(u.unitCode) ?? null;
    return {
      ...u,
      previousDay: pd,
      previousPeriod: pp,
      rankChangeDay: change(pd, u.rank),
      rankChangePeriod: change(pp, u.rank),
    };
  });
  return {
    province: q.province,
    source: 'records',
    period: ranking.period,
    asOf: to,
    methodology: m.id,
    units,
    unranked: ranking.unranked,
    summary: summarise(
      m,
      ranking.units,
      ranking.unranked.map((u) => u.unitCode),
      daysInRange(from, to),
      new Map(),
    ),
  };
}

function emptyRanking(q: ReadQuery, m: MethodologyDefinition, source: RankingSource): RankingAnswer {
  const units = registry.unitsOf(q.province);
  return {
    province: q.province,
    source,
    period: { ...q.period, days: daysInRange(q.period.from, q.period.to) },
    asOf: null,
    methodology: m.id,
    units: [],
    unranked: units.map((u) => ({
      unitCode: u.code,
      name: u.fullName,
      type: u.type,
      reason: 'no data' as const,
    })),
    summary: summarise(
      m,
      [],
      units.map((u) => u.code),
      0,
      new Map(),
    ),
  };
}

const change2 = (now: number | null, before: RankPoint | null) =>
  now === null || !before ? null : round2(now - before.total);

/** A published entry as a ranked unit: the portal's total and rank first, the explanation computed from its inputs. */
function publishedUnit(doc: PublishedDocument, e: PublishedEntry, m: MethodologyDefinition): RankingUnit {
  const s = scoreObservation(m, e.unit);
  for (const [code, indicator] of Object.entries(s.indicators)) {
    const d = m.groups.flatMap((g) => g.indicators).find((i) => i.code === code);
    const binding = d?.observed;
    indicator.publishedPoints =
      binding?.kind === 'metric'
        ? (metricOf(e.unit, binding.code ?? code)?.[5] ?? null)
        : binding?.kind === 'fields' && binding.endpoint === 'progress'
          ? e.unit.progress.score
          : null;
  }
  const published = e.unit.groups;
  const groups = Object.fromEntries(
    Object.entries(s.groups).map(([g, v]) => [g, published[g as 'CKMB'] ?? v]),
  );
  return {
    unitCode: e.key,
    name: e.name,
    type: e.type,
    rank: e.rank,
    total: e.total,
    band: e.band,
    groups,
    indicators: s.indicators,
    keyFigures: s.keyFigures,
    daysWithData: coveredDays(parsePeriod(doc.period.key), doc.asOf),
    lastDay: doc.asOf,
    previousDay: e.previousDay,
    previousPeriod: e.previousPeriod,
    rankChangeDay: change(e.previousDay, e.rank),
    rankChangePeriod: change(e.previousPeriod, e.rank),
    published: {
      source: 'portal',
      observedOn: doc.asOf,
      portalCode: e.portalCode,
      portalName: e.unit.name,
      match: e.match,
      total: e.unit.total,
      groups: { ...published },
      groupsTotal: e.reconciliation.publishedGroupsTotal,
      computed: { total: s.total, rank: e.computed.rank, band: s.band, groups: s.groups },
      totalChangeDay: change2(e.unit.total, e.previousDay),
      totalChangePeriod: change2(e.unit.total, e.previousPeriod),
      reconciliation: e.reconciliation,
    },
  };
}

/** Renders a published ranking as the API answers it. */
export function renderPublished(doc: PublishedDocument): RankingAnswer {
  const m = methodologyById(doc.methodology);
  return {
    province: doc.province,
    source: 'portal',
    period: { ...doc.period, days: daysInRange(doc.period.from, doc.period.to) },
    asOf: doc.asOf,
    methodology: doc.methodology,
    units: doc.units.map((e) => publishedUnit(doc, e, m)),
    unranked: unrankedUnits(doc.unranked),
    summary: doc.summary,
    observedAt: doc.observedAt,
    previousObservedOn: doc.previousObservedOn,
    agencies: doc.agencies.map((e) => publishedUnit(doc, e, m)),
    unsettled: doc.unsettled,
    reconciliation: doc.reconciliation,
  };
}

/** The ranking of a province for a period, as of a day (the latest by default). */
export async function ranking(store: Store, q: ReadQuery): Promise<RankingAnswer> {
  registry.requireProvince(q.province);
  const source = await sourceOf(store, q);
  if (source === 'portal') {
    const doc = isStandard(q.period) ? await store.published(q.province, q.period.key, q.asOf) : undefined;
    const answer = doc ? renderPublished(doc) : emptyRanking(q, methodologyById(), 'portal');
    return q.kind === 'agencies' ? departments(answer, methodologyById(answer.methodology)) : answer;
  }
  const m = methodologyById(q.methodology);
  // the records hold communes and wards only: no department is ranked from them
  if (q.kind === 'agencies') return departments({ ...emptyRanking(q, m, 'records'), agencies: [] }, m);
  if (!isStandard(q.period)) return customRanking(store, q, m);
  const item = await store.snapshot(q.province, m.id, q.period.key, q.asOf);
  if (!item) {
    // no snapshot of this version for the period though the province has records in it: an
    // earlier version, or the version in force before the province was recomputed under it
    const latest = (await store.meta(q.province)).latestDay;
    if (!latest || latest < q.period.from) return emptyRanking(q, m, 'records');
    const range = customPeriod(q.period.from, earlierDay(q.period.to, latest));
    const r = await customRanking(store, { ...q, period: range }, m);
    return { ...r, period: { ...r.period, kind: q.period.kind, key: q.period.key } };
  }
  return renderSnapshot(item, m);
}

/** Month by month snapshots of a province, the latest of each month. */
async function monthSnapshots(
  store: Store,
  province: string,
  m: MethodologyDefinition,
  from: string,
  to: string,
) {
  const months = eachMonth(from, to);
  const docs = await inParallel(months, 6, (month) => store.snapshot(province, m.id, month));
  return docs.flatMap((doc) => (doc ? [doc] : []));
}

function pointFor(doc: SnapshotDocument, unitCode: string, m: MethodologyDefinition): HistoryPoint {
  const u = doc.units.find((x) => x.aggregate.unitCode === unitCode);
  if (!u) {
    return {
      period: doc.period.key,
      asOf: doc.asOf,
      rank: null,
      ranked: doc.units.length,
      total: null,
      band: null,
      groups: null,
      indicators: null,
      keyFigures: null,
      daysWithData: 0,
    };
  }
  const s = scoreUnit(m, u.aggregate);
  return {
    period: doc.period.key,
    asOf: doc.asOf,
    rank: u.rank,
    ranked: doc.units.length,
    total: s.total,
    band: s.band,
    groups: s.groups,
    indicators: Object.fromEntries(Object.entries(s.indicators).map(([code, i]) => [code, i.points])),
    keyFigures: s.keyFigures,
    daysWithData: s.daysWithData,
  };
}

export interface HistoryQuery {
  province: string;
  unitCodes: readonly string[];
  from?: Day | undefined;
  to?: Day | undefined;
  methodology?: string | undefined;
  source?: RankingSource | undefined;
  /** portal: the period whose observations give the day-by-day history; default the latest year observed */
  period?: Period | undefined;
}

/** The units of these codes; 404 for any code that is not a unit of the province. */
export function requireUnits(province: string, codes: readonly string[]) {
  return codes.map((code) => {
    const unit = registry.unit(code);
    if (!unit || unit.provinceCode !== province)
      throw new NotFoundError(`unit ${code} is not a unit of province ${province}`);
    return unit;
  });
}

function publishedPoint(doc: PublishedDocument, key: string): HistoryPoint {
  const e = doc.units.find((x) => x.key === key);
  const base = { period: doc.period.key, asOf: doc.asOf, ranked: doc.units.length };
  if (!e) {
    return {
      ...base,
      rank: null,
      total: null,
      band: null,
      groups: null,
      indicators: null,
      keyFigures: null,
      daysWithData: 0,
    };
  }
  const u = publishedUnit(doc, e, methodologyById(doc.methodology));
  return {
    ...base,
    rank: u.rank,
    total: u.total,
    band: u.band,
    groups: u.groups,
    indicators: Object.fromEntries(Object.entries(u.indicators ?? {}).map(([code, i]) => [code, i.points])),
    keyFigures: u.keyFigures,
    daysWithData: u.daysWithData,
  };
}

/** The period a portal history follows day by day: the one asked for, else the latest year observed, else any. */
function historyPeriod(periods: readonly string[], asked: Period | undefined): string | undefined {
  if (asked) return asked.key;
  const years = periods.filter((p) => /^\d{4}$/.test(p)).sort();
  return years.at(-1) ?? [...periods].sort().at(-1);
}

/** A portal ranking asked for without a period: the latest year observed (the portal's own first view). */
export async function defaultPortalPeriod(store: Store, province: string): Promise<Period | undefined> {
  const key = historyPeriod((await store.portalMeta(province)).periods, undefined);
  return key ? parsePeriod(key) : undefined;
}

/** The portal's figures of units over time: each observed month, and each observation day of one period. */
async function publishedHistories(store: Store, q: HistoryQuery): Promise<UnitHistory[]> {
  const meta = await store.portalMeta(q.province);
  const from = q.from ?? FIRST_DAY;
  const to = q.to ?? '9999-12-31';
  const months = meta.periods.filter(
    (p) => /^\d{4}-\d{2}$/.test(p) && p >= from.slice(0, 7) && p <= to.slice(0, 7),
  );
  const daysPeriod = historyPeriod(meta.periods, q.period);
  const [monthItems, daily, latest] = await Promise.all([
    inParallel(months.sort(), 6, (month) => store.published(q.province, month)),
    daysPeriod ? store.publishedRanks(q.province, daysPeriod, from, to) : [],
    daysPeriod ? store.published(q.province, daysPeriod) : undefined,
  ]);
  const monthDocs = monthItems.flatMap((doc) => (doc ? [doc] : []));
  const dailyRanks = daily.map((d) => ({ day: d.asOf, ranks: d.ranks }));
  return q.unitCodes.map((code) => {
    const entry = latest?.units.find((e) => e.key === code) ?? latest?.agencies.find((e) => e.key === code);
    const official = registry.unit(code);
    if (!entry && (!official || official.provinceCode !== q.province))
      throw new NotFoundError(`unit ${code} is not a unit of province ${q.province}`);
    return {
      province: q.province,
      source: 'portal' as const,
      unitCode: code,
      name: entry?.name ?? official?.fullName ?? code,
      type: entry?.type ?? official?.type ?? 'commune',
      methodology: latest?.methodology ?? methodologyById().id,
      daysPeriod: daysPeriod ?? '',
      months: monthDocs.map((doc) => publishedPoint(doc, code)),
      days: dailyRanks.map(({ day, ranks }) => {
        const r = ranks.get(code);
        return { day, rank: r?.rank ?? null, total: r?.total ?? null };
      }),
    };
  });
}

/** Score, rank, groups, indicators and key figures of units over time. */
export async function histories(store: Store, q: HistoryQuery): Promise<UnitHistory[]> {
  registry.requireProvince(q.province);
  if ((await sourceOf(store, q)) === 'portal') return publishedHistories(store, q);
  const units = requireUnits(q.province, q.unitCodes);
  const m = methodologyById(q.methodology);
  const latest = (await store.meta(q.province)).latestDay ?? FIRST_DAY;
  const from = q.from && q.from > FIRST_DAY ? q.from : FIRST_DAY;
  const to = q.to && q.to < latest ? q.to : latest;
  const [docs, daily] = await Promise.all([
    monthSnapshots(store, q.province, m, from.slice(0, 7), to.slice(0, 7)),
    store.snapshotRanks(q.province, m.id, 'all', from, to),
  ]);
  const dailyRanks = daily.map((d) => ({ day: d.asOf, ranks: d.ranks }));
  return units.map((unit) => ({
    province: q.province,
    source: 'records' as const,
    unitCode: unit.code,
    name: unit.fullName,
    type: unit.type,
    methodology: m.id,
    daysPeriod: 'all',
    months: docs.map((doc) => pointFor(doc, unit.code, m)),
    days: dailyRanks.map(({ day, ranks }) => {
      const r = ranks.get(unit.code);
      return { day, rank: r?.rank ?? null, total: r?.total ?? null };
    }),
  }));
}

/** The summary of a province for a period, with the time of its last ingest. */
export async function summary(store: Store, q: ReadQuery): Promise<SummaryAnswer> {
  const [r, meta] = await Promise.all([ranking(store, q), store.meta(q.province)]);
  return {
    province: q.province,
    period: r.period,
    asOf: r.asOf,
    methodology: r.methodology,
    ...r.summary,
    latestDay: meta.latestDay ?? null,
    lastIngestAt: meta.lastIngestAt ?? null,
  };
}

/** Several units side by side: their entries in the ranking and their month histories. */
export async function compare(store: Store, q: ReadQuery & { unitCodes: readonly string[] }) {
  const source = await sourceOf(store, q);
  if (source === 'records') requireUnits(q.province, q.unitCodes);
  const [r, history] = await Promise.all([
    ranking(store, { ...q, source }),
    histories(store, { province: q.province, unitCodes: q.unitCodes, methodology: q.methodology, source }),
  ]);
  return {
    province: q.province,
    source,
    period: r.period,
    asOf: r.asOf,
    methodology: r.methodology,
    average: r.summary.average,
    best: r.units[0]
      ? { unitCode: r.units[0].unitCode, total: r.units[0].total, groups: r.units[0].groups }
      : null,
    units: q.unitCodes.map((code, k) => ({
      unitCode: code,
      entry: r.units.find((u) => u.unitCode === code) ?? null,
      months: history[k]?.months ?? [],
    })),
  };
}

/** Every unit's total and rank month by month: the sparklines of the ranking table, from one small read a month. */
export async function trend(
  store: Store,
  province: string,
  methodology?: string,
  asked?: RankingSource,
): Promise<TrendAnswer> {
  registry.requireProvince(province);
  const source = await sourceOf(store, { province, source: asked });
  const m = methodologyById(methodology);
  let months: string[];
  let items: (DayRanks | undefined)[];
  if (source === 'portal') {
    // the months the portal was observed for, each as its latest observation
    months = (await store.portalMeta(province)).periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).sort();
    items = await inParallel(months, 6, (month) => store.latestPublishedRanks(province, month));
  } else {
    const latest = (await store.meta(province)).latestDay;
    months = latest ? eachMonth(FIRST_DAY.slice(0, 7), latest.slice(0, 7)) : [];
    items = await inParallel(months, 6, (month) => store.latestRanks(province, m.id, month));
  }
  const ranks = items.map((item) => item?.ranks ?? new Map<string, RankPoint>());
  const codes = new Set([
    ...registry.unitsOf(province).map((u) => u.code),
    ...ranks.flatMap((r) => [...r.keys()]),
  ]);
  const units: TrendAnswer['units'] = {};
  for (const code of codes) {
    units[code] = {
      totals: ranks.map((r) => r.get(code)?.total ?? null),
      ranks: ranks.map((r) => r.get(code)?.rank ?? null),
    };
  }
  return { province, source, methodology: source === 'portal' ? methodologyById().id : m.id, months, units };
}
