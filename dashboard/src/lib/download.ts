import type { TableColumn, TableSheet } from '#core/export/xlsx.ts';
import type { ExportFormat } from './export.ts';
import { formatDay, formatPeriod, lang, t } from './i18n.ts';

/**
 * What a table's download buttons write. Every table the dashboard shows can
 * be taken away: as CSV (UTF-8 with BOM so Excel reads Vietnamese, cells that
 * look like formulas neutralised, and in Vietnamese a decimal comma with
 * semicolons, as Excel reads it there) or as
 * an Excel workbook (a title row naming the province, period, "as of" day and
 * methodology, a frozen header, codes as text, numbers with two decimals).
 * Exactly the rows on screen, with the column names the caller gives in the
 * page's language. The CSV writer and the workbook writer are each loaded on
 * their first use only.
 */

/** A table to export: its file's name without the extension, what the title row says, its columns and rows. */
export interface ExportTable {
  file: string;
  title: string;
  /** the workbook tab's name; the file's name when left out */
  sheet?: string;
  columns: (string | TableColumn)[];
  rows: unknown[][];
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function downloadCsv(
  fileName: string,
  columns: readonly (string | TableColumn)[],
  rows: readonly (readonly unknown[])[],
): Promise<string> {
  const { columnTitles, toCsv } = await import('#core/export/csv.ts');
  const text = toCsv(columnTitles(columns), rows, { bom: true, decimalComma: lang() === 'vi' });
  save(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
  return text;
}

/** A workbook of one sheet or more, downloaded as `<file>.xlsx`. */
export async function downloadWorkbook(file: string, sheets: TableSheet[]): Promise<void> {
  const { workbookBlob } = await import('#core/export/xlsx.ts');
  save(await workbookBlob(sheets), `${file}.xlsx`);
}

export async function downloadTable(table: ExportTable, format: ExportFormat): Promise<void> {
  if (format === 'csv') {
    await downloadCsv(`${table.file}.csv`, table.columns, table.rows);
    return;
  }
  await downloadWorkbook(table.file, [
    { name: table.sheet ?? table.file, title: table.title, columns: table.columns, rows: table.rows },
  ]);
}

/** What a table's figures are of, for its title row: the ranking the page shows. */
export interface TableContext {
  provinceLabel?: string | undefined;
  ranking?: { period: { key: string }; asOf: string | null; methodology: string; source: string } | undefined;
}

/** A title row: what the table is, then the province, period, "as of" day, methodology and source, as far as known. */
export function tableTitle(what: string, context: TableContext = {}): string {
  const r = context.ranking;
  return [
    what,
    context.provinceLabel,
    r && formatPeriod(r.period.key),
    r && `${t('as_of')} ${formatDay(r.asOf)}`,
    r && `${t('methodology_version')} ${r.methodology}`,
    r && (r.source === 'portal' ? t('source_portal') : t('source_records')),
  ]
    .filter(Boolean)
    .join(' — ');
}
