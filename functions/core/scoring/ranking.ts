import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import type { Period } from '#core/periods/period.ts';
import { periodLength } from '#core/periods/period.ts';
import type { DailyRecord } from '#core/records/fields.ts';
import type { UnitRegistry, UnitType } from '#core/registry/registry.ts';
import { aggregatePeriod, type UnitAggregate } from '#core/scoring/aggregate.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import { scoreUnit, type UnitScore } from '#core/scoring/score.ts';

/** A scored and ranked unit, as the command line and the read API show it. */
export interface RankedUnit extends UnitScore {
  rank: number;
  name: string;
  type: UnitType;
}

/** A unit of the province with no record in the period: listed, never scored as zero. */
export interface UnrankedUnit {
  unitCode: string;
  name: string;
  type: UnitType;
  reason: 'no data';
}

/** The ranking of one province for one period under one methodology. */
export interface Ranking {
  province: string;
  period: { kind: Period['kind']; key: string; from: string; to: string; days: number };
  /** the methodology version that produced every score here */
  methodology: string;
  units: RankedUnit[];
  unranked: UnrankedUnit[];
}

export interface RankingInput {
  registry: UnitRegistry;
  province: string;
  period: Period;
  methodology: MethodologyDefinition;
}

/** A record of a unit outside the province reached the scorer: validation was skipped. */
export class OutsideProvinceError extends Error {
  override name = 'OutsideProvinceError';
}

/** Ranks a province from period aggregates already built (from daily records or roll-ups). */
export function rankAggregates(input: RankingInput, aggregates: ReadonlyMap<string, UnitAggregate>): Ranking {
  const { registry, province, period, methodology } = input;
  const units = registry.unitsOf(province);
  const inProvince = new Set(units.map((u) => u.code));
  for (const code of aggregates.keys()) {
    if (!inProvince.has(code))
      throw new OutsideProvinceError(`unit ${code} is not a unit of province ${province}`);
  }
  const scores: (UnitScore & { name: string; type: UnitType })[] = [];
  const unranked: UnrankedUnit[] = [];
  for (const u of units) {
    const aggregate = aggregates.get(u.code);
    if (aggregate && aggregate.daysWithData > 0) {
      scores.push({ ...scoreUnit(methodology, aggregate), name: u.fullName, type: u.type });
    } else {
      unranked.push({ unitCode: u.code, name: u.fullName, type: u.type, reason: 'no data' });
    }
  }
  const ranked = rankByTotal(scores).map(({ rank, unitCode, name, type, total, band, ...rest }) => ({
    unitCode,
    name,
    type,
    rank,
    total,
    band,
    ...rest,
  }));
  return {
    province,
    period: {
      kind: period.kind,
      key: period.key,
      from: period.from,
      to: period.to,
      days: periodLength(period),
    },
    methodology: methodology.id,
    units: ranked,
    unranked,
  };
}

/** Scores and ranks a province's daily records for a period. */
export function rankPeriod(input: RankingInput, records: Iterable<DailyRecord>): Ranking {
  return rankAggregates(input, aggregatePeriod(records, input.period.from, input.period.to));
}
