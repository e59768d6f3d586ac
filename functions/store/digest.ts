import { createHash } from 'node:crypto';
import type { DailyRecord } from '#core/records/fields.ts';
import { packCounts } from '#core/records/pack.ts';

/**
 * Short digests of stored values: equal digests mean the same values were
 * sent again, so a re-sent row or observation comes back unchanged.
 */

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** The digest of a record's counts. */
export const recordDigest = (record: DailyRecord): string => digest(packCounts(record));

/** JSON with every object's keys in order: the same values give the same text, whatever order they came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The digest of what the portal published for a unit. */
export const observationDigest = (unit: unknown): string => digest(canonicalJson(unit));
