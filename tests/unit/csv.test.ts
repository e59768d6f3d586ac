import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from '#core/export/csv.ts';

describe('toCsv', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['Xã Hoà Long', 'Xã Hoà Long'],
  ])('neutralises %j so a spreadsheet shows it as text', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it('keeps numbers as numbers, negative ones too, and writes nothing for missing values', () => {
    expect(neutraliseCell(-3)).toBe(-3);
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
    expect(neutraliseCell(Number.NaN)).toBe('');
  });

  it('writes a table a CSV parser reads back, with a BOM for Excel when asked', () => {
    const text = toCsv(
      ['name', 'total'],
      [
        ['Phường "Mỹ Tho", 1', 95.5],
        ['=cmd', -1],
      ],
      { bom: true },
    );
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');
    expect(parse(text, { bom: true, columns: true })).toEqual([
      { name: 'Phường "Mỹ Tho", 1', total: '95.5' },
      { name: "'=cmd", total: '-1' },
    ]);
  });

  it('writes a decimal comma and semicolons when asked, as Excel reads CSV under Vietnamese settings', () => {
    const text = toCsv(
      ['Đơn vị', 'Điểm'],
      [
        ['Xã A; B', 94.59],
        ['-x', -1.5],
      ],
      { decimalComma: true },
    );
    expect(text.split('\r\n')[1]).toBe('"Xã A; B";94,59');
    expect(parse(text, { columns: true, delimiter: ';' })).toEqual([
      { 'Đơn vị': 'Xã A; B', Điểm: '94,59' },
      { 'Đơn vị': "'-x", Điểm: '-1,5' },
    ]);
  });
});
