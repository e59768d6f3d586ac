import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { registry } from '#core/registry/registry.ts';
import { createDocumentClient } from '#functions/store/dynamo/client.ts';
import { DynamoStore } from '#functions/store/dynamo/dynamo-store.ts';
import { csvOf } from '../support/csv.ts';
import { freePort, type LocalPlatform, startLocalPlatform } from '../support/local-platform.ts';
import { type PortalStandin, startPortalStandin } from '../support/portal-standin.ts';

/**
 * The local platform as a person runs it: npm start on a data folder, and the
 * token, ingest and pull commands beside it, while it runs and after it stops.
 */

let dir: string;
let port: number;
let platform: LocalPlatform | undefined;
/** what the platform printed, up to when it was last stopped */
let output = '';
let source: Server;
let sourcePort: number;
let portal: PortalStandin;
const yesterday = addDays(todayInVietnam(), -1);
const day = addDays(yesterday, -3);
const records = [...generateRecords({ registry, province: '82', from: day, to: day, seed: 3 })];

function command(
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `cli/${name}.ts`, ...args],
      { env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'error', ...env }, encoding: 'utf8' },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

async function start(): Promise<void> {
  platform = await startLocalPlatform(dir, port);
}

async function stop(): Promise<number | null> {
  const code = await platform?.stop();
  output = platform?.output() ?? '';
  platform = undefined;
  return code ?? null;
}

