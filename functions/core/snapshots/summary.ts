import type { MethodologyDefinition } from '#core/methodology/definition.ts';
import { roundHalfAway } from '#core/scoring/round.ts';

/** The province at a glance for one period as of one day. */
export interface ProvinceSummary {
  units: number;
  ranked: number;
  average: number | null;
  median: number | null;
  /** first and third quartiles of the totals (linear interpolation) */
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
  bands: Record<string, number>;
  /** days from the period's first day to the as-of day: what a unit reporting every day has */
  expectedDays: number;
  withoutData: string[];
  missingDays: { unitCode: string; missing: number }[];
  rejectedRows: { unitCode: string; rows: number }[];
}

function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return roundHalfAway(a + (b - a) * (at - lo), 2);
}

export function summarise(
  m: MethodologyDefinition,
  ranked: readonly { unitCode: string; total: number; band: string; daysWithData: number }[],
  withoutData: readonly string[],
  expectedDays: number,
  rejectedByUnit: ReadonlyMap<string, number>,
): ProvinceSummary {
  const totals = ranked.map((u) => u.total).sort((a, b) => a - b);
  const bands = Object.fromEntries(m.bands.map((b) => [b.id, 0]));
  for (const u of ranked) bands[u.band] = (bands[u.band] ?? 0) + 1;
  return {
    units: ranked.length + withoutData.length,
    ranked: ranked.length,
    average: totals.length ? roundHalfAway(totals.reduce((s, t) => s + t, 0) / totals.length, 2) : null,
    median: quantile(totals, 0.5),
    q1: quantile(totals, 0.25),
    q3: quantile(totals, 0.75),
    min: totals[0] ?? null,
    max: totals.at(-1) ?? null,
    bands,
    expectedDays,
    withoutData: [...withoutData],
    missingDays: ranked
      .filter((u) => u.daysWithData < expectedDays)
      .map((u) => ({ unitCode: u.unitCode, missing: expectedDays - u.daysWithData }))
      .sort((a, b) => b.missing - a.missing || a.unitCode.localeCompare(b.unitCode)),
    rejectedRows: [...rejectedByUnit]
      .map(([unitCode, rows]) => ({ unitCode, rows }))
      .sort((a, b) => b.rows - a.rows || a.unitCode.localeCompare(b.unitCode)),
  };
}
