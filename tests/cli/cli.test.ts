import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodology } from '#core/methodology/catalog.ts';
import { customPeriod } from '#core/periods/period.ts';
import { parseSubmission } from '#core/records/parse.ts';
import { validateRows } from '#core/records/validate.ts';
import { registry } from '#core/registry/registry.ts';
import type { Ranking } from '#core/scoring/ranking.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';

/** Runs a command of cli/ the way npm run does (tsx), in the project's root. */
function run(
  command: 'score' | 'generate',
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `cli/${command}.ts`, ...args],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'service-index-cli-'));
  const csv = await run('generate', [
    '--province',
    '82',
    '--from',
    '2025-10-01',
    '--to',
    '2025-11-30',
    '--seed',
    '5',
    '--out',
    path('records.csv'),
  ]);
  expect(csv.code, csv.stderr).toBe(0);
  const json = await run('generate', [
    '--from',
    '2025-10-01',
    '--to',
    '2025-11-30',
    '--seed',
    '5',
    '--out',
    path('records.json'),
  ]);
  expect(json.code, json.stderr).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run generate', () => {
  it('writes the same file for the same seed, and says what it wrote', async () => {
    const again = await run('generate', [
      '--from',
      '2025-10-01',
      '--to',
      '2025-11-30',
      '--seed',
      '5',
      '--out',
      path('again.csv'),
    ]);
    expect(readFileSync(path('again.csv'), 'utf8')).toBe(readFileSync(path('records.csv'), 'utf8'));
    expect(again.stderr).toMatch(
      /^generate: \d+ records for the 102 units of Tỉnh Đồng Tháp, 2025-10-01\.\.2025-11-30, seed 5/,
    );
  });

  it('writes the same records as CSV and as JSON', () => {
    const ctx = { registry, province: '82', today: '2025-12-31' };
    const fromCsv = validateRows(parseSubmission(readFileSync(path('records.csv'), 'utf8')).rows, ctx);
    const fromJson = validateRows(parseSubmission(readFileSync(path('records.json'), 'utf8')).rows, ctx);
    expect(fromCsv.rejected).toEqual([]);
    expect(fromJson.accepted.map((a) => a.record)).toEqual(fromCsv.accepted.map((a) => a.record));
    expect(fromCsv.accepted.length).toBeGreaterThan(102 * 61 * 0.95);
  });

  it.concurrent.each([
    [['--from', '2025-10-01', '--out', 'x.csv'], '--to is required'],
    [['--from', '2025-06-01', '--to', '2025-06-02', '--out', 'x.csv'], 'before 2025-07-01'],
    [
      ['--from', '2025-10-02', '--to', '2025-10-01', '--out', 'x.csv'],
      '--from 2025-10-02 is after --to 2025-10-01',
    ],
    [['--from', '2025-10-01', '--to', '2025-10-01', '--out', 'x.txt'], '--out must end in .csv or .json'],
    [
      ['--province', '99', '--from', '2025-10-01', '--to', '2025-10-01', '--out', 'x.csv'],
      'unknown province "99"',
    ],
    [
      ['--from', '2025-10-01', '--to', '2025-10-01', '--seed', 'abc', '--out', 'x.csv'],
      '--seed must be a whole number',
    ],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await run('generate', args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('npm run score', () => {
  let ranking: Ranking & { rejected: unknown[] };
  beforeAll(async () => {
    const r = await run('score', [
      '--input',
      path('records.csv'),
      '--from',
      '2025-10-01',
      '--to',
      '2025-11-30',
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    ranking = JSON.parse(r.stdout);
  });

  it('ranks all 102 Đồng Tháp units with the shape of the contract', () => {
    expect(ranking.period).toMatchObject({ from: '2025-10-01', to: '2025-11-30' });
    expect(ranking.methodology).toBe('qd766-2026');
    expect(ranking.units).toHaveLength(102);
    expect(ranking.unranked).toEqual([]);
    expect(ranking.rejected).toEqual([]);
    const unit = ranking.units[0];
    expect(Object.keys(unit?.groups ?? {})).toEqual(['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL']);
    expect(Object.keys(unit?.indicators ?? {})).toHaveLength(19);
    expect(unit).toMatchObject({
      rank: 1,
      unitCode: expect.stringMatching(/^\d{5}$/),
      band: expect.any(String),
    });
  });

  it('agrees with the scoring core on the same file', () => {
    const body = readFileSync(path('records.csv'), 'utf8');
    const { accepted } = validateRows(parseSubmission(body).rows, {
      registry,
      province: '82',
      today: '2025-12-31',
    });
    const direct = rankPeriod(
      {
        registry,
        province: '82',
        period: customPeriod('2025-10-01', '2025-11-30'),
        methodology: methodology(),
      },
      accepted.map((a) => a.record),
    );
    expect(ranking.units).toEqual(direct.units);
  });

  it('scores the JSON file the same as the CSV file', async () => {
    const r = await run('score', [
      '--input',
      path('records.json'),
      '--from',
      '2025-10-01',
      '--to',
      '2025-11-30',
    ]);
    expect(JSON.parse(r.stdout).units).toEqual(ranking.units);
  });

  it('takes a period key and another methodology version', async () => {
    const r = await run('score', [
      '--input',
      path('records.csv'),
      '--period',
      '2025-11',
      '--methodology',
      'qd766-2022',
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.period).toMatchObject({ kind: 'month', key: '2025-11', from: '2025-11-01', to: '2025-11-30' });
    expect(out.methodology).toBe('qd766-2022');
    expect(Object.keys(out.units[0].groups)).toEqual(['CKMB', 'TDGQ', 'CCDV', 'MDSH', 'MDHL']);
  });

  it('writes CSV that a CSV parser reads back as the same ranking', async () => {
    const r = await run('score', [
      '--input',
      path('records.csv'),
      '--from',
      '2025-10-01',
      '--to',
      '2025-11-30',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    const rows: Record<string, string>[] = parse(r.stdout, { columns: true });
    expect(rows).toHaveLength(102);
    expect(
      rows.map((row) => [row.unitCode, Number(row.rank), Number(row.total), row.band, Number(row.MDHL)]),
    ).toEqual(ranking.units.map((u) => [u.unitCode, u.rank, u.total, u.band, u.groups.MDHL]));
  });

  it('lists rejected rows with their reasons and still scores the rest', async () => {
    const body = readFileSync(path('records.csv'), 'utf8').split('\n');
    const header = body[0] ?? '';
    const cells = (body[1] ?? '').split(',');
    cells[2] = '-5';
    const bad = [header, cells.join(','), body[2], `99999${(body[3] ?? '').slice(5)}`].join('\n');
    writeFileSync(path('bad.csv'), `${bad}\n`);
    const r = await run('score', ['--input', path('bad.csv'), '--from', '2025-10-01', '--to', '2025-10-31']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rejected).toEqual([
      {
        row: 2,
        unitCode: cells[0],
        date: '2025-10-01',
        reasons: [{ field: 'received', rule: 'non-negative', message: 'received cannot be negative (-5)' }],
      },
      {
        row: 4,
        unitCode: '99999',
        date: '2025-10-01',
        reasons: [
          {
            field: 'unitCode',
            rule: 'unknown-unit',
            message: 'unit 99999 is not in the official list of communes and wards',
          },
        ],
      },
    ]);
    expect(out.units).toHaveLength(1);
    expect(out.unranked).toHaveLength(101);
  });

  it.concurrent.each([
    [['--from', '2025-10-01', '--to', '2025-10-31'], '--input FILE is required'],
    [['--input', 'x.csv', '--from', '2025-10-01'], '--from and --to are required'],
    [
      ['--input', 'missing.csv', '--from', '2025-10-01', '--to', '2025-10-31'],
      'cannot read missing.csv: ENOENT',
    ],
    [['--input', 'x.csv', '--period', '2025-Q5'], 'quarter 5 does not exist'],
    [
      ['--input', 'x.csv', '--from', '2025-10-31', '--to', '2025-10-01'],
      'from 2025-10-31 is after to 2025-10-01',
    ],
    [['--input', 'x.csv', '--period', '2025-10', '--format', 'xlsx'], '--format must be json or csv'],
    [['--input', 'x.csv', '--period', '2025-10', '--province', '99'], 'unknown province "99"'],
    [['--input', 'x.csv', '--period', '2025-10', '--methodology', 'v9'], 'unknown methodology "v9"'],
    [['--input', 'x.csv', '--period', '2025-10', '--colour'], "Unknown option '--colour'"],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await run('score', args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line naming the fault of a file it cannot read as records', async () => {
    writeFileSync(path('broken.json'), '[{"unitCode": "30208",}]');
    const r = await run('score', ['--input', path('broken.json'), '--period', '2025-10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /broken\.json: the JSON body is malformed at line 1, column 23: property name expected/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('runs through npm run score as the contract names it', () => {
    const r = spawnSync(
      'npm',
      ['run', '-s', 'score', '--', '--input', path('records.csv'), '--period', '2025-10', '--format', 'csv'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toMatch(
      /^rank,unitCode,name,type,total,band,CKMB,TDGQ,CLGQ,TTTT,MDSH,MDHL,/,
    );
  });
});

describe('npm run score on an observation of the portal', () => {
  const OBSERVATION = 'data/portal/gia-lai-2026-10-01.jsonl';

  it('scores it with qd766-2026: units with their portal and official codes, indicators by metric code', async () => {
    const r = await run('score', ['--input', OBSERVATION, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      province: '52',
      period: { kind: 'year', key: '2026' },
      observedOn: '2026-10-01',
      methodology: 'qd766-2026',
      unranked: [],
      unsettled: [],
      rejected: [],
    });
    expect(out.units).toHaveLength(135);
    expect(out.units[0]).toMatchObject({
      rank: 1,
      unitCode: '21994',
      portalCode: 'H21.227',
      total: 75.48,
      band: 'good',
      groups: { CKMB: 11.79, TDGQ: 19.38, CLGQ: 6.32, TTTT: 7.22, MDSH: 12.77, MDHL: 18 },
      indicators: { REUSED_DIGITIZED_DATA: { points: 1.57 }, DOSSIER_RECEIVING_SATISFACTION: { points: 6 } },
    });
  });

  it('scores the same file with every published score but CLGQ and TTTT nulled to the same ranking', async () => {
    const lines = readFileSync(OBSERVATION, 'utf8').trim().split('\n');
    const nulled = lines.map((line, k) => {
      if (k === 0) return line;
      const u = JSON.parse(line);
      for (const key of ['total', 'ratio', 'rank', 'groupRank', 'scoreDelta']) u[key] = null;
      for (const g of ['CKMB', 'TDGQ', 'MDSH', 'MDHL']) u.groups[g] = null;
      for (const part of ['progress', 'online', 'payment', 'satisfaction', 'ckmb', 'mdsh']) {
        u[part].score = null;
        u[part].ratio = null;
      }
      u.metrics = u.metrics.map((m: unknown[]) => [m[0], m[1], m[2], m[3], null, null, m[6], m[7]]);
      return JSON.stringify(u);
    });
    writeFileSync(path('nulled.jsonl'), `${nulled.join('\n')}\n`);
    const [a, b] = await Promise.all([
      run('score', ['--input', OBSERVATION, '--format', 'csv']),
      run('score', ['--input', path('nulled.jsonl'), '--format', 'csv']),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout.split('\r\n')[0]).toMatch(/,PUBLISH_ON_TIME,.*,portalCode,period,methodology$/);
  });

  it('refuses --from and --to for an observation, which names its own period', async () => {
    const r = await run('score', ['--input', OBSERVATION, '--from', '2026-01-01', '--to', '2026-01-31']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/an observation file names its own period/);
  });
});
