import { toCsv } from '#core/export/csv.ts';
import { type TableSheet, workbookBytes } from '#core/export/xlsx.ts';
import { generateRecords } from '#core/generator/generate.ts';
import { methodology } from '#core/methodology/catalog.ts';
import { customPeriod } from '#core/periods/period.ts';
import { registry } from '#core/registry/registry.ts';
import { type RankedUnit, rankPeriod } from '#core/scoring/ranking.ts';
import type { RankingAnswer, RankingUnit } from '#functions/api/answers.ts';
import { rankingWorkbook } from '#functions/api/workbooks.ts';
import { measureAsync, report } from './harness.ts';

/**
 * The ranking workbook (a sheet for the ranking and one per group, with the
 * group's indicators) against writing the same rows of the same sheets as
 * CSV: for a province of 102 units, and for a country export of the 3,321
 * units of the 34 provinces in one workbook. Aim: the workbook costs at most
 * 20x the CSV. A workbook is XML for every cell, each text escaped, then
 * zipped: about 6x for a province (23 ms) and 12-16x for the country (0.9 s)
 * on the machine this was set on, most of it in the writer's escaping; its
 * size is printed beside the CSV's.
 */

const FROM = '2025-10-01';
const TO = '2025-10-31';

/** A ranked unit as the read API answers it (what the workbook reads), from a ranking computed here. */
const asAnswerUnit = (u: RankedUnit): RankingUnit => ({
  ...u,
  previousDay: null,
  previousPeriod: null,
  rankChangeDay: null,
  rankChangePeriod: null,
});

function answerOf(provinces: readonly string[]): Pick<
  RankingAnswer,
  'province' | 'source' | 'period' | 'asOf' | 'methodology' | 'unranked'
> & {
  units: RankingUnit[];
} {
  const m = methodology();
  const period = customPeriod(FROM, TO);
  const rankings = provinces.map((province) =>
    rankPeriod(
      { registry, province, period, methodology: m },
      generateRecords({ registry, province, from: FROM, to: TO, seed: 3 }),
    ),
  );
  const first = rankings[0];
  if (!first) throw new Error('no province');
  return {
    province: first.province,
    source: 'records',
    period: first.period,
    asOf: TO,
    methodology: m.id,
    units: rankings.flatMap((r) => r.units.map(asAnswerUnit)),
    unranked: rankings.flatMap((r) => r.unranked),
  };
}

const csvOfSheets = (sheets: readonly TableSheet[]) =>
  sheets.map((s) =>
    toCsv(
      s.columns.map((c) => (typeof c === 'string' ? c : c.title)),
      s.rows,
      { bom: true },
    ),
  );

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchExports(): Promise<boolean> {
  console.log('exports: the ranking workbook (ranking + a sheet per group) against the same rows as CSV');
  let ok = true;
  const cases: [string, string[]][] = [
    ['102 units (Đồng Tháp)', ['82']],
    ['3,321 units (a country export)', registry.provinces().map((p) => p.code)],
  ];
  const m = methodology();
  for (const [label, provinces] of cases) {
    const answer = answerOf(provinces);
    const sheets = rankingWorkbook(answer, m, { lang: 'vi', provinceName: 'Tỉnh Đồng Tháp' });
    const rows = sheets.reduce((n, s) => n + s.rows.length, 0);
    const runs = answer.units.length > 1000 ? 5 : 9;
    const csv = await measureAsync(
      `baseline: the same sheets as CSV, ${label}`,
      async () => csvOfSheets(sheets),
      runs,
    );
    const xlsx = await measureAsync(`workbook (.xlsx), ${label}`, () => workbookBytes(sheets), runs);
    report(csv, rows, 'rows');
    ok = report(xlsx, rows, 'rows', csv, { max: 20 }) && ok;
    const csvBytes = csvOfSheets(sheets).reduce((n, text) => n + Buffer.byteLength(text), 0);
    const xlsxBytes = (await workbookBytes(sheets)).length;
    console.log(
      `  size: CSV ${kb(csvBytes)}, workbook ${kb(xlsxBytes)} (${(xlsxBytes / csvBytes).toFixed(2)}x)`,
    );
  }
  return ok;
}
