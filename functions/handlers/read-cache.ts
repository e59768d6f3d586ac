import type { Result } from '#functions/commons/http.ts';

/**
 * Rendered read answers, kept for a few seconds inside one process, the way
 * CloudFront keeps them in front of the API. An ingest in the same process
 * clears its province at once; elsewhere the time limit bounds staleness.
 */
const entries = new Map<string, { province: string; expires: number; result: Result }>();
const MAX_ENTRIES = 500;
let override: number | undefined;

export function cached(key: string, now = Date.now()): Result | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.expires <= now) {
    entries.delete(key);
    return undefined;
  }
  return entry.result;
}

/** Keeps an answer for `seconds` (READ_CACHE_SECONDS), unless setReadCacheSeconds said otherwise. */
export function remember(
  key: string,
  province: string,
  result: Result,
  seconds: number,
  now = Date.now(),
): void {
  const keep = override ?? seconds;
  if (keep <= 0) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  entries.set(key, { province, expires: now + keep * 1000, result });
}

/** Changes how long answers are kept in this process; 0 turns the cache off. */
export function setReadCacheSeconds(value: number): void {
  override = value;
  if (value <= 0) clearReadCache();
}

/** Forgets every answer about a province, or every answer. */
export function clearReadCache(province?: string): void {
  for (const [key, entry] of entries) if (!province || entry.province === province) entries.delete(key);
}
