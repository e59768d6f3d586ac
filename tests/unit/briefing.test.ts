import { describe, expect, it } from 'vitest';
import {
  type BriefingInput,
  buildBriefing,
  type RankingAt,
  renderBriefing,
} from '#core/briefing/briefing.ts';
import { methodology } from '#core/methodology/catalog.ts';
import { registry } from '#core/registry/registry.ts';

/**
 * The briefing on a fixed history of seven units over four days: a riser, a
 * unit falling three days running, a sharp fall with a band drop, a steady
 * unit, a unit that sent nothing on the last day and one with no data at all.
 */
const m = methodology('qd766-2026');
const DAYS = ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'] as const;
const TOTALS: Record<string, { name: string; totals: number[]; lastDay?: string }> = {
  '00001': { name: 'Xã A', totals: [80.0, 80.2, 80.5, 86.0] },
  '00002': { name: 'Xã B', totals: [85.0, 84.8, 84.6, 84.4] },
  '00003': { name: 'Xã C', totals: [71.0, 71.0, 70.9, 69.8] },
  '00004': { name: 'Xã D', totals: [75.0, 75.0, 75.0, 75.0] },
  '00005': { name: 'Xã E', totals: [60.0, 60.0, 60.0, 60.0], lastDay: '2026-11-29' },
  '00007': { name: 'Phường G', totals: [90.5, 90.5, 90.4, 89.9] },
};
const band = (total: number) =>
  [...m.bands].sort((a, b) => b.min - a.min).find((b) => total >= b.min)?.id ?? '';

/** The ranking as of day k, as the read API gives it: ranks by total, the day before beside each unit. */
function rankingAt(k: number): RankingAt {
  const rankOn = (d: number) => {
    const sorted = Object.entries(TOTALS).sort((x, y) => (y[1].totals[d] ?? 0) - (x[1].totals[d] ?? 0));
    return new Map(sorted.map(([code], i) => [code, i + 1]));
  };
  const now = rankOn(k);
  const before = k > 0 ? rankOn(k - 1) : undefined;
  return {
    day: DAYS[k] as string,
    units: Object.entries(TOTALS)
      .map(([code, u]) => {
        const rank = now.get(code) ?? 0;
        const total = u.totals[k] ?? 0;
        const previousRank = before?.get(code);
        return {
          unitCode: code,
          name: u.name,
          rank,
          total,
          band: band(total),
          previousDay: previousRank ? { rank: previousRank, total: u.totals[k - 1] ?? 0 } : null,
          rankChangeDay: previousRank ? previousRank - rank : null,
          lastDay: k === 3 && u.lastDay ? u.lastDay : (DAYS[k] as string),
        };
      })
      .sort((a, b) => a.rank - b.rank),
    unranked: [{ unitCode: '00006', name: 'Xã F' }],
  };
}

const input: BriefingInput = {
  province: registry.requireProvince('82'),
  source: 'records',
  periodKey: '2026-11',
  methodology: m,
  rankings: [rankingAt(3), rankingAt(2), rankingAt(1)],
};

