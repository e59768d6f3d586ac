import type { RankingAnswer, RankingUnit } from '#functions/api/answers.ts';
import { api, type Methodology } from './api.ts';
import { downloadCsv, downloadWorkbook } from './download.ts';
import type { ExportFormat } from './export.ts';
import { formatDay, formatPeriod, lang, t } from './i18n.ts';
import { bandName, groupName } from './methodology.ts';

/**
 * The ranking's downloads, loaded on the first one: the rows on screen as
 * CSV, or as a workbook with the ranking and a sheet per group with its
 * indicators (which the table's answer leaves out, and are asked for then).
 */
export interface RankingExport {
  ranking: RankingAnswer | (Omit<RankingAnswer, 'units'> & { units: RankingUnit[] });
  rows: RankingUnit[];
  methodology: Methodology | undefined;
  provinceLabel: string;
  /** the "as of" day asked for; empty for the latest */
  asOf: string;
  /** what is ranked: communes and wards, or the departments */
  kind: '' | 'agencies';
}

const fileOf = (r: RankingExport['ranking']) =>
  `ranking-${r.province}-${r.period.key}${r.source === 'portal' ? `-portal-${r.asOf}` : ''}`;

export async function exportRanking(format: ExportFormat, e: RankingExport): Promise<void> {
  if (format === 'csv') await rankingCsv(e);
  else await rankingWorkbook(e);
}

async function rankingWorkbook({
  ranking: r,
  rows,
  methodology: m,
  provinceLabel,
  asOf,
  kind,
}: RankingExport) {
  if (!m) return;
  const [workbooks, full] = await Promise.all([
    import('#functions/api/workbooks.ts'),
    api.rankingDetail(r.province, r.period.key, asOf, r.source, kind),
  ]);
  const byCode = new Map(full.units.map((u) => [u.unitCode, u]));
  const units = rows.map((u) => byCode.get(u.unitCode) ?? u);
  // the units without data belong to the province's whole list, not to a narrowed one
  const whole = rows.length === r.units.length;
  const sheets = workbooks.rankingWorkbook({ ...full, units, unranked: whole ? full.unranked : [] }, m, {
    lang: lang(),
    provinceName: provinceLabel,
  });
  await downloadWorkbook(fileOf(r), sheets);
}

async function rankingCsv({ ranking, rows, methodology: m }: RankingExport) {
  const groups = Object.keys(rows[0]?.groups ?? ranking.units[0]?.groups ?? {});
  const portal = ranking.source === 'portal';
  const l = lang();
  await downloadCsv(
    `${fileOf(ranking)}.csv`,
    [
      t('rank'),
      t('unit_code'),
      t('unit'),
      t('type'),
      t('total'),
      t('band'),
      t('change_period_places'),
      t('change_day_places'),
      ...groups.map((g) => groupName(m, g, l)),
      t('period'),
      t('as_of'),
      ...(portal
        ? [
            t('source_label'),
            t('portal_code'),
            t('points_change'),
            t('sum_of_groups'),
            t('computed_total'),
            t('computed_rank'),
          ]
        : []),
    ],
    rows.map((u) => [
      u.rank,
      u.unitCode,
      u.name,
      t(u.type),
      u.total,
      bandName(m, u.band, l),
      u.rankChangePeriod,
      u.rankChangeDay,
      ...groups.map((g) => u.groups[g]),
      formatPeriod(ranking.period.key),
      formatDay(ranking.asOf),
      ...(u.published
        ? [
            t('source_portal'),
            u.published.portalCode,
            u.published.totalChangeDay,
            u.published.groupsTotal,
            u.published.computed.total,
            u.published.computed.rank,
          ]
        : []),
    ]),
  );
}
