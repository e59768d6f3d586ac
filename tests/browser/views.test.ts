import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { problem } from '#functions/commons/http.ts';
import { ensureDashboardBuilt } from '#infra/local/dashboard-build.ts';
import { createLocalServer } from '#infra/local/http-adapter.ts';
import {
  DEFAULT_PROVINCE,
  FIXTURE_METHODOLOGY,
  fixtureApi,
  RANKING_82,
  requests,
  UNITS,
} from './fixtures.ts';
import { CHROMIUM, CHROMIUM_FLAGS } from './support.ts';

/**
 * Each element of the dashboard on its own, in Chromium, over fixed answers
 * of the read API (tests/browser/fixtures.ts) instead of a platform: what it
 * shows of what it is given, and what it asks the server for. The fixtures'
 * methodology is not the one in force, so the group maxima, the bands and
 * their names a view shows can only have come from the server. The
 * end-to-end suite (dashboard.test.ts) runs the same views on the platform.
 */

let server: Server;
let browser: Browser;
let base: string;
let page: Page;

beforeAll(async () => {
  const staticDir = await ensureDashboardBuilt();
  server = createLocalServer({
    handlers: {
      api: fixtureApi,
      ingest: async () => problem(405, 'Method Not Allowed', 'no ingestion here'),
    },
    staticDir,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

beforeEach(async () => {
  requests.length = 0;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await context.newPage();
});

const open = async (query: string) => {
  await page.goto(`${base}/${query}`);
  await page.locator('main').waitFor();
};
const rows = () => page.locator('si-ranking-view tbody tr');
const [first, second, third] = RANKING_82.units;
const { a, b, c, d } = UNITS;

describe('the shell (si-app)', () => {
  it('opens the province the server names as the default, and writes it into the address', async () => {
    await open('');
    await expect.poll(() => rows().count()).toBe(2);
    expect(requests.some((r) => r.startsWith(`/api/provinces/${DEFAULT_PROVINCE}/rankings?`))).toBe(true);
    expect(requests.some((r) => r.startsWith('/api/provinces/82/'))).toBe(false);
    expect(new URL(page.url()).searchParams.get('province')).toBe(DEFAULT_PROVINCE);
    expect(await page.locator('header .province').textContent()).toContain('Gia Lai');
  });

  it('asks for the methodology the ranking was scored under, once', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    expect(requests.filter((r) => r.startsWith('/api/methodologies/'))).toEqual([
      `/api/methodologies/${FIXTURE_METHODOLOGY.id}`,
    ]);
  });
});

describe('the ranking (si-ranking-view)', () => {
  it('lists the units in rank order with their bands as the methodology names them', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await rows().locator('button.link').allTextContents()).toEqual([
      first?.name,
      second?.name,
      third?.name,
    ]);
    expect(await rows().locator('.badge').allTextContents()).toEqual(['Xuất sắc', 'Đạt', 'Chưa đạt']);
  });

  it("draws each group's bar against the methodology's maximum for it", async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    const label = await rows().first().locator('svg.bars').getAttribute('aria-label');
    // CKMB 20 of the fixture's 25 (18 in force), TDGQ 27 of 30 (20 in force)
    // named as people name the groups, never by their codes
    expect(label).toContain(
      `${FIXTURE_METHODOLOGY.groups.find((g) => g.code === 'CKMB')?.name.vi}: 20,00/25`,
    );
    expect(label).toContain(
      `${FIXTURE_METHODOLOGY.groups.find((g) => g.code === 'TDGQ')?.name.vi}: 27,00/30`,
    );
    expect(label).not.toMatch(/CKMB|TDGQ/);
  });

  it("offers the methodology's bands to filter by, and filters", async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    const options = page.locator('si-ranking-view select#band option');
    expect(await options.evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
      '',
      'gold',
      'silver',
      'bronze',
    ]);
    await page.locator('si-ranking-view select#band').selectOption('silver');
    await expect.poll(() => rows().count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('band')).toBe('silver');
  });

  it('says the bands in English when asked, as the methodology names them', async () => {
    await open('?province=82&lang=en');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await rows().locator('.badge').allTextContents()).toEqual(['Outstanding', 'Meets', 'Below']);
    expect(await page.locator('si-ranking-view .bands').textContent()).toContain('Outstanding: 1');
  });
});

