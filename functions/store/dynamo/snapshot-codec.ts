import { gunzipSync, gzipSync } from 'node:zlib';
import { type PublishedDocument, publishedRanks } from '#core/snapshots/published.ts';
import type { RankPoint, SnapshotDocument } from '#core/snapshots/snapshot.ts';
import { type PackedAggregate, packAggregate, unpackAggregate } from '#functions/store/dynamo/codec.ts';

/**
 * How the adapter keeps ranking snapshots: gzip of a compact JSON document
 * (each unit's period aggregate packed), with the ranks beside it as
 * "unit:rank:total,..." so that rank histories need no decompression. The
 * read API renders the full explanation from the aggregate with the scoring
 * core, so a snapshot of 102 units stays a few kilobytes.
 */

type StoredUnit = Omit<SnapshotDocument['units'][number], 'aggregate'> & { aggregate: PackedAggregate };
type StoredDocument = Omit<SnapshotDocument, 'units'> & { units: StoredUnit[]; format: 1 };

export interface EncodedSnapshot {
  body: Uint8Array;
  ranks: string;
}

export function encodeSnapshot(doc: SnapshotDocument): EncodedSnapshot {
  const stored: StoredDocument = {
    ...doc,
    format: 1,
    units: doc.units.map((u) => ({ ...u, aggregate: packAggregate(u.aggregate) })),
  };
  return {
    // level 1: a backfill writes thousands of snapshots, and level 6 saves little on them
    body: gzipSync(JSON.stringify(stored), { level: 1 }),
    ranks: doc.units.map((u) => `${u.aggregate.unitCode}:${u.rank}:${u.total}`).join(','),
  };
}

export function decodeSnapshot(body: Uint8Array): SnapshotDocument {
  const stored = JSON.parse(gunzipSync(body).toString('utf8')) as StoredDocument;
  const { format: _format, ...doc } = stored;
  return { ...doc, units: stored.units.map((u) => ({ ...u, aggregate: unpackAggregate(u.aggregate) })) };
}

/** "unit:rank:total,..." back into a map. */
export function decodeRanks(ranks: string): Map<string, RankPoint> {
  const map = new Map<string, RankPoint>();
  if (!ranks) return map;
  for (const entry of ranks.split(',')) {
    const [unit = '', rank = '0', total = '0'] = entry.split(':');
    map.set(unit, { rank: Number(rank), total: Number(total) });
  }
  return map;
}

/**
 * Published rankings are kept beside the computed ones, under "portal" where
 * a snapshot names its methodology: SNAP#<province>#portal#<period>, one item
 * per observation day (docs/data-model.md).
 */
export const PORTAL_SOURCE = 'portal';

export function encodePublished(doc: PublishedDocument): EncodedSnapshot {
  return {
    body: gzipSync(JSON.stringify({ ...doc, format: 1 }), { level: 6 }),
    ranks: publishedRanks(doc),
  };
}

export function decodePublished(body: Uint8Array): PublishedDocument {
  const { format: _format, ...doc } = JSON.parse(gunzipSync(body).toString('utf8')) as PublishedDocument & {
    format: 1;
  };
  return doc;
}