const url = (path: string) => `http://127.0.0.1:${port}${path}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'service-index-cmd-'));
  source = createServer((req, res) => {
    const asked = new URL(req.url ?? '/', 'http://x').searchParams.get('date');
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end(csvOf(records.map((r) => ({ ...r, date: asked }))));
  });
  await new Promise<void>((r) => source.listen(0, '127.0.0.1', () => r()));
  sourcePort = (source.address() as AddressInfo).port;
  portal = await startPortalStandin();
  // chosen once the stand-ins listen, so that none of them takes it
  port = await freePort();
});

afterAll(async () => {
  if (platform) await stop();
  source.close();
  await portal.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start and the commands beside it', () => {
  it('starts empty with SEED=none, prints its URL and a working ingest token', async () => {
    await start();
    const printed = platform?.output() ?? '';
    expect(printed).toContain(`The platform runs at http://127.0.0.1:${port}/`);
    const token = /ingest token for province 82: (sit_\S+)/.exec(printed)?.[1];
    expect(token).toBeDefined();
    const r = await fetch(url('/api/ingest'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvOf(records.slice(0, 10)),
    });
    expect(r.status).toBe(201);
    const home = await fetch(url('/'), { headers: { 'accept-encoding': 'gzip' } });
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<si-app></si-app>');
  });

  it('creates a token with npm run token while the platform runs, printed alone on stdout', async () => {
    const r = await command('token', ['create', '--province', '82', '--units', '30208,28261']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sit_[A-Za-z0-9_-]{43}\n$/);
    const answer = await fetch(url('/api/ingest'), {
      method: 'POST',
      headers: { authorization: `Bearer ${r.stdout.trim()}`, 'content-type': 'text/csv' },
      body: csvOf(records.slice(0, 3)),
    });
    const receipt = (await answer.json()) as { rows: { unitCode: string; outcome: string }[] };
    expect(receipt.rows.map((x) => [x.unitCode, x.outcome])).toEqual(
      records
        .slice(0, 3)
        .map((x) => [x.unitCode, ['30208', '28261'].includes(x.unitCode) ? 'unchanged' : 'rejected']),
    );
  });

  it('writes a token to a DynamoDB table named with --aws-table, as on AWS', async () => {
    // the running platform's database stands in for AWS's, reached the way the SDK reaches any endpoint
    const { endpoint } = JSON.parse(readFileSync(join(dir, 'platform.json'), 'utf8')) as { endpoint: string };
    const r = await command('token', ['create', '--province', '82', '--aws-table', 'service-index'], {
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'ap-southeast-1',
      DATA_DIR: join(dir, 'elsewhere'),
    });
    expect(r.code, r.stderr).toBe(0);
    const answer = await fetch(url('/api/ingest'), {
      method: 'POST',
      headers: { authorization: `Bearer ${r.stdout.trim()}`, 'content-type': 'text/csv' },
      body: csvOf(records.slice(0, 2)),
    });
    expect(answer.status).toBe(201);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });

  it('ingests a dropped file with npm run ingest, and the running API shows it', async () => {
    const file = join(dir, 'drop.csv');
    writeFileSync(file, csvOf(records));
    const r = await command('ingest', [file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `${records.length} rows, ${records.length - 10} created, 0 revised, 10 unchanged, 0 rejected`,
      ),
    );
    await new Promise((res) => setTimeout(res, 100));
    const ranking = (await (await fetch(url(`/api/provinces/82/rankings?period=all`))).json()) as {
      units: unknown[];
    };
    expect(ranking.units).toHaveLength(records.length);
  });

  it('replays an archived submission with npm run replay, writing nothing twice', async () => {
    const file = join(dir, 'again.csv');
    writeFileSync(file, csvOf(records));
    const first = await command('ingest', [file]);
    const id = /^submission (\S+):/.exec(first.stdout)?.[1] ?? '';
    expect(id).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{12}$/);
    const r = await command('replay', [id]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`${records.length} rows, 0 created, 0 revised, ${records.length} unchanged, 0 rejected`),
    );
    const revisions = (await (
      await fetch(url(`/api/provinces/82/units/${records[0]?.unitCode}/days/${day}`))
    ).json()) as { revisions: unknown[] };
    expect(revisions.revisions).toHaveLength(1);
  });

  it('names a submission the archive does not hold', async () => {
    const r = await command('replay', ['20991231T000000Z-000000000000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^replay: no archived submission 20991231T000000Z-000000000000 in /);
    const bad = await command('replay', ['../../etc/passwd']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not a submission id/);
  });

  it("pulls a day's records from SOURCE_URL with npm run pull", async () => {
    const r = await command('pull', [
      '--date',
      yesterday,
      '--source',
      `http://127.0.0.1:${sourcePort}/records?date={date}`,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${records.length} rows, ${records.length} created`));
    const province = (await (await fetch(url('/api/provinces/82'))).json()) as { latestDay: string };
    expect(province.latestDay).toBe(yesterday);
    // a fresh day: the morning briefing follows, on the terminal and in the data folder
    const title = `Bản tin chỉ số phục vụ — Tỉnh Đồng Tháp — số liệu ngày ${yesterday.split('-').reverse().join('/')}`;
    expect(r.stdout).toContain(title);
    const written = readFileSync(join(dir, 'briefings', `82-${yesterday}.vi.txt`), 'utf8');
    expect(written.split('\n')[0]).toBe(title);
    expect(existsSync(join(dir, 'briefings', `82-${yesterday}.en.txt`))).toBe(true);
    // npm run briefing prints the same, and pulling the day again announces nothing twice
    const printed = await command('briefing', ['--province', '82']);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toBe(written);
    const again = await command('pull', [
      '--date',
      yesterday,
      '--source',
      `http://127.0.0.1:${sourcePort}/records?date={date}`,
    ]);
    expect(again.stdout).not.toContain(title);
    const wrong = await command('briefing', ['--province', '82', '--date', '30/11/2026']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^briefing: --date "30\/11\/2026" is not a day written YYYY-MM-DD/);
  });

  it('says what is wrong when the source cannot be reached', async () => {
    const r = await command('pull', ['--source', 'http://127.0.0.1:1/nothing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pull: the source http:\/\/127\.0\.0\.1:1\/nothing\?date=.* cannot be reached/);
  });

  it("fetches the portal's answers with npm run portal:fetch, and npm run ingest takes the file as the pull's own", async () => {
    const out = join(dir, 'from-the-office');
    const env = { PORTAL_URL: portal.url, PORTAL_PAUSE_MS: '0' };
    const fetched = await command(
      'portal-fetch',
      ['--province', '52', '--out', out, '--period', '2026'],
      env,
    );
    expect(fetched.code, fetched.stderr).toBe(0);
    const file = fetched.stdout.trim();
    expect(file).toBe(join(out, `portal-52-${todayInVietnam()}.json`));
    const twice = await command('portal-fetch', ['--province', '52', '--out', out, '--period', '2026'], env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/exists already; fetched answers are never overwritten/);
    const r = await command('ingest', [file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/135 rows, 135 created, 0 revised, 0 unchanged, 0 rejected/);
    expect(r.stdout).toMatch(
      /135 units \(135 communes and wards, 0 departments\), 135 matched to official units/,
    );
    await new Promise((res) => setTimeout(res, 100));
    const ranking = (await (await fetch(url('/api/provinces/52/rankings?period=2026'))).json()) as {
      source: string;
      units: unknown[];
    };
    expect(ranking).toMatchObject({ source: 'portal' });
    expect(ranking.units).toHaveLength(135);
  });

  it('pulls the year, quarter and month of yesterday from the portal with npm run pull -- --source portal', async () => {
    const r = await command('pull', ['--source', 'portal', '--province', '52'], {
      PORTAL_URL: portal.url,
      PORTAL_PAUSE_MS: '0',
    });
    expect(r.code, r.stderr).toBe(0);
    // the year was fetched today already: unchanged; the quarter and the month are new
    expect(r.stdout).toMatch(/405 rows, 270 created, 0 revised, 135 unchanged, 0 rejected/);
    const province = (await (await fetch(url('/api/provinces/52'))).json()) as {
      published: { periods: string[] };
    };
    expect(province.published.periods).toHaveLength(3);
    // and the country at a glance beside it: the national list of the year, observed today
    const year = addDays(todayInVietnam(), -1).slice(0, 4);
    expect(r.stdout).toContain(`the national list of ${year}: 34 provinces`);
    const national = (await (await fetch(url('/api/national'))).json()) as {
      observedOn: string;
      provinces: unknown[];
    };
    expect(national.observedOn).toBe(todayInVietnam());
    expect(national.provinces).toHaveLength(34);
  });

  it('names the endpoint the portal stays silent on, and stores nothing', async () => {
    const r = await command('pull', ['--source', 'portal', '--province', '52', '--period', '2026-01'], {
      PORTAL_URL: `http://127.0.0.1:${await freePort()}/api/v1/reporting/evaluation`,
      PORTAL_ATTEMPTS: '2',
      PORTAL_BACKOFF_MS: '1',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^pull: the national portal did not answer service-results after 2 tries \(last: ECONNREFUSED\)/,
    );
  });

  it("shows who holds a province's lease with npm run lease, and breaks a dead writer's", async () => {
    const { endpoint } = JSON.parse(readFileSync(join(dir, 'platform.json'), 'utf8')) as { endpoint: string };
    const client = createDocumentClient({ region: 'local', endpoint });
    // a writer that took province 01 and stalls, as one that died would
    const stalled = new DynamoStore({
      client,
      tableName: 'service-index',
      lease: { leaseMs: 600_000, renewMs: 600_000, waitMs: 100 },
    });
    let release = () => {};
    const holding = stalled.withProvinceLease('01', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 100));
    try {
      const shown = await command('lease', ['show', '--province', '01']);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).toMatch(
        /^province 01\n {2}lease: held by [0-9a-f-]{36} \(generation \d+\) for \d+\.\d s more/,
      );
      const broken = await command('lease', ['break', '--province', '01']);
      expect(broken.code, broken.stderr).toBe(0);
      expect(broken.stdout).toMatch(/^broke the lease of province 01, held by [0-9a-f-]{36}/);
      expect(broken.stdout).toMatch(/\n {2}lease: free\n/);
      const wrong = await command('lease', ['show']);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toMatch(/^lease: name the province: --province 82 \(usage: npm run lease/);
    } finally {
      release();
      await holding.catch(() => {});
      client.destroy();
    }
  });

  it('writes the Excel template with npm run template, and npm run ingest takes it back as is', async () => {
    const file = join(dir, 'mẫu 01.xlsx');
    const written = await command('template', ['--province', '01', '--out', file]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(
      /^wrote .*mẫu 01\.xlsx: the daily-record template of Thành phố Hà Nội \(\d+ units\)\n$/,
    );
    const r = await command('ingest', [file, '--province', '01']);
    expect(r.code, r.stderr).toBe(0);
    // the example row is row 3 of the sheet, under the title and the header
    expect(r.stdout).toMatch(/1 rows, 1 created, 0 revised, 0 unchanged, 0 rejected/);
    const wrong = await command('template', ['--out', join(dir, 'x.csv')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^template: --out .*x\.csv must end with \.xlsx/);
  });

  it('stops cleanly on Ctrl-C', async () => {
    expect(await stop()).toBe(0);
    expect(output).toContain('SIGINT: stopping');
    expect(existsSync(join(dir, 'platform.json'))).toBe(false);
  });

  it('creates a token with the platform stopped, opening the data folder itself', async () => {
    const r = await command('token', ['create', '--province', '82']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^sit_\S+\n$/);
  });

  it('refuses a token for units of another province', async () => {
    const r = await command('token', ['create', '--province', '82', '--units', '00004']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unit 00004 (Phường Ba Đình) is not in province 82');
  });

  it('starts again on the same data, with the data kept', async () => {
    await start();
    const ranking = (await (await fetch(url('/api/provinces/82/rankings?period=all'))).json()) as {
      asOf: string;
      units: unknown[];
    };
    expect(ranking.asOf).toBe(yesterday);
    expect(ranking.units).toHaveLength(records.length);
    expect(await stop()).toBe(0);
  });
});
