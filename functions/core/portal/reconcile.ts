import { GROUP_CODES, type ObservedUnit } from '#core/portal/observation.ts';
import { round2 } from '#core/scoring/round.ts';

/**
 * Where the computed score and what the portal published part: the computed
 * total against the published total, the published total against the sum of
 * the portal's own group pages (they disagree some days), and each group.
 */

/** What the platform lets pass as the same score: the published scores carry 2 decimals. */
export const TOLERANCE = 0.01;

export interface GroupDifference {
  group: string;
  published: number;
  computed: number;
  /** published - computed */
  difference: number;
}

export interface Reconciliation {
  /** the service-results total, as published; null when the portal gave none */
  publishedTotal: number | null;
  /** the sum of the six group scores the group pages published; null when one is missing */
  publishedGroupsTotal: number | null;
  computedTotal: number;
  /** publishedTotal - computedTotal, when both are known */
  totalDifference: number | null;
  /** publishedTotal - publishedGroupsTotal: the portal's pages disagreeing with each other */
  pagesDifference: number | null;
  /** the groups whose computed score differs from the published one by more than the tolerance */
  groups: GroupDifference[];
  /** anything above differs by more than the tolerance */
  differs: boolean;
}

const differs = (x: number | null) => x !== null && Math.abs(x) > TOLERANCE + 1e-9;

export function reconcile(
  unit: Pick<ObservedUnit, 'total' | 'groups'>,
  computed: { total: number; groups: Record<string, number> },
): Reconciliation {
  const published = GROUP_CODES.map((g) => unit.groups[g]);
  const publishedGroupsTotal = published.every((v): v is number => v !== null)
    ? round2(published.reduce((s, v) => s + v, 0))
    : null;
  const groups: GroupDifference[] = [];
  for (const g of GROUP_CODES) {
    const p = unit.groups[g];
    const c = computed.groups[g];
    if (p === null || c === undefined) continue;
    const difference = round2(p - c);
    if (differs(difference)) groups.push({ group: g, published: p, computed: c, difference });
  }
  const totalDifference = unit.total === null ? null : round2(unit.total - computed.total);
  const pagesDifference =
    unit.total === null || publishedGroupsTotal === null ? null : round2(unit.total - publishedGroupsTotal);
  return {
    publishedTotal: unit.total,
    publishedGroupsTotal,
    computedTotal: computed.total,
    totalDifference,
    pagesDifference,
    groups,
    differs: differs(totalDifference) || differs(pagesDifference) || groups.length > 0,
  };
}
