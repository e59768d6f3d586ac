import type { Methodology } from './api.ts';
import type { RankingUnit } from './types.ts';

/**
 * Where a score stands against the methodology's bands and a group against
 * its maximum: for the unit page and the charts, loaded with them.
 */
/** The band limits as reference lines for a score chart: every band's lower limit above zero, with its name. */
export function bandLines(m: Methodology | undefined, lang: 'vi' | 'en'): { value: number; label: string }[] {
  return (m?.bands ?? [])
    .filter((b) => b.min > 0)
    .map((b) => ({ value: b.min, label: `${b.label[lang]} ${b.min}` }));
}

/** The band just above a score, and how far it is: undefined in the top band. */
export function nextBand(
  m: Methodology | undefined,
  total: number,
): { id: string; min: number; gap: number } | undefined {
  const above = (m?.bands ?? []).filter((b) => b.min > total).sort((a, b) => a.min - b.min)[0];
  return above
    ? { id: above.id, min: above.min, gap: Math.round((above.min - total) * 100) / 100 }
    : undefined;
}

/** How a group stands against its maximum, as the provincial offices label it: meets (100%), near (80% or more), below. */
export function groupStanding(points: number, max: number): 'meets' | 'near' | 'below' {
  const share = max > 0 ? points / max : 1;
  return share >= 0.9999 ? 'meets' : share >= 0.8 ? 'near' : 'below';
}

/**
 * The unit just above one in the ranking: the last one ranked before it. With
 * ties there may be no unit at the rank before (1, 2, 2, 4: the fourth's is one
 * of the second), and units that share its own rank are not above it.
 */
export function unitAbove(units: readonly RankingUnit[], unit: RankingUnit): RankingUnit | undefined {
  let above: RankingUnit | undefined;
  for (const u of units) if (u.rank < unit.rank && (!above || u.rank >= above.rank)) above = u;
  return above;
}
