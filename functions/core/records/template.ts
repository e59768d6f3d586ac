import type { TableSheet } from '#core/export/xlsx.ts';
import {
  COUNT_FIELDS,
  type CountField,
  FLAG_FIELDS,
  OPTIONAL_FIELD_NAMES,
  PART_OF_WHOLE,
  RECORD_FIELD_NAMES,
} from '#core/records/fields.ts';
import { QUANTITIES } from '#core/records/words.ts';
import { unitTypeLabel } from '#core/registry/unit-types.ts';

/**
 * The template workbook for daily records, in Vietnamese: the first sheet has
 * the contract's columns under a title row and one example row (what
 * `npm run ingest`, the file drop and POST /api/ingest read back as is); the
 * second explains each column (its name, whether it is required, what to
 * type, how days add up, what it may not exceed); the third lists the
 * province's units with their official codes. The CLI (`npm run template`)
 * and the dashboard write the same workbook.
 */

/** The example row's counts: one day of a small commune, every part within its whole. */
export const EXAMPLE_COUNTS: Record<CountField, number> = {
  received: 12,
  receivedOnline: 9,
  resolvedEarly: 6,
  resolvedOnTime: 4,
  resolvedLate: 1,
  pendingWithinDeadline: 3,
  pendingOverdue: 0,
  syncedToPortal: 12,
  proceduresDuePublication: 2,
  proceduresPublishedOnTime: 2,
  proceduresDueUpdate: 1,
  proceduresUpdatedOnTime: 1,
  proceduresPublic: 250,
  proceduresPublicFullContent: 248,
  dossiersWithFee: 5,
  dossiersPaidOnline: 4,
  feeProcedures: 40,
  feeProceduresOnlinePayment: 38,
  feeProceduresWithOnlineTransaction: 20,
  resultsIssued: 11,
  resultsElectronic: 10,
  dossiersDigitized: 11,
  certifiedCopyOffered: 1,
  dossiersReusingData: 6,
  resultsSyncedPersonalStore: 8,
  petitionsDue: 1,
  petitionsOnTime: 1,
  petitionsRated: 1,
  petitionsSatisfied: 1,
  dossiersComplainedOrDisliked: 0,
  dossiersUsingPopulationData: 7,
  procedures: 260,
  proceduresConnectedPopulationData: 120,
  dossiersFullOnlineEligible: 8,
  dossiersFullOnline: 6,
};

export interface TemplateUnit {
  code: string;
  fullName: string;
  type: string;
}

const OPTIONAL = new Set<string>(OPTIONAL_FIELD_NAMES);
const FLAGS = new Set<string>(FLAG_FIELDS);

/** What a column holds and how to fill it, in Vietnamese. */
function explanation(field: string): string[] {
  if (field === 'unitCode') {
    return [
      field,
      'Mã đơn vị hành chính cấp xã',
      'Có',
      '5 chữ số theo danh mục chính thức (xem trang "Đơn vị"); số 0 ở đầu được giữ',
      '',
      'Đơn vị thuộc tỉnh của mẫu này',
    ];
  }
  if (field === 'date') {
    return [
      field,
      'Ngày của số liệu',
      'Có',
      'Ngày dạng YYYY-MM-DD (2026-11-30) hoặc ô kiểu ngày của Excel',
      '',
      'Từ 01/07/2025 đến hôm qua; mỗi đơn vị một dòng cho mỗi ngày',
    ];
  }
  const spec = COUNT_FIELDS.find((f) => f.name === field);
  const wholes = PART_OF_WHOLE.filter((p) => p.part === field).map(
    (p) => `không lớn hơn cột ${p.whole} (${QUANTITIES[p.whole]?.vi ?? p.whole})`,
  );
  return [
    field,
    QUANTITIES[field]?.vi ?? field,
    OPTIONAL.has(field) ? 'Không (để trống: tính là 0)' : 'Có',
    FLAGS.has(field) ? '1 = có, 0 = không' : 'Số nguyên, không âm',
    spec?.agg === 'last' ? 'Lấy số của ngày cuối kỳ' : 'Cộng các ngày trong kỳ',
    wholes.join('; '),
  ];
}

export function templateWorkbook(
  province: { fullName: string },
  units: readonly TemplateUnit[],
  exampleDay: string,
): TableSheet[] {
  const example = units[0];
  return [
    {
      name: 'Số liệu',
      title: `Mẫu số liệu ngày — ${province.fullName} — mỗi dòng: một đơn vị, một ngày. Dòng 3 là ví dụ: thay bằng số liệu thật hoặc xoá.`,
      columns: RECORD_FIELD_NAMES.map((title) => ({ title, kind: 'integer' as const })),
      rows: [
        RECORD_FIELD_NAMES.map((f) =>
          f === 'unitCode'
            ? (example?.code ?? '')
            : f === 'date'
              ? exampleDay
              : EXAMPLE_COUNTS[f as CountField],
        ),
      ],
    },
    {
      name: 'Giải thích',
      title:
        'Giải thích các cột của trang "Số liệu" — giữ nguyên tên cột ở dòng tiêu đề; gửi tệp qua trang nhập số liệu, thư mục nhận tệp hoặc npm run ingest',
      columns: ['Cột', 'Nội dung', 'Bắt buộc', 'Cách ghi', 'Qua nhiều ngày', 'Ràng buộc'],
      rows: [
        ...RECORD_FIELD_NAMES.map(explanation),
        [],
        [
          'Lưu ý',
          'Chỉ đọc trang đầu tiên. Ô phải ghi giá trị, không ghi công thức; không gộp ô. Dòng sai được báo theo số dòng của trang, các dòng khác vẫn được nhận.',
        ],
      ],
    },
    {
      name: 'Đơn vị',
      title: `Các đơn vị của ${province.fullName} và mã chính thức`,
      columns: ['Mã đơn vị', 'Tên đơn vị', 'Loại'],
      rows: units.map((u) => [u.code, u.fullName, unitTypeLabel(u.type, 'vi')]),
    },
  ];
}
