/**
 * Vietnamese (the default) and English. Every string on screen comes from
 * here; numbers and dates follow the language's conventions (vi-VN: 94,59 and
 * 27/11/2026).
 */
export type Lang = 'vi' | 'en';

const vi = {
  title: 'Chỉ số phục vụ người dân, doanh nghiệp',
  subtitle: 'Xếp hạng các xã, phường theo Quyết định 766/QĐ-TTg',
  province: 'Tỉnh',
  nav_ranking: 'Xếp hạng',
  nav_map: 'Bản đồ',
  nav_compare: 'So sánh',
  nav_methodology: 'Phương pháp',
  language: 'Ngôn ngữ',
  switch_language: 'English',
  period: 'Kỳ',
  period_kind: 'Loại kỳ',
  kind_month: 'Tháng',
  kind_quarter: 'Quý',
  kind_half: 'Sáu tháng',
  kind_year: 'Năm',
  kind_all: 'Từ 01/07/2025',
  kind_custom: 'Tùy chọn',
  from: 'Từ ngày',
  to: 'Đến ngày',
  as_of: 'Tính đến ngày',
  apply: 'Áp dụng',
  latest: 'mới nhất',
  loading: 'Đang tải…',
  error: 'Không tải được dữ liệu',
  error_not_found: 'Không tìm thấy đơn vị, kỳ hoặc dữ liệu này.',
  error_bad_request: 'Kỳ, ngày hoặc đường dẫn không hợp lệ.',
  error_busy: 'Hệ thống đang bận; vui lòng thử lại sau ít giây.',
  error_network: 'Không kết nối được tới máy chủ; kiểm tra mạng rồi thử lại.',
  technical_detail: 'Chi tiết kỹ thuật',
  back_to_ranking: 'Về bảng xếp hạng',
  retry: 'Thử lại',
  empty: 'Chưa có dữ liệu cho kỳ này.',
  rank: 'Hạng',
  change: 'Thay đổi',
  change_period: 'so với kỳ trước',
  change_day: 'so với hôm trước',
  unit: 'Đơn vị',
  type: 'Loại',
  ward: 'Phường',
  commune: 'Xã',
  'special-zone': 'Đặc khu',
  agency: 'Sở, ban, ngành',
  all_types: 'Tất cả',
  total: 'Điểm',
  band: 'Xếp loại',
  all_bands: 'Tất cả',
  excellent: 'Tốt',
  good: 'Khá',
  average: 'Trung bình',
  weak: 'Yếu',
  'no data': 'Chưa có dữ liệu',
  groups: 'Nhóm chỉ số',
  trend: 'Xu hướng',
  search: 'Tìm xã, phường',
  filters: 'Bộ lọc',
  sort_by: 'Sắp xếp theo',
  export_csv: 'Tải CSV',
  units_shown: 'đơn vị',
  summary_average: 'Điểm trung bình',
  summary_median: 'Trung vị',
  summary_quartiles: 'Tứ phân vị',
  summary_bands: 'Theo xếp loại',
  summary_no_data: 'Chưa có dữ liệu',
  summary_updated: 'Cập nhật lần cuối',
  data_quality: 'Chất lượng dữ liệu',
  missing_days: 'Thiếu ngày báo cáo',
  rejected_rows: 'Dòng bị từ chối',
  days: 'ngày',
  rows: 'dòng',
  none: 'Không có',
  unranked: 'Chưa xếp hạng',
  map_title: 'Bản đồ điểm các xã, phường',
  map_colour: 'Tô màu theo',
  map_legend: 'Chú giải',
  map_by_band: 'Xếp loại',
  map_by_score: 'Điểm',
  map_hint: 'Di chuột để xem điểm, bấm để mở đơn vị.',
  unit_title: 'Đơn vị',
  back: 'Quay lại bảng xếp hạng',
  score_over_time: 'Điểm và hạng theo tháng',
  rank_over_time: 'Hạng theo ngày',
  groups_vs: 'Các nhóm so với trung bình tỉnh và đơn vị dẫn đầu',
  this_unit: 'Đơn vị này',
  province_average: 'Trung bình tỉnh',
  best_unit: 'Dẫn đầu',
  explain: 'Giải thích điểm: chỉ số nào làm mất điểm',
  indicator: 'Chỉ số',
  points: 'Điểm đạt',
  max: 'Tối đa',
  lost: 'Điểm mất',
  ratio: 'Tỷ lệ',
  inputs: 'Số liệu',
  no_cases: 'không phát sinh',
  not_applicable: 'cấp tỉnh, tính đủ điểm',
  key_figures: 'Số liệu chính theo tháng',
  received: 'Hồ sơ tiếp nhận',
  online_share: 'Tỷ lệ trực tuyến',
  on_time_rate: 'Tỷ lệ đúng hạn',
  month: 'Tháng',
  show_table: 'Xem dữ liệu dạng bảng',
  compare_title: 'So sánh đơn vị',
  compare_pick: 'Chọn từ 2 đến 6 đơn vị',
  compare_add: 'Thêm',
  compare_remove: 'Bỏ',
  compare_need: 'Chọn ít nhất 2 đơn vị để so sánh.',
  compare_unknown: 'Không phải đơn vị của tỉnh trong kỳ này',
  compare_trend: 'Điểm theo tháng',
  compare_groups: 'Các nhóm chỉ số',
  methodology_title: 'Phương pháp tính điểm',
  methodology_version: 'Phiên bản',
  rule: 'Cách tính',
  unconfirmed: 'chưa xác nhận',
  bands_title: 'Xếp loại',
  from_score: 'từ',
  print: 'In phiếu điểm',
  open_unit: 'Mở',
  skip: 'Bỏ qua, đến nội dung chính',
  source_label: 'Nguồn số liệu',
  source_portal: 'Cổng Dịch vụ công quốc gia',
  source_records: 'Tính từ số liệu hằng ngày',
  published_note:
    'Điểm và hạng do Cổng Dịch vụ công quốc gia công bố. Điểm tính lại từ chính số liệu đầu vào Cổng công bố, để đối chiếu.',
  observed_on: 'Ngày quan sát',
  change_observation: 'so với lần quan sát trước',
  change_observation_short: 'so với lần trước',
  published_total: 'Điểm công bố',
  published_rank: 'Hạng công bố',
  computed_total: 'Điểm tính lại',
  computed: 'Tính lại',
  published: 'Công bố',
  agrees: 'khớp với điểm công bố',
  differs_by: 'lệch so với điểm công bố',
  reconciliation: 'Đối chiếu điểm công bố và điểm tính lại',
  pages_differ: 'Tổng điểm Cổng công bố khác tổng điểm các nhóm trên chính Cổng',
  groups_differ: 'Điểm nhóm tính lại khác điểm nhóm Cổng công bố',
  total_differs: 'Điểm tính lại khác tổng điểm Cổng công bố',
  unsettled: 'Đơn vị của Cổng chưa khớp danh mục đơn vị hành chính',
  doubtful: 'cần xác nhận',
  unmatched: 'không tìm thấy',
  may_be: 'có thể là',
  sum_of_groups: 'tổng các nhóm',
  from_published_group: 'phần còn lại của điểm nhóm Cổng công bố',
  published_points: 'Cổng công bố',
  history_published: 'Điểm và hạng công bố theo ngày quan sát',
  points_change: 'Thay đổi điểm',
  places_change: 'Thay đổi hạng',
  day: 'Ngày',
  province_pick: 'Tỉnh, thành phố',
  no_published: 'Chưa có số liệu Cổng công bố cho kỳ này; Cổng công bố theo năm, quý và tháng.',
  and_more: 'và',
  more_units: 'đơn vị khác',
  map_other_province: 'Bản đồ hiện có cho tỉnh Đồng Tháp.',
  reconciled_flag: 'Điểm công bố lệch với điểm tính lại hoặc với tổng các nhóm',
  source_note:
    'Danh mục đơn vị và bản đồ: vietnamese-provinces-database (MIT). Điểm công bố: Cổng Dịch vụ công quốc gia (dichvucong.gov.vn).',
};

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  title: 'Citizen-service index',
  subtitle: 'Rankings of communes and wards under Decision 766/QĐ-TTg',
  province: 'Province',
  nav_ranking: 'Ranking',
  nav_map: 'Map',
  nav_compare: 'Compare',
  nav_methodology: 'Methodology',
  language: 'Language',
  switch_language: 'Tiếng Việt',
  period: 'Period',
  period_kind: 'Period type',
  kind_month: 'Month',
  kind_quarter: 'Quarter',
  kind_half: 'Half-year',
  kind_year: 'Year',
  kind_all: 'Since 1 Jul 2025',
  kind_custom: 'Custom',
  from: 'From',
  to: 'To',
  as_of: 'As of',
  apply: 'Apply',
  latest: 'latest',
  loading: 'Loading…',
  error: 'Could not load the data',
  error_not_found: 'This unit, period or data was not found.',
  error_bad_request: 'The period, day or link is not valid.',
  error_busy: 'The platform is busy; please try again in a few seconds.',
  error_network: 'The server could not be reached; check the connection and try again.',
  technical_detail: 'Technical detail',
  back_to_ranking: 'Back to the ranking',
  retry: 'Try again',
  empty: 'No data for this period yet.',
  rank: 'Rank',
  change: 'Change',
  change_period: 'since the previous period',
  change_day: 'since the day before',
  unit: 'Unit',
  type: 'Type',
  ward: 'Ward',
  commune: 'Commune',
  'special-zone': 'Special zone',
  agency: 'Department',
  all_types: 'All',
  total: 'Score',
  band: 'Band',
  all_bands: 'All',
  excellent: 'Excellent',
  good: 'Good',
  average: 'Average',
  weak: 'Weak',
  'no data': 'No data',
  groups: 'Groups',
  trend: 'Trend',
  search: 'Search communes and wards',
  filters: 'Filters',
  sort_by: 'Sort by',
  export_csv: 'Download CSV',
  units_shown: 'units',
  summary_average: 'Average score',
  summary_median: 'Median',
  summary_quartiles: 'Quartiles',
  summary_bands: 'By band',
  summary_no_data: 'Without data',
  summary_updated: 'Last update',
  data_quality: 'Data quality',
  missing_days: 'Missing days',
  rejected_rows: 'Rejected rows',
  days: 'days',
  rows: 'rows',
  none: 'None',
  unranked: 'Not ranked',
  map_title: 'Map of scores',
  map_colour: 'Colour by',
  map_legend: 'Legend',
  map_by_band: 'Band',
  map_by_score: 'Score',
  map_hint: 'Hover for the score, click to open the unit.',
  unit_title: 'Unit',
  back: 'Back to the ranking',
  score_over_time: 'Score and rank by month',
  rank_over_time: 'Rank by day',
  groups_vs: 'Groups against the province average and the leader',
  this_unit: 'This unit',
  province_average: 'Province average',
  best_unit: 'Leader',
  explain: 'Explain my score: where the points are lost',
  indicator: 'Indicator',
  points: 'Points',
  max: 'Max',
  lost: 'Lost',
  ratio: 'Ratio',
  inputs: 'Inputs',
  no_cases: 'no cases',
  not_applicable: 'province level, full points',
  key_figures: 'Key figures by month',
  received: 'Dossiers received',
  online_share: 'Online share',
  on_time_rate: 'On-time rate',
  month: 'Month',
  show_table: 'Show the data as a table',
  compare_title: 'Compare units',
  compare_pick: 'Pick 2 to 6 units',
  compare_add: 'Add',
  compare_remove: 'Remove',
  compare_need: 'Pick at least 2 units to compare.',
  compare_unknown: 'Not a unit of this province in this period',
  compare_trend: 'Score by month',
  compare_groups: 'Groups',
  methodology_title: 'How the score is computed',
  methodology_version: 'Version',
  rule: 'Rule',
  unconfirmed: 'unconfirmed',
  bands_title: 'Bands',
  from_score: 'from',
  print: 'Print report card',
  open_unit: 'Open',
  skip: 'Skip to the main content',
  source_label: 'Source',
  source_portal: 'National public service portal',
  source_records: 'Computed from daily records',
  published_note:
    'Scores and ranks as the national public service portal published them. The computed score, from the same inputs the portal published, is beside them for comparison.',
  observed_on: 'Observed on',
  change_observation: 'since the previous observation',
  change_observation_short: 'since last seen',
  published_total: 'Published score',
  published_rank: 'Published rank',
  computed_total: 'Computed score',
  computed: 'Computed',
  published: 'Published',
  agrees: 'agrees with the published score',
  differs_by: 'differs from the published score by',
  reconciliation: 'Published and computed scores',
  pages_differ: "The portal's total differs from the sum of its own group pages",
  groups_differ: 'Computed group scores differ from the published ones',
  total_differs: 'The computed score differs from the published total',
  unsettled: "The portal's units not matched to the official unit list",
  doubtful: 'to be confirmed',
  unmatched: 'not found',
  may_be: 'may be',
  sum_of_groups: 'sum of groups',
  from_published_group: 'what the published group score leaves',
  published_points: 'Published',
  history_published: 'Published score and rank by observation day',
  points_change: 'Score change',
  places_change: 'Rank change',
  day: 'Day',
  province_pick: 'Province',
  no_published:
    'No figures published by the portal for this period yet; the portal publishes years, quarters and months.',
  and_more: 'and',
  more_units: 'more units',
  map_other_province: 'The map is available for Đồng Tháp.',
  reconciled_flag: 'The published score differs from the computed one or from the sum of its groups',
  source_note:
    'Unit lists and map: vietnamese-provinces-database (MIT). Published scores: the national public service portal (dichvucong.gov.vn).',
};

