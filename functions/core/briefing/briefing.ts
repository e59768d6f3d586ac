import { dayLabel, type Lang, periodLabel, provinceLabel } from '#core/export/labels.ts';
import { round2 } from '#core/scoring/round.ts';

/**
 * The morning briefing of a province: what changed in its ranking on the
 * latest day with data, in a few lines for a chat group or a mailbox. Built
 * from the ranking as of that day and as of the two days before it (for the
 * portal's figures: the two observations before it), so that it can tell
 * who rose and fell most, who dropped a band, who lost half a point or more
 * in a day or fell three days running, and who sent nothing.
 */

/** A unit in a ranking as of a day, as the read API answers it. */
export interface StandingAt {
  unitCode: string;
  name: string;
  rank: number;
  total: number;
  band: string;
  /** the unit's rank and total the day before (the observation before, for the portal) */
  previousDay: { rank: number; total: number } | null;
  /** places gained since then (positive = up) */
  rankChangeDay: number | null;
  /** the latest day with a record in the period */
  lastDay: string;
}

export interface RankingAt {
  /** the "as of" day */
  day: string;
  units: readonly StandingAt[];
  unranked: readonly { unitCode: string; name: string }[];
}

export interface BriefingInput {
  province: { code: string; fullName: string; nameEn: string };
  source: 'records' | 'portal';
  periodKey: string;
  methodology: {
    id: string;
    bands: readonly { id: string; min: number; label: { vi: string; en: string } }[];
  };
  /** as of the briefing's day, then the day (or observation) before, then the one before that; the last two may be missing */
  rankings: [RankingAt, RankingAt?, RankingAt?];
  /** the province among the 34, from the portal's province-level figures, where known */
  national?: { rank: number; of: number; total: number; observedOn: string } | undefined;
}

export interface UnitMove {
  unitCode: string;
  name: string;
  rank: number;
  total: number;
  places: number;
  points: number;
}

export interface Briefing {
  province: string;
  provinceName: { vi: string; en: string };
  day: string;
  source: 'records' | 'portal';
  period: string;
  methodology: string;
  /** the units ranked, whose scores the average is of */
  units: number;
  average: number | null;
  averageChange: number | null;
  national: BriefingInput['national'] | null;
  risers: UnitMove[];
  fallers: UnitMove[];
  bandDrops: { unitCode: string; name: string; from: string; to: string; total: number }[];
  /** lost at least SHARP_FALL points since the day before */
  sharpFalls: { unitCode: string; name: string; from: number; to: number; points: number }[];
  /** fell on each of the last three days: the four totals, oldest first */
  fallingThreeDays: { unitCode: string; name: string; totals: number[]; points: number }[];
  /** no record on the briefing's day (records), or no figures in the period */
  withoutData: { unitCode: string; name: string }[];
}

export const SHARP_FALL = 0.5;
const TOP = 5;

const average = (units: readonly StandingAt[]) =>
  units.length ? round2(units.reduce((s, u) => s + u.total, 0) / units.length) : null;