describe('the morning briefing', () => {
  it('finds the risers and fallers, the band drops, the sharp falls, three falling days and the units without data', () => {
    const b = buildBriefing(input);
    expect(b.risers.map((r) => [r.name, r.places, r.points])).toEqual([['Xã A', 1, 5.5]]);
    expect(b.fallers.map((r) => [r.name, r.places, r.points])).toEqual([['Xã B', -1, -0.2]]);
    expect(b.bandDrops).toEqual([
      { unitCode: '00007', name: 'Phường G', from: 'excellent', to: 'good', total: 89.9 },
      { unitCode: '00003', name: 'Xã C', from: 'good', to: 'average', total: 69.8 },
    ]);
    expect(b.sharpFalls.map((f) => [f.name, f.points])).toEqual([
      ['Xã C', -1.1],
      ['Phường G', -0.5],
    ]);
    expect(b.fallingThreeDays).toEqual([
      { unitCode: '00002', name: 'Xã B', totals: [85, 84.8, 84.6, 84.4], points: -0.6 },
    ]);
    expect(b.withoutData.map((u) => u.name)).toEqual(['Xã E', 'Xã F']);
    expect([b.units, b.average, b.averageChange]).toEqual([6, 77.52, 0.62]);
  });

  it('reads, in Vietnamese, exactly so', () => {
    expect(renderBriefing(buildBriefing(input), m.bands, 'vi')).toBe(
      [
        'Bản tin chỉ số phục vụ — Tỉnh Đồng Tháp — số liệu ngày 30/11/2026',
        'Xếp hạng Tháng 11/2026 (tính từ số liệu hằng ngày, qd766-2026)',
        'Điểm trung bình 6 đơn vị: 77,52 (+0,62 so với hôm trước)',
        '',
        'Tăng hạng nhiều nhất:',
        '1. Xã A: hạng 2 (▲1), 86,00 điểm (+5,50)',
        '',
        'Giảm hạng nhiều nhất:',
        '1. Xã B: hạng 3 (▼1), 84,40 điểm (−0,20)',
        '',
        'Xuống xếp loại:',
        '- Phường G: Tốt → Khá (89,90)',
        '- Xã C: Khá → Trung bình (69,80)',
        '',
        'Giảm từ 0,5 điểm trong ngày:',
        '- Xã C: −1,10 (70,90 → 69,80)',
        '- Phường G: −0,50 (90,40 → 89,90)',
        '',
        'Giảm điểm 3 ngày liên tiếp:',
        '- Xã B: 85,00 → 84,80 → 84,60 → 84,40 (−0,60)',
        '',
        'Chưa có số liệu ngày 30/11/2026 (2): Xã E, Xã F',
      ].join('\n'),
    );
  });

  it('reads, in English, exactly so, with the province among the 34 where known', () => {
    const national = { rank: 5, of: 34, total: 68.32, observedOn: '2026-09-17' };
    expect(renderBriefing(buildBriefing({ ...input, national }), m.bands, 'en')).toBe(
      [
        'Service index briefing — Dong Thap Province — data of 30/11/2026',
        'Ranking November 2026 (computed from daily records, qd766-2026)',
        'Among the 34 provinces: rank 5/34, 68.32 points (published on 17/09/2026)',
        'Average score 6 units: 77.52 (+0.62 since the day before)',
        '',
        'Rose most:',
        '1. Xã A: rank 2 (▲1), 86.00 points (+5.50)',
        '',
        'Fell most:',
        '1. Xã B: rank 3 (▼1), 84.40 points (−0.20)',
        '',
        'Dropped a band:',
        '- Phường G: Good → Fair (89.90)',
        '- Xã C: Fair → Average (69.80)',
        '',
        'Lost 0.5 points or more in a day:',
        '- Xã C: −1.10 (70.90 → 69.80)',
        '- Phường G: −0.50 (90.40 → 89.90)',
        '',
        'Fell three days running:',
        '- Xã B: 85.00 → 84.80 → 84.60 → 84.40 (−0.60)',
        '',
        'No data on 30/11/2026 (2): Xã E, Xã F',
      ].join('\n'),
    );
  });

  it('says so on a quiet day, and tells no three-day fall across a missing day', () => {
    const quiet = buildBriefing({ ...input, rankings: [rankingAt(0)] });
    expect(renderBriefing(quiet, m.bands, 'vi').split('\n').slice(2)).toEqual([
      'Điểm trung bình 6 đơn vị: 76,92',
      '',
      'Không đơn vị nào đổi hạng, xuống xếp loại hay giảm điểm đáng kể.',
      '',
      'Chưa có số liệu ngày 27/11/2026 (1): Xã F',
    ]);
    // the day before the briefing's day missing: B's fall is not told as three days running
    const gap = buildBriefing({ ...input, rankings: [rankingAt(3), rankingAt(1), rankingAt(0)] });
    expect(gap.fallingThreeDays).toEqual([]);
  });
});
