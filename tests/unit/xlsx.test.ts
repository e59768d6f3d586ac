import { describe, expect, it } from 'vitest';
import { sheetNames, workbookBytes } from '#core/export/xlsx.ts';
import { readWorkbook } from '../support/workbook.ts';

describe('workbookBytes', () => {
  it('writes a title row, a frozen header, texts as texts and numbers with their decimals', async () => {
    const [sheet, second] = await readWorkbook(
      await workbookBytes([
        {
          name: 'Xếp hạng',
          title: 'Xếp hạng — Tỉnh Đồng Tháp — Tháng 11/2026',
          columns: ['Hạng', 'Mã đơn vị', 'Đơn vị', { title: 'Tổng điểm', kind: 'decimal' }, 'Ghi chú'],
          rows: [
            [1, '00004', 'Phường Cao Lãnh', 94.5912, '=SUM(A1:A2)'],
            [2, '30208', 'Xã Mỹ Thọ', 90, null],
            [null, '28648', 'Xã Tân Hồng', undefined, ''],
          ],
        },
        { name: 'Xếp hạng', title: 'again', columns: ['a'], rows: [[Number.NaN]] },
      ]),
    );
    expect(sheet?.name).toBe('Xếp hạng');
    expect(second?.name).toBe('Xếp hạng 2');
    expect(sheet?.rows).toEqual([
      ['Xếp hạng — Tỉnh Đồng Tháp — Tháng 11/2026', null, null, null, null],
      ['Hạng', 'Mã đơn vị', 'Đơn vị', 'Tổng điểm', 'Ghi chú'],
      [1, '00004', 'Phường Cao Lãnh', 94.5912, '=SUM(A1:A2)'],
      [2, '30208', 'Xã Mỹ Thọ', 90, null],
      [null, '28648', 'Xã Tân Hồng', null, null],
    ]);
    expect(sheet?.cells.get('B3')).toEqual({ stored: 'text', format: '@' });
    // a text that looks like a formula is a text, never run
    expect(sheet?.cells.get('E3')?.stored).toBe('text');
    expect(sheet?.cells.get('D3')).toEqual({ stored: 'number', format: '0.00' });
    expect(sheet?.cells.get('D4')).toEqual({ stored: 'number', format: '0.00' });
    expect(sheet?.cells.get('A3')).toEqual({ stored: 'number', format: 'General' });
    expect(sheet?.cells.get('C3')).toEqual({ stored: 'text', format: 'General' });
    expect(sheet?.frozenRows).toBe(2);
    // as wide as the widest of the header and the cells, plus a margin
    expect(sheet?.widths).toEqual([6, 11, 17, 11, 13]);
    expect(second?.rows).toEqual([['again'], ['a']]);
  });

  it('names tabs as Excel takes them: no [ ] : * ? / \\, 31 characters, each once whatever the case', () => {
    expect(
      sheetNames(['Công khai, minh bạch: 2026/11', 'a'.repeat(40), 'a'.repeat(40), 'Tab', 'tab', '[]']),
    ).toEqual([
      'Công khai, minh bạch  2026 11',
      'a'.repeat(31),
      `${'a'.repeat(29)} 2`,
      'Tab',
      'tab 2',
      'Sheet',
    ]);
  });

  it('refuses a workbook without sheets', async () => {
    await expect(workbookBytes([])).rejects.toThrow('a workbook needs at least one sheet');
  });
});
