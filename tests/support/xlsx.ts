import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal';
import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';

/**
 * Workbooks of daily records as a person's spreadsheet holds them: the
 * contract's columns in the first row, one row a day; a cell may be given as
 * write-excel-file's cell object (a formula, a date, merged cells).
 */
export async function workbookOf(
  rows: (Record<string, unknown> | Cell[])[],
  options: { header?: Cell[]; above?: Cell[][]; sheets?: { name: string; data: SheetData }[] } = {},
): Promise<Buffer> {
  const header = options.header ?? RECORD_FIELD_NAMES.map((f) => f as Cell);
  const data: SheetData = [
    ...(options.above ?? []),
    header,
    ...rows.map((r) => (Array.isArray(r) ? r : RECORD_FIELD_NAMES.map((f) => (r[f] ?? null) as Cell))),
  ];
  const blob = await writeXlsxFile([
    { data, sheet: 'Records' },
    ...(options.sheets ?? []).map((s) => ({ data: s.data, sheet: s.name })),
  ]).toBlob();
  return Buffer.from(await blob.arrayBuffer());
}
