import { parse as parseCsv } from 'csv-parse/sync';
import { type ParseError, parse as parseJsonTolerantly, printParseErrorCode } from 'jsonc-parser';
import { COUNT_FIELD_NAMES, RECORD_FIELD_NAMES, REQUIRED_FIELD_NAMES } from '#core/records/fields.ts';
import type { RowReason } from '#core/records/rejection.ts';

/**
 * Turns a submission body (CSV or JSON, as the daily-record contract allows)
 * into numbered source rows. Faults that spoil the whole body (malformed JSON,
 * an unclosed quote, a header without the contract's columns) throw a
 * SubmissionFormatError with the position; faults of one row travel with that
 * row so the other rows still go in.
 */

export type SubmissionFormat = 'csv' | 'json' | 'xlsx';

/** One row as sent, before validation. `row` is the CSV line (the header is line 1) or the JSON position from 1. */
export type SourceRow =
  | { row: number; values: Record<string, unknown>; fault?: undefined }
  | { row: number; values?: undefined; fault: RowReason };

export interface ParsedSubmission {
  format: SubmissionFormat;
  rows: SourceRow[];
  /** things worth telling the sender that reject nothing */
  warnings: string[];
}

/** Where in the body a fault sits. */
export interface BodyPosition {
  line: number;
  column?: number;
}

/** The body as a whole cannot be read; the message names the fault and its position. */
export class SubmissionFormatError extends Error {
  override name = 'SubmissionFormatError';
  readonly position: BodyPosition | undefined;
  constructor(message: string, position?: BodyPosition, options?: ErrorOptions) {
    super(message, options);
    this.position = position;
  }
}

const KNOWN = new Set(RECORD_FIELD_NAMES);
const COUNTS = new Set<string>(COUNT_FIELD_NAMES);

/**
 * Whether a body starts as a zip archive does, as every .xlsx does: told here,
 * so that the workbook reader (parse-xlsx.ts) is loaded only for a workbook.
 */
export const looksLikeWorkbook = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Picks the format from a content type or file name, then from the first character of the body. */
export function detectFormat(body: string, hint?: string): 'csv' | 'json' {
  const h = (hint ?? '').toLowerCase();
  if (h.includes('json')) return 'json';
  if (h.includes('csv') || h.endsWith('.txt')) return 'csv';
  const first = body.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

/** Parses a body in the given format (detected when omitted). */
export function parseSubmission(
  body: string,
  format: Exclude<SubmissionFormat, 'xlsx'> = detectFormat(body),
): ParsedSubmission {
  return format === 'json' ? parseJsonBody(body) : parseCsvBody(body);
}

function lineAndColumn(text: string, offset: number): BodyPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON.parse does not say where it failed on every Node version; a tolerant parser finds the first fault. */
function locateJsonFault(text: string): { position?: BodyPosition; fault?: string } {
  const errors: ParseError[] = [];
  parseJsonTolerantly(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) return {};
  const fault = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return { position: lineAndColumn(text, first.offset), fault };
}

function parseJsonBody(body: string): ParsedSubmission {
  let data: unknown;
  const text = body.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(text);
  } catch (error) {
    const { position, fault } = locateJsonFault(text);
    const where = position ? ` at line ${position.line}, column ${position.column}` : '';
    const what = fault ?? (error instanceof Error ? error.message : String(error));
    throw new SubmissionFormatError(`the JSON body is malformed${where}: ${what}`, position, {
      cause: error,
    });
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { records?: unknown }).records)
      ? (data as { records: unknown[] }).records
      : undefined;
  if (!list) {
    throw new SubmissionFormatError(
      'the JSON body must be an array of records or an object {"records": [...]}',
    );
  }
  const unknown = new Set<string>();
  const rows = list.map((item, k): SourceRow => {
    const row = k + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return {
        row,
        fault: {
          field: '(row)',
          rule: 'not-an-object',
          message: 'each record must be an object of the contract fields',
        },
      };
    }
    for (const key of Object.keys(item)) if (!KNOWN.has(key)) unknown.add(key);
    return { row, values: item as Record<string, unknown> };
  });
  return { format: 'json', rows, warnings: unknownFieldWarning(unknown) };
}

