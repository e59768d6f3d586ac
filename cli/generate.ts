import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stringify } from 'csv-stringify';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { generateRecords } from '#core/generator/generate.ts';
import { isDay, todayInVietnam } from '#core/periods/calendar.ts';
import { type DailyRecord, FIRST_DAY, RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';

/**
 * npm run generate -- --province 82 --from YYYY-MM-DD --to YYYY-MM-DD [--seed N] --out FILE.csv|FILE.json
 * Writes realistic synthetic daily records; the same seed gives the same file.
 */

const USAGE =
  'usage: npm run generate -- [--province 82] --from YYYY-MM-DD --to YYYY-MM-DD [--seed N] --out FILE.csv|FILE.json';

function checkDay(name: string, value: string | undefined, today: string): string {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  if (!isDay(value)) throw new UsageError(`--${name} "${value}" is not a day written YYYY-MM-DD`);
  if (value < FIRST_DAY)
    throw new UsageError(`--${name} ${value} is before ${FIRST_DAY}, when the commune-level index began`);
  if (value > today) throw new UsageError(`--${name} ${value} is after today (${today}, Vietnam time)`);
  return value;
}

function ordered(r: DailyRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of RECORD_FIELD_NAMES) out[f] = (r as Record<string, unknown>)[f];
  return out;
}

async function write(out: string, records: Iterable<DailyRecord>, format: 'csv' | 'json'): Promise<number> {
  const file = createWriteStream(out);
  const put = async (chunk: string) => {
    if (!file.write(chunk)) await once(file, 'drain');
  };
  let count = 0;
  if (format === 'json') {
    await put('[\n');
    for (const r of records) {
      await put(`${count ? ',\n' : ''}${JSON.stringify(ordered(r))}`);
      count++;
    }
    await put('\n]\n');
  } else {
    const csv = stringify({ header: true, columns: [...RECORD_FIELD_NAMES] });
    csv.on('data', (chunk: Buffer) => file.write(chunk));
    for (const r of records) {
      if (!csv.write(ordered(r))) await once(csv, 'drain');
      count++;
    }
    csv.end();
    await once(csv, 'end');
  }
  file.end();
  await once(file, 'finish');
  return count;
}

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    province: { type: 'string', default: DEFAULT_PROVINCE },
    from: { type: 'string' },
    to: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  });
  const today = todayInVietnam();
  const from = checkDay('from', values.from, today);
  const to = checkDay('to', values.to, today);
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed))
    throw new UsageError(`--seed must be a whole number, not "${values.seed}"`);
  if (!values.out) throw new UsageError('--out FILE.csv or FILE.json is required');
  const format = values.out.toLowerCase().endsWith('.json')
    ? 'json'
    : values.out.toLowerCase().endsWith('.csv')
      ? 'csv'
      : null;
  if (!format) throw new UsageError(`--out must end in .csv or .json, not "${values.out}"`);
  const province = registry.requireProvince(values.province);
  const count = await write(
    values.out,
    generateRecords({ registry, province: province.code, from, to, seed }),
    format,
  );
  process.stderr.write(
    `generate: ${count} records for the ${registry.unitsOf(province.code).length} units of ${province.fullName}, ${from}..${to}, seed ${seed}, in ${values.out}\n`,
  );
}

await runCommand('generate', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError]);
