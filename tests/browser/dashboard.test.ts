import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { ARTIFACTS, type BrowserPlatform, startBrowserPlatform } from './support.ts';

let p: BrowserPlatform;
let page: Page;

beforeAll(async () => {
  p = await startBrowserPlatform();
  page = await p.newPage();
}, 180_000);
afterAll(() => p?.close());

const rows = () => page.locator('si-ranking-view tbody tr');
const open = async (query: string) => {
  await page.goto(`${p.base}/${query}`);
  await page.locator('main').waitFor();
};
const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const firstCells = async (column: number) =>
  rows().evaluateAll((trs, c) => trs.map((tr) => tr.children[c]?.textContent?.trim() ?? ''), column);
const number = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));

describe("the portal's published figures in the dashboard", () => {
  const portalRow = (name: string) => rows().filter({ hasText: name });

  it('heads the ranking with the published score and rank, and flags where published and computed part', async () => {
    await open('?province=52');
    await expect.poll(() => rows().count()).toBe(135);
    const line = (await page.locator('.period-line').textContent())?.replace(/\s+/g, ' ');
    expect(line).toContain('Năm 2026 · Ngày quan sát 01/10/2026 · Nguồn số liệu: Cổng Dịch vụ công quốc gia');
    const first = rows().first();
    expect(await first.locator('button.link').textContent()).toBe('Xã Vân Canh');
    expect(await first.locator('td').nth(0).textContent()).toBe('1');
    expect(await first.locator('td.total strong').textContent()).toBe('75,62');
    // the portal's total is not the sum of its own group pages that day: the flag says so, with the numbers
    const flag = first.locator('.flag');
    expect(await flag.getAttribute('aria-label')).toBe(
      'Điểm công bố lệch với điểm tính lại hoặc với tổng các nhóm: Công bố 75,62 · tổng các nhóm 75,48 · Tính lại 75,48',
    );
    // a unit whose published figures agree carries no flag
    const agreeing = await rows().evaluateAll((trs) => trs.filter((tr) => !tr.querySelector('.flag')).length);
    expect(agreeing).toBe(14);
    await shot('portal-ranking');
  });

  it('lists in the data-quality panel the units whose published figures part, with the groups that differ', async () => {
    await open('?province=52');
    await expect.poll(() => rows().count()).toBe(135);
    const panel = page.locator('si-ranking-view .quality');
    await panel.scrollIntoViewIfNeeded();
    const text = (await panel.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Tổng điểm Cổng công bố khác tổng điểm các nhóm trên chính Cổng: 121');
    expect(text).toContain('Điểm nhóm tính lại khác điểm nhóm Cổng công bố: 0');
    expect(text).toContain('Xã Vân Canh: Công bố 75,62 · tổng các nhóm 75,48 · Tính lại 75,48');
    expect(text).toContain('và 101 đơn vị khác');
  });

  it('opens a unit with its published score first, the computed explanation under it, and its days', async () => {
    await portalRow('Xã Vân Canh').locator('button.link').click();
    await expect.poll(() => page.locator('si-unit-view .cards .card').count()).toBe(5);
    const cards = await page
      .locator('si-unit-view .cards .card')
      .evaluateAll((els) =>
        els.map((e) => [...e.children].map((c) => c.textContent?.replace(/\s+/g, ' ').trim())),
      );
    expect(cards).toContainEqual(['Hạng công bố', '1/135']);
    expect(cards).toContainEqual(['Điểm công bố', '75,62']);
    expect(cards).toContainEqual([
      'Điểm tính lại',
      '75,48',
      'tổng các nhóm 75,48',
      'Công bố − Tính lại: +0,14',
    ]);
    await expect.poll(() => page.locator('si-unit-view table.explain tbody tr').count()).toBe(19);
    const headers = await page.locator('si-unit-view table.explain thead th').allTextContents();
    expect(headers.map((h) => h.trim())).toContain('Cổng công bố');
    const days = page.locator('si-unit-view table.published-days tbody tr');
    expect(await days.count()).toBe(1);
    expect((await days.first().textContent())?.replace(/\s+/g, ' ')).toContain('01/10/2026 75,62');
    await shot('portal-unit');
    const phone = await p.newPage(375);
    await phone.goto(`${p.base}/?province=52&view=unit&unit=21994`);
    await phone.locator('si-unit-view table.explain tbody tr').first().waitFor();
    await phone.screenshot({ path: join(ARTIFACTS, 'portal-unit-375.png'), fullPage: true });
    await phone.close();
  });

  it('offers the provinces it holds data of', async () => {
    await open('');
    const options = await page.getByLabel('Tỉnh, thành phố').locator('option').allTextContents();
    expect(options).toEqual(['Tỉnh Gia Lai', 'Tỉnh Đồng Tháp']);
    await page.getByLabel('Tỉnh, thành phố').selectOption('52');
    await expect.poll(() => rows().count()).toBe(135);
    expect(page.url()).toContain('province=52');
  });
});

describe('the dashboard in Chromium, against the local platform', () => {
  it('renders the ranking of all 102 units, in Vietnamese by default', async () => {
    await open('?period=2025-Q4');
    await expect.poll(() => rows().count()).toBe(102);
    expect(await page.locator('h1').textContent()).toBe('Chỉ số phục vụ người dân, doanh nghiệp');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    // vi-VN numbers: a decimal comma
    expect(await rows().first().locator('td').nth(4).textContent()).toMatch(/^\d{2},\d{2}$/);
    await shot('ranking-vi');
  });

  it('sorts by any column, both ways', async () => {
    await page.getByRole('button', { name: /^Điểm/ }).click();
    let totals = (await firstCells(4)).map(number);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    await page.getByRole('button', { name: /^Điểm/ }).click();
    totals = (await firstCells(4)).map(number);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(page.url()).toContain('sort=total');
    expect(page.url()).toContain('dir=desc');
  });

  it('finds "Hoà Long" when searching "hoa long", ignoring diacritics and case', async () => {
    await page.getByLabel('Tìm xã, phường').fill('hoa long');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('Xã Hoà Long');
    await page.getByLabel('Tìm xã, phường').fill('');
  });

  it('filters by type and by band', async () => {
    await page.getByLabel('Loại', { exact: true }).selectOption('ward');
    await expect.poll(() => rows().count()).toBe(20);
    const types = await rows().evaluateAll((trs) => trs.map((tr) => tr.querySelector('.type')?.textContent));
    expect(new Set(types)).toEqual(new Set(['Phường']));
    await page.getByLabel('Loại', { exact: true }).selectOption('');
    await page.getByLabel('Xếp loại', { exact: true }).selectOption('good');
    const bands = await rows().evaluateAll((trs) => trs.map((tr) => tr.querySelector('.badge')?.textContent));
    expect(bands.length).toBeGreaterThan(0);
    expect(new Set(bands)).toEqual(new Set(['Khá']));
    await page.getByLabel('Xếp loại', { exact: true }).selectOption('');
  });

  it('exports the table on screen as CSV for Excel', async () => {
    await open('?period=2025-Q4&type=ward');
    await expect.poll(() => rows().count()).toBe(20);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải CSV' }).click(),
    ]);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    expect(table).toHaveLength(20);
    expect(table.every((r) => r.type === 'ward')).toBe(true);
    const names = await rows().evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('button.link')?.textContent?.trim()),
    );
    expect(table.map((r) => r.name)).toEqual(names);
  });

  it('switches to English, with English number formats', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).toBe('Citizen-service index');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await rows().first().locator('td').nth(4).textContent()).toMatch(/^\d{2}\.\d{2}$/);
    expect(page.url()).toContain('lang=en');
    await shot('ranking-en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  });

  it('opens a unit from the table, and comes back with the browser', async () => {
    await open('?period=2025-Q4');
    const name = (await rows().nth(2).locator('button.link').textContent())?.trim() ?? '';
    await rows().nth(2).locator('button.link').click();
    await expect.poll(() => page.locator('si-unit-view h2').first().textContent()).toContain(name);
    expect(page.url()).toContain('view=unit');
    await expect.poll(() => page.locator('si-unit-view table.explain tbody tr').count()).toBe(19);
    const lost = await page.locator('si-unit-view table.explain tbody tr td:nth-child(4)').allTextContents();
    const values = lost.map(number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.locator('si-unit-view canvas').first().waitFor();
    await shot('unit');
    await page.goBack();
    await expect.poll(() => rows().count()).toBe(102);
    await page.goForward();
    await expect.poll(() => page.url()).toContain('view=unit');
  });

  it("prints a unit's page as a one-page report card", async () => {
    await open('?view=unit&unit=30208&period=2025-Q4');
    await expect.poll(() => page.locator('si-unit-view table.explain tbody tr').count()).toBe(19);
    await expect.poll(() => page.locator('si-unit-view canvas').count()).toBe(3);
    await page.waitForTimeout(300);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      path: join(ARTIFACTS, 'unit-report-card.pdf'),
    });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await page.emulateMedia({ media: 'print' });
    await shot('unit-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('opens a unit from the map', async () => {
    await open('?view=map&period=2025-Q4');
    const path = page.locator('si-map-view path[data-code="30208"]');
    await path.hover();
    await expect.poll(() => page.locator('si-map-view .tip').textContent()).toContain('Xã Hoà Long');
    await shot('map');
    await path.click();
    await expect.poll(() => page.url()).toContain('unit=30208');
    await expect.poll(() => page.locator('si-unit-view h2').first().textContent()).toContain('Xã Hoà Long');
  });

  it('compares units: their groups side by side and their trends on one chart', async () => {
    await open('?view=compare&units=30208,28261&period=2025-Q4');
    await expect.poll(() => page.locator('si-compare-view table.compare tbody tr').count()).toBe(2);
    await page.getByLabel('Chọn từ 2 đến 6 đơn vị').selectOption('28249');
    await page.getByRole('button', { name: 'Thêm' }).click();
    await expect.poll(() => page.locator('si-compare-view table.compare tbody tr').count()).toBe(3);
    expect(page.url()).toContain('units=30208%2C28261%2C28249');
    await page.locator('si-compare-view canvas').waitFor();
    await shot('compare');
  });

  it('shows the methodology in force from the API', async () => {
    await open('?view=methodology');
    await expect.poll(() => page.locator('si-methodology-view tbody tr').count()).toBe(19);
    expect(await page.locator('si-methodology-view p code').textContent()).toBe('qd766-2026');
    await shot('methodology');
  });

  it('restores the whole view from a permalink', async () => {
    await open('?period=2025-11&sort=total&dir=desc&type=commune&band=good&q=xa&lang=en');
    expect(await page.locator('h1').textContent()).toBe('Citizen-service index');
    expect(await page.getByLabel('Search communes and wards').inputValue()).toBe('xa');
    expect(await page.getByLabel('Type', { exact: true }).inputValue()).toBe('commune');
    expect(await page.getByLabel('Band', { exact: true }).inputValue()).toBe('good');
    expect(await page.locator('si-period-picker select').nth(1).inputValue()).toBe('2025-11');
    const totals = (await firstCells(4)).map(Number);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('works with the keyboard alone', async () => {
    await open('?period=2025-Q4');
    await rows().first().waitFor();
    const target = rows().first().locator('button.link');
    const name = (await target.textContent())?.trim() ?? '';
    for (let k = 0; k < 60; k++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent?.trim() ?? '';
      });
      if (focused === name) break;
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('view=unit');
  });

  it('is usable 375 px wide, with no sideways scrolling of the page', async () => {
    const phone = await p.newPage(375);
    await phone.goto(`${p.base}/?period=2025-Q4`);
    await phone.locator('si-ranking-view tbody tr').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.screenshot({ path: join(ARTIFACTS, 'ranking-375.png'), fullPage: true });
    await phone.close();
  });

  it.each([
    ['ranking', '?period=2025-Q4'],
    ['portal ranking', '?province=52'],
    ['portal unit', '?province=52&view=unit&unit=21994'],
    ['map', '?view=map&period=2025-Q4'],
    ['unit', '?view=unit&unit=30208&period=2025-Q4'],
    ['compare', '?view=compare&units=30208,28261&period=2025-Q4'],
    ['methodology', '?view=methodology'],
    ['ranking in English', '?period=2025-Q4&lang=en'],
  ])('has no axe-core violations on the %s view', async (_name, query) => {
    await open(query);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    expect(await axeViolations(page)).toEqual([]);
  });
});
