import { generateRecords } from '#core/generator/generate.ts';
import { methodology } from '#core/methodology/catalog.ts';
import { customPeriod } from '#core/periods/period.ts';
import { COUNT_FIELD_NAMES, type CountField, type DailyRecord } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';
import { measure, report } from './harness.ts';

/**
 * Scoring a year from memory against a baseline that only sums the same
 * fields of the same records by unit. Aim: scoring costs at most 3x the bare
 * aggregation.
 */

const FROM = '2025-07-01';
const TO = '2026-06-30';

/** The baseline: per unit, add up every count field of every record, and nothing else. */
function sumFields(records: readonly DailyRecord[]): number {
  const sums = new Map<string, Float64Array>();
  const fields = COUNT_FIELD_NAMES;
  for (const r of records) {
    let s = sums.get(r.unitCode);
    if (!s) {
      s = new Float64Array(fields.length);
      sums.set(r.unitCode, s);
    }
    for (let k = 0; k < fields.length; k++) s[k] = (s[k] as number) + r[fields[k] as CountField];
  }
  return sums.size;
}

function scoreProvinces(byProvince: readonly [string, DailyRecord[]][]): number {
  const period = customPeriod(FROM, TO);
  const m = methodology();
  let ranked = 0;
  for (const [province, records] of byProvince) {
    ranked += rankPeriod({ registry, province, period, methodology: m }, records).units.length;
  }
  return ranked;
}

export function benchScoring(): boolean {
  console.log(`scoring a year (${FROM}..${TO}) from memory`);
  let ok = true;
  const cases: [string, string[]][] = [
    ['102 units (Đồng Tháp)', ['82']],
    ['3,321 units (all 34 provinces)', registry.provinces().map((p) => p.code)],
  ];
  for (const [label, provinces] of cases) {
    const byProvince = provinces.map(
      (province) =>
        [province, [...generateRecords({ registry, province, from: FROM, to: TO, seed: 1 })]] as [
          string,
          DailyRecord[],
        ],
    );
    const all = byProvince.flatMap(([, r]) => r);
    const runs = all.length > 100_000 ? 5 : 9;
    const baseline = measure(`baseline: sum the fields, ${label}`, () => sumFields(all), runs);
    const scoring = measure(`score and rank, ${label}`, () => scoreProvinces(byProvince), runs);
    report(baseline, all.length, 'records');
    ok = report(scoring, all.length, 'records', baseline, { max: 3 }) && ok;
  }
  return ok;
}
