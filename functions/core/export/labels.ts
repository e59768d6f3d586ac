/**
 * Periods, days, provinces and unit kinds in words, in Vietnamese or English:
 * what the dashboard shows and what an export's title row and cells say, from
 * one place, so that a workbook from the API reads like one from the page.
 */

export type Lang = 'vi' | 'en';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day as people in Vietnam write it, in both languages: 2025-11-03 -> 03/11/2025. */
export function dayLabel(day: string | null | undefined): string {
  const m = DAY.exec(day ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '–';
}

let monthsEn: Intl.DateTimeFormat | undefined;
function monthEn(year: number, month: number): string {
  monthsEn ??= new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return monthsEn.format(new Date(Date.UTC(year, month - 1, 1)));
}

/** A period key in words: 2025-11 -> "Tháng 11/2025" / "November 2025"; 2025-Q4 -> "Quý 4/2025" / "Q4 2025". */
export function periodLabel(key: string, lang: Lang): string {
  const vi = lang === 'vi';
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return vi ? `Tháng ${Number(m[2])}/${m[1]}` : monthEn(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q(\d)$/.exec(key);
  if (m) return vi ? `Quý ${m[2]}/${m[1]}` : `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-H(\d)$/.exec(key);
  if (m)
    return vi
      ? `6 tháng ${m[2] === '1' ? 'đầu' : 'cuối'} năm ${m[1]}`
      : `${m[2] === '1' ? 'First' : 'Second'} half ${m[1]}`;
  if (/^\d{4}$/.test(key)) return vi ? `Năm ${key}` : key;
  if (key === 'all') return vi ? 'Từ 01/07/2025' : 'Since 1 Jul 2025';
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (m) return `${dayLabel(m[1])} – ${dayLabel(m[2])}`;
  return key;
}

/** A province's name: "Tỉnh Đồng Tháp" / "Dong Thap Province". */
export function provinceLabel(p: { fullName: string; nameEn: string }, lang: Lang): string {
  if (lang === 'vi') return p.fullName;
  return p.fullName.startsWith('Thành phố') ? `${p.nameEn} City` : `${p.nameEn} Province`;
}
