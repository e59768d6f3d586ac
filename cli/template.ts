import { writeFile } from 'node:fs/promises';
import { parseOptions, runCommand, UsageError } from '#cli/args.ts';
import { workbookBytes } from '#core/export/xlsx.ts';
import { addDays, todayInVietnam } from '#core/periods/calendar.ts';
import { templateWorkbook } from '#core/records/template.ts';
import { DEFAULT_PROVINCE, registry, UnknownProvinceError } from '#core/registry/registry.ts';

/**
 * npm run template -- [--province 82] [--out FILE.xlsx]
 * Writes the Excel template for daily records: the contract's columns with one
 * example row (yesterday, the province's first unit), a sheet that explains
 * each column in Vietnamese, and the province's units with their codes.
 */

const USAGE = 'usage: npm run template -- [--province 82] [--out FILE.xlsx]';

async function main(argv: string[]): Promise<void> {
  const values = parseOptions(argv, { province: { type: 'string' }, out: { type: 'string' } });
  const code = values.province ?? DEFAULT_PROVINCE;
  const province = registry.requireProvince(code);
  const out = values.out ?? `mau-so-lieu-${code}.xlsx`;
  if (!out.toLowerCase().endsWith('.xlsx')) throw new UsageError(`--out ${out} must end with .xlsx`);
  const sheets = templateWorkbook(province, registry.unitsOf(code), addDays(todayInVietnam(), -1));
  await writeFile(out, await workbookBytes(sheets));
  process.stdout.write(
    `wrote ${out}: the daily-record template of ${province.fullName} (${registry.unitsOf(code).length} units)\n`,
  );
}

await runCommand('template', USAGE, () => main(process.argv.slice(2)), [UnknownProvinceError]);