export function buildBriefing(input: BriefingInput): Briefing {
  const [today, before, earlier] = input.rankings;
  const bandOrder = new Map(
    [...input.methodology.bands].sort((a, b) => b.min - a.min).map((b, k) => [b.id, k] as const),
  );
  const previous = new Map((before?.units ?? []).map((u) => [u.unitCode, u]));
  const older = new Map((earlier?.units ?? []).map((u) => [u.unitCode, u]));
  const moves: UnitMove[] = today.units
    .filter((u) => u.rankChangeDay !== null && u.previousDay)
    .map((u) => ({
      unitCode: u.unitCode,
      name: u.name,
      rank: u.rank,
      total: u.total,
      places: u.rankChangeDay ?? 0,
      points: round2(u.total - (u.previousDay?.total ?? u.total)),
    }));
  const risers = moves
    .filter((m) => m.places > 0)
    .sort((a, b) => b.places - a.places || b.points - a.points || a.rank - b.rank)
    .slice(0, TOP);
  const fallers = moves
    .filter((m) => m.places < 0)
    .sort((a, b) => a.places - b.places || a.points - b.points || a.rank - b.rank)
    .slice(0, TOP);
  const bandDrops = today.units.flatMap((u) => {
    const was = previous.get(u.unitCode);
    if (!was) return [];
    const dropped = (bandOrder.get(u.band) ?? 0) > (bandOrder.get(was.band) ?? 0);
    return dropped
      ? [{ unitCode: u.unitCode, name: u.name, from: was.band, to: u.band, total: u.total }]
      : [];
  });
  const sharpFalls = moves
    .filter((m) => m.points <= -SHARP_FALL)
    .sort((a, b) => a.points - b.points || a.rank - b.rank)
    .map((m) => ({
      unitCode: m.unitCode,
      name: m.name,
      from: round2(m.total - m.points),
      to: m.total,
      points: m.points,
    }));
  // four totals: as of the day, the one before, and the two before that (the older ranking's own "day before")
  const fallingThreeDays = today.units.flatMap((u) => {
    const t1 = previous.get(u.unitCode);
    const t2 = older.get(u.unitCode);
    const first = t2?.previousDay?.total;
    if (!u.previousDay || !t1 || !t2 || first === undefined) return [];
    // each day's fall as the day's own ranking tells it, so that the three days are consecutive
    const consecutive = u.previousDay.total === t1.total && t1.previousDay?.total === t2.total;
    const totals = [first, t2.total, t1.total, u.total];
    const falling = totals.every((t, k) => k === 0 || t < (totals[k - 1] as number));
    return consecutive && falling
      ? [{ unitCode: u.unitCode, name: u.name, totals, points: round2(u.total - first) }]
      : [];
  });
  fallingThreeDays.sort((x, y) => x.points - y.points);
  const withoutData = [
    ...today.units.filter((u) => u.lastDay < today.day).map((u) => ({ unitCode: u.unitCode, name: u.name })),
    ...today.unranked.map((u) => ({ unitCode: u.unitCode, name: u.name })),
  ];
  const avg = average(today.units);
  const beforeAvg = before ? average(before.units) : null;
  return {
    province: input.province.code,
    provinceName: { vi: provinceLabel(input.province, 'vi'), en: provinceLabel(input.province, 'en') },
    day: today.day,
    source: input.source,
    period: input.periodKey,
    methodology: input.methodology.id,
    units: today.units.length,
    average: avg,
    averageChange: avg !== null && beforeAvg !== null ? round2(avg - beforeAvg) : null,
    national: input.national ?? null,
    risers,
    fallers,
    bandDrops,
    sharpFalls,
    fallingThreeDays,
    withoutData,
  };
}

const WORDS = {
  title: { vi: 'Bản tin chỉ số phục vụ', en: 'Service index briefing' },
  dataOf: { vi: 'số liệu ngày', en: 'data of' },
  records: { vi: 'tính từ số liệu hằng ngày', en: 'computed from daily records' },
  portal: { vi: 'Cổng Dịch vụ công quốc gia công bố', en: 'as the national portal published it' },
  ranking: { vi: 'Xếp hạng', en: 'Ranking' },
  national: { vi: 'Tỉnh trong cả nước', en: 'Among the 34 provinces' },
  rank: { vi: 'hạng', en: 'rank' },
  points: { vi: 'điểm', en: 'points' },
  publishedOn: { vi: 'Cổng công bố ngày', en: 'published on' },
  average: { vi: 'Điểm trung bình', en: 'Average score' },
  units: { vi: 'đơn vị', en: 'units' },
  sinceBefore: { vi: 'so với hôm trước', en: 'since the day before' },
  risers: { vi: 'Tăng hạng nhiều nhất', en: 'Rose most' },
  fallers: { vi: 'Giảm hạng nhiều nhất', en: 'Fell most' },
  bandDrops: { vi: 'Xuống xếp loại', en: 'Dropped a band' },
  sharpFalls: { vi: 'Giảm từ 0,5 điểm trong ngày', en: 'Lost 0.5 points or more in a day' },
  threeDays: { vi: 'Giảm điểm 3 ngày liên tiếp', en: 'Fell three days running' },
  withoutData: { vi: 'Chưa có số liệu ngày', en: 'No data on' },
  quiet: {
    vi: 'Không đơn vị nào đổi hạng, xuống xếp loại hay giảm điểm đáng kể.',
    en: 'No unit changed rank, dropped a band or lost points worth telling.',
  },
  andMore: { vi: 'và', en: 'and' },
  more: { vi: 'đơn vị khác', en: 'more' },
} as const satisfies Record<string, Record<Lang, string>>;

