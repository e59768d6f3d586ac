import { describe, expect, it } from 'vitest';
import { workbookBytes } from '#core/export/xlsx.ts';
import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { parseWorkbook } from '#core/records/parse-xlsx.ts';
import { templateWorkbook } from '#core/records/template.ts';
import { validateRows } from '#core/records/validate.ts';
import { registry } from '#core/registry/registry.ts';
import { readWorkbook } from '../support/workbook.ts';

const province = registry.requireProvince('82');
const units = registry.unitsOf('82');

describe('the template workbook', () => {
  it('reads back as one valid record: the example row, numbered 3 under the title and the header', async () => {
    const bytes = await workbookBytes(templateWorkbook(province, units, '2026-11-30'));
    const parsed = await parseWorkbook(bytes);
    expect(parsed.rows.map((r) => r.row)).toEqual([3]);
    const { accepted, rejected } = validateRows(parsed.rows, {
      registry,
      province: '82',
      today: '2026-12-01',
    });
    expect(rejected).toEqual([]);
    expect(accepted[0]?.record).toMatchObject({ unitCode: units[0]?.code, date: '2026-11-30' });
  });

  it('explains every column in Vietnamese and lists the province units with their codes', async () => {
    const [data, explained, listed] = await readWorkbook(
      await workbookBytes(templateWorkbook(province, units, '2026-11-30')),
    );
    expect([data?.name, explained?.name, listed?.name]).toEqual(['Số liệu', 'Giải thích', 'Đơn vị']);
    expect(data?.rows[1]).toEqual([...RECORD_FIELD_NAMES]);
    const rows = explained?.rows.slice(2) ?? [];
    expect(rows.slice(0, RECORD_FIELD_NAMES.length).map((r) => r[0])).toEqual([...RECORD_FIELD_NAMES]);
    // every column has its name in words, not its code
    expect(rows.slice(0, RECORD_FIELD_NAMES.length).every((r) => r[1] && r[1] !== r[0])).toBe(true);
    const row = (field: string) => rows.find((r) => r[0] === field) ?? [];
    expect(row('received')).toEqual([
      'received',
      'Hồ sơ tiếp nhận',
      'Có',
      'Số nguyên, không âm',
      'Cộng các ngày trong kỳ',
      null,
    ]);
    expect(row('receivedOnline')[5]).toBe('không lớn hơn cột received (Hồ sơ tiếp nhận)');
    expect(row('certifiedCopyOffered')[3]).toBe('1 = có, 0 = không');
    expect(row('procedures').slice(2, 5)).toEqual([
      'Không (để trống: tính là 0)',
      'Số nguyên, không âm',
      'Lấy số của ngày cuối kỳ',
    ]);
    expect(listed?.rows.slice(2)).toHaveLength(102);
    expect(listed?.rows[2]).toEqual([
      units[0]?.code,
      units[0]?.fullName,
      expect.stringMatching(/^(Xã|Phường)$/),
    ]);
  });
});
