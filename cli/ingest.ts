import { readFile } from 'node:fs/promises';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { printReceipt } from '#cli/receipt.ts';
import { provinceOfSubmission } from '#core/portal/bundle.ts';
import { isNationalFile } from '#core/portal/national.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { localAnnouncer, safely } from '#functions/services/announce.ts';
import { ingestNationalFile } from '#functions/services/national-ingest.ts';
import { inlineRecompute } from '#functions/services/recompute-requests.ts';
import { submitBody } from '#functions/services/submit-file.ts';
import { openDatabase } from '#infra/local/environment.ts';

/**
 * npm run ingest -- FILE [--province 82]
 * The file-drop path on one machine: ingests a CSV or JSON file of daily
 * records, or a file of the portal's figures (from npm run portal:fetch, or an
 * observation file), as a dropped file is ingested in AWS, and prints the
 * receipt's counts and every rejected row. The portal's figures name their
 * own province.
 */

const USAGE = 'usage: npm run ingest -- FILE [--province 82] [--json]';

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a) => !a.startsWith('--') && argv[argv.indexOf(a) - 1] !== '--province');
  const values = parseOptions(
    argv.filter((a) => a !== file),
    { province: { type: 'string' }, json: { type: 'boolean', default: false } },
  );
  if (!file) throw new UsageError('name the file to ingest');
  if (values.province) registry.requireProvince(values.province);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${error instanceof Error && 'code' in error ? error.code : error}`,
      { cause: error },
    );
  }
  if (isNationalFile(body.toString('utf8'))) {
    // the portal's national list: the country at a glance, of no one province
    const db = await openDatabase();
    try {
      const { observation, archive } = await ingestNationalFile(db, body);
      process.stdout.write(
        `the national list of ${observation.period}, observed on ${observation.observedOn}: ${observation.provinces.length} provinces (archived as ${archive})\n`,
      );
    } finally {
      await db.close();
    }
    return;
  }
  const province = values.province ?? provinceOfSubmission(body.toString('utf8')) ?? DEFAULT_PROVINCE;
  const db = await openDatabase();
  try {
    // the morning briefing of a fresh day follows the file, as it does on AWS
    const announce = safely(localAnnouncer({ store: db.store, ...db.briefings }));
    const receipt = await submitBody(
      {
        store: db.store,
        archive: db.archive,
        recompute: inlineRecompute(db.store, announce),
        published: announce,
      },
      province,
      body,
      file,
      `file ${file}`,
    );
    printReceipt(receipt, values.json);
  } finally {
    await db.close();
  }
}

await runCommand('ingest', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError]);
