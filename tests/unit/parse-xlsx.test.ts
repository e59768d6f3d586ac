import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { SubmissionFormatError } from '#core/records/parse.ts';
import { columnLetters, parseWorkbook } from '#core/records/parse-xlsx.ts';
import { recordOf } from '../support/records.ts';
import { workbookOf } from '../support/xlsx.ts';

const a = recordOf('30208', '2025-10-01');
const b = recordOf('28648', '2025-10-02', { received: 12 });
const column = (field: string) => RECORD_FIELD_NAMES.indexOf(field);

/** The row of record r as cells, with some cells replaced. */
function cells(r: Record<string, unknown>, replace: Record<string, unknown> = {}) {
  return RECORD_FIELD_NAMES.map((f) => (f in replace ? replace[f] : r[f])) as never[];
}

async function refusal(body: Uint8Array): Promise<SubmissionFormatError> {
  const error = await parseWorkbook(body).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SubmissionFormatError);
  return error as SubmissionFormatError;
}

describe('parseWorkbook', () => {
  it("reads the first sheet's rows numbered as the sheet numbers them, numbers as numbers", async () => {
    const parsed = await parseWorkbook(
      await workbookOf([a, b], { sheets: [{ name: 'Notes', data: [['not records']] }] }),
    );
    expect(parsed.format).toBe('xlsx');
    expect(parsed.rows).toEqual([
      { row: 2, values: a },
      { row: 3, values: b },
    ]);
    expect(parsed.warnings).toEqual([]);
  });

  it('skips empty rows, keeps the numbering, and finds the header under a title', async () => {
    const parsed = await parseWorkbook(
      await workbookOf([a, [], b], { above: [['Số liệu ngày của Đồng Tháp'], []] }),
    );
    expect(parsed.rows.map((r) => r.row)).toEqual([4, 6]);
    expect(parsed.rows[1]?.values).toEqual(b);
  });

  it('reads a day typed as a date, and a code typed as a number with its leading zeros', async () => {
    const parsed = await parseWorkbook(
      await workbookOf([
        cells(a, { date: { value: new Date(Date.UTC(2025, 9, 1)), type: Date, format: 'dd/mm/yyyy' } }),
        cells(recordOf('00004', '2025-10-01'), { unitCode: 4 }),
      ]),
    );
    expect(parsed.rows[0]?.values).toEqual(a);
    expect(parsed.rows[1]?.values?.unitCode).toBe('00004');
    expect(parsed.warnings).toEqual([
      'unit codes written with fewer than 5 digits were read with their leading zeros',
    ]);
  });

  it('refuses a row with a formula, naming its cell and field; the other rows go in', async () => {
    const formula = { value: 'C3-D3', type: 'Formula' };
    const parsed = await parseWorkbook(await workbookOf([a, cells(b, { resolvedLate: formula })]));
    expect(parsed.rows[0]).toEqual({ row: 2, values: a });
    const cell = `${columnLetters(column('resolvedLate'))}3`;
    expect(parsed.rows[1]).toEqual({
      row: 3,
      fault: {
        field: 'resolvedLate',
        rule: 'formula',
        message: `cell ${cell} holds a formula (=C3-D3): type the value (Paste Special, Values)`,
      },
    });
  });

  it('refuses the rows that merged cells span', async () => {
    const merged = cells(b, { unitCode: { value: '28648', rowSpan: 2 } });
    const parsed = await parseWorkbook(await workbookOf([a, merged, cells(b, { unitCode: null })]));
    expect(parsed.rows.map((r) => [r.row, r.fault?.rule])).toEqual([
      [2, undefined],
      [3, 'merged'],
      [4, 'merged'],
    ]);
    expect(parsed.rows[1]?.fault?.message).toBe('cells A3:A4 are merged: give each row its own values');
  });

  it('refuses a merged header as a whole, before any row', async () => {
    const header = [{ value: 'unitCode', columnSpan: 2 }, null, ...RECORD_FIELD_NAMES.slice(2)];
    const error = await refusal(await workbookOf([a], { header: header as never[] }));
    expect(error.message).toBe(
      "the sheet's header (row 1) has merged cells (A1:B1): give each column its own cell, named as in the contract",
    );
    expect(error.position).toEqual({ line: 1 });
  });

  it('tells an empty sheet', async () => {
    expect((await refusal(await workbookOf([], { header: [] }))).message).toBe(
      "the workbook's first sheet is empty: it needs a header row and one row a day",
    );
  });

  it("names the header's missing columns and its row", async () => {
    const error = await refusal(
      await workbookOf([a], { header: RECORD_FIELD_NAMES.filter((f) => f !== 'received') as never[] }),
    );
    expect(error.message).toBe("the sheet's header (row 1) lacks 1 of the contract's columns: received");
  });

  it('refuses a cell beyond the header', async () => {
    const parsed = await parseWorkbook(await workbookOf([[...cells(a), null, 'stray'] as never[]]));
    const cell = `${columnLetters(RECORD_FIELD_NAMES.length + 1)}2`;
    expect(parsed.rows[0]?.fault).toEqual({
      field: '(row)',
      rule: 'columns',
      message: `cell ${cell} is outside the header's ${RECORD_FIELD_NAMES.length} columns`,
    });
  });

  it('tells what a file that is not a workbook is', async () => {
    expect((await refusal(Buffer.from('unitCode,date\n'))).message).toBe(
      'the file is not an Excel workbook (.xlsx)',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await refusal(xls)).message).toMatch(/Excel 97-2003 workbook \(\.xls\)/);
    const zip = zipSync({ 'notes.txt': strToU8('hello') });
    expect((await refusal(zip)).message).toMatch(/a zip archive but not an Excel workbook/);
    const broken = (await workbookOf([a])).subarray(0, 200);
    expect((await refusal(broken)).message).toMatch(
      /not an Excel workbook \(\.xlsx\): it cannot be unpacked/,
    );
  });

  it('refuses a workbook that would unpack past its limit, from the sizes it declares', async () => {
    // 170 MB of one repeated byte packs into a few hundred kilobytes: a bomb
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(170 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect((await refusal(bomb)).message).toMatch(/unpacks to more than 160 MB/);
  });

  it('letters columns as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
