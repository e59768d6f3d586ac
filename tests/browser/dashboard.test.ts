import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '#core/periods/calendar.ts';
import { parseWorkbook } from '#core/records/parse-xlsx.ts';
import { validateRows } from '#core/records/validate.ts';
import { registry } from '#core/registry/registry.ts';
import { readWorkbook } from '../support/workbook.ts';
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
    // as Excel reads CSV under Vietnamese settings: semicolons between cells, a decimal comma, words for headers
    const table: Record<string, string>[] = parse(bytes, { bom: true, columns: true, delimiter: ';' });
    expect(table).toHaveLength(20);
    expect(table.every((r) => r['Loại'] === 'Phường')).toBe(true);
    expect(table.every((r) => /^\d{2},\d{1,2}$|^\d{2}$/.test(r['Điểm'] ?? ''))).toBe(true);
    expect(table.every((r) => /^\d{5}$/.test(r['Mã đơn vị'] ?? ''))).toBe(true);
    const names = await rows().evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('button.link')?.textContent?.trim()),
    );
    expect(table.map((r) => r['Đơn vị'])).toEqual(names);
  });

  it('exports the table on screen as an Excel workbook: the ranking, then a sheet per group', async () => {
    await open('?period=2025-Q4&type=ward');
    await expect.poll(() => rows().count()).toBe(20);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ranking-82-2025-Q4.xlsx');
    const [ranking, ...groups] = await readWorkbook(readFileSync((await download.path()) as string));
    expect(ranking?.name).toBe('Xếp hạng');
    expect(ranking?.rows[0]?.[0]).toMatch(
      /^Xếp hạng — Tỉnh Đồng Tháp — Quý 4\/2025 — số liệu đến ngày \d{2}\/\d{2}\/\d{4} — phương pháp qd766-\d{4}/,
    );
    expect(ranking?.frozenRows).toBe(2);
    const body = ranking?.rows.slice(2) ?? [];
    // the rows on screen, in their order: no units without data, as the list is narrowed
    const names = await rows().evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('button.link')?.textContent?.trim()),
    );
    expect(body.map((r) => r[2])).toEqual(names);
    expect(body.every((r) => r[3] === 'Phường' && /^\d{5}$/.test(String(r[1])))).toBe(true);
    expect(ranking?.cells.get('B3')).toEqual({ stored: 'text', format: '@' });
    expect(ranking?.cells.get('E3')).toEqual({ stored: 'number', format: '0.00' });
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const g of groups) {
      const scores = g.rows.slice(2).map((r) => r[3] as number);
      expect(scores).toHaveLength(20);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // the group's indicators, asked for when the workbook is made
      expect(g.rows[1]?.length).toBeGreaterThan(7);
      expect(g.rows.slice(2).every((r) => typeof r[5] === 'number')).toBe(true);
    }
  });

  it('switches to English, with English number formats', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    // the English texts load on the first switch
    await expect.poll(() => page.locator('h1').textContent()).toBe('Citizen-service index');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await rows().first().locator('td').nth(4).textContent()).toMatch(/^\d{2}\.\d{2}$/);
    expect(page.url()).toContain('lang=en');
    await shot('ranking-en');
    // the choice is remembered on the browser: back to Vietnamese for the tests that follow
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Chỉ số phục vụ người dân, doanh nghiệp');
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
    await expect.poll(() => page.locator('si-methodology-view ul.indicators li').count()).toBe(19);
    expect(await page.locator('si-methodology-view p .hint').getAttribute('title')).toBe('qd766-2026');
    await shot('methodology');
  });

  it('downloads the Excel template from the methodology page, and its example row is a valid record', async () => {
    await open('?view=methodology');
    await page.locator('si-methodology-view ul.indicators li').first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải mẫu Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mau-so-lieu-82.xlsx');
    const bytes = readFileSync((await download.path()) as string);
    const [data, explained, listed] = await readWorkbook(bytes);
    expect([data?.name, explained?.name, listed?.name]).toEqual(['Số liệu', 'Giải thích', 'Đơn vị']);
    expect(listed?.rows.slice(2)).toHaveLength(102);
    const parsed = await parseWorkbook(bytes);
    const { rejected } = validateRows(parsed.rows, { registry, province: '82', today: todayInVietnam() });
    expect(parsed.rows.map((r) => r.row)).toEqual([3]);
    expect(rejected).toEqual([]);
  });

  it("downloads a unit's tables as Excel workbooks with their title row", async () => {
    await open('?view=unit&unit=30208&period=2025-Q4');
    await expect.poll(() => page.locator('si-unit-view table.explain tbody tr').count()).toBe(19);
    const explain = page.locator('si-unit-view section').filter({ has: page.locator('table.explain') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      explain.getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('explain-30208-2025-Q4.xlsx');
    const [sheet] = await readWorkbook(readFileSync((await download.path()) as string));
    expect(sheet?.rows[0]?.[0]).toMatch(
      /^Giải thích điểm: chỉ số nào làm mất điểm · Xã .+ — Tỉnh Đồng Tháp — Quý 4\/2025 — Tính đến ngày \d{2}\/\d{2}\/\d{4} — Phiên bản qd766-2026 — Tính từ số liệu hằng ngày$/,
    );
    expect(sheet?.rows.slice(2)).toHaveLength(19);
    expect(sheet?.frozenRows).toBe(2);
    expect(sheet?.cells.get('C3')?.format).toBe('0.00');
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

  it('keeps the header of the ranking in view while a hundred rows scroll by', async () => {
    await open('?period=2025-Q4');
    await expect.poll(() => rows().count()).toBe(102);
    await rows().nth(80).scrollIntoViewIfNeeded();
    const header = page.locator('si-ranking-view table.ranking thead th').first();
    const box = await header.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(-1);
    expect(box?.y).toBeLessThan(5);
    // and no header overlaps its neighbour, in either language
    for (const lang of ['vi', 'en']) {
      await open(`?period=2025-Q4&lang=${lang}`);
      await expect.poll(() => rows().count()).toBe(102);
      const overlaps = await page
        .locator('si-ranking-view table.ranking thead th')
        .evaluateAll((ths) =>
          ths
            .filter((th) => (th as HTMLElement).offsetWidth > 0)
            .some((th) => th.scrollWidth > (th as HTMLElement).clientWidth + 1),
        );
      expect(overlaps).toBe(false);
    }
  });

  it("answers a link with a bad period in the page's language, with a way back", async () => {
    await open('?period=2025-13');
    const alert = page.locator('si-app [role=alert]');
    await alert.waitFor();
    expect(await alert.locator('p').first().textContent()).toBe('Kỳ, ngày hoặc đường dẫn không hợp lệ.');
    // the server's own (English) words only behind "technical detail", folded
    expect(await alert.locator('details').getAttribute('open')).toBe(null);
    await alert.getByRole('button', { name: 'Về bảng xếp hạng' }).click();
    await expect.poll(() => rows().count()).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('period')).toBe(null);
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

/** The text a person reads or hears: every visible text node and aria-label, through the shadow roots. */
async function readableText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node) => {
      for (const node of root.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          const text = node.textContent?.trim();
          const parent = node.parentElement;
          if (text && parent?.checkVisibility({ visibilityProperty: true })) out.push(text);
        } else if (node instanceof Element) {
          if (node.matches('script, style, noscript')) continue;
          const label = node.getAttribute('aria-label');
          if (label && node.checkVisibility()) out.push(label);
          if (node.shadowRoot) walk(node.shadowRoot);
          walk(node);
        }
      }
    };
    walk(document.body);
    return out;
  });
}