describe('the map (si-map-view)', () => {
  it('colours the units of the map, with a legend of the methodology bands', async () => {
    await open('?province=82&view=map');
    const shapes = page.locator('si-map-view svg path');
    await expect.poll(() => shapes.count()).toBeGreaterThan(100);
    expect(await page.locator('si-map-view .legend li').allTextContents()).toEqual([
      'Xuất sắc',
      'Đạt',
      'Chưa đạt',
      'Chưa có dữ liệu',
    ]);
  });

  it('says so for a province whose map it does not have', async () => {
    await open('?province=52&view=map');
    await expect.poll(() => page.locator('si-map-view .state').count()).toBe(1);
    expect(await page.locator('si-map-view svg path').count()).toBe(0);
  });
});

describe("a unit's page (si-unit-view)", () => {
  it("measures each group against the methodology's maximum, and asks for the unit's indicators and history", async () => {
    await open(`?province=82&view=unit&unit=${a.code}`);
    const groupRows = page.locator('si-unit-view table').first().locator('tbody tr');
    await expect.poll(() => groupRows.count()).toBe(FIXTURE_METHODOLOGY.groups.length);
    // the group by its name; its code only as a hint for those who know it
    const ckmb = groupRows.filter({ has: page.locator('th[title="CKMB"]') });
    expect((await ckmb.locator('th').textContent())?.trim()).toBe(
      FIXTURE_METHODOLOGY.groups.find((g) => g.code === 'CKMB')?.name.vi,
    );
    expect(await ckmb.locator('td').last().textContent()).toBe('25');
    // 20 of 25
    const bar = page.locator('si-unit-view ul.group-bars li[title="CKMB"]');
    expect(await bar.locator('.g-bar span').getAttribute('style')).toContain('width:80%');
    expect((await bar.locator('.g-value').textContent())?.trim()).toBe('20,00/25 · 80%');
    // 80% of the maximum is "near"; the full maximum "meets"; less "below"
    expect(await bar.locator('.g-standing').textContent()).toBe('Gần tối đa');
    expect(await page.locator('si-unit-view .badge').first().textContent()).toBe('Xuất sắc');
    // its history drawn (si-chart)
    await expect.poll(() => page.locator('si-unit-view si-chart canvas').count()).toBeGreaterThan(0);
    expect(requests.some((r) => r.startsWith(`/api/provinces/82/units/${a.code}/history`))).toBe(true);
    expect(
      requests.some((r) => r.includes(`/api/provinces/82/rankings?`) && r.includes(`units=${a.code}`)),
    ).toBe(true);
  });
});

describe('small things people notice', () => {
  it('rings the focused control in a colour that stands out from the page (3:1 or more)', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const style = el ? getComputedStyle(el) : undefined;
      return { color: style?.outlineColor ?? '', width: style?.outlineWidth ?? '' };
    });
    const [r = 0, g = 0, b = 0] = (ring.color.match(/\d+/g) ?? []).map(Number);
    const lum = (c: number) => {
      const x = c / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    const l = 0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b);
    // against the white page and the grey surfaces (#f4f6f8)
    expect((1 + 0.05) / (l + 0.05)).toBeGreaterThanOrEqual(3);
    expect((0.92 + 0.05) / (l + 0.05)).toBeGreaterThanOrEqual(3);
    expect(ring.width).toBe('3px');
  });

  it("writes the last update in the same day style as every other date, in Vietnam's time", async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    // 2026-12-01T00:10Z is 07:10 on 1 December in Vietnam
    expect(await page.locator('si-ranking-view .cards').textContent()).toContain('01/12/2026 07:10');
  });

  it('names each band the same way in the summary, the table, the filter and the export', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    const names = FIXTURE_METHODOLOGY.bands.map((x) => x.label.vi);
    const filter = await page.locator('si-ranking-view select#band option').allTextContents();
    expect(filter.slice(1)).toEqual(names);
    const chips = await page.locator('si-ranking-view .bands button').allTextContents();
    expect(chips.map((c) => c.replace(/:.*$/s, '').trim())).toEqual(names);
  });
});

