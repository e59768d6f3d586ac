import { readFile, writeFile } from 'node:fs/promises';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { methodology, UnknownMethodologyError } from '#core/methodology/catalog.ts';
import { todayInVietnam } from '#core/periods/calendar.ts';
import { customPeriod, type Period, PeriodError, parsePeriod } from '#core/periods/period.ts';
import { sniffPortal } from '#core/portal/bundle.ts';
import { matchUnits, unsettled } from '#core/portal/match.ts';
import {
  type Observation,
  ObservationFormatError,
  observedPeriod,
  parseObservationFile,
} from '#core/portal/observation.ts';
import { matchOverrides, provinceOfPortal, UnknownPortalProvinceError } from '#core/portal/provinces.ts';
import { parseSubmission, SubmissionFormatError } from '#core/records/parse.ts';
import { validateRows } from '#core/records/validate.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { ObservationScoringError, rankObservation } from '#core/scoring/observed.ts';
import { rankPeriod } from '#core/scoring/ranking.ts';
import { rankingCsv } from '#core/scoring/ranking-csv.ts';

/**
 * npm run score -- --input FILE --from YYYY-MM-DD --to YYYY-MM-DD [--province 82] [--format json|csv]
 * npm run score -- --input FILE.jsonl [--format json|csv]
 * Scores and ranks the daily records of a CSV or JSON file, or the portal's
 * published figures of an observation file, with no database and no server.
 */

const USAGE =
  'usage: npm run score -- --input FILE (--from YYYY-MM-DD --to YYYY-MM-DD | --period KEY) [--province 82] [--format json|csv] [--methodology ID] [--out FILE]';

const HELP = `${USAGE}

Scores and ranks the daily records in FILE (CSV or JSON, the daily-record contract),
or the portal's figures of an observation file (JSON lines, docs/portal.md).
  --input FILE        the records (.json, .csv) or an observation file (.jsonl); detected from the content
  --from, --to        the period, both days included (records)
  --period KEY        instead of --from/--to: 2025-11, 2025-Q4, 2025-H2, 2025; for an observation
                      file holding several periods, the one to score
  --province CODE     the province the records belong to (default ${DEFAULT_PROVINCE}); an observation
                      names its own
  --format json|csv   output format (default json)
  --methodology ID    methodology version (default the one in force)
  --out FILE          write to FILE instead of standard output
An observation is scored from its inputs alone: no published score is read but the
CLGQ and TTTT group scores, which the portal publishes no inputs for.
Exit codes: 0 scored (rejected rows are listed in the output), 2 usage error or unreadable file.`;

/** An observation file scored and ranked from its inputs: units keyed by the portal's metric codes. */
function scoreObservations(
  observations: Observation[],
  values: { period?: string; format?: string; methodology?: string },
): string {
  const chosen = values.period
    ? observations.filter((o) => observedPeriod(o.header).key === parsePeriod(values.period ?? '').key)
    : observations;
  if (chosen.length !== 1) {
    const held = observations
      .map((o) => `${observedPeriod(o.header).key} on ${o.header.observedOn}`)
      .join(', ');
    throw new UsageError(
      chosen.length
        ? `the file holds ${chosen.length} observations (${held}): choose one with --period`
        : `the file holds no observation of ${values.period} (it holds ${held})`,
    );
  }
  const [o] = chosen as [Observation];
  const province = provinceOfPortal({
    portalCode: o.header.provincePortalCode,
    rootDepartmentId: o.header.rootDepartmentId,
  }).code;
  const matches = matchUnits(
    registry.unitsOf(province),
    registry.requireProvince(province).name,
    o.units,
    matchOverrides(province),
  );
  const ranking = rankObservation({
    registry,
    province,
    methodology: methodology(values.methodology),
    header: o.header,
    units: o.units,
    matches: new Map(matches.map((m) => [m.portalId, m])),
  });
  const notSettled = unsettled(matches);
  if (values.format === 'csv') {
    return rankingCsv(
      {
        ...ranking,
        units: ranking.units.map((u) => ({
          ...u,
          unitCode: u.unitCode ?? '',
          daysWithData: 0,
          lastDay: ranking.observedOn,
        })),
        unranked: ranking.unranked.map((u) => ({ ...u, reason: 'no data' as const })),
      },
      methodology(values.methodology),
      { extra: [{ name: 'portalCode', value: (u) => u.portalCode }] },
    );
  }
  return `${JSON.stringify({ ...ranking, unsettled: notSettled, rejected: [] }, null, 2)}\n`;
}

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
  // the command line is checked before the file is read; only whether a period is needed waits for the file
  const asked = values.from !== undefined || values.to !== undefined ? periodFrom(values) : undefined;
  if (values.period !== undefined) parsePeriod(values.period);
  registry.requireProvince(values.province);
  const method = methodology(values.methodology);
  let body: string;
  try {
    body = await readFile(values.input, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(`cannot read ${values.input}: ${reason}`, { cause: error });
  }
  if (sniffPortal(body) === 'observations') {
    if (values.from !== undefined || values.to !== undefined)
      throw new UsageError(
        'an observation file names its own period: give no --from/--to (--period chooses one)',
      );
    let observations: Observation[];
    try {
      observations = parseObservationFile(body);
    } catch (error) {
      if (error instanceof ObservationFormatError)
        throw new UsageError(`${values.input}: ${error.message}`, { cause: error });
      throw error;
    }
    const output = scoreObservations(observations, values);
    if (values.out) await writeFile(values.out, output);
    else process.stdout.write(output);
    return;
  }
  const period = asked ?? periodFrom(values);
  const province = values.province;

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
  UnknownPortalProvinceError,
  ObservationScoringError,
]);