describe('each page in its own language', () => {
  const VIEWS = [
    ['ranking', '?period=2025-Q4'],
    ['unit', '?view=unit&unit=30208&period=2025-Q4'],
    ['map', '?view=map&period=2025-Q4'],
    ['compare', '?view=compare&units=30208,28261&period=2025-Q4'],
    ['methodology', '?view=methodology'],
    ['portal ranking', '?province=52'],
    ['portal unit', '?province=52&view=unit&unit=21994'],
  ] as const;
  // the words of unit types are part of units' own names ("Xã Hoà Long") in both languages
  const NAMES = new Set(['commune', 'ward', 'special-zone']);
  const differing = (from: Record<string, string>, to: Record<string, string>) =>
    Object.entries(from)
      .filter(([k, v]) => !NAMES.has(k) && v !== to[k] && v.length >= 4)
      .map(([, v]) => v);

  /** Every text of the interface: the page's own and the views', in each language. */
  const texts = async () => {
    const { vietnamese } = await import('../../dashboard/src/lib/i18n.ts');
    const { en } = await import('../../dashboard/src/lib/i18n-en.ts');
    const { VIEW_TEXTS } = await import('../../dashboard/src/lib/i18n-views.ts');
    return {
      vi: { ...vietnamese, ...VIEW_TEXTS.vi } as Record<string, string>,
      en: { ...en, ...VIEW_TEXTS.en } as Record<string, string>,
    };
  };

  const settle = async (query: string) => {
    await open(query);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
  };

  it('in English, shows none of the Vietnamese interface', async () => {
    const { vi, en } = await texts();
    const { QUANTITIES } = await import('../../dashboard/src/lib/words.ts');
    const methodology = (await (await fetch(`${p.base}/api/methodologies/current`)).json()) as {
      groups: { name: { vi: string }; indicators: { name: { vi: string } }[] }[];
    };
    const vietnamese = [
      ...differing(vi, en),
      ...Object.values(QUANTITIES).map((q) => q.vi),
      ...methodology.groups.flatMap((g) => [g.name.vi, ...g.indicators.map((i) => i.name.vi)]),
    ];
    for (const [name, query] of VIEWS) {
      await settle(`${query}&lang=en`);
      const text = (await readableText(page)).join('\n');
      const found = vietnamese.filter((v) => text.includes(v));
      expect(found, `${name} in English`).toEqual([]);
    }
  });

  it('in Vietnamese, shows none of the English interface and no field codes outside hints', async () => {
    const { vi, en } = await texts();
    const english = differing(en, vi);
    const methodology = (await (await fetch(`${p.base}/api/methodologies/current`)).json()) as {
      groups: { code: string; indicators: { code: string }[] }[];
    };
    const codes = methodology.groups.flatMap((g) => [g.code, ...g.indicators.map((i) => i.code)]);
    const literal = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [name, query] of VIEWS) {
      await settle(`${query}&lang=vi`);
      const texts = await readableText(page);
      const text = texts.join('\n');
      expect(
        english.filter((v) => new RegExp(`(^|[^\\p{L}])${literal(v)}($|[^\\p{L}])`, 'u').test(text)),
        `${name} in Vietnamese`,
      ).toEqual([]);
      // no dossiersPaidOnline, no CKMB: those are for machines (and hover hints)
      expect(
        texts.filter((x) => /\b[a-z]+[A-Z][A-Za-z]*\b/.test(x)),
        `${name}: field names`,
      ).toEqual([]);
      expect(
        codes.filter((c) => new RegExp(`\\b${literal(c)}\\b`).test(text)),
        `${name}: indicator codes`,
      ).toEqual([]);
    }
  });
});

