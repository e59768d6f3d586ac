import { strFromU8, unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { COUNT_FIELD_NAMES, FLAG_FIELDS } from '#core/records/fields.ts';
import {
  cellValue,
  checkHeader,
  isContractField,
  looksLikeWorkbook,
  type ParsedSubmission,
  RESTORED_ZEROS_WARNING,
  type SourceRow,
  SubmissionFormatError,
  unknownFieldWarning,
} from '#core/records/parse.ts';

/**
 * Daily records from an Excel workbook (.xlsx): the first sheet, with the same
 * columns as the CSV. Rows are numbered as the sheet numbers them, so a
 * receipt's row 7 is the row a person sees as 7. The header is the first row
 * that names unitCode and date (a title above it is allowed). Dates typed as
 * dates and codes typed as numbers are read as the contract writes them.
 *
 * What a workbook can hold and a CSV cannot is refused by name: a file that is
 * not a workbook, or an old .xls, or a header with merged cells (the whole
 * file, before anything is written); a formula or merged cells in a row (that
 * row, in the receipt: a formula's value may be stale or missing, and a
 * merged cell holds its value in one row only).
 *
 * Loaded only when a workbook arrives: the CSV and JSON paths never pay for it.
 */

/** What the XML parts of a workbook may take once unpacked; a year of the largest province takes about a third. */
export const MAX_UNPACKED_BYTES = 160 * 1024 * 1024;
/** How far down a title may push the header. */
const HEADER_SEARCH_ROWS = 10;

const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, k) => bytes[k] === b);

/** A column's letters from its index from 0: 0 is A, 26 is AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A cell reference's column index from 0: E7 is 4. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const c of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + c.charCodeAt(0) - 64;
  return n - 1;
}

interface Range {
  ref: string;
  top: number;
  bottom: number;
}

interface SheetFacts {
  /** row number -> the first formula of the row: its cell and its text */
  formulas: Map<number, { cell: string; text: string }>;
  merges: Range[];
}

const rowOf = (ref: string) => Number(/\d+$/.exec(ref)?.[0] ?? 0);

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/**
 * Unpacks the workbook's parts (refusing what is not a workbook, or too large
 * once unpacked) and reads from its first sheet what the values alone do not
 * tell: formulas and merged cells.
 */
function inspect(bytes: Uint8Array): SheetFacts {
  if (startsWith(bytes, OLE)) {
    throw new SubmissionFormatError(
      'the file is an Excel 97-2003 workbook (.xls); save it as an Excel workbook (.xlsx), or as CSV UTF-8',
    );
  }
  if (!looksLikeWorkbook(bytes)) throw new SubmissionFormatError('the file is not an Excel workbook (.xlsx)');
  let unpacked = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) {
          throw new SubmissionFormatError(
            `the workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB; split it by month`,
          );
        }
        return /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/.test(file.name);
      },
    });
  } catch (error) {
    if (error instanceof SubmissionFormatError) throw error;
    throw new SubmissionFormatError(
      'the file is not an Excel workbook (.xlsx): it cannot be unpacked',
      undefined,
      {
        cause: error,
      },
    );
  }
  const workbook = parts['xl/workbook.xml'];
  const rels = parts['xl/_rels/workbook.xml.rels'];
  if (!workbook || !rels) {
    throw new SubmissionFormatError(
      'the file is a zip archive but not an Excel workbook (.xlsx): it has no workbook part',
    );
  }
  const firstSheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(strFromU8(workbook))?.[1];
  const target = [...strFromU8(rels).matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => tag.includes(`Id="${firstSheet}"`));
  const path = target ? /Target="([^"]+)"/.exec(target)?.[1] : undefined;
  const sheet = path ? parts[path.startsWith('/') ? path.slice(1) : `xl/${path}`] : undefined;
  if (!sheet) throw new SubmissionFormatError('the workbook has no sheet');
  const xml = strFromU8(sheet);
  const formulas = new Map<number, { cell: string; text: string }>();
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const inner = m[2];
    if (!inner?.includes('<f')) continue;
    const cell = /\br="([A-Z]+\d+)"/.exec(m[1] ?? '')?.[1];
    if (!cell) continue;
    const row = rowOf(cell);
    const text = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1];
    if (!formulas.has(row)) formulas.set(row, { cell, text: text ? `=${unescapeXml(text)}` : '' });
  }
  const merges = [...xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+)(?::([A-Z]+\d+))?"/g)].map((m) => ({
    ref: m[2] ? `${m[1]}:${m[2]}` : (m[1] ?? ''),
    top: rowOf(m[1] ?? ''),
    bottom: rowOf(m[2] ?? m[1] ?? ''),
  }));
  return { formulas, merges };
}

