import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { observationWithAgencies } from '../support/agencies.ts';
import { csvOf } from '../support/csv.ts';
import { freePort, startLocalPlatform } from '../support/local-platform.ts';

/**
 * The real local platform for browser tests: `npm start` on a fresh data
 * folder, half a year of generated records for Đồng Tháp and the portal's
 * real figures of Gia Lai sent through the ingest API, and Debian's Chromium
 * driven by playwright-core.
 */

export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** Debian's Chromium, or another at CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and quiet: this machine has no network, and Chromium's own calls home would be refused. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface BrowserPlatform {
  base: string;
  browser: Browser;
  /** a page 1280 px wide; below 500 px, a touch phone 800 px tall */
  newPage(width?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startBrowserPlatform(from = '2025-07-01', to = '2025-12-31'): Promise<BrowserPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'service-index-browser-'));
  const port = await freePort();
  const platform = await startLocalPlatform(dir, port);
  const token = /ingest token for province 82: (sit_\S+)/.exec(platform.output())?.[1];
  if (!token) throw new Error(`npm start printed no ingest token: ${platform.output()}`);
  const base = `http://127.0.0.1:${port}`;
  const records = [...generateRecords({ registry, province: '82', from, to, seed: 21 })];
  for (const month of [...new Set(records.map((r) => r.date.slice(0, 7)))]) {
    const r = await fetch(`${base}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvOf(records.filter((x) => x.date.startsWith(month))),
    });
    if (r.status !== 201) throw new Error(`ingest of ${month} answered ${r.status}: ${await r.text()}`);
  }
  // the portal's published figures of a second province, with a token of its own from npm run token
  const portalToken = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'cli/token.ts', 'create', '--province', '52'],
    { env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8' },
  ).trim();
  const observed = await fetch(`${base}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${portalToken}`, 'content-type': 'application/jsonl' },
    // Gia Lai's real communes, with three departments beside them (tests/support/agencies.ts)
    body: observationWithAgencies(),
  });
  if (observed.status !== 201)
    throw new Error(`the portal's figures answered ${observed.status}: ${await observed.text()}`);
  // the portal's national list of the 34 provinces, taken as a file by npm run ingest
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'cli/ingest.ts', 'data/portal/national-2026-09-17.json'],
    {
      env: { ...process.env, DATA_DIR: dir },
      encoding: 'utf8',
    },
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return {
    base,
    browser,
    newPage: async (width = 1280) => {
      // below 500 px, a phone: 375 x 800 with touch, as a person holds one
      const phone = width < 500;
      const context = await browser.newContext({
        viewport: { width, height: phone ? 800 : 900 },
        hasTouch: phone,
        isMobile: phone,
        acceptDownloads: true,
        locale: 'vi-VN',
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      return page;
    },
    close: async () => {
      await browser.close();
      await platform.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
