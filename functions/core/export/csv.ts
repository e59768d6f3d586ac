import { stringify } from 'csv-stringify/sync';

/**
 * CSV for people: a cell that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe. Numbers
 * are written as numbers, so negative values stay numbers.
 */
export function neutraliseCell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** start with a UTF-8 byte-order mark so Excel reads Vietnamese text right */
  bom?: boolean;
}

/** Writes rows under a header of column names, CRLF line ends, every text cell neutralised. */
export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: CsvOptions = {},
): string {
  const body = stringify(
    rows.map((r) => r.map(neutraliseCell)),
    { header: true, columns: columns.map((c) => String(neutraliseCell(c))), record_delimiter: '\r\n' },
  );
  return (options.bom ? '\uFEFF' : '') + body;
}