describe('the charts (si-chart)', () => {
  /** What a chart of the unit page shows: its axes' ticks and titles and its reference lines, by caption. */
  const axes = (caption: string) =>
    page
      .locator('si-unit-view si-chart')
      .filter({ hasText: caption })
      .evaluate((el) => {
        const chart = (el as unknown as { chart?: import('chart.js').Chart }).chart;
        if (!chart) return undefined;
        const scale = (id: string) => {
          const s = chart.scales[id];
          return s
            ? {
                display: Boolean(s.options.display),
                min: s.min,
                max: s.max,
                reverse: Boolean((s.options as { reverse?: boolean }).reverse),
                title: (s.options as { title?: { text?: string } }).title?.text ?? '',
                values: s.ticks.map((t) => t.value),
                labels: s.ticks.map((t) => String(t.label)),
              }
            : undefined;
        };
        const lines = (chart.options.plugins as Record<string, { lines?: { value: number }[] }>)
          .siReferenceLines?.lines;
        return { y: scale('y'), rank: scale('rank'), lines: lines?.map((l) => l.value) ?? [] };
      });

  it("ranks in whole places from 1 at the top, scores in the page's numbers with the band limits, shares as percentages", async () => {
    await open(`?province=82&view=unit&unit=${b.code}`);
    await expect.poll(() => page.locator('si-unit-view si-chart canvas').count()).toBe(3);
    await expect.poll(async () => (await axes('Điểm và hạng theo tháng')) !== undefined).toBe(true);
    const score = await axes('Điểm và hạng theo tháng');
    expect(score?.rank?.reverse).toBe(true);
    expect(score?.rank?.min).toBe(1);
    expect(score?.rank?.max).toBe(RANKING_82.units.length);
    expect(score?.rank?.values.every((v) => Number.isInteger(v))).toBe(true);
    expect(score?.rank?.title).toBe('Hạng');
    expect(score?.y?.title).toBe('Điểm');
    // the fixture's bands start at 60 and 85: lines drawn at both
    expect(score?.lines).toEqual([85, 60]);
    expect(score?.y?.labels.every((l) => !/\./.test(l))).toBe(true);
    // the day-by-day ranks: one axis, of ranks, never a 0-1 score axis beside it
    const days = await axes('Hạng theo ngày');
    expect(days?.y?.display).toBe(false);
    expect(days?.rank?.display).toBe(true);
    expect(days?.rank?.values.every((v) => Number.isInteger(v) && v >= 1)).toBe(true);
    const shares = await axes('Tỷ lệ trực tuyến');
    expect(shares?.y?.max).toBe(1);
    expect(shares?.y?.labels.every((l) => l.endsWith('%'))).toBe(true);
    expect(shares?.y?.title).toBe('Tỷ lệ');
  });

  it('draws every sparkline of the ranking on one scale, so that a small change looks small', async () => {
    await open('?province=82');
    await expect.poll(() => page.locator('si-ranking-view svg.spark').count()).toBe(3);
    // each unit rose 4 points over three months, between 36 and 90: a few pixels of 18, never the whole box
    const extents = await page.locator('si-ranking-view svg.spark polyline').evaluateAll((lines) =>
      lines.map((l) => {
        const ys = (l.getAttribute('points') ?? '').split(' ').map((p) => Number(p.split(',')[1]));
        return Math.max(...ys) - Math.min(...ys);
      }),
    );
    for (const e of extents) expect(e).toBeLessThan(3);
  });
});

