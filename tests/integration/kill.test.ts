import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { registry } from '#core/registry/registry.ts';
import { csvOf } from '../support/csv.ts';
import { freePort, type LocalPlatform, startLocalPlatform } from '../support/local-platform.ts';

/**
 * npm start killed with kill -9 in the middle of a submission, at several
 * points (early, while records are written, while rankings are): the
 * restart frees the lease the dead process left (it owns the data folder), the
 * operator's npm run lease says so, and the sender sends the submission again,
 * or the operator replays it from the archive. What the API then shows is what a clean ingestion of
 * the same submission shows.
 */

const body = csvOf([
  ...generateRecords({ registry, province: '82', from: '2025-10-01', to: '2025-10-20', seed: 23 }),
] as unknown as Record<string, unknown>[]);
const dirs: string[] = [];
let running: LocalPlatform | undefined;

function command(
  dir: string,
  name: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `cli/${name}.ts`, ...args],
      { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'error' }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function start(dir: string): Promise<{ url: string; token: string }> {
  const port = await freePort();
  running = await startLocalPlatform(dir, port);
  const token = /ingest token for province 82: (sit_\S+)/.exec(running.output())?.[1];
  if (!token) throw new Error(`no token in ${running.output()}`);
  return { url: `http://127.0.0.1:${port}`, token };
}

const post = (url: string, token: string) =>
  fetch(`${url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  });

/** Drops what differs between two equal states: when things were computed and came in. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'computedAt' && k !== 'lastIngestAt')
        .map(([k, v]) => [k, timeless(v)]),
    );
  }
  return value;
}

/** What a reader sees: the month's ranking as of several days, the quarter's, a unit's history. */
async function view(url: string) {
  const read = async (path: string) => {
    const r = await fetch(`${url}${path}`);
    expect(r.status, path).toBe(200);
    return timeless(await r.json());
  };
  const unit = registry.unitsOf('82')[0]?.code;
  return {
    month: await Promise.all(
      ['2025-10-01', '2025-10-07', '2025-10-15', '2025-10-20'].map((d) =>
        read(`/api/provinces/82/rankings?period=2025-10&asOf=${d}&source=records`),
      ),
    ),
    quarter: await read('/api/provinces/82/rankings?period=2025-Q4&source=records'),
    history: await read(`/api/provinces/82/units/${unit}/history?source=records`),
    province: await read('/api/provinces/82'),
  };
}

let clean: Awaited<ReturnType<typeof view>>;
/** how long the clean ingestion took: the kills fall at fractions of it */
let cleanMs = 0;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'service-index-kill-'));
  dirs.push(dir);
  const { url, token } = await start(dir);
  const started = Date.now();
  const r = await post(url, token);
  cleanMs = Date.now() - started;
  expect(r.status).toBe(201);
  clean = await view(url);
  await running?.stop();
  running = undefined;
});

afterAll(async () => {
  await running?.kill();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm start killed with kill -9 during a submission', () => {
  it.each([
    { at: 0.05, resent: 'sent' },
    { at: 0.4, resent: 'replayed' },
    { at: 0.8, resent: 'sent' },
  ])(
    'at $at of its time: restarted, the province free, the submission $resent again: the same rankings as a clean ingestion',
    async ({ at, resent }) => {
      const dir = mkdtempSync(join(tmpdir(), 'service-index-kill-'));
      dirs.push(dir);
      const first = await start(dir);
      const answer = post(first.url, first.token).then(
        (r) => r.status,
        () => 'cut off',
      );
      await new Promise((r) => setTimeout(r, at * cleanMs));
      await running?.kill();
      running = undefined;
      // the answer never came: the sender was cut off
      expect(await answer).toBe('cut off');

      const second = await start(dir);
      // the province is not left busy for the dead writer's lease: the sender is not refused
      const shown = await command(dir, 'lease', ['show', '--province', '82']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(/^province 82\n {2}lease: free\n/);

      const archived = readdirSync(join(dir, 'archive'), { recursive: true, encoding: 'utf8' }).filter((f) =>
        f.endsWith('.csv'),
      );
      if (resent === 'replayed' && archived.length) {
        const id =
          archived[0]
            ?.split('/')
            .pop()
            ?.replace(/\.csv$/, '') ?? '';
        const replayed = await command(dir, 'replay', [id]);
        expect(replayed.code, replayed.stderr).toBe(0);
      } else {
        const again = await post(second.url, second.token);
        expect(again.status).toBe(201);
      }
      expect(JSON.stringify(await view(second.url), null, 1)).toBe(JSON.stringify(clean, null, 1));
      await (running as LocalPlatform | undefined)?.stop();
      running = undefined;
    },
  );
});
