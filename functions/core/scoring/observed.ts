import {
  type IndicatorDefinition,
  type MethodologyDefinition,
  scoresObservations,
} from '#core/methodology/definition.ts';
import { isSettled, type MatchStatus, type UnitMatch } from '#core/portal/match.ts';
import {
  metricOf,
  type ObservationHeader,
  type ObservedUnit,
  observedPeriod,
} from '#core/portal/observation.ts';
import type { UnitRegistry, UnitType } from '#core/registry/registry.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import { roundHalfAway } from '#core/scoring/round.ts';
import { type KeyFigures, type Measurement, type ScoredParts, scoreParts } from '#core/scoring/score.ts';

/**
 * Scoring what the portal published: each indicator reads its numerator and
 * denominator from the unit's observation (a metric of the group endpoints,
 * or two fields of a tree endpoint), never the portal's own ratio or score.
 * The two groups the portal publishes no per-unit inputs for (CLGQ, TTTT)
 * are the only published scores read.
 */

/** An observation lacks what a version needs to score it. */
export class ObservationScoringError extends Error {
  override name = 'ObservationScoringError';
}

const share = (n: number | null, d: number | null) => (n === null || d === null || d === 0 ? null : n / d);

function measureObserved(unit: ObservedUnit, i: IndicatorDefinition): Measurement {
  const binding = i.observed;
  const who = `${unit.portalCode} (${unit.name})`;
  switch (binding?.kind) {
    case 'metric': {
      const code = binding.code ?? i.code;
      const metric = metricOf(unit, code);
      if (!metric) throw new ObservationScoringError(`${who} has no metric ${code}`);
      const [, , numerator, denominator] = metric;
      return { ratio: share(numerator, denominator), inputs: { numerator, denominator } };
    }
    case 'fields': {
      const part = unit[binding.endpoint] as Record<string, unknown>;
      const read = (field: string) => {
        const v = part[field];
        if (v === null) return null;
        if (typeof v !== 'number')
          throw new ObservationScoringError(`${who} has no ${binding.endpoint}.${field}`);
        return v;
      };
      const numerator = read(binding.numerator);
      const denominator = read(binding.denominator);
      return {
        ratio: share(numerator, denominator),
        inputs: { [binding.numerator]: numerator, [binding.denominator]: denominator },
      };
    }
    case 'remainder':
      throw new ObservationScoringError(
        `indicator ${i.code} is what its published group leaves, but its group is not taken as published`,
      );
    case undefined:
      throw new ObservationScoringError(`indicator ${i.code} does not say how the portal publishes it`);
  }
}

function keyFigures(unit: ObservedUnit): KeyFigures {
  const received = unit.progress.totalReceived ?? 0;
  const onTime = unit.progress.totalOnTime ?? 0;
  return {
    received,
    receivedOnline: null,
    onlineShare: null,
    handled: received,
    onTime,
    onTimeRate: received === 0 ? null : roundHalfAway(onTime / received, 6),
    resultsIssued: null,
    petitionsDue: unit.satisfaction.totalPetitions ?? null,
  };
}

export interface ObservedScore extends ScoredParts {
  keyFigures: KeyFigures;
}

/** Scores one unit's observation under a version that says how each indicator is observed. */
export function scoreObservation(m: MethodologyDefinition, unit: ObservedUnit): ObservedScore {
  if (!scoresObservations(m)) {
    throw new ObservationScoringError(
      `methodology ${m.id} scores daily records only: it does not say how the portal publishes its indicators`,
    );
  }
  const parts = scoreParts(m, {
    measure: (i) => measureObserved(unit, i),
    published: (g) => (g.observed === 'published' ? unit.groups[g.code as 'CLGQ' | 'TTTT'] : undefined),
  });
  return { ...parts, keyFigures: keyFigures(unit) };
}

/** A unit of an observation, scored and ranked by the computed total alone. */
export interface ObservedRankedUnit extends ObservedScore {
  /** the official unit code, null when the portal's unit is not matched to one */
  unitCode: string | null;
  portalCode: string;
  name: string;
  type: UnitType | 'agency';
  match: MatchStatus;
  rank: number;
}

export interface ObservedRanking {
  province: string;
  period: { kind: string; key: string; from: string; to: string };
  observedOn: string;
  methodology: string;
  /** communes, wards and special zones, ranked by the computed total */
  units: ObservedRankedUnit[];
  /** the province's departments, ranked among themselves */
  agencies: ObservedRankedUnit[];
  /** official units of the province the observation does not list */
  unranked: { unitCode: string; name: string; type: UnitType; reason: 'not observed' }[];
}

/**
 * Scores and ranks an observation from its inputs only: the published total,
 * ranks and every published score but CLGQ's and TTTT's are never read, so a
 * file with them all set to null ranks the same. Units rank by the computed
 * total within their kind (competition ranking, ties by code).
 */
export function rankObservation(input: {
  registry: UnitRegistry;
  province: string;
  methodology: MethodologyDefinition;
  header: ObservationHeader;
  units: readonly ObservedUnit[];
  matches: ReadonlyMap<string, UnitMatch>;
}): ObservedRanking {
  const { registry, methodology: m } = input;
  const scored = input.units.map((u) => {
    const match = input.matches.get(u.portalId);
    const official = match && isSettled(match) && match.unitCode ? registry.unit(match.unitCode) : undefined;
    return {
      ...scoreObservation(m, u),
      unitCode: official?.code ?? null,
      portalCode: u.portalCode,
      name: official?.fullName ?? u.name,
      type: u.childGroup === 'AGENCY' ? ('agency' as const) : (official?.type ?? ('commune' as const)),
      match: match?.status ?? (u.childGroup === 'AGENCY' ? 'agency' : 'unmatched'),
      childGroup: u.childGroup,
    };
  });
  const rank = (kind: 'COMMUNE' | 'AGENCY') =>
    rankByTotal(
      scored.filter((s) => s.childGroup === kind).map((s) => ({ ...s, key: s.unitCode ?? s.portalCode })),
      (s) => s.key,
    ).map(({ childGroup: _c, key: _k, ...rest }) => rest);
  const units = rank('COMMUNE');
  const listed = new Set(units.map((u) => u.unitCode));
  const period = observedPeriod(input.header);
  return {
    province: input.province,
    period: { kind: period.kind, key: period.key, from: period.from, to: period.to },
    observedOn: input.header.observedOn,
    methodology: m.id,
    units,
    agencies: rank('AGENCY'),
    unranked: registry
      .unitsOf(input.province)
      .filter((u) => !listed.has(u.code))
      .map((u) => ({ unitCode: u.code, name: u.fullName, type: u.type, reason: 'not observed' as const })),
  };
}
