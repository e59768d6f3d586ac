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
const { a, b, d } = UNITS;

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
    expect(label).toContain('CKMB 20,00/25');
    expect(label).toContain('TDGQ 27,00/30');
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
    const ckmb = groupRows.filter({ hasText: '(CKMB)' });
    expect(await ckmb.locator('td').last().textContent()).toBe('25');
    // 20 of 25
    expect(await ckmb.locator('.meter span').getAttribute('style')).toContain('width:80%');
    expect(await page.locator('si-unit-view .badge').first().textContent()).toBe('Xuất sắc');
    // its history drawn (si-chart)
    await expect.poll(() => page.locator('si-unit-view si-chart canvas').count()).toBeGreaterThan(0);
    expect(requests.some((r) => r.startsWith(`/api/provinces/82/units/${a.code}/history`))).toBe(true);
    expect(
      requests.some((r) => r.includes(`/api/provinces/82/rankings?`) && r.includes(`units=${a.code}`)),
    ).toBe(true);
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
    const headings = await view.locator('h3').allTextContents();
    expect(headings.some((h) => h.includes('(CKMB) · 25'))).toBe(true);
    expect(headings.some((h) => h.includes('(TDGQ) · 30'))).toBe(true);
    const bands = await view.locator('ul li').allTextContents();
    expect(bands.map((x) => x.replace(/\s+/g, ' ').trim())).toEqual(
      expect.arrayContaining(['Xuất sắc từ 85', 'Đạt từ 60', 'Chưa đạt từ 0']),
    );
  });
});

describe('the period picker (si-period-picker)', () => {
  it('shows the period of the ranking, and a choice of another kind asks for that period', async () => {
    await open('?province=82');
    await expect.poll(() => rows().count()).toBe(3);
    const picker = page.locator('si-period-picker');
    expect(await picker.locator('select#kind').inputValue()).toBe('month');
    expect(await picker.locator('select#period').inputValue()).toBe('2026-11');
    await picker.locator('select#kind').selectOption('all');
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe('all');
    await expect.poll(() => requests.some((r) => r.includes('period=all'))).toBe(true);
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
