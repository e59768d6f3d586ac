import type { DailyRecord } from '#core/records/fields.ts';
import { countsDigest, packCounts } from '#functions/store/codec.ts';
import { key } from '#functions/store/dynamo/keys.ts';
/**
 * A small benchmark harness: each case runs a few times after a warm-up and
 * reports its median, so that a ratio against a baseline from the same run
 * holds on a busy machine.
 */

export interface Measurement {
  name: string;
  medianMs: number;
  runs: number;
}

export function measure(name: string, fn: () => unknown, runs = 7, warmup = 2): Measurement {
  for (let k = 0; k < warmup; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { name, medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN, runs };
}

const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** Prints one line: the case, its time, its rate, and its ratio to the baseline with the aim it is held to. */
export function report(
  m: Measurement,
  items: number,
  unit: string,
  baseline?: Measurement,
  aim?: { max: number },
): boolean {
  const rate = fmt.format(items / (m.medianMs / 1000));
  let line = `  ${m.name.padEnd(58)} ${m.medianMs.toFixed(1).padStart(9)} ms  ${rate.padStart(12)} ${unit}/s`;
  let ok = true;
  if (baseline) {
    const ratio = m.medianMs / baseline.medianMs;
    ok = aim ? ratio <= aim.max : true;
    line += `  ${ratio.toFixed(2)}x baseline${aim ? ` (aim <= ${aim.max}x: ${ok ? 'met' : 'MISSED'})` : ''}`;
  }
  console.log(line);
  return ok;
}

/**
 * The store's record items for `records`, under a province of their own
 * ("99"): what a raw BatchWriteItem baseline writes, beside the real ingestion.
 */
export function rawRecordItems(records: readonly DailyRecord[]): Record<string, unknown>[] {
  const at = new Date().toISOString();
  return records.map((r) => ({
    ...key.record('99', r.unitCode, r.date),
    c: packCounts(r),
    rev: 1,
    dg: countsDigest(packCounts(r)),
    sub: 'baseline',
    at,
  }));
}
