import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { csvOf } from '../support/csv.ts';

/**
 * The real local platform for browser tests: `npm start` on a fresh data
 * folder, half a year of generated records sent through the ingest API, and
 * Debian's Chromium driven by playwright-core.
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
  newPage(width?: number): Promise<Page>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

export async function startBrowserPlatform(from = '2025-07-01', to = '2025-12-31'): Promise<BrowserPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'service-index-browser-'));
  const port = await freePort();
  let output = '';
  const platform: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    env: { ...process.env, DATA_DIR: dir, PORT: String(port), SEED: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  platform.stdout?.on('data', (c) => {
    output += c;
  });
  platform.stderr?.on('data', (c) => {
    output += c;
  });
  for (let k = 0; k < 600 && !output.includes('Ctrl-C stops it.'); k++)
    await new Promise((r) => setTimeout(r, 100));
  const token = /ingest token for province 82: (sit_\S+)/.exec(output)?.[1];
  if (!token) throw new Error(`npm start did not come up: ${output}`);
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
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return {
    base,
    browser,
    newPage: async (width = 1280) => {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
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
      const exited = new Promise((r) => platform.once('exit', r));
      platform.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