/** How many units a list names before "and N more": a chat message stays short. */
const LIST_LIMIT = 10;

/** The briefing as a short plain-text message in Vietnamese or English. */
export function renderBriefing(
  b: Briefing,
  bands: BriefingInput['methodology']['bands'],
  lang: Lang,
): string {
  const w = (k: keyof typeof WORDS) => WORDS[k][lang];
  const num = (v: number) => (lang === 'vi' ? v.toFixed(2).replace('.', ',') : v.toFixed(2));
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${num(Math.abs(v))}`;
  const places = (p: number) => `${p > 0 ? '▲' : '▼'}${Math.abs(p)}`;
  const band = (id: string) => bands.find((x) => x.id === id)?.label[lang] ?? id;
  const lines: string[] = [
    `${w('title')} — ${b.provinceName[lang]} — ${w('dataOf')} ${dayLabel(b.day)}`,
    `${w('ranking')} ${periodLabel(b.period, lang)} (${b.source === 'portal' ? w('portal') : w('records')}, ${b.methodology})`,
  ];
  if (b.national) {
    lines.push(
      `${w('national')}: ${w('rank')} ${b.national.rank}/${b.national.of}, ${num(b.national.total)} ${w('points')} (${w('publishedOn')} ${dayLabel(b.national.observedOn)})`,
    );
  }
  if (b.average !== null) {
    const change = b.averageChange === null ? '' : ` (${signed(b.averageChange)} ${w('sinceBefore')})`;
    lines.push(`${w('average')} ${b.units} ${w('units')}: ${num(b.average)}${change}`);
  }
  const section = (title: string, items: string[], numbered = false) => {
    if (!items.length) return;
    lines.push('', `${title}:`);
    const shown = items.slice(0, LIST_LIMIT);
    shown.forEach((item, k) => {
      lines.push(`${numbered ? `${k + 1}.` : '-'} ${item}`);
    });
    if (items.length > shown.length)
      lines.push(`  ${w('andMore')} ${items.length - shown.length} ${w('more')}`);
  };
  const move = (m: UnitMove) =>
    `${m.name}: ${w('rank')} ${m.rank} (${places(m.places)}), ${num(m.total)} ${w('points')} (${signed(m.points)})`;
  section(w('risers'), b.risers.map(move), true);
  section(w('fallers'), b.fallers.map(move), true);
  section(
    w('bandDrops'),
    b.bandDrops.map((d) => `${d.name}: ${band(d.from)} → ${band(d.to)} (${num(d.total)})`),
  );
  section(
    w('sharpFalls'),
    b.sharpFalls.map((f) => `${f.name}: ${signed(f.points)} (${num(f.from)} → ${num(f.to)})`),
  );
  section(
    w('threeDays'),
    b.fallingThreeDays.map((f) => `${f.name}: ${f.totals.map(num).join(' → ')} (${signed(f.points)})`),
  );
  if (
    !b.risers.length &&
    !b.fallers.length &&
    !b.bandDrops.length &&
    !b.sharpFalls.length &&
    !b.fallingThreeDays.length
  ) {
    lines.push('', w('quiet'));
  }
  if (b.withoutData.length) {
    const names = b.withoutData.slice(0, LIST_LIMIT).map((u) => u.name);
    const more = b.withoutData.length - names.length;
    lines.push(
      '',
      `${w('withoutData')} ${dayLabel(b.day)} (${b.withoutData.length}): ${names.join(', ')}${more > 0 ? ` ${w('andMore')} ${more} ${w('more')}` : ''}`,
    );
  }
  return lines.join('\n');
}
