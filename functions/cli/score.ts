import { readFile, writeFile } from 'node:fs/promises';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { methodology, UnknownMethodologyError } from '#core/methodology/catalog.ts';
import { todayInVietnam } from '#core/periods/calendar.ts';
import { customPeriod, type Period, PeriodError, parsePeriod } from '#core/periods/period.ts';
import { parseSubmission, SubmissionFormatError } from '#core/records/parse.ts';
import { validateRows } from '#core/records/validate.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';
import { rankingCsv } from '#core/scoring/ranking-csv.ts';

/**
 * npm run score -- --input FILE --from YYYY-MM-DD --to YYYY-MM-DD [--province 82] [--format json|csv]
 * Scores and ranks the daily records of a CSV or JSON file, with no database and no server.
 */

const USAGE =
  'usage: npm run score -- --input FILE (--from YYYY-MM-DD --to YYYY-MM-DD | --period KEY) [--province 82] [--format json|csv] [--methodology ID] [--out FILE]';

const HELP = `${USAGE}

Scores and ranks the daily records in FILE (CSV or JSON, the daily-record contract).
  --input FILE        the records; .json or .csv (otherwise detected from the content)
  --from, --to        the period, both days included
  --period KEY        instead of --from/--to: 2025-11, 2025-Q4, 2025-H2, 2025
  --province CODE     the province the records belong to (default ${DEFAULT_PROVINCE})
  --format json|csv   output format (default json)
  --methodology ID    methodology version (default the one in force)
  --out FILE          write to FILE instead of standard output
Exit codes: 0 scored (rejected rows are listed in the output), 2 usage error or unreadable file.`;

function periodFrom(values: { from?: string; to?: string; period?: string }): Period {
  if (values.period !== undefined) {
    if (values.from !== undefined || values.to !== undefined)
      throw new UsageError('give --period or --from/--to, not both');
    return parsePeriod(values.period);
  }
  if (values.from === undefined || values.to === undefined)
    throw new UsageError('--from and --to are required');
  return customPeriod(values.from, values.to);
}

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    input: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    period: { type: 'string' },
    province: { type: 'string', default: DEFAULT_PROVINCE },
    format: { type: 'string', default: 'json' },
    methodology: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!values.input) throw new UsageError('--input FILE is required');
  if (values.format !== 'json' && values.format !== 'csv') {
    throw new UsageError(`--format must be json or csv, not "${values.format}"`);
  }
  const period = periodFrom(values);
  const province = values.province;
  registry.requireProvince(province);
  const method = methodology(values.methodology);

  let body: string;
  try {
    body = await readFile(values.input, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(`cannot read ${values.input}: ${reason}`, { cause: error });
  }
  const hint = values.input.toLowerCase().endsWith('.json')
    ? 'json'
    : values.input.toLowerCase().endsWith('.csv')
      ? 'csv'
      : undefined;
  let submission: ReturnType<typeof parseSubmission>;
  try {
    submission = parseSubmission(body, hint);
  } catch (error) {
    if (error instanceof SubmissionFormatError)
      throw new UsageError(`${values.input}: ${error.message}`, { cause: error });
    throw error;
  }
  const { accepted, rejected } = validateRows(submission.rows, {
    registry,
    province,
    today: todayInVietnam(),
  });
  const ranking = rankPeriod(
    { registry, province, period, methodology: method },
    accepted.map((a) => a.record),
  );
  const output =
    values.format === 'csv'
      ? rankingCsv(ranking, method)
      : `${JSON.stringify({ ...ranking, rejected, warnings: submission.warnings }, null, 2)}\n`;
  if (values.out) await writeFile(values.out, output);
  else process.stdout.write(output);
  if (values.format === 'csv' && rejected.length) {
    process.stderr.write(
      `score: ${rejected.length} rows rejected; --format json lists each with its reasons\n`,
    );
  }
}

await runCommand('score', USAGE, () => main(process.argv.slice(2)), [
  PeriodError,
  UnknownProvinceError,
  UnknownMethodologyError,
]);