describe('answers that come late', () => {
  it("never shows a period's explanation under another period's cards: the slow answer is dropped", async () => {
    // October's explanation of unit a takes two seconds; November's comes at once
    await page.route(
      (url) =>
        url.pathname.endsWith('/rankings') &&
        url.searchParams.get('units') === a.code &&
        url.searchParams.get('period') === '2026-10',
      async (route) => {
        await new Promise((r) => setTimeout(r, 2000));
        await route.continue();
      },
    );
    await open(`?province=82&view=unit&unit=${a.code}&period=2026-10`);
    const explanation = page.locator('si-unit-view table.explain');
    // October's cards are up, its explanation still coming: switch to November
    await expect.poll(() => page.locator('si-unit-view .cards').first().textContent()).toContain('82,00');
    await page.locator('si-period-picker select#period').selectOption('2026-11');
    await expect.poll(() => page.locator('si-unit-view .cards').first().textContent()).toContain('90,00');
    await explanation.waitFor();
    // and once the slow October answer has come and gone, the page still shows November only
    await page.waitForTimeout(2500);
    const text = (await explanation.textContent()) ?? '';
    expect(text).toContain('20,00');
    expect(text).not.toContain('12,00');
    expect(await page.locator('si-unit-view .cards').first().textContent()).toContain('90,00');
  });

  it('names a code of a compare link that is no unit, keeps the chart of the others, and lets it be removed', async () => {
    await open(`?province=82&view=compare&units=${a.code},99999,${b.code}`);
    const view = page.locator('si-compare-view');
    await view.locator('.warning').waitFor();
    expect(await view.locator('.warning').textContent()).toContain('99999');
    await view.locator('si-chart canvas').waitFor();
    await view.locator('.warning button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('units')).toBe(`${a.code},${b.code}`);
  });
});

describe('the comparison (si-compare-view)', () => {
  it('sets the chosen units side by side, with their histories', async () => {
    await open(`?province=82&view=compare&units=${a.code},${b.code}`);
    const view = page.locator('si-compare-view');
    await view.getByText(b.name).first().waitFor();
    await view.getByText(a.name).first().waitFor();
    await expect.poll(() => requests.filter((r) => /\/units\/\d{5}\/history/.test(r)).length).toBe(2);
  });
});

describe('the methodology (si-methodology-view)', () => {
  it('shows the groups with their maxima and the bands with their thresholds, from the server', async () => {
    await open('?province=82&view=methodology');
    const view = page.locator('si-methodology-view');
    await expect.poll(async () => (await view.locator('h3').allTextContents()).length).toBeGreaterThan(5);
    const heading = async (code: string) => (await view.locator(`h3[title="${code}"]`).textContent())?.trim();
    const name = (code: string) => FIXTURE_METHODOLOGY.groups.find((g) => g.code === code)?.name.vi;
    expect(await heading('CKMB')).toBe(`${name('CKMB')} · 25 điểm`);
    expect(await heading('TDGQ')).toBe(`${name('TDGQ')} · 30 điểm`);
    // rules in words, never a formula or a field name
    const rules = await view.locator('.rule').allTextContents();
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) expect(rule).not.toMatch(/[a-z][A-Z]|\/|\*|≥|ratio/);
    const bands = await view.locator('ul.bands li').allTextContents();
    expect(bands.map((x) => x.replace(/\s+/g, ' ').trim())).toEqual(
      expect.arrayContaining(['Xuất sắc từ 85', 'Đạt từ 60', 'Chưa đạt từ 0']),
    );
  });
});

describe('the period picker (si-period-picker)', () => {
  const picker = () => page.locator('si-period-picker');

  it('shows the period of the ranking, and a choice of another kind asks for that period', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await picker().locator('select#kind').inputValue()).toBe('month');
    expect(await picker().locator('select#period').inputValue()).toBe('2026-11');
    await picker().locator('select#kind').selectOption('all');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('all');
    await expect.poll(() => requests.some((r) => r.includes('period=all'))).toBe(true);
  });

  it('speaks the language of the page once it is switched', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    expect(await picker().locator('label[for=kind]').textContent()).toBe('Loại kỳ');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => picker().locator('label[for=kind]').textContent()).toBe('Period type');
    expect(await picker().locator('select#period option:checked').textContent()).toMatch(
      /November 2026|11\/2026/,
    );
    expect(await picker().locator('select#kind option:checked').textContent()).toBe('Month');
  });

  it('follows Back to the period before, even after a person has touched it', async () => {
    await open('?province=82&period=2026-11');
    await expect.poll(() => rows().count()).toBe(3);
    await picker().locator('select#period').selectOption('2026-10');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('2026-10');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('2026-11');
    await expect.poll(() => picker().locator('select#period').inputValue()).toBe('2026-11');
  });

  it('shows the month a link names, even one ahead of the list', async () => {
    await open('?province=82&period=2027-01');
    await expect.poll(() => picker().locator('select#period').inputValue()).toBe('2027-01');
  });

  it('shows and takes the day as dd/mm/yyyy, the day in force when none is asked for', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    const day = picker().locator('input#as-of');
    await expect.poll(() => day.inputValue()).toBe('30/11/2026');
    await day.fill('15/11/2026');
    await day.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2026-11-15');
    await day.fill('2026-31-11');
    await day.press('Enter');
    await expect.poll(() => picker().locator('.error').textContent()).toContain('ngày/tháng/năm');
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2026-11-15');
  });
});

