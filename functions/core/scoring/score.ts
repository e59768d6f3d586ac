import {
  type Band,
  type GroupDefinition,
  type IndicatorDefinition,
  type MethodologyDefinition,
  measureQuantities,
  quantityFields,
} from '#core/methodology/definition.ts';
import type { CountField } from '#core/records/fields.ts';
import type { UnitAggregate } from '#core/scoring/aggregate.ts';
import { round2, roundHalfAway } from '#core/scoring/round.ts';

/** One indicator of one unit, with everything needed to explain its points. */
export interface IndicatorScore {
  group: string;
  /** points earned, rounded to 2 decimals */
  points: number;
  /** the indicator's maximum */
  max: number;
  /** points that could still be gained: max - points (the rounded points) */
  lost: number;
  /** the ratio the formula read (6 decimals), or null when it was not measured */
  ratio: number | null;
  /** the quantities the ratio was computed from, by name; null where the portal published none */
  inputs: Record<string, number | null>;
  /** the denominator was zero: scored by the indicator's no-cases rule */
  noCases: boolean;
  /** measured per province, not per unit: scored by the methodology's not-applicable policy */
  notApplicable: boolean;
  /**
   * the points are what the group score the portal published leaves after the
   * group's other indicators: the portal publishes no inputs for them
   */
  published?: boolean;
  /** in a ranking from the portal: the points the portal published for this indicator, where it publishes them */
  publishedPoints?: number | null;
}

/** Key figures shown beside the score; not scored themselves. Null where the source does not carry them. */
export interface KeyFigures {
  received: number;
  receivedOnline: number | null;
  /** receivedOnline / received, or null with nothing received */
  onlineShare: number | null;
  handled: number;
  onTime: number;
  /** onTime / handled, or null with nothing handled */
  onTimeRate: number | null;
  resultsIssued: number | null;
  petitionsDue: number | null;
}

export interface UnitScore {
  unitCode: string;
  /** total rounded to 2 decimals: what ranks and bands read */
  total: number;
  band: string;
  /** group scores rounded to 2 decimals, by group code */
  groups: Record<string, number>;
  /** indicators by code, ordered by the points that could still be gained (most first) */
  indicators: Record<string, IndicatorScore>;
  keyFigures: KeyFigures;
  daysWithData: number;
  /** the latest day with a record in the period */
  lastDay: string;
}

/** What one indicator measured: its ratio (null when not measured) and the inputs the explanation shows. */
export interface Measurement {
  ratio: number | null;
  inputs: Record<string, number | null>;
}

/**
 * Where a unit's indicators come from: daily records carried over a period,
 * or the portal's published figures. `published` gives the score of a group
 * taken as the portal publishes it (undefined: computed from its indicators).
 */
export interface ScoringSource {
  measure(i: IndicatorDefinition): Measurement;
  published?(g: GroupDefinition): number | undefined;
}

const ratio6 = (r: number | null) => (r === null ? null : roundHalfAway(r, 6));

/**
 * The portal's rounding of a score: 2 decimals, half up, on the number's
 * binary value (6 x 0.39 / 0.8 = 0.97499... gives 0.97). `toFixed` rounds
 * exactly that way; scores are never negative.
 */
export const portalRound = (x: number): number => Number(x.toFixed(2));

function quantity(m: MethodologyDefinition, counts: Record<CountField, number>, name: string): number {
  let total = 0;
  for (const f of quantityFields(m, name)) total += counts[f];
  return total;
}

/** The ratio an indicator reads from a unit's counts; null when not measured (no cases, or province level). */
function ratioOf(
  m: MethodologyDefinition,
  i: IndicatorDefinition,
  counts: Record<CountField, number>,
): number | null {
  switch (i.measure.kind) {
    case 'share': {
      const d = quantity(m, counts, i.measure.denominator);
      return d === 0 ? null : quantity(m, counts, i.measure.numerator) / d;
    }
    case 'complement': {
      const d = quantity(m, counts, i.measure.denominator);
      if (d === 0) return null;
      let subtracted = 0;
      for (const name of i.measure.subtract) subtracted += quantity(m, counts, name);
      return Math.max(0, 1 - subtracted / d);
    }
    case 'flag':
      return quantity(m, counts, i.measure.field) > 0 ? 1 : 0;
    case 'provinceLevel':
      return null;
  }
}

/** A period aggregate of daily records as a scoring source. */
export function recordSource(m: MethodologyDefinition, counts: Record<CountField, number>): ScoringSource {
  return {
    measure: (i) => ({
      ratio: ratioOf(m, i, counts),
      inputs: Object.fromEntries(measureQuantities(i.measure).map((n) => [n, quantity(m, counts, n)])),
    }),
  };
}

/** Points for a measured ratio, in full precision. */
export function pointsFor(i: IndicatorDefinition, ratio: number): number {
  switch (i.formula.kind) {
    case 'linear':
      return i.points * ratio;
    case 'capped':
      return Math.min(i.points, (i.points * ratio) / i.formula.fullAt);
  }
}

/** An indicator's points in full precision, by its rules for no cases and not applicable. */
function exactPoints(m: MethodologyDefinition, i: IndicatorDefinition, ratio: number | null): number {
  if (ratio !== null) return pointsFor(i, ratio);
  const rule = i.measure.kind === 'provinceLevel' ? m.notApplicable.policy : i.noCases;
  return rule === 'fullPoints' ? i.points : 0;
}

