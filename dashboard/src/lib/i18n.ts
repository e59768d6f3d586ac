/**
 * Vietnamese (the default) and English. Every string on screen comes from
 * here; numbers and dates follow the language's conventions (vi-VN: 94,59 and
 * 27/11/2026).
 */
import { dayLabel, type Lang, periodLabel, provinceLabel } from '#core/export/labels.ts';

export type { Lang };

const vi = {
  as_of_moved: 'chưa có số liệu; bảng xếp hạng tính đến ngày',
  latest_data: 'Số liệu mới nhất của tỉnh: ngày',
  see_period: 'Xem',
  day_placeholder: 'dd/mm/yyyy',
  day_invalid: 'Ghi ngày theo dạng ngày/tháng/năm, ví dụ 30/11/2026.',
  copy_link: 'Sao chép liên kết',
  link_copied: 'Đã sao chép liên kết',
  decision: 'Quyết định 766/QĐ-TTg',
  printed_on: 'In ngày',
  pick_to_compare: 'Chọn để so sánh',
  units_picked: 'đơn vị đã chọn',
  at_most_six: 'tối đa 6',
  pick_one_more: 'Chọn thêm ít nhất 1 đơn vị',
  compare_picked: 'So sánh các đơn vị đã chọn',
  clear_choice: 'Bỏ chọn',
  pick_hint: 'Đánh dấu ô cạnh tên để chọn từ 2 đến 6 đơn vị so sánh.',
  filter_band: 'Lọc bảng theo xếp loại này',
  show_all_units: 'Hiện mọi đơn vị',
  flag_missing: 'Đang lọc: đơn vị thiếu ngày số liệu.',
  flag_rejected: 'Đang lọc: đơn vị có dòng bị từ chối.',
  flag_differs: 'Đang lọc: đơn vị có điểm công bố lệch.',
  intro_label: 'Giới thiệu',
  intro_text:
    'Chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) chấm mỗi xã, phường trên 100 điểm qua sáu nhóm chỉ số. "Điểm công bố" là số liệu Cổng Dịch vụ công quốc gia công bố; "Điểm tính lại" do hệ thống này tính từ số liệu hằng ngày của các đơn vị.',
  intro_ok: 'Đã hiểu',
  unit_code: 'Mã đơn vị',
  change_period_places: 'Thay đổi hạng so với kỳ trước',
  change_day_places: 'Thay đổi hạng so với hôm trước',
  portal_code: 'Mã đơn vị trên Cổng',
  computed_rank: 'Hạng tính lại',
  province_en_suffix: '',
  title: 'Chỉ số phục vụ người dân, doanh nghiệp',
  subtitle: 'Xếp hạng các xã, phường theo Quyết định 766/QĐ-TTg',
  province: 'Tỉnh',
  nav_ranking: 'Xếp hạng',
  nav_map: 'Bản đồ',
  nav_compare: 'So sánh',
  nav_methodology: 'Phương pháp',
  nav_national: 'Cả nước',
  kind_label: 'Đơn vị được xếp hạng',
  kind_communes: 'Xã, phường',
  kind_agencies: 'Sở, ban, ngành',
  no_agencies: 'Cổng Dịch vụ công quốc gia chưa công bố sở, ban, ngành nào của tỉnh này trong kỳ.',
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
  search_agencies: 'Tìm sở, ban, ngành',
  filters: 'Bộ lọc',
  sort_by: 'Sắp xếp theo',
  export_csv: 'Tải CSV',
  export_xlsx: 'Tải Excel',
  units_shown: 'đơn vị',
  summary_average: 'Điểm trung bình',
  summary_median: 'Trung vị',
  summary_quartiles: 'Tứ phân vị',
  summary_bands: 'Theo xếp loại',
  summary_no_data: 'Chưa có dữ liệu',
  summary_updated: 'Cập nhật lần cuối',
  none: 'Không có',
  unit_title: 'Đơn vị',
  month: 'Tháng',
  methodology_version: 'Phiên bản',
  skip: 'Bỏ qua, đến nội dung chính',
  source_label: 'Nguồn số liệu',
  source_portal: 'Cổng Dịch vụ công quốc gia',
  source_records: 'Tính từ số liệu hằng ngày',
  published_note:
    'Điểm và hạng do Cổng Dịch vụ công quốc gia công bố. Điểm tính lại từ chính số liệu đầu vào Cổng công bố, để đối chiếu.',
  observed_on: 'Ngày quan sát',
  change_observation: 'so với lần quan sát trước',
  change_observation_short: 'so với lần trước',
  computed_total: 'Điểm tính lại',
  computed: 'Tính lại',
  published: 'Công bố',
  differs_by: 'lệch so với điểm công bố',
  doubtful: 'cần xác nhận',
  unmatched: 'không tìm thấy',
  sum_of_groups: 'tổng các nhóm',
  points_change: 'Thay đổi điểm',
  day: 'Ngày',
  province_pick: 'Tỉnh, thành phố',
  no_published: 'Chưa có số liệu Cổng công bố cho kỳ này; Cổng công bố theo năm, quý và tháng.',
  reconciled_flag: 'Điểm công bố lệch với điểm tính lại hoặc với tổng các nhóm',
  source_note:
    'Danh mục đơn vị và bản đồ: vietnamese-provinces-database (MIT). Điểm công bố: Cổng Dịch vụ công quốc gia (dichvucong.gov.vn).',
};

