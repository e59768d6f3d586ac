/**
 * Competition ranking ("1, 2, 2, 4") by the rounded total, highest first;
 * equal totals share a rank and are listed by unit code.
 */
export function rankByTotal<T extends { unitCode: string; total: number }>(
  scores: readonly T[],
): (T & { rank: number })[] {
  const sorted = [...scores].sort(
    (a, b) => b.total - a.total || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0),
  );
  let rank = 0;
  return sorted.map((s, k) => {
    if (k === 0 || s.total !== sorted[k - 1]?.total) rank = k + 1;
    return { ...s, rank };
  });
}
