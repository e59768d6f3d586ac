import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';

/**
 * Excel workbooks for people, written the same way in the browser and in the
 * Lambda functions: each sheet opens with a title row (what the table is, of
 * which province, period, "as of" day and methodology), then the header row,
 * both frozen; texts stay texts (a unit code keeps its leading zeros, a cell
 * that starts with "=" is never run as a formula), numbers stay numbers
 * shown with two decimals (whole numbers for counts and ranks), and every
 * column is as wide as what it holds. The writer (write-excel-file) runs
 * wherever a Blob does.
 */

/** How a column's numbers are shown: whole numbers, or two decimals. Texts are texts whatever the kind. */
export type ColumnKind = 'integer' | 'decimal';

export interface TableColumn {
  title: string;
  /** inferred from the column's numbers when left out: two decimals if any has a fraction */
  kind?: ColumnKind;
}

export interface TableSheet {
  /** the tab's name: cut to Excel's 31 characters, without the characters Excel refuses, made unique */
  name: string;
  /** the first row: what the table is and where its figures come from */
  title: string;
  columns: readonly (string | TableColumn)[];
  rows: readonly (readonly unknown[])[];
}

const FORMATS: Record<ColumnKind, string> = { integer: 'General', decimal: '0.00' };
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

function kindOf(column: string | TableColumn, rows: readonly (readonly unknown[])[], k: number): ColumnKind {
  if (typeof column !== 'string' && column.kind) return column.kind;
  return rows.some((r) => typeof r[k] === 'number' && !Number.isInteger(r[k])) ? 'decimal' : 'integer';
}

function cell(value: unknown, kind: ColumnKind): Cell {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // whole numbers show as they are in Excel's General format: only decimals need a style, looked up per cell
    return kind === 'decimal' ? { value, type: Number, format: FORMATS.decimal } : value;
  }
  const text = String(value);
  // a code is stored as text and formatted as text: edited in Excel, it keeps its leading zeros
  return DIGITS.test(text) ? { value: text, type: String, format: '@' } : text;
}

const DIGITS = /^\d+$/;

/** Characters as wide as the widest of the header and the cells (numbers as shown), within limits. */
function width(title: string, rows: readonly (readonly unknown[])[], k: number, kind: ColumnKind): number {
  let widest = title.length;
  for (const r of rows) {
    const v = r[k];
    const shown =
      typeof v === 'number' ? (kind === 'decimal' ? v.toFixed(2) : String(v)) : v == null ? '' : String(v);
    if (shown.length > widest) widest = shown.length;
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}

/** Tab names as Excel takes them: no []:*?/\, at most 31 characters, each once. */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((wanted) => {
    const clean = wanted.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet';
    let name = clean.slice(0, 31);
    for (let n = 2; taken.has(name.toLowerCase()); n++)
      name = `${clean.slice(0, 31 - `${n}`.length - 1)} ${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

function sheetData(table: TableSheet): { data: SheetData; widths: number[] } {
  const titles = table.columns.map((c) => (typeof c === 'string' ? c : c.title));
  const kinds = table.columns.map((c, k) => kindOf(c, table.rows, k));
  const header = titles.map(
    (title): Cell => ({
      value: title,
      type: String,
      fontWeight: 'bold',
      wrap: true,
      alignVertical: 'top',
      bottomBorderStyle: 'thin',
    }),
  );
  const data: SheetData = [
    [{ value: table.title, type: String, fontWeight: 'bold', fontSize: 12 }],
    header,
    ...table.rows.map((r) => kinds.map((kind, k) => cell(r[k], kind))),
  ];
  return { data, widths: titles.map((title, k) => width(title, table.rows, k, kinds[k] ?? 'integer')) };
}

/** The workbook as a Blob (what a browser downloads). */
export async function workbookBlob(sheets: readonly TableSheet[]): Promise<Blob> {
  if (!sheets.length) throw new Error('a workbook needs at least one sheet');
  const names = sheetNames(sheets.map((s) => s.name));
  return writeXlsxFile(
    sheets.map((table, k) => {
      const { data, widths } = sheetData(table);
      return {
        data,
        sheet: names[k] ?? `Sheet ${k + 1}`,
        columns: widths.map((w) => ({ width: w })),
        stickyRowsCount: 2,
      };
    }),
    // no default font: with one, the writer looks a style up for every cell (Excel's own default is used)
  ).toBlob();
}

/** The workbook as bytes (what the API answers and the CLIs write). */
export async function workbookBytes(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  return new Uint8Array(await (await workbookBlob(sheets)).arrayBuffer());
}
