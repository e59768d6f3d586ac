import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { PeriodError, parsePeriod } from '#core/periods/period.ts';
import { portalPeriodOf } from '#core/portal/observation.ts';
import { portalProvince, UnknownPortalProvinceError } from '#core/portal/provinces.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';
import { PortalUnreachableError, portalClientFromEnvironment } from '#functions/portal/client.ts';
import { periodsToPull } from '#functions/services/pull-portal.ts';

/**
 * npm run portal:fetch -- --province 82 --out DIR [--period 2026|2026-Q4|2026-11]
 * The portal refuses cloud networks for hours at a time: this fetches its raw
 * answers on any machine it lets in (an office PC in Vietnam), with no
 * database, into one file. That file goes in through the file drop,
 * `npm run ingest` or POST /api/ingest exactly as the daily pull's own answers.
 */

const USAGE = 'usage: npm run portal:fetch -- --province 82 --out DIR [--period 2026|2026-Q4|2026-11]';

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, {
    province: { type: 'string', default: DEFAULT_PROVINCE },
    out: { type: 'string' },
    period: { type: 'string' },
  });
  if (!values.out) throw new UsageError('--out DIR names the folder the file goes to');
  registry.requireProvince(values.province);
  const periods = values.period ? [parsePeriod(values.period)] : periodsToPull();
  for (const p of periods) {
    if (!['year', 'quarter', 'month'].includes(p.kind))
      throw new UsageError(`--period ${p.key}: the portal publishes years, quarters and months`);
  }
  const province = portalProvince(values.province);
  const client = portalClientFromEnvironment();
  process.stderr.write(
    `portal:fetch: province ${province.code} (${province.portalCode}), ${periods.map((p) => p.key).join(', ')}: 7 answers each from ${client.baseUrl}\n`,
  );
  const bundle = await client.fetchBundle(
    province,
    periods.map(portalPeriodOf),
    `portal:fetch on ${hostname()}`,
  );
  await mkdir(values.out, { recursive: true });
  const file = join(values.out, `portal-${province.code}-${bundle.observedOn}.json`);
  await writeFile(file, JSON.stringify(bundle), { flag: 'wx' }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'EEXIST')
      throw new UsageError(`${file} exists already; fetched answers are never overwritten`);
    throw error;
  });
  process.stderr.write(`portal:fetch: ${periods.length * 7} answers observed on ${bundle.observedOn}\n`);
  process.stdout.write(`${file}\n`);
}

await runCommand('portal:fetch', USAGE, () => main(process.argv.slice(2)), [
  UnknownProvinceError,
  UnknownPortalProvinceError,
  PortalUnreachableError,
  PeriodError,
]);
