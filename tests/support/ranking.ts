/** What two rankings must agree on, unit by unit: the scores and what explains them, not the labels around them. */
export const rankingShape = (u: {
  unitCode: string;
  rank: number;
  total: number;
  band: string;
  groups: unknown;
  indicators: unknown;
  keyFigures: unknown;
}) => ({
  unitCode: u.unitCode,
  rank: u.rank,
  total: u.total,
  band: u.band,
  groups: u.groups,
  indicators: u.indicators,
  keyFigures: u.keyFigures,
});