export type Key = keyof typeof vi;

/**
 * Every text of the interface. Vietnamese comes with the page; English is
 * loaded the first time it is asked for (loadLang), so that the ranking page's
 * first JavaScript carries one language.
 */
const dictionaries: Partial<Record<Lang, Record<Key, string>>> = { vi };

/** Loads a language's texts once; resolves when `t` can speak it. */
export async function loadLang(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  if (lang === 'en') dictionaries.en = (await import('./i18n-en.ts')).en;
}

/** Texts a view brings with it (lib/i18n-views.ts), in both languages. */
const added: Record<Lang, Record<string, string>> = { vi: {}, en: {} };

/** Adds a view's texts: `t` finds them from then on. */
export function addTexts(texts: Record<Lang, Record<string, string>>): void {
  Object.assign(added.vi, texts.vi);
  Object.assign(added.en, texts.en);
}

/** Whether a language's texts are here. */
export const langReady = (lang: Lang): boolean => dictionaries[lang] !== undefined;

/** The Vietnamese texts, for the tests that hold each page to its own language. */
export const vietnamese: Record<Key, string> = vi;
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
  return (dictionaries[current] ?? vi)[key as Key] ?? added[current][key] ?? key;
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

/** A share (0-1) as a percentage: one decimal unless told otherwise. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '–';
  return formatter(
    `pct${digits}`,
    (l) =>
      new Intl.NumberFormat(l, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  ).format(value);
}

/** Today in Vietnam (UTC+7) as YYYY-MM-DD, wherever the browser is; `days` later (or earlier). */
export function today(days = 0): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A day as people in Vietnam write it, in both languages: 03/11/2025. */
export const formatDay = dayLabel;

/** A moment as the day and the time in Vietnam, the day as every other day on the page: 01/12/2026 16:36. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const parts = formatter(
    'time',
    () =>
      new Intl.DateTimeFormat('en-GB', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
  ).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

/** A day typed as dd/mm/yyyy (1/7/2025 too) as YYYY-MM-DD; undefined when it is no day of the calendar. */
export function parseDay(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A province's full name: "Tỉnh Đồng Tháp", "Dong Thap Province", "Hanoi City". */
export const provinceName = (p: { fullName: string; nameEn: string }): string => provinceLabel(p, current);

/** A period key in words: 2025-11 -> "Tháng 11/2025" / "November 2025". */
export const formatPeriod = (key: string): string => periodLabel(key, current);

/** Lower case without diacritics: "Hoà Long" and "hoa long" match, đ as d. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
