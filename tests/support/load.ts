import type { DailyRecord } from '#core/records/fields.ts';
import { recordsCsv } from '#core/records/write.ts';

/**
 * A province's daily records sent through the ingest API a week per
 * submission, one after another as a daily job would, while `readers`
 * clients read rankings as fast as they are answered. Shared by the load test
 * (which checks the outcome) and `npm run bench` (which reports the rates).
 */
export interface LoadResult {
  rows: number;
  submissions: number;
  writeErrors: string[];
  writeSeconds: number;
  rowsPerSecond: number;
  reads: number;
  readErrors: string[];
  /** milliseconds */
  readP50: number;
  readP99: number;
}

const READ_PATHS = [
  '/api/provinces/82/rankings?period=all',
  '/api/provinces/82/rankings?period=all&detail=none',
  '/api/provinces/82/rankings?period=2025-07',
  '/api/provinces/82/summary?period=all',
  '/api/provinces/82/trend',
  '/api/provinces/82',
];

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function loadThroughApi(
  base: string,
  token: string,
  records: readonly DailyRecord[],
  options: { readers: number; daysPerSubmission?: number },
): Promise<LoadResult> {
  const days = options.daysPerSubmission ?? 7;
  const byPart = new Map<number, DailyRecord[]>();
  const first = Date.parse(records[0]?.date ?? '2025-07-01');
  for (const r of records) {
    const part = Math.floor((Date.parse(r.date) - first) / (days * 86_400_000));
    const list = byPart.get(part) ?? [];
    list.push(r);
    byPart.set(part, list);
  }
  const parts = [...byPart.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
  const writeErrors: string[] = [];
  const readErrors: string[] = [];
  const latencies: number[] = [];
  let writing = true;

  const send = async (part: DailyRecord[]) => {
    const body = recordsCsv(part);
    const answer = await fetch(`${base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
    });
    const text = await answer.text();
    if (answer.status !== 201) writeErrors.push(`${answer.status} ${text.slice(0, 200)}`);
  };

  // the first week goes in before the readers start, so that there is something to read
  await send(parts[0] ?? []);
  const started = performance.now();
  const readers = Array.from({ length: options.readers }, async (_, k) => {
    for (let n = k; writing; n++) {
      const path = READ_PATHS[n % READ_PATHS.length] as string;
      const t = performance.now();
      try {
        const answer = await fetch(`${base}${path}`);
        await answer.arrayBuffer();
        if (answer.status !== 200) readErrors.push(`${answer.status} ${path}`);
      } catch (error) {
        readErrors.push(`${path}: ${error instanceof Error ? error.message : error}`);
      }
      latencies.push(performance.now() - t);
    }
  });
  for (const part of parts.slice(1)) await send(part);
  const writeSeconds = (performance.now() - started) / 1000;
  writing = false;
  await Promise.all(readers);
  latencies.sort((a, b) => a - b);
  const rows = parts.slice(1).reduce((n, p) => n + p.length, 0);
  return {
    rows: records.length,
    submissions: parts.length,
    writeErrors,
    writeSeconds,
    rowsPerSecond: rows / writeSeconds,
    reads: latencies.length,
    readErrors,
    readP50: percentile(latencies, 50),
    readP99: percentile(latencies, 99),
  };
}