const dictionaries: Record<Lang, Record<Key, string>> = { vi, en };
let current: Lang = 'vi';

export function setLang(lang: Lang): void {
  current = lang;
  // writing the attribute, even unchanged, makes the browser restyle the whole page
  if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
}

export function lang(): Lang {
  return current;
}

export function t(key: Key | string): string {
  return dictionaries[current][key as Key] ?? key;
}

const locale = () => (current === 'vi' ? 'vi-VN' : 'en-GB');

/** Formatters cost more to build than to use: one per language and style, built on first use. */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: (locale: string) => T,
): T {
  const id = `${current}|${key}`;
  let f = formatters.get(id) as T | undefined;
  if (!f) {
    f = make(locale());
    formatters.set(id, f);
  }
  return f;
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  return formatter(
    `n${digits}`,
    (l) => new Intl.NumberFormat(l, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ).format(value);
}

/** A change with its sign: +1,25 or −3,00 (a true minus sign), – when unknown. */
export function formatChange(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  const text = formatNumber(Math.abs(value), digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return formatter('int', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 0 })).format(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return formatter(
    'pct',
    (l) => new Intl.NumberFormat(l, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  ).format(value);
}

export function formatDay(day: string | null | undefined): string {
  if (!day) return '–';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return formatter(
    'day',
    (l) => new Intl.DateTimeFormat(l, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  return formatter(
    'time',
    (l) =>
      new Intl.DateTimeFormat(l, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }),
  ).format(new Date(iso));
}

/** A period key in words: 2025-11 -> "Tháng 11/2025" / "November 2025". */
export function formatPeriod(key: string): string {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m)
    return current === 'vi'
      ? `Tháng ${Number(m[2])}/${m[1]}`
      : new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
          new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)),
        );
  m = /^(\d{4})-Q(\d)$/.exec(key);
  if (m) return current === 'vi' ? `Quý ${m[2]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-H(\d)$/.exec(key);
  if (m)
    return current === 'vi'
      ? `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`
      : `${m[2] === '1' ? 'First' : 'Second'} half ${m[1]}`;
  if (/^\d{4}$/.test(key)) return current === 'vi' ? `Năm ${key}` : key;
  if (key === 'all') return t('kind_all');
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (m) return `${formatDay(m[1])} – ${formatDay(m[2])}`;
  return key;
}

/** Lower case without diacritics: "Hoà Long" and "hoa long" match, đ as d. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