export function unknownFieldWarning(unknown: Set<string>): string[] {
  return unknown.size
    ? [`fields outside the contract were ignored: ${[...unknown].slice(0, 10).join(', ')}`]
    : [];
}

/**
 * A CSV cell as the record's value: counts become numbers where they are
 * written as numbers; unit codes that lost their leading zeros in a
 * spreadsheet (00004 shown as 4) get them back, as codes are all 5 digits.
 */
export function cellValue(field: string, cell: string, restored: { zeros: boolean }): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  if (field === 'unitCode' && /^\d{1,4}$/.test(text)) {
    restored.zeros = true;
    return text.padStart(5, '0');
  }
  if (COUNTS.has(field) && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return Number(text);
  return text;
}

const NEWLINES = /\r\n|\n|\r/g;

/**
 * Checks a header row (of a CSV body, or of a workbook's sheet) against the
 * contract: every required column, none twice. Returns the columns outside
 * the contract, which are ignored.
 */
export function checkHeader(header: readonly string[], what: 'CSV' | 'sheet', line: number): Set<string> {
  const missing = REQUIRED_FIELD_NAMES.filter((f) => !header.includes(f));
  const unknown = new Set(header.filter((h) => h !== '' && !KNOWN.has(h)));
  const where = what === 'CSV' ? 'the CSV header' : `the sheet's header (row ${line})`;
  if (missing.length) {
    const hint = unknown.size ? `; unknown columns: ${[...unknown].join(', ')}` : '';
    throw new SubmissionFormatError(
      `${where} lacks ${missing.length} of the contract's columns: ${missing.join(', ')}${hint}`,
      { line },
    );
  }
  const repeated = header.filter((h, k) => h !== '' && header.indexOf(h) !== k);
  if (repeated.length) {
    throw new SubmissionFormatError(`${where} names a column twice: ${[...new Set(repeated)].join(', ')}`, {
      line,
    });
  }
  return unknown;
}

/** Whether a field is one of the contract's. */
export const isContractField = (name: string): boolean => KNOWN.has(name);

/** The warning for unit codes read back with their leading zeros. */
export const RESTORED_ZEROS_WARNING =
  'unit codes written with fewer than 5 digits were read with their leading zeros';

function parseCsvBody(body: string): ParsedSubmission {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // with `info`, each record comes with its position; the typings do not follow the option
    parsed = parseCsv(body, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof parsed;
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    const position = typeof lines === 'number' ? { line: lines } : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new SubmissionFormatError(`the CSV body is malformed: ${message}`, position, { cause: error });
  }
  const [headerRow, ...dataRows] = parsed;
  if (!headerRow)
    throw new SubmissionFormatError('the CSV body is empty: it needs a header row and one row a day');
  const header = headerRow.record.map((h) => h.trim());
  while (header.length && header.at(-1) === '') header.pop();
  const separator = header.length === 1 ? /[;\t|]/.exec(header[0] ?? '')?.[0] : undefined;
  if (separator) {
    const name = separator === '\t' ? 'tabs' : `"${separator}"`;
    throw new SubmissionFormatError(
      `the CSV separates its columns with ${name}; the contract asks for commas (in Excel: Save As "CSV UTF-8 (Comma delimited)")`,
      { line: 1 },
    );
  }
  const unknown = checkHeader(header, 'CSV', 1);
  const restored = { zeros: false };
  const rows = dataRows.map(({ record, info }): SourceRow => {
    const spanned = record.reduce((n, cell) => n + (cell.match(NEWLINES)?.length ?? 0), 0);
    const row = info.lines - spanned;
    const cells = [...record];
    while (cells.length > header.length && cells.at(-1)?.trim() === '') cells.pop();
    if (cells.length !== header.length) {
      return {
        row,
        fault: {
          field: '(row)',
          rule: 'columns',
          message: `this line has ${cells.length} cells but the header has ${header.length}`,
        },
      };
    }
    const values: Record<string, unknown> = {};
    header.forEach((field, k) => {
      if (KNOWN.has(field)) values[field] = cellValue(field, cells[k] ?? '', restored);
    });
    return { row, values };
  });
  const warnings = unknownFieldWarning(unknown);
  if (restored.zeros) warnings.push(RESTORED_ZEROS_WARNING);
  return { format: 'csv', rows, warnings };
}
