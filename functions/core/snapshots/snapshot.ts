import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import { addDays, type Day, daysInRange, eachMonth, earlierDay, laterDay } from '#core/periods/calendar.ts';
import { ALL_TIME, type Period, previousPeriod, standardPeriodsContaining } from '#core/periods/period.ts';
import { COUNT_FIELDS, type DailyRecord, FIRST_DAY } from '#core/records/fields.ts';
import type { UnitRegistry } from '#core/registry/registry.ts';
import { mergeAggregates, type UnitAggregate } from '#core/scoring/aggregate.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import { bandOf, unitTotal } from '#core/scoring/score.ts';
import { type ProvinceSummary, summarise } from '#core/snapshots/summary.ts';

/**
 * Ranking snapshots: the ranking of a province for one period as of one day,
 * with each unit's rank and total the day before and in the previous period.
 * A read of the ranking, the rank changes and the summary is one snapshot.
 */

export interface RankPoint {
  rank: number;
  total: number;
}

export interface SnapshotUnit {
  aggregate: UnitAggregate;
  rank: number;
  total: number;
  band: string;
  /** the same period as of the day before; null on the period's first day or when the unit had no data */
  previousDay: RankPoint | null;
  /** the whole previous period (month before, quarter before, ...); null when none or no data */
  previousPeriod: RankPoint | null;
}

export interface SnapshotDocument {
  province: string;
  methodology: string;
  period: { kind: Period['kind']; key: string; from: Day; to: Day };
  asOf: Day;
  units: SnapshotUnit[];
  unranked: string[];
  summary: ProvinceSummary;
}

/**
 * A period's ranking from aggregates: totals by the fast path (the same
 * totals as scoreUnit), bands, competition ranks. The explanation of each
 * unit is rendered from its aggregate when the snapshot is read.
 */
function ranksOf(input: RankInput, aggregates: ReadonlyMap<string, UnitAggregate>) {
  const scored: { unitCode: string; total: number; band: string; daysWithData: number }[] = [];
  const unranked: string[] = [];
  for (const u of input.registry.unitsOf(input.province)) {
    const a = aggregates.get(u.code);
    if (!a || a.daysWithData === 0) {
      unranked.push(u.code);
      continue;
    }
    const total = unitTotal(input.methodology, a.counts);
    scored.push({
      unitCode: u.code,
      total,
      band: bandOf(input.methodology, total).id,
      daysWithData: a.daysWithData,
    });
  }
  const ranked = rankByTotal(scored);
  return {
    ranked,
    unranked,
    points: new Map(ranked.map((u) => [u.unitCode, { rank: u.rank, total: u.total }])),
  };
}

interface RankInput {
  registry: UnitRegistry;
  province: string;
  methodology: MethodologyDefinition;
}

export interface SweepInput extends RankInput {
  /** every day whose records changed, any order */
  changedDays: readonly Day[];
  /** the latest day with data in the province: snapshots stop there */
  latestDay: Day;
  /** month aggregates by month (YYYY-MM) for every month up to the latest, already updated for the change */
  rollups: ReadonlyMap<string, readonly UnitAggregate[]>;
  /** the daily records from the first day of the earliest changed month to the latest day */
  records: readonly DailyRecord[];
  /** rejected rows by day, for the data-quality summary */
  rejectedRows: readonly { unitCode: string; date: Day }[];
}

const KINDS = ['month', 'quarter', 'half', 'year', 'all'] as const;
type Kind = (typeof KINDS)[number];

function periodOf(kind: Kind, day: Day): Period {
  if (kind === 'all') return ALL_TIME;
  const p = standardPeriodsContaining(day).find((x) => x.kind === kind);
  if (!p) throw new Error(`no ${kind} contains ${day}`);
  return p;
}

/** Adds an aggregate into the accumulator of its unit; the accumulator is owned and changed in place. */
function mergeInto(target: Map<string, UnitAggregate>, a: UnitAggregate): void {
  const had = target.get(a.unitCode);
  target.set(a.unitCode, had ? mergeAggregates(had, a) : { ...a, counts: { ...a.counts } });
}

const copyOf = (a: UnitAggregate): UnitAggregate => ({ ...a, counts: { ...a.counts } });

/** Adds one day's record to its unit's accumulator in place: the sweep's inner loop, so it allocates nothing. */
function addDay(target: Map<string, UnitAggregate>, r: DailyRecord): void {
  const a = target.get(r.unitCode);
  if (!a) {
    const { unitCode, date, ...counts } = r;
    target.set(unitCode, { unitCode, counts, daysWithData: 1, firstDay: date, lastDay: date });
    return;
  }
  const counts = a.counts;
  for (const f of SUM_FIELDS) counts[f] += r[f];
  if (r.date >= a.lastDay) {
    for (const f of LAST_FIELDS) counts[f] = r[f];
    a.lastDay = r.date;
  }
  if (r.date < a.firstDay) a.firstDay = r.date;
  a.daysWithData++;
}

