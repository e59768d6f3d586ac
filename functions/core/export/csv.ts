import { stringify } from 'csv-stringify/sync';
import type { TableColumn } from '#core/export/xlsx.ts';

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
  /**
   * a decimal comma (94,59) and a semicolon between cells, as Excel reads CSV
   * where the decimal separator is a comma (Vietnamese settings)
   */
  decimalComma?: boolean;
}

/** Writes rows under a header of column names, CRLF line ends, every text cell neutralised. */
export function toCsv(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: CsvOptions = {},
): string {
  // a number written with a comma is text to the writer: converted after neutralising, never taken for a formula
  const cell = options.decimalComma
    ? (v: unknown) => {
        const c = neutraliseCell(v);
        return typeof c === 'number' ? String(c).replace('.', ',') : c;
      }
    : neutraliseCell;
  const body = stringify(
    rows.map((r) => r.map(cell)),
    {
      header: true,
      columns: columns.map((c) => String(neutraliseCell(c))),
      record_delimiter: '\r\n',
      delimiter: options.decimalComma ? ';' : ',',
    },
  );
  return (options.bom ? '\uFEFF' : '') + body;
}

/** The titles of a table's columns, as a CSV header names them (a workbook's columns may carry their number format). */
export const columnTitles = (columns: readonly (string | TableColumn)[]): string[] =>
  columns.map((c) => (typeof c === 'string' ? c : c.title));
