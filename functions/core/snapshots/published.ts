import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import { addDays, type Day, daysInRange, earlierDay } from '#core/periods/calendar.ts';
import type { Period } from '#core/periods/period.ts';
import { type MatchStatus, type UnitMatch, type UnsettledUnit, unsettled } from '#core/portal/match.ts';
import type { ObservationHeader, ObservedUnit } from '#core/portal/observation.ts';
import { type Reconciliation, reconcile } from '#core/portal/reconcile.ts';
import type { UnitRegistry, UnitType } from '#core/registry/registry.ts';
import { type ObservedRankedUnit, rankObservation } from '#core/scoring/observed.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import { bandOf } from '#core/scoring/score.ts';
import type { RankPoint } from '#core/snapshots/snapshot.ts';
import { type ProvinceSummary, summarise } from '#core/snapshots/summary.ts';

/**
 * The ranking the portal published for a province, one period, one
 * observation day: the portal's own totals and ranks as the headline, the
 * score the platform computes from the same inputs beside them, and where the
 * two part. The portal's figures are cumulative over the period, so one
 * observation day is one "as of" day of that period's ranking, and the change
 * is counted against the previous observation of the same period.
 */

/** The portal's kind of unit: a commune or ward, or a department of the province. */
export type PublishedKind = UnitType | 'agency';

export interface PublishedEntry {
  /** what the platform files the unit under: its official code, or its portal code when it has none */
  key: string;
  unitCode: string | null;
  portalCode: string;
  /** the official name when matched, else the portal's */
  name: string;
  type: PublishedKind;
  match: MatchStatus;
  /** what the portal published, whole: the explanation is rendered from it when read */
  unit: ObservedUnit;
  /** the place among the units of its kind by the published total (1, 2, 2, 4) */
  rank: number;
  /** the published total (service-results); the computed one where the portal gave none */
  total: number;
  band: string;
  computed: { total: number; rank: number };
  /** the previous observation of the same period */
  previousDay: RankPoint | null;
  /** the latest observation of the previous period */
  previousPeriod: RankPoint | null;
  reconciliation: Reconciliation;
}

export type { UnsettledUnit } from '#core/portal/match.ts';

export interface PublishedDocument {
  province: string;
  source: 'portal';
  /** the version that computed the scores beside the published ones */
  methodology: string;
  period: { kind: Period['kind']; key: string; from: Day; to: Day };
  /** the observation day */
  asOf: Day;
  /** when the answers were received */
  observedAt: string | null;
  previousObservedOn: Day | null;
  /** communes, wards and special zones, ranked together */
  units: PublishedEntry[];
  /** the province's departments, ranked among themselves */
  agencies: PublishedEntry[];
  /** official units of the province the portal did not list */
  unranked: string[];
  unsettled: UnsettledUnit[];
  summary: ProvinceSummary;
  reconciliation: { differing: number; totalDiffers: number; pagesDiffer: number; groupsDiffer: number };
}

export interface PublishedInput {
  registry: UnitRegistry;
  province: string;
  period: Period;
  methodology: MethodologyDefinition;
  header: ObservationHeader;
  units: readonly ObservedUnit[];
  /** the stored matches, by portal id */
  matches: ReadonlyMap<string, UnitMatch>;
  previous: { day: Day; ranks: ReadonlyMap<string, RankPoint> } | null;
  previousPeriod: ReadonlyMap<string, RankPoint>;
}

/** Days of the period the figures cover: from its first day to the day before the observation. */
export function coveredDays(period: Period, observedOn: Day): number {
  const last = earlierDay(period.to, addDays(observedOn, -1));
  return last < period.from ? 0 : daysInRange(period.from, last);
}

export function buildPublished(input: PublishedInput): PublishedDocument {
  const { methodology: m, header } = input;
  // the computed side: every unit scored from its inputs and ranked by that score alone
  const computed = rankObservation({ ...input, units: input.units });
  const byPortalCode = new Map([...computed.units, ...computed.agencies].map((u) => [u.portalCode, u]));
  const rankKind = (kind: 'COMMUNE' | 'AGENCY') => {
    const list = input.units
      .filter((u) => u.childGroup === kind)
      .map((unit) => {
        const c = byPortalCode.get(unit.portalCode) as ObservedRankedUnit;
        return { unit, c, key: c.unitCode ?? unit.portalCode, total: unit.total ?? c.total };
      });
    return rankByTotal(list, (d) => d.key).map(
      ({ unit, c, key, total, rank }): PublishedEntry => ({
        key,
        unitCode: c.unitCode,
        portalCode: unit.portalCode,
        name: c.name,
        type: kind === 'AGENCY' ? 'agency' : c.unitCode ? c.type : typeFromName(unit.name),
        match: c.match,
        unit,
        rank,
        total,
        band: bandOf(m, total).id,
        computed: { total: c.total, rank: c.rank },
        previousDay: input.previous?.ranks.get(key) ?? null,
        previousPeriod: input.previousPeriod.get(key) ?? null,
        reconciliation: reconcile(unit, c),
      }),
    );
  };
  const units = rankKind('COMMUNE');
  const agencies = rankKind('AGENCY');
  const unranked = computed.unranked.map((u) => u.unitCode);
  const covered = coveredDays(input.period, header.observedOn);
  const count = (test: (r: Reconciliation) => boolean) => units.filter((u) => test(u.reconciliation)).length;
  const beyond = (x: number | null) => x !== null && Math.abs(x) > 0.01 + 1e-9;
  return {
    province: input.province,
    source: 'portal',
    methodology: m.id,
    period: {
      kind: input.period.kind,
      key: input.period.key,
      from: input.period.from,
      to: input.period.to,
    },
    asOf: header.observedOn,
    observedAt: header.extractedAt ?? null,
    previousObservedOn: input.previous?.day ?? null,
    units,
    agencies,
    unranked,
    unsettled: unsettled(input.units.flatMap((u) => input.matches.get(u.portalId) ?? [])),
    summary: summarise(
      m,
      units.map((u) => ({ unitCode: u.key, total: u.total, band: u.band, daysWithData: covered })),
      unranked,
      covered,
      new Map(),
    ),
    reconciliation: {
      differing: count((r) => r.differs),
      totalDiffers: count((r) => beyond(r.totalDifference)),
      pagesDiffer: count((r) => beyond(r.pagesDifference)),
      groupsDiffer: count((r) => r.groups.length > 0),
    },
  };
}

/** The type a portal name says, for a unit with no official match. */
function typeFromName(name: string): UnitType {
  const lower = name.normalize('NFC').toLowerCase();
  if (lower.includes('phường')) return 'ward';
  if (lower.includes('đặc khu')) return 'special-zone';
  return 'commune';
}

/** "key:rank:total" of every commune, ward and department, for day-by-day histories that need no decompression. */
export function publishedRanks(doc: PublishedDocument): string {
  // departments too, each ranked within its kind: their keys are portal codes, never a commune's
  return [...doc.units, ...doc.agencies].map((u) => `${u.key}:${u.rank}:${u.total}`).join(',');
}
