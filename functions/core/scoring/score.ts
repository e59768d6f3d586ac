import {
  type Band,
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
  /** the quantities the ratio was computed from, by name */
  inputs: Record<string, number>;
  /** the denominator was zero: scored by the indicator's no-cases rule */
  noCases: boolean;
  /** measured per province, not per unit: scored by the methodology's not-applicable policy */
  notApplicable: boolean;
}

/** Key figures shown beside the score; not scored themselves. */
export interface KeyFigures {
  received: number;
  receivedOnline: number;
  /** receivedOnline / received, or null with nothing received */
  onlineShare: number | null;
  handled: number;
  onTime: number;
  /** onTime / handled, or null with nothing handled */
  onTimeRate: number | null;
  resultsIssued: number;
  petitionsDue: number;
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

const ratio6 = (r: number | null) => (r === null ? null : roundHalfAway(r, 6));

function quantity(m: MethodologyDefinition, counts: Record<CountField, number>, name: string): number {
  let total = 0;
  for (const f of quantityFields(m, name)) total += counts[f];
  return total;
}

interface Measured {
  ratio: number | null;
  inputs: Record<string, number>;
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

/** The quantities a ratio was computed from, by name, for the explanation. */
function inputsOf(
  m: MethodologyDefinition,
  i: IndicatorDefinition,
  counts: Record<CountField, number>,
): Record<string, number> {
  return Object.fromEntries(measureQuantities(i.measure).map((n) => [n, quantity(m, counts, n)]));
}

function measure(
  m: MethodologyDefinition,
  i: IndicatorDefinition,
  counts: Record<CountField, number>,
): Measured {
  return { ratio: ratioOf(m, i, counts), inputs: inputsOf(m, i, counts) };
}

/** An indicator's points in full precision, by its rules for no cases and not applicable. */
function exactPoints(m: MethodologyDefinition, i: IndicatorDefinition, ratio: number | null): number {
  if (ratio !== null) return pointsFor(i, ratio);
  const rule = i.measure.kind === 'provinceLevel' ? m.notApplicable.policy : i.noCases;
  return rule === 'fullPoints' ? i.points : 0;
}

/**
 * The rounded total alone, for ranking many units fast. Adds the same exact
 * values in the same order as scoreUnit, so both give the same total.
 */
export function unitTotal(m: MethodologyDefinition, counts: Record<CountField, number>): number {
  let total = 0;
  for (const g of m.groups) {
    let groupExact = 0;
    for (const i of g.indicators) groupExact += exactPoints(m, i, ratioOf(m, i, counts));
    total += groupExact;
  }
  return round2(total);
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

/**
 * Scores one unit's period aggregate under a methodology: every indicator,
 * the groups, the total (full precision, reported rounded) and the band.
 */
export function scoreUnit(m: MethodologyDefinition, aggregate: UnitAggregate): UnitScore {
  const groups: Record<string, number> = {};
  const scored: (IndicatorScore & { code: string; order: number; exact: number })[] = [];
  let total = 0;
  for (const g of m.groups) {
    let groupExact = 0;
    for (const i of g.indicators) {
      const { ratio, inputs } = measure(m, i, aggregate.counts);
      const notApplicable = i.measure.kind === 'provinceLevel';
      const noCases = !notApplicable && ratio === null;
      const exact = exactPoints(m, i, ratio);
      groupExact += exact;
      scored.push({
        code: i.code,
        order: scored.length,
        exact,
        group: g.code,
        points: round2(exact),
        max: i.points,
        // from the rounded points, so that what a reader sees adds up to the maximum
        lost: round2(i.points - round2(exact)),
        ratio: ratio6(ratio),
        inputs,
        noCases,
        notApplicable,
      });
    }
    groups[g.code] = round2(groupExact);
    total += groupExact;
  }
  scored.sort((a, b) => b.max - b.exact - (a.max - a.exact) || a.order - b.order);
  const indicators: Record<string, IndicatorScore> = {};
  for (const { code, order: _order, exact: _exact, ...rest } of scored) indicators[code] = rest;
  const rounded = round2(total);
  return {
    unitCode: aggregate.unitCode,
    total: rounded,
    band: bandOf(m, rounded).id,
    groups,
    indicators,
    keyFigures: keyFigures(aggregate.counts),
    daysWithData: aggregate.daysWithData,
    lastDay: aggregate.lastDay,
  };
}