/**
 * The points an indicator adds to its group: in full precision (rounding
 * "total"), or rounded as the portal rounds each one (rounding "indicator").
 */
const added = (m: MethodologyDefinition, exact: number) =>
  m.rounding === 'indicator' ? portalRound(exact) : exact;

/**
 * The rounded total alone, for ranking many units fast. Adds the same values
 * in the same order as scoreUnit, so both give the same total.
 */
export function unitTotal(m: MethodologyDefinition, counts: Record<CountField, number>): number {
  let total = 0;
  for (const g of m.groups) {
    let group = 0;
    for (const i of g.indicators) group += added(m, exactPoints(m, i, ratioOf(m, i, counts)));
    total += m.rounding === 'indicator' ? round2(group) : group;
  }
  return round2(total);
}

/** The band of a rounded total: the first band whose minimum it reaches. */
export function bandOf(m: MethodologyDefinition, total: number): Band {
  const band = m.bands.find((b) => total >= b.min) ?? m.bands.at(-1);
  if (!band) throw new Error(`methodology ${m.id} has no bands`);
  return band;
}

const shareOrNull = (part: number, whole: number) => (whole === 0 ? null : roundHalfAway(part / whole, 6));

function keyFigures(counts: Record<CountField, number>): KeyFigures {
  const handled =
    counts.resolvedEarly +
    counts.resolvedOnTime +
    counts.resolvedLate +
    counts.pendingWithinDeadline +
    counts.pendingOverdue;
  const onTime = counts.resolvedEarly + counts.resolvedOnTime + counts.pendingWithinDeadline;
  return {
    received: counts.received,
    receivedOnline: counts.receivedOnline,
    onlineShare: shareOrNull(counts.receivedOnline, counts.received),
    handled,
    onTime,
    onTimeRate: shareOrNull(onTime, handled),
    resultsIssued: counts.resultsIssued,
    petitionsDue: counts.petitionsDue,
  };
}

/** A unit's groups, indicators and total from a source, before the unit's own facts are added. */
export interface ScoredParts {
  total: number;
  band: string;
  groups: Record<string, number>;
  indicators: Record<string, IndicatorScore>;
}

/**
 * Scores every indicator a source measures, then the groups and the total,
 * by the version's rounding. A group the source publishes takes that score;
 * its "remainder" indicator gets what the others leave of it.
 */
export function scoreParts(m: MethodologyDefinition, source: ScoringSource): ScoredParts {
  const groups: Record<string, number> = {};
  // one object of one shape per indicator, its exact points beside it: rendering a ranking scores every unit
  const scored: IndicatorScore[] = [];
  const codes: string[] = [];
  const exacts: number[] = [];
  let total = 0;
  for (const g of m.groups) {
    const published = source.published?.(g);
    let groupValue = 0;
    let remainder = -1;
    for (const i of g.indicators) {
      const notApplicable = i.measure.kind === 'provinceLevel';
      codes.push(i.code);
      if (published !== undefined && i.observed?.kind === 'remainder') {
        remainder = scored.length;
        exacts.push(0);
        scored.push({
          group: g.code,
          points: 0,
          max: i.points,
          lost: 0,
          ratio: null,
          inputs: {},
          noCases: false,
          notApplicable,
          published: true,
        });
        continue;
      }
      const { ratio, inputs } = source.measure(i);
      const exact = exactPoints(m, i, ratio);
      const value = added(m, exact);
      const points = round2(value);
      groupValue += value;
      exacts.push(exact);
      scored.push({
        group: g.code,
        points,
        max: i.points,
        // from the rounded points, so that what a reader sees adds up to the maximum
        lost: round2(i.points - points),
        ratio: ratio6(ratio),
        inputs,
        noCases: !notApplicable && ratio === null,
        notApplicable,
      });
    }
    if (published !== undefined) {
      // the group as published; what its other indicators leave goes to the remainder, within its bounds
      const r = scored[remainder];
      if (r) {
        const left = Math.min(r.max, Math.max(0, round2(published - groupValue)));
        exacts[remainder] = left;
        r.points = left;
        r.lost = round2(r.max - left);
      }
      groups[g.code] = round2(published);
      total += published;
    } else {
      groups[g.code] = round2(groupValue);
      total += m.rounding === 'indicator' ? round2(groupValue) : groupValue;
    }
  }
  const order = scored.map((_, k) => k);
  const lostExact = (k: number) => (scored[k] as IndicatorScore).max - (exacts[k] as number);
  order.sort((a, b) => lostExact(b) - lostExact(a) || a - b);
  const indicators: Record<string, IndicatorScore> = {};
  for (const k of order) indicators[codes[k] as string] = scored[k] as IndicatorScore;
  const rounded = round2(total);
  return { total: rounded, band: bandOf(m, rounded).id, groups, indicators };
}

/**
 * Scores one unit's period aggregate under a methodology: every indicator,
 * the groups, the total (reported rounded) and the band.
 */
export function scoreUnit(m: MethodologyDefinition, aggregate: UnitAggregate): UnitScore {
  return {
    unitCode: aggregate.unitCode,
    ...scoreParts(m, recordSource(m, aggregate.counts)),
    keyFigures: keyFigures(aggregate.counts),
    daysWithData: aggregate.daysWithData,
    lastDay: aggregate.lastDay,
  };
}