describe('departments beside communes', () => {
  it('switches the ranking to the departments, ranked among themselves, and opens one', async () => {
    await open('?province=52');
    await expect.poll(() => rows().count()).toBe(135);
    const switcher = page.getByRole('group', { name: 'Đơn vị được xếp hạng' });
    expect(await switcher.getByRole('button', { name: 'Xã, phường' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await switcher.getByRole('button', { name: 'Sở, ban, ngành' }).click();
    await expect.poll(() => rows().count()).toBe(3);
    expect(page.url()).toContain('kind=agencies');
    const names = await rows().evaluateAll((trs) =>
      trs.map((tr) => tr.querySelector('button.link')?.textContent?.trim()),
    );
    expect(names).toEqual(['Sở Tư pháp tỉnh Gia Lai', 'Sở Nội vụ tỉnh Gia Lai', 'Sở Y tế tỉnh Gia Lai']);
    expect(await firstCells(0)).toEqual(['1', '2', '3']);
    // one kind: no choice of commune or ward, and the search is for departments
    expect(await page.getByLabel('Loại', { exact: true }).count()).toBe(0);
    expect(await page.getByLabel('Tìm sở, ban, ngành').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('agencies');
    await rows().nth(1).locator('button.link').click();
    await expect
      .poll(() => page.locator('si-unit-view h2').first().textContent())
      .toContain('Sở Nội vụ tỉnh Gia Lai');
    await expect.poll(() => page.locator('si-unit-view table.explain tbody tr').count()).toBeGreaterThan(0);
    await page.goBack();
    await expect.poll(() => rows().count()).toBe(3);
    await switcher.getByRole('button', { name: 'Xã, phường' }).click();
    await expect.poll(() => rows().count()).toBe(135);
  });

  it('says so where the portal published no department, with the way back', async () => {
    await open('?province=82&kind=agencies');
    // Đồng Tháp has daily records only: no switch, and no department
    expect(await page.getByRole('group', { name: 'Đơn vị được xếp hạng' }).count()).toBe(0);
    await expect
      .poll(() => page.locator('si-ranking-view .state').textContent())
      .toContain('chưa công bố sở, ban, ngành');
  });
});

describe('the country at a glance', () => {
  const national = () => page.locator('si-national-view table.national tbody tr');

  it('ranks the 34 provinces as the portal publishes them, the default province marked, the held ones linked', async () => {
    await open('?view=national');
    await expect.poll(() => national().count()).toBe(34);
    const first = national().first();
    expect(await first.getAttribute('aria-current')).toBe('true');
    expect((await first.textContent())?.replace(/\s+/g, ' ')).toContain(
      '1 Tỉnh Đồng Tháp tỉnh mặc định 68,32',
    );
    expect(await page.locator('si-national-view .line').textContent()).toMatch(
      /Năm 2026 · Cổng công bố ngày 17\/09\/2026/,
    );
    // only the provinces whose ranking the platform holds link to it: Đồng Tháp and Gia Lai
    const linked = await page.locator('si-national-view tbody th button.link').allTextContents();
    expect(linked.map((s) => s.trim())).toEqual(['Tỉnh Đồng Tháp', 'Tỉnh Gia Lai']);
    expect(await axeViolations(page)).toEqual([]);
    await shot('national');
    await page.locator('si-national-view tbody th button.link', { hasText: 'Tỉnh Gia Lai' }).click();
    await expect.poll(() => rows().count()).toBe(135);
    expect(page.url()).toContain('province=52');
    expect(page.url()).not.toContain('view=national');
  });

  it('downloads the list as an Excel workbook', async () => {
    await open('?view=national');
    await expect.poll(() => national().count()).toBe(34);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('si-national-view').getByRole('button', { name: 'Tải Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('national-2026-2026-09-17.xlsx');
    const [sheet] = await readWorkbook(readFileSync((await download.path()) as string));
    expect(sheet?.rows[2]?.slice(0, 4)).toEqual([1, '82', 'Tỉnh Đồng Tháp', 68.32]);
    expect(sheet?.rows.slice(2)).toHaveLength(34);
  });
});

describe('on a phone (375 × 800, touch)', () => {
  let phone: Page;
  beforeAll(async () => {
    phone = await p.newPage(375);
  });
  afterAll(() => phone?.close());

  const go = async (query: string) => {
    await phone.goto(`${p.base}/${query}`);
    await phone.locator('main').waitFor();
  };
  const noSideways = async () =>
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  /** the element lies within the screen's width, and is drawn */
  const onScreen = async (locator: ReturnType<Page['locator']>) => {
    const box = await locator.boundingBox();
    expect(box, String(locator)).not.toBeNull();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
    expect(box?.width ?? 0).toBeGreaterThan(0);
  };

  it('shows each unit with its rank, name, score, band and change, without sideways scrolling', async () => {
    await go('?period=2025-Q4');
    const r = phone.locator('si-ranking-view tbody tr');
    await expect.poll(() => r.count()).toBe(102);
    await noSideways();
    for (const k of [0, 1, 50, 101]) {
      const row = r.nth(k);
      await row.scrollIntoViewIfNeeded();
      for (const cell of ['td.rank', 'td.unit button.link', 'td.total', 'td.band .badge', 'td.cp', 'td.cd']) {
        await onScreen(row.locator(cell));
      }
      // the whole name, never cut
      const name = row.locator('td.unit button.link');
      expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth + 1)).toBe(true);
    }
    await phone.screenshot({ path: join(ARTIFACTS, 'ranking-375.png'), fullPage: false });
  });

  it('explains a score an indicator at a time, readable without sideways scrolling', async () => {
    await go('?view=unit&unit=30208&period=2025-Q4');
    const explain = phone.locator('si-unit-view table.explain');
    await expect.poll(() => explain.locator('tbody tr').count()).toBe(19);
    await noSideways();
    await onScreen(explain);
    const first = explain.locator('tbody tr').first();
    await first.scrollIntoViewIfNeeded();
    await onScreen(first.locator('th'));
    await onScreen(first.locator('td.inputs'));
    expect(
      await first
        .locator('td')
        .first()
        .evaluate((e) => getComputedStyle(e, '::before').content),
    ).toContain('Điểm đạt');
    await onScreen(phone.locator('si-unit-view ul.group-bars'));
    // the groups against the average and the leader fit too: nothing scrolls sideways inside its box
    const groupsVs = phone.locator('si-unit-view table.groups-vs');
    expect(await groupsVs.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0))).toBe(true);
    await phone.screenshot({ path: join(ARTIFACTS, 'unit-375.png'), fullPage: true });
  });

  it('lays the methodology out as a list that fits the screen', async () => {
    await go('?view=methodology');
    const items = phone.locator('si-methodology-view ul.indicators li');
    await expect.poll(() => items.count()).toBe(19);
    await noSideways();
    // each indicator across the screen's width: its points beside its name, its rule in words beneath, nothing off screen
    const boxes = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        item: li.getBoundingClientRect().toJSON(),
        points: li.querySelector('.pts')?.getBoundingClientRect().toJSON(),
        rule: li.querySelector('.rule')?.getBoundingClientRect().toJSON(),
      })),
    );
    for (const b of boxes) {
      expect(b.item.right).toBeLessThanOrEqual(375);
      expect(b.points?.right).toBeLessThanOrEqual(375);
      expect(b.rule?.width).toBeGreaterThan(300);
    }
    await phone.screenshot({ path: join(ARTIFACTS, 'methodology-375.png'), fullPage: true });
  });

  it("switches to a province's departments on a phone: a card per department, nothing off screen, axe-clean", async () => {
    await go('?province=52');
    const cards = phone.locator('si-ranking-view tbody tr');
    await expect.poll(() => cards.count()).toBe(135);
    const switcher = phone.getByRole('group', { name: 'Đơn vị được xếp hạng' });
    await onScreen(switcher.getByRole('button', { name: 'Sở, ban, ngành' }));
    await switcher.getByRole('button', { name: 'Sở, ban, ngành' }).click();
    await expect.poll(() => cards.count()).toBe(3);
    await noSideways();
    await onScreen(cards.first().locator('td.total'));
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: join(ARTIFACTS, 'agencies-375.png'), fullPage: false });
  });

  it('shows the country as a card per province, nothing off screen, axe-clean', async () => {
    await go('?view=national');
    const cards = phone.locator('si-national-view table.national tbody tr');
    await expect.poll(() => cards.count()).toBe(34);
    await noSideways();
    const first = cards.first();
    await onScreen(first.locator('td.total'));
    await onScreen(first.locator('td.group').last());
    // each group a labelled line of its card
    expect(
      await first
        .locator('td.group')
        .first()
        .evaluate((td) => getComputedStyle(td, '::before').content),
    ).toBe('"Công khai, minh bạch"');
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: join(ARTIFACTS, 'national-375.png'), fullPage: false });
  });

  it('previews a unit on the first tap of the map, opens it on the second, and keeps the legend in view', async () => {
    await go('?view=map&period=2025-Q4');
    const path = phone.locator('si-map-view path[data-code="30208"]');
    await path.waitFor();
    await noSideways();
    await path.tap();
    await expect.poll(() => phone.locator('si-map-view .tip').textContent()).toContain('Xã Hoà Long');
    expect(phone.url()).not.toContain('unit=30208');
    const legend = phone.locator('si-map-view .legend');
    const box = await legend.boundingBox();
    expect((box?.y ?? 9999) + (box?.height ?? 0)).toBeLessThanOrEqual(800);
    await phone.screenshot({ path: join(ARTIFACTS, 'map-375.png'), fullPage: false });
    await path.tap();
    await expect.poll(() => phone.url()).toContain('unit=30208');
  });

  it('opens the unit previewed from its button too', async () => {
    await go('?view=map&period=2025-Q4');
    await phone.locator('si-map-view path[data-code="28261"]').tap();
    await phone.locator('si-map-view .tip').getByRole('button').tap();
    await expect.poll(() => phone.url()).toContain('unit=28261');
  });

  it("shows the portal's published ranking as cards too", async () => {
    await go('?province=52');
    const r = phone.locator('si-ranking-view tbody tr');
    await expect.poll(() => r.count()).toBe(135);
    await noSideways();
    for (const cell of ['td.rank', 'td.unit button.link', 'td.total', 'td.band .badge', 'td.cd']) {
      await onScreen(r.first().locator(cell));
    }
    await phone.locator('si-ranking-view table.ranking').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(ARTIFACTS, 'portal-ranking-375.png'), fullPage: false });
  });

  it.each([
    ['ranking', '?period=2025-Q4'],
    ['unit', '?view=unit&unit=30208&period=2025-Q4'],
    ['map', '?view=map&period=2025-Q4'],
  ])('has no axe-core violations on the %s view', async (_name, query) => {
    await go(query);
    await phone.waitForLoadState('networkidle');
    await phone.waitForTimeout(300);
    expect(await axeViolations(phone)).toEqual([]);
  });

  it('compares units without sideways scrolling of the page', async () => {
    await go('?view=compare&units=30208,28261&period=2025-Q4');
    await phone.locator('si-compare-view canvas').waitFor();
    await noSideways();
    await phone.screenshot({ path: join(ARTIFACTS, 'compare-375.png'), fullPage: true });
  });
});

