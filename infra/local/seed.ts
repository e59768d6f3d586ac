import { readFile, rm, writeFile } from 'node:fs/promises';
import { generateRecords } from '#core/generator/generate.ts';
import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { type DailyRecord, FIRST_DAY } from '#core/records/fields.ts';
import { recordsCsv } from '#core/records/write.ts';
import { registry } from '#core/registry/registry.ts';
import type { Archive } from '#functions/archive/archive.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { ingestNationalFile } from '#functions/services/national-ingest.ts';
import { recomputeProvince } from '#functions/services/recompute.ts';
import type { Receipt, Store } from '#functions/store/store.ts';

/**
 * First start: realistic synthetic history for a province from 2025-07-01 to
 * yesterday, sent week by week through the real ingestion (archive, receipts,
 * revisions), then one recompute of every snapshot. Progress goes to stderr.
 *
 * With a progress file, a seed stopped part-way (Ctrl-C, a crash) resumes
 * where it stopped at the next start: the file says how many weeks are in,
 * and is removed once the rankings are computed.
 */

interface SeedProgress {
  province: string;
  seed: number;
  from: string;
  weeksDone: number;
}

/** The seed a progress file says was stopped part-way, if any. */
export async function unfinishedSeed(progressFile: string): Promise<SeedProgress | undefined> {
  const text = await readFile(progressFile, 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as SeedProgress) : undefined;
}

/** `done` of `total` records in, `sent` of them by this run (a resumed seed skips the rest). */
function progressLine(done: number, total: number, startedAt: number, sent = done): string {
  const seconds = (Date.now() - startedAt) / 1000;
  const rate = sent / Math.max(seconds, 0.001);
  const left = rate > 0 ? (total - done) / rate : 0;
  const pct = ((done / total) * 100).toFixed(0).padStart(3);
  return `seeding: ${pct}%  ${done.toLocaleString('en')} of ${total.toLocaleString('en')} records  ${Math.round(rate).toLocaleString('en')}/s  about ${Math.ceil(left)} s left`;
}

export async function seed(
  deps: { store: Store; archive: Archive },
  province: string,
  seedNumber = 1,
  from = FIRST_DAY,
  progressFile?: string,
): Promise<number> {
  const to = addDays(todayInVietnam(), -1);
  if (to < from) return 0;
  const records = [...generateRecords({ registry, province, from, to, seed: seedNumber })];
  const weeks = new Map<string, DailyRecord[]>();
  for (const r of records) {
    // a week's submission: days since the start, in sevens
    const week = Math.floor((Date.parse(r.date) - Date.parse(from)) / (7 * 86_400_000));
    const list = weeks.get(String(week)) ?? [];
    list.push(r);
    weeks.set(String(week), list);
  }
  const changed = new Set<string>();
  const startedAt = Date.now();
  const tty = process.stderr.isTTY;
  let done = 0;
  let lastPrinted = 0;
  let skipped = 0;
  const before = progressFile ? await unfinishedSeed(progressFile) : undefined;
  const resumed = before?.province === province && before.seed === seedNumber && before.from === from;
  const skip = resumed ? before.weeksDone : 0;
  if (skip) {
    process.stderr.write(`seeding: resuming province ${province} after week ${skip} of ${weeks.size}\n`);
    // the rankings of the weeks already in were never computed: all of them are, at the end
    changed.add(from);
  }
  const note = (weeksDone: number) =>
    progressFile
      ? writeFile(progressFile, JSON.stringify({ province, seed: seedNumber, from, weeksDone }))
      : undefined;
  await note(skip);
  for (const [week, batch] of [...weeks.values()].entries()) {
    if (week < skip) {
      done += batch.length;
      skipped += batch.length;
      continue;
    }
    const body = Buffer.from(recordsCsv(batch));
    await ingestSubmission(
      {
        ...deps,
        recompute: async (_p, days) => {
          for (const d of days) changed.add(d);
        },
      },
      {
        body,
        formatHint: 'text/csv',
        scope: { province, label: 'seed', createdAt: new Date().toISOString() },
      },
    );
    done += batch.length;
    await note(week + 1);
    if (tty) process.stderr.write(`\r${progressLine(done, records.length, startedAt, done - skipped)}   `);
    else if (done - lastPrinted >= records.length / 10 || done === records.length) {
      process.stderr.write(`${progressLine(done, records.length, startedAt, done - skipped)}\n`);
      lastPrinted = done;
    }
  }
  if (tty) process.stderr.write('\n');
  process.stderr.write(`seeding: computing rankings for every period and day since ${from} ...\n`);
  const started = Date.now();
  const result = await recomputeProvince(deps.store, province, [...changed]);
  process.stderr.write(
    `seeding: ${result.snapshots.toLocaleString('en')} ranking snapshots in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (progressFile) await rm(progressFile, { force: true });
  return records.length;
}

/**
 * The real published figures shipped with the project: the national portal's
 * observation of Gia Lai's 135 communes on 2026-10-01, sent through the same
 * ingestion as any file of the portal's figures.
 */
export const REAL_OBSERVATION = { province: '52', file: 'data/portal/gia-lai-2026-10-01.jsonl' };

export async function seedObservation(
  deps: { store: Store; archive: Archive },
  observation = REAL_OBSERVATION,
): Promise<Receipt> {
  const body = await readFile(observation.file);
  const receipt = await ingestSubmission(
    { ...deps, recompute: async () => {} },
    {
      body,
      formatHint: observation.file,
      scope: { province: observation.province, label: 'seed', createdAt: new Date().toISOString() },
    },
  );
  process.stderr.write(
    `seeding: the portal's published figures of province ${observation.province} (${observation.file}): ${receipt.counts.created} units\n`,
  );
  return receipt;
}

/** The portal's real national list of the 34 provinces (year 2026, captured 2026-09-17): the country at a glance. */
export const REAL_NATIONAL = 'data/portal/national-2026-09-17.json';

export async function seedNational(
  deps: { store: Store; archive: Archive },
  file = REAL_NATIONAL,
): Promise<void> {
  const { observation } = await ingestNationalFile(deps, await readFile(file));
  process.stderr.write(
    `seeding: the portal's national list (${file}): ${observation.provinces.length} provinces, ${observation.period}\n`,
  );
}
