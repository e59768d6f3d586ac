import { toCsv } from '#core/export/csv.ts';
import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import type { RankedUnit, Ranking } from '#core/scoring/ranking.ts';

/**
 * A ranking as one CSV table: one row per unit, ranked units first, then the
 * units without data (rank and scores empty); group and indicator points in
 * the methodology's order.
 */
export interface ExtraColumn<U> {
  name: string;
  value: (unit: U) => unknown;
}

export function rankingCsv<
  U extends Omit<RankedUnit, 'type' | 'indicators'> & {
    type: string;
    indicators?: RankedUnit['indicators'] | undefined;
  },
>(
  ranking: Omit<Ranking, 'units' | 'period'> & { units: U[]; period: { key: string } },
  m: MethodologyDefinition,
  options: { bom?: boolean; extra?: ExtraColumn<U>[] } = {},
): string {
  const extra = options.extra ?? [];
  const groups = m.groups.map((g) => g.code);
  const indicators = m.groups.flatMap((g) => g.indicators.map((i) => i.code));
  const columns = [
    'rank',
    'unitCode',
    'name',
    'type',
    'total',
    'band',
    ...groups,
    ...indicators,
    'daysWithData',
    ...extra.map((e) => e.name),
    'period',
    'methodology',
  ];
  const rows = [
    ...ranking.units.map((u) => [
      u.rank,
      u.unitCode,
      u.name,
      u.type,
      u.total,
      u.band,
      ...groups.map((g) => u.groups[g]),
      ...indicators.map((i) => u.indicators?.[i]?.points),
      u.daysWithData,
      ...extra.map((e) => e.value(u)),
      ranking.period.key,
      ranking.methodology,
    ]),
    ...ranking.unranked.map((u) => [
      '',
      u.unitCode,
      u.name,
      u.type,
      '',
      u.reason,
      ...groups.map(() => ''),
      ...indicators.map(() => ''),
      0,
      ...extra.map(() => ''),
      ranking.period.key,
      ranking.methodology,
    ]),
  ];
  return toCsv(columns, rows, options);
}
