import { describe, expect, it } from 'vitest';
import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { detectFormat, parseSubmission, SubmissionFormatError } from '#core/records/parse.ts';
import { csvOf } from '../support/csv.ts';
import { recordOf } from '../support/records.ts';

const header = RECORD_FIELD_NAMES.join(',');
const a = recordOf('30208', '2025-10-01');
const b = recordOf('28648', '2025-10-01', { received: 12 });

describe('parseSubmission, CSV', () => {
  it('reads a header row and one row per line, numbers as numbers', () => {
    const { format, rows } = parseSubmission(csvOf([a, b]), 'csv');
    expect(format).toBe('csv');
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[1]?.values).toEqual(b);
  });

  it("reads Excel's output: byte-order mark, CRLF, quoted cells, empty trailing columns", () => {
    const quoted = RECORD_FIELD_NAMES.map((f) => `"${(b as Record<string, unknown>)[f]}"`).join(',');
    const body = `\uFEFF${header},,\r\n${quoted},,\r\n`;
    const { rows, warnings } = parseSubmission(body, 'csv');
    expect(rows).toEqual([{ row: 2, values: b }]);
    expect(warnings).toEqual([]);
  });

  it('numbers rows by their line, past blank lines and cells that span lines', () => {
    const body = `${header},note\n${csvOf([a]).split('\n')[1]},"two\nlines"\n\n${csvOf([b]).split('\n')[1]},x\n`;
    const { rows, warnings } = parseSubmission(body, 'csv');
    expect(rows.map((r) => r.row)).toEqual([2, 5]);
    expect(warnings).toEqual(['fields outside the contract were ignored: note']);
  });

  it('keeps text where a count is not written as a number, for validation to name', () => {
    const body = csvOf([{ ...a, received: 'abc', receivedOnline: '' }]);
    const values = parseSubmission(body, 'csv').rows[0]?.values;
    expect(values?.received).toBe('abc');
    expect(values?.receivedOnline).toBeUndefined();
  });

  it('gives unit codes that lost their leading zeros in a spreadsheet back their five digits', () => {
    const { rows, warnings } = parseSubmission(csvOf([{ ...a, unitCode: '4' }]), 'csv');
    expect(rows[0]?.values?.unitCode).toBe('00004');
    expect(warnings).toContain(
      'unit codes written with fewer than 5 digits were read with their leading zeros',
    );
  });

  it('turns a line with the wrong number of cells into a rejected row, not a failed file', () => {
    const body = `${header}\n30208,2025-10-01,1,2\n${csvOf([b]).split('\n')[1]}\n`;
    const { rows } = parseSubmission(body, 'csv');
    expect(rows[0]).toEqual({
      row: 2,
      fault: {
        field: '(row)',
        rule: 'columns',
        message: `this line has 4 cells but the header has ${RECORD_FIELD_NAMES.length}`,
      },
    });
    expect(rows[1]?.values).toEqual(b);
  });

  it.each([
    ['an empty body', '', /the CSV body is empty/],
    [
      'a header without some columns',
      'unitCode,date,received\n',
      /lacks 29 of the contract's columns: receivedOnline, /,
    ],
    [
      'a misspelt column',
      header.replace('received,', 'recieved,'),
      /lacks 1 .*: received; unknown columns: recieved/,
    ],
    ['a column named twice', `${header},date\n`, /names a column twice: date/],
    ['semicolons between columns', `${RECORD_FIELD_NAMES.join(';')}\n`, /separates its columns with ";"/],
    ['tabs between columns', `${RECORD_FIELD_NAMES.join('\t')}\n`, /separates its columns with tabs/],
    ['an unclosed quote', `${header}\n"30208,2025-10-01\n`, /the CSV body is malformed: Quote Not Closed/],
  ])('refuses %s as a whole, saying why', (_what, body, message) => {
    expect(() => parseSubmission(body, 'csv')).toThrow(SubmissionFormatError);
    expect(() => parseSubmission(body, 'csv')).toThrow(message);
  });

  it('gives the line of a fault in the header', () => {
    try {
      parseSubmission('unitCode,date\n', 'csv');
      expect.unreachable();
    } catch (error) {
      expect((error as SubmissionFormatError).position).toEqual({ line: 1 });
    }
  });
});

describe('parseSubmission, JSON', () => {
  it('reads an array of records, numbered from 1', () => {
    const { rows } = parseSubmission(JSON.stringify([a, b]), 'json');
    expect(rows).toEqual([
      { row: 1, values: a },
      { row: 2, values: b },
    ]);
  });

  it('reads {"records": [...]}', () => {
    expect(parseSubmission(JSON.stringify({ records: [b] }), 'json').rows).toEqual([{ row: 1, values: b }]);
  });

  it('turns an element that is not an object into a rejected row', () => {
    const { rows } = parseSubmission(JSON.stringify([a, 5, null, [1]]), 'json');
    expect(rows.slice(1).map((r) => r.fault?.rule)).toEqual([
      'not-an-object',
      'not-an-object',
      'not-an-object',
    ]);
  });

  it('warns of fields outside the contract', () => {
    expect(parseSubmission(JSON.stringify([{ ...a, name: 'x' }]), 'json').warnings).toEqual([
      'fields outside the contract were ignored: name',
    ]);
  });

  it('says where malformed JSON breaks, by line and column', () => {
    const body = '[\n  {"unitCode": "30208",\n   "date": }\n]';
    try {
      parseSubmission(body, 'json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SubmissionFormatError);
      expect((error as SubmissionFormatError).position).toEqual({ line: 3, column: 12 });
      expect((error as Error).message).toMatch(/^the JSON body is malformed at line 3, column 12: /);
    }
  });

  it.each([['{"rows": []}'], ['"text"'], ['42'], ['null']])('refuses %s: not records', (body) => {
    expect(() => parseSubmission(body, 'json')).toThrow(
      /must be an array of records or an object \{"records": \[...\]\}/,
    );
  });
});

describe('detectFormat', () => {
  it('follows the content type or file name, then the first character', () => {
    expect(detectFormat('x', 'application/json')).toBe('json');
    expect(detectFormat('[', 'text/csv; charset=utf-8')).toBe('csv');
    expect(detectFormat('  [{}]')).toBe('json');
    expect(detectFormat('\uFEFF{"records": []}')).toBe('json');
    expect(detectFormat('unitCode,date')).toBe('csv');
  });
});
