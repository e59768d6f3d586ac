import { dayLabel, type Lang, periodLabel, provinceLabel } from '#core/export/labels.ts';
import type { TableColumn, TableSheet } from '#core/export/xlsx.ts';
import { unitTypeLabel } from '#core/registry/unit-types.ts';
import { rankByTotal } from '#core/scoring/rank.ts';
import type { NationalAnswer, RankingAnswer, RankingUnit, UnitHistory } from '#functions/api/answers.ts';

/**
 * The workbooks of the read API's answers, the same from the API
 * (format=xlsx) and from the dashboard's "Excel" buttons: the ranking with a
 * sheet per group (units by that group's score, with its indicators), as
 * provincial staff make them by hand, and a unit's history. Titles in
 * Vietnamese or English; the writer is core/export/xlsx.ts.
 */

/** What a workbook needs of a methodology: the API's answer and the catalog's definition both have it. */
export interface WorkbookMethodology {
  id: string;
  groups: readonly {
    code: string;
    name: { vi: string; en: string };
    max: number;
    indicators: readonly { code: string; name: { vi: string; en: string }; points: number }[];
  }[];
  bands: readonly { id: string; label: { vi: string; en: string } }[];
}

const WORDS = {
  ranking: { vi: 'Xếp hạng', en: 'Ranking' },
  history: { vi: 'Diễn biến theo tháng', en: 'Month by month' },
  rank: { vi: 'Hạng', en: 'Rank' },
  rankInGroup: { vi: 'Hạng trong nhóm', en: 'Rank in group' },
  unitCode: { vi: 'Mã đơn vị', en: 'Unit code' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  type: { vi: 'Loại', en: 'Type' },
  total: { vi: 'Tổng điểm', en: 'Total' },
  band: { vi: 'Xếp loại', en: 'Band' },
  changePeriod: { vi: 'Thay đổi hạng so với kỳ trước', en: 'Rank change since the previous period' },
  changeDay: { vi: 'Thay đổi hạng so với hôm trước', en: 'Rank change since the day before' },
  daysWithData: { vi: 'Số ngày có số liệu', en: 'Days with data' },
  received: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  onlineShare: { vi: 'Tỷ lệ nộp trực tuyến (%)', en: 'Submitted online (%)' },
  onTimeRate: { vi: 'Tỷ lệ đúng hạn (%)', en: 'On time (%)' },
  noData: { vi: 'Chưa có số liệu', en: 'No data' },
  groupPoints: { vi: 'Điểm nhóm', en: 'Group points' },
  groupShare: { vi: 'Đạt (% điểm tối đa)', en: 'Share of the maximum (%)' },
  overallRank: { vi: 'Hạng chung', en: 'Overall rank' },
  points: { vi: 'điểm', en: 'points' },
  max: { vi: 'tối đa', en: 'max.' },
  asOf: { vi: 'số liệu đến ngày', en: 'data as of' },
  methodology: { vi: 'phương pháp', en: 'methodology' },
  portal: { vi: 'nguồn: Cổng Dịch vụ công quốc gia', en: "source: the national portal's figures" },
  records: { vi: 'nguồn: số liệu hằng ngày', en: 'source: daily records' },
  portalCode: { vi: 'Mã trên Cổng', en: 'Portal code' },
  pointsChange: { vi: 'Thay đổi điểm so với lần trước', en: 'Points change since the previous observation' },
  groupsTotal: { vi: 'Tổng điểm các nhóm', en: 'Sum of the groups' },
  computedTotal: { vi: 'Tổng điểm tính lại', en: 'Computed total' },
  computedRank: { vi: 'Hạng tính lại', en: 'Computed rank' },
  reconciled: { vi: 'Đối chiếu', en: 'Reconciliation' },
  agrees: { vi: 'Khớp', en: 'Agrees' },
  differs: { vi: 'Lệch', en: 'Differs' },
  month: { vi: 'Tháng', en: 'Month' },
  ranked: { vi: 'Số đơn vị được xếp hạng', en: 'Units ranked' },
  country: { vi: 'Cả nước', en: 'The country' },
  provinces: { vi: 'tỉnh, thành phố', en: 'provinces' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  provinceCode: { vi: 'Mã tỉnh', en: 'Province code' },
  publishedOn: { vi: 'Cổng công bố ngày', en: 'published on' },
  rankChange: { vi: 'Thay đổi hạng so với lần trước', en: 'Rank change since the previous observation' },
} as const satisfies Record<string, Record<Lang, string>>;

type Word = keyof typeof WORDS;

export interface WorkbookContext {
  lang: Lang;
  /** the province's name in the language, for the title row */
  provinceName: string;
}

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? null : Math.round(share * 10000) / 100;

/** The title row: what, the province, the period, the "as of" day, the methodology and the source. */
function titleOf(
  what: string,
  ctx: WorkbookContext,
  of: { period: string; asOf: string | null; methodology: string; source: string },
): string {
  const w = (k: Word) => WORDS[k][ctx.lang];
  return [
    what,
    ctx.provinceName,
    periodLabel(of.period, ctx.lang),
    `${w('asOf')} ${dayLabel(of.asOf)}`,
    `${w('methodology')} ${of.methodology}`,
    of.source === 'portal' ? w('portal') : w('records'),
  ].join(' — ');
}

/**
 * The ranking as a workbook: the ranking sheet (every unit of the answer, the
 * units without data last), then a sheet per group with the units by that
 * group's score and the group's indicators (when the answer carries them).
 */
export function rankingWorkbook(
  answer: Pick<RankingAnswer, 'province' | 'source' | 'period' | 'asOf' | 'methodology' | 'unranked'> & {
    units: readonly RankingUnit[];
  },
  m: WorkbookMethodology,
  ctx: WorkbookContext,
): TableSheet[] {
  const l = ctx.lang;
  const w = (k: Word) => WORDS[k][l];
  const of = {
    period: answer.period.key,
    asOf: answer.asOf,
    methodology: answer.methodology,
    source: answer.source,
  };
  const band = (id: string) => m.bands.find((b) => b.id === id)?.label[l] ?? id;
  const portal = answer.source === 'portal';
  const decimal = (title: string): TableColumn => ({ title, kind: 'decimal' });
  const ranking: TableSheet = {
    name: w('ranking'),
    title: titleOf(w('ranking'), ctx, of),
    columns: [
      w('rank'),
      w('unitCode'),
      w('unit'),
      w('type'),
      decimal(w('total')),
      w('band'),
      w('changePeriod'),
      w('changeDay'),
      ...m.groups.map((g) => decimal(`${g.name[l]} (${w('max')} ${g.max})`)),
      w('daysWithData'),
      w('received'),
      decimal(w('onlineShare')),
      decimal(w('onTimeRate')),
      ...(portal
        ? [
            w('portalCode'),
            decimal(w('pointsChange')),
            decimal(w('groupsTotal')),
            decimal(w('computedTotal')),
            w('computedRank'),
            w('reconciled'),
          ]
        : []),
    ],
    rows: [
      ...answer.units.map((u) => [
        u.rank,
        u.unitCode,
        u.name,
        unitTypeLabel(u.type, l),
        u.total,
        band(u.band),
        u.rankChangePeriod,
        u.rankChangeDay,
        ...m.groups.map((g) => u.groups[g.code]),
        u.daysWithData,
        u.keyFigures.received,
        percent(u.keyFigures.onlineShare),
        percent(u.keyFigures.onTimeRate),
        ...(portal
          ? [
              u.published?.portalCode,
              u.published?.totalChangeDay,
              u.published?.groupsTotal,
              u.published?.computed.total,
              u.published?.computed.rank,
              u.published ? w(u.published.reconciliation.differs ? 'differs' : 'agrees') : null,
            ]
          : []),
      ]),
      ...answer.unranked.map((u) => [null, u.unitCode, u.name, unitTypeLabel(u.type, l), null, w('noData')]),
    ],
  };
  const groups = m.groups.map((g): TableSheet => {
    // by the group's score, ties in the order of the overall ranking
    const byGroup = rankByTotal(
      answer.units.map((u) => ({ u, total: u.groups[g.code] ?? 0 })),
      ({ u }) => `${String(u.rank).padStart(6, '0')}#${u.unitCode}`,
    );
    const units = byGroup.map((x) => x.u);
    const ranks = byGroup.map((x) => x.rank);
    const detail = units.some((u) => u.indicators);
    return {
      name: g.name[l],
      title: titleOf(`${g.name[l]} (${w('max')} ${g.max} ${w('points')})`, ctx, of),
      columns: [
        w('rankInGroup'),
        w('unitCode'),
        w('unit'),
        decimal(w('groupPoints')),
        decimal(w('groupShare')),
        ...(detail ? g.indicators.map((i) => decimal(`${i.name[l]} (${w('max')} ${i.points})`)) : []),
        w('overallRank'),
        decimal(w('total')),
      ],
      rows: units.map((u, k) => [
        ranks[k],
        u.unitCode,
        u.name,
        u.groups[g.code],
        percent((u.groups[g.code] ?? 0) / g.max),
        ...(detail ? g.indicators.map((i) => u.indicators?.[i.code]?.points) : []),
        u.rank,
        u.total,
      ]),
    };
  });
  return [ranking, ...groups];
}

/** The national list as a workbook: the 34 provinces ranked, with their changes and six groups. */
export function nationalWorkbook(answer: NationalAnswer, m: WorkbookMethodology, lang: Lang): TableSheet[] {
  const w = (k: Word) => WORDS[k][lang];
  return [
    {
      name: w('country'),
      title: [
        `${w('country')}: ${answer.provinces.length} ${w('provinces')}`,
        periodLabel(answer.period, lang),
        `${w('publishedOn')} ${dayLabel(answer.observedOn)}`,
        w('portal'),
      ].join(' — '),
      columns: [
        w('rank'),
        w('provinceCode'),
        w('province'),
        { title: w('total'), kind: 'decimal' },
        { title: w('pointsChange'), kind: 'decimal' },
        w('rankChange'),
        ...m.groups.map(
          (g): TableColumn => ({ title: `${g.name[lang]} (${w('max')} ${g.max})`, kind: 'decimal' }),
        ),
      ],
      rows: answer.provinces.map((p) => [
        p.rank,
        p.province,
        provinceLabel(p, lang),
        p.total,
        p.totalChange,
        p.rankChange,
        ...m.groups.map((g) => p.groups[g.code]),
      ]),
    },
  ];
}

/** A unit's history as a workbook: a row per month with its rank, total, groups and key figures. */
export function historyWorkbook(
  history: UnitHistory,
  m: WorkbookMethodology,
  ctx: WorkbookContext,
): TableSheet[] {
  const l = ctx.lang;
  const w = (k: Word) => WORDS[k][l];
  const band = (id: string | null) =>
    id === null ? null : (m.bands.find((b) => b.id === id)?.label[l] ?? id);
  const last = history.months.at(-1);
  return [
    {
      name: w('history'),
      title: titleOf(`${w('history')}: ${history.name} (${history.unitCode})`, ctx, {
        period: history.daysPeriod,
        asOf: last?.asOf ?? null,
        methodology: history.methodology,
        source: history.source,
      }),
      columns: [
        w('month'),
        w('asOf'),
        w('rank'),
        w('ranked'),
        { title: w('total'), kind: 'decimal' },
        w('band'),
        ...m.groups.map(
          (g): TableColumn => ({ title: `${g.name[l]} (${w('max')} ${g.max})`, kind: 'decimal' }),
        ),
        w('received'),
        { title: w('onlineShare'), kind: 'decimal' },
        { title: w('onTimeRate'), kind: 'decimal' },
        w('daysWithData'),
      ],
      rows: history.months.map((p) => [
        periodLabel(p.period, l),
        dayLabel(p.asOf),
        p.rank,
        p.ranked,
        p.total,
        band(p.band),
        ...m.groups.map((g) => p.groups?.[g.code]),
        p.keyFigures?.received,
        percent(p.keyFigures?.onlineShare),
        percent(p.keyFigures?.onTimeRate),
        p.daysWithData,
      ]),
    },
  ];
}
