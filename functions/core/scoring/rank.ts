/**
 * Competition ranking ("1, 2, 2, 4") by the rounded total, highest first;
 * equal totals share a rank and are listed by unit code.
 */
export function rankByTotal<T extends { unitCode: string; total: number }>(
  scores: readonly T[],
): (T & { rank: number })[];
/** The same, for scores whose tie-breaking key is not a unit code. */
export function rankByTotal<T extends { total: number }>(
  scores: readonly T[],
  keyOf: (score: T) => string,
): (T & { rank: number })[];
export function rankByTotal<T extends { total: number }>(
  scores: readonly T[],
  keyOf: (score: T) => string = (s) => (s as T & { unitCode: string }).unitCode,
): (T & { rank: number })[] {
  const sorted = [...scores].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return b.total - a.total || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  let rank = 0;
  return sorted.map((s, k) => {
    if (k === 0 || s.total !== sorted[k - 1]?.total) rank = k + 1;
    return { ...s, rank };
  });
}