const FLAGS = new Set<string>(FLAG_FIELDS);
const COUNTS = new Set<string>(COUNT_FIELD_NAMES);

/** A typed cell as the record's value, as the CSV path would read the same text. */
function sheetValue(field: string, value: unknown, restored: { zeros: boolean }): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) {
    // a day typed as a date: Excel keeps no time zone, the reader gives it as UTC midnight
    return field === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  if (typeof value === 'boolean') return FLAGS.has(field) ? (value ? 1 : 0) : String(value);
  if (typeof value === 'number') {
    if (field === 'unitCode' || field === 'date') return cellValue(field, String(value), restored);
    return COUNTS.has(field) ? value : String(value);
  }
  return cellValue(field, String(value), restored);
}

export async function parseWorkbook(bytes: Uint8Array): Promise<ParsedSubmission> {
  const facts = inspect(bytes);
  let data: unknown[][];
  try {
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    data = (await readSheet(copy, 1)) as unknown[][];
  } catch (error) {
    throw new SubmissionFormatError(
      `the workbook cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      undefined,
      { cause: error },
    );
  }
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v).trim());
  const named = data
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.some((c) => text(c) === 'unitCode') && r.some((c) => text(c) === 'date'));
  // without a row that names the keys, the first row with anything in it is taken for the header
  const headerIndex = named >= 0 ? named : data.findIndex((r) => r.some((c) => text(c) !== ''));
  if (headerIndex < 0) {
    throw new SubmissionFormatError(
      "the workbook's first sheet is empty: it needs a header row and one row a day",
    );
  }
  const headerRow = headerIndex + 1;
  const headerMerge = facts.merges.find((m) => m.top <= headerRow && m.bottom >= headerRow);
  if (headerMerge) {
    throw new SubmissionFormatError(
      `the sheet's header (row ${headerRow}) has merged cells (${headerMerge.ref}): give each column its own cell, named as in the contract`,
      { line: headerRow },
    );
  }
  const header = (data[headerIndex] ?? []).map(text);
  while (header.length && header.at(-1) === '') header.pop();
  const unknown = checkHeader(header, 'sheet', headerRow);
  const restored = { zeros: false };
  const rows: SourceRow[] = [];
  for (let k = headerIndex + 1; k < data.length; k++) {
    const cells = data[k] ?? [];
    const row = k + 1;
    const formula = facts.formulas.get(row);
    if (cells.every((c) => text(c) === '') && !formula) continue;
    if (formula) {
      const column = header[columnIndex(formula.cell)];
      rows.push({
        row,
        fault: {
          field: column && isContractField(column) ? column : '(row)',
          rule: 'formula',
          message: `cell ${formula.cell} holds a formula${formula.text ? ` (${formula.text})` : ''}: type the value (Paste Special, Values)`,
        },
      });
      continue;
    }
    const merge = facts.merges.find((m) => m.top <= row && m.bottom >= row);
    if (merge) {
      rows.push({
        row,
        fault: {
          field: '(row)',
          rule: 'merged',
          message: `cells ${merge.ref} are merged: give each row its own values`,
        },
      });
      continue;
    }
    const beyond = cells.slice(header.length).findIndex((c) => text(c) !== '');
    if (beyond >= 0) {
      rows.push({
        row,
        fault: {
          field: '(row)',
          rule: 'columns',
          message: `cell ${columnLetters(header.length + beyond)}${row} is outside the header's ${header.length} columns`,
        },
      });
      continue;
    }
    const values: Record<string, unknown> = {};
    header.forEach((field, c) => {
      if (isContractField(field)) values[field] = sheetValue(field, cells[c], restored);
    });
    rows.push({ row, values });
  }
  const warnings = unknownFieldWarning(unknown);
  if (restored.zeros) warnings.push(RESTORED_ZEROS_WARNING);
  return { format: 'xlsx', rows, warnings };
}