describe('on paper', () => {
  const pdfText = async (pdf: Buffer) => {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const pages: string[] = [];
    for (let k = 1; k <= doc.numPages; k++) {
      const content = await (await doc.getPage(k)).getTextContent();
      pages.push(
        content.items
          .map((x) => ('str' in x ? x.str : ''))
          .join(' ')
          .replace(/\s+/g, ' '),
      );
    }
    return pages;
  };
  const printed = async (name: string) => {
    // the page laid out for paper first, as the browser's print does, so the charts redraw at the paper's size
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(300);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: join(ARTIFACTS, `${name}.pdf`) });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    return pdfText(pdf);
  };
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/');

  it('prints a unit as a one-page report card with its title block', async () => {
    await open('?view=unit&unit=30208&period=2025-Q4');
    await expect.poll(() => page.locator('si-unit-view table.explain tbody tr').count()).toBe(19);
    await expect.poll(() => page.locator('si-unit-view canvas').count()).toBe(3);
    const pages = await printed('unit-report-card');
    expect(pages).toHaveLength(1);
    const text = pages[0] ?? '';
    for (const part of [
      'Phiếu điểm Chỉ số phục vụ người dân, doanh nghiệp',
      'Quyết định 766/QĐ-TTg',
      'Xã Hoà Long',
      'Tỉnh Đồng Tháp',
      'Quý 4/2025',
      'Tính đến ngày 31/12/2025',
      `In ngày ${today}`,
    ]) {
      expect(text).toContain(part);
    }
    // its chart drawn at the paper's width, not shrunk from the screen's: its axes are in the PDF's text
    await page.emulateMedia({ media: 'print' });
    await page.waitForTimeout(300);
    const widths = await page
      .locator('si-unit-view si-chart canvas')
      .evaluateAll((cs) => cs.filter((c) => c.checkVisibility()).map((c) => c.getBoundingClientRect().width));
    await page.emulateMedia({ media: 'screen' });
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(w).toBeLessThanOrEqual(700);
    // the tools of the screen stay off paper
    expect(text).not.toContain('In phiếu điểm');
    expect(text).not.toContain('Tải CSV');
  });

  it('prints the country on one page: every province, every group, no buttons', async () => {
    await open('?view=national');
    await expect.poll(() => page.locator('si-national-view table.national tbody tr').count()).toBe(34);
    const pages = await printed('national');
    expect(pages).toHaveLength(1);
    const text = pages[0] ?? '';
    for (const part of [
      'Cả nước: 34 tỉnh, thành phố',
      'Năm 2026',
      'Tỉnh Đồng Tháp',
      'Tỉnh Khánh Hoà',
      'Mức độ hài lòng',
      '14,45',
    ]) {
      expect(text).toContain(part);
    }
    expect(text).not.toContain('Tải Excel');
  });

  it('prints the ranking compactly, with its title block and its header on every page', async () => {
    await open('?period=2025-Q4');
    await expect.poll(() => rows().count()).toBe(102);
    const pages = await printed('ranking-print');
    const withRows = pages.filter((x) => /Xã|Phường/.test(x));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    expect(withRows.length).toBeLessThanOrEqual(3);
    expect(pages[0]).toContain('Xếp hạng · Tỉnh Đồng Tháp');
    expect(pages[0]).toContain('Quý 4/2025');
    expect(pages[0]).toContain('Quyết định 766/QĐ-TTg');
    for (const text of withRows) expect(text).toMatch(/Hạng .*Đơn vị .*Điểm .*Xếp loại/);
    // every unit on one line on paper: no name broken across lines
    await page.emulateMedia({ media: 'print' });
    const heights = await rows().evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    await page.emulateMedia({ media: 'screen' });
    expect(Math.max(...heights)).toBeLessThan(1.6 * Math.min(...heights));
  });

  it('prints a comparison without its Remove buttons', async () => {
    await open('?view=compare&units=30208,28261&period=2025-Q4');
    await page.locator('si-compare-view canvas').waitFor();
    const pages = await printed('compare-print');
    expect(pages.join(' ')).toContain('Xã Hoà Long');
    expect(pages.join(' ')).not.toContain('Bỏ');
  });
});