describe('a period without data', () => {
  it('says so plainly and offers the latest period that has data, instead of listing every unit as unranked', async () => {
    await open('?province=82&period=2026-12');
    const state = page.locator('si-ranking-view .state');
    await state.waitFor();
    const text = (await state.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Tháng 12/2026');
    expect(text).toContain('Chưa có dữ liệu cho kỳ này.');
    expect(text).toContain('30/11/2026');
    expect(await rows().count()).toBe(0);
    await state.getByRole('button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('2026-11');
    await expect.poll(() => rows().count()).toBe(3);
  });

  it('tells when the day asked for was moved to the latest day with data', async () => {
    await open('?province=82&period=2026-11&asOf=2026-12-05');
    const notice = page.locator('si-app .notice');
    await notice.waitFor();
    expect((await notice.textContent())?.replace(/\s+/g, ' ')).toContain(
      '05/12/2026: chưa có số liệu; bảng xếp hạng tính đến ngày 30/11/2026',
    );
  });
});

describe('the language', () => {
  it('is remembered on this browser, and Back does not undo it', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    await rows().first().locator('button.link').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('unit');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Citizen-service index');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe(null);
    expect(await page.locator('h1').textContent()).toBe('Citizen-service index');
    // a new visit without a language in the link opens in the one chosen last
    await page.goto(`${base}/?province=82`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Citizen-service index');
  });

  it("answers a link to a unit that does not exist in the page's language, with a way back", async () => {
    await open('?province=82&view=unit&unit=00000');
    const alert = page.locator('si-unit-view [role=alert]');
    await alert.waitFor();
    expect(await alert.locator('p').first().textContent()).toBe(
      'Không tìm thấy đơn vị, kỳ hoặc dữ liệu này.',
    );
    expect(await page.locator('si-unit-view').textContent()).not.toMatch(/not found|no unit/i);
    await alert.getByRole('button', { name: 'Về bảng xếp hạng' }).click();
    await expect.poll(() => rows().count()).toBe(3);
  });
});

describe('what a person expects next to the ranking', () => {
  it('says once, on the first visit, what the index is and where its figures come from', async () => {
    await open('?province=82');
    const intro = page.locator('si-app aside.intro');
    expect(await intro.textContent()).toContain('Quyết định 766/QĐ-TTg');
    expect(await intro.textContent()).toContain('Điểm công bố');
    await intro.getByRole('button', { name: 'Đã hiểu' }).click();
    await page.reload();
    await page.locator('main').waitFor();
    await expect.poll(() => rows().count()).toBe(3);
    expect(await intro.count()).toBe(0);
  });

  it('copies the link of what is on screen', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await open('?province=82&sort=total&dir=desc');
    await expect.poll(() => rows().count()).toBe(3);
    await page.getByRole('button', { name: 'Sao chép liên kết' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    expect(page.url()).toContain('sort=total');
  });

  it('filters the table by a band from the summary', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    await page.locator('si-ranking-view .bands button.badge.silver').click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('band')).toBe('silver');
  });

  it('picks units to compare from the ranking', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    await page.getByLabel(`Chọn để so sánh: ${a.name}`).check();
    await page.getByLabel(`Chọn để so sánh: ${c.name}`).check();
    await page.getByRole('button', { name: 'So sánh các đơn vị đã chọn' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('units')).toBe(`${a.code},${c.code}`);
    expect(new URL(page.url()).searchParams.get('view')).toBe('compare');
  });

  it("answers the commune leader's question on the unit page, and compares it with the unit above and the leader", async () => {
    await open(`?province=82&view=unit&unit=${c.code}`);
    const line = page.locator('si-unit-view .next-step');
    await line.waitFor();
    // the third unit: 40.00 points; the next band ("Đạt") from 60; the second unit 72.25
    const text = (await line.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('+20,00 điểm để đạt Đạt');
    expect(text).toContain(`+32,26 điểm để vượt ${b.name} (hạng 2)`);
    await page.getByRole('button', { name: 'So sánh với đơn vị xếp trên và dẫn đầu' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('units'))
      .toBe(`${c.code},${b.code},${a.code}`);
  });
});

describe('a unit without data', () => {
  it('is listed apart from the ranked units, never ranked at zero', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    await page.locator('si-ranking-view').getByText(d.name).first().waitFor();
    expect(await rows().locator('button.link').allTextContents()).not.toContain(d.name);
  });
});