const SUM_FIELDS = COUNT_FIELDS.filter((f) => f.agg === 'sum').map((f) => f.name);
const LAST_FIELDS = COUNT_FIELDS.filter((f) => f.agg === 'last').map((f) => f.name);

/**
 * Recomputes the snapshots a change affects: for each period kind, every day
 * from the earliest changed day to the latest day whose period-to-date
 * contains a changed day. Pure: the caller loads the inputs and stores the output.
 */
export function sweepSnapshots(input: SweepInput): SnapshotDocument[] {
  const changed = [...new Set(input.changedDays)].sort();
  const earliest = changed[0];
  if (!earliest || earliest > input.latestDay) return [];
  const sweepStart = `${earliest.slice(0, 7)}-01`;
  const byDay = new Map<Day, DailyRecord[]>();
  for (const r of input.records) {
    if (r.date < sweepStart || r.date > input.latestDay) continue;
    const list = byDay.get(r.date) ?? [];
    list.push(r);
    byDay.set(r.date, list);
  }
  const rejectedByDay = new Map<Day, string[]>();
  for (const r of input.rejectedRows) {
    const list = rejectedByDay.get(r.date) ?? [];
    list.push(r.unitCode);
    rejectedByDay.set(r.date, list);
  }

  const previousPeriodCache = new Map<string, Map<string, RankPoint>>();
  const previousPeriodRanks = (p: Period) => {
    const prev = previousPeriod(p);
    if (!prev || prev.to < FIRST_DAY) return new Map<string, RankPoint>();
    let cached = previousPeriodCache.get(prev.key);
    if (!cached) {
      const aggregates = new Map<string, UnitAggregate>();
      for (const month of eachMonth(prev.from.slice(0, 7), prev.to.slice(0, 7))) {
        for (const a of input.rollups.get(month) ?? []) mergeInto(aggregates, a);
      }
      cached = ranksOf(input, aggregates).points;
      previousPeriodCache.set(prev.key, cached);
    }
    return cached;
  };

  interface State {
    period: Period;
    aggregates: Map<string, UnitAggregate>;
    /** ranks as of the day before the current one, when known */
    lastRanks: Map<string, RankPoint> | null;
  }
  const startState = (kind: Kind, day: Day): State => {
    const period = periodOf(kind, day);
    const aggregates = new Map<string, UnitAggregate>();
    // the months of the period before the sweep's first month come from roll-ups
    if (period.from < sweepStart) {
      for (const month of eachMonth(period.from.slice(0, 7), addDays(sweepStart, -1).slice(0, 7))) {
        for (const a of input.rollups.get(month) ?? []) mergeInto(aggregates, a);
      }
    }
    return { period, aggregates, lastRanks: null };
  };
  const states = new Map<Kind, State>(KINDS.map((k) => [k, startState(k, sweepStart)]));
  const affected = (p: Period, day: Day) => changed.some((c) => c >= p.from && c <= day);
  const rejectedIn = (from: Day, to: Day) => {
    const counts = new Map<string, number>();
    for (const [day, units] of rejectedByDay) {
      if (day < from || day > to) continue;
      for (const u of units) counts.set(u, (counts.get(u) ?? 0) + 1);
    }
    return counts;
  };

  const documents: SnapshotDocument[] = [];
  for (let day = sweepStart; day <= input.latestDay; day = addDays(day, 1)) {
    for (const kind of KINDS) {
      let state = states.get(kind) as State;
      if (day > state.period.to) {
        state = startState(kind, day);
        states.set(kind, state);
      }
      const emit = day >= earliest && affected(state.period, day);
      if (emit && state.lastRanks === null && day > state.period.from) {
        // the day before, from the aggregates as they stand before this day is added
        state.lastRanks = ranksOf(input, state.aggregates).points;
      }
      for (const r of byDay.get(day) ?? []) addDay(state.aggregates, r);
      if (!emit) {
        state.lastRanks = null;
        continue;
      }
      const asOfPeriod = { ...state.period, to: earlierDay(state.period.to, day) };
      const { ranked, unranked, points } = ranksOf(input, state.aggregates);
      const previous = previousPeriodRanks(state.period);
      const lastRanks = state.lastRanks;
      const units: SnapshotUnit[] = ranked.map((u) => ({
        // a copy: the accumulator goes on changing with the days after this one
        aggregate: copyOf(state.aggregates.get(u.unitCode) as UnitAggregate),
        rank: u.rank,
        total: u.total,
        band: u.band,
        previousDay: lastRanks?.get(u.unitCode) ?? null,
        previousPeriod: previous.get(u.unitCode) ?? null,
      }));
      documents.push({
        province: input.province,
        methodology: input.methodology.id,
        period: {
          kind: state.period.kind,
          key: state.period.key,
          from: state.period.from,
          to: asOfPeriod.to,
        },
        asOf: day,
        units,
        unranked,
        summary: summarise(
          input.methodology,
          ranked,
          unranked,
          daysInRange(laterDay(state.period.from, FIRST_DAY), day),
          rejectedIn(state.period.from, day),
        ),
      });
      state.lastRanks = points;
    }
  }
  return documents;
}
