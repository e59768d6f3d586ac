import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '#core/generator/generate.ts';
import { RECORD_FIELD_NAMES } from '#core/records/fields.ts';
import { registry } from '#core/registry/registry.ts';
import { XLSX_TYPE } from '#functions/commons/http.ts';
import type { Receipt } from '#functions/store/store.ts';
import { workbookOf } from '../support/xlsx.ts';
import { expectMatchesOpenApi } from './support/openapi.ts';
import { startPlatform, type TestPlatform } from './support/platform.ts';

/**
 * Excel workbooks in through POST /api/ingest (the file drop's in
 * file-drop.test.ts, the CLI's in cli.test.ts), with the real handlers on the embedded DynamoDB. Each bad workbook gets a
 * receipt that names its rows, or a 4xx, and leaves nothing half written.
 */

let p: TestPlatform;
let token: string;
const records = [
  ...generateRecords({ registry, province: '82', from: '2025-10-01', to: '2025-10-01', seed: 7 }),
];

beforeAll(async () => {
  p = await startPlatform();
  token = await p.token();
});
afterAll(() => p?.close());

async function post(body: Buffer, type = XLSX_TYPE) {
  const r = await fetch(`${p.base}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return {
    status: r.status,
    type: r.headers.get('content-type') ?? '',
    body: (await r.json()) as Record<string, unknown>,
  };
}

const cellsOf = (r: Record<string, unknown>, replace: Record<string, unknown> = {}) =>
  RECORD_FIELD_NAMES.map((f) => (f in replace ? replace[f] : r[f])) as never[];

const stored = async (unitCode: string, date: string) =>
  (await p.store.recordHistory('82', unitCode, date)).length;

describe('POST /api/ingest with an Excel workbook', () => {
  it('takes the first sheet, answers the receipt with the rows numbered as the sheet does, archives the workbook', async () => {
    const body = await workbookOf(records.slice(0, 20), { above: [['Số liệu ngày 01/10/2025']] });
    const r = await post(body);
    expect(r.status).toBe(201);
    expectMatchesOpenApi('/api/ingest', 'post', 201, r.type, r.body);
    const receipt = r.body as unknown as Receipt;
    expect(receipt.format).toBe('xlsx');
    expect(receipt.counts).toEqual({ rows: 20, created: 20, revised: 0, unchanged: 0, rejected: 0 });
    expect(receipt.rows.map((x) => x.row)).toEqual(records.slice(0, 20).map((_, k) => k + 3));
    expect(receipt.archive).toMatch(new RegExp(`^\\d{8}/82/${receipt.id}\\.xlsx$`));
    expect(readFileSync(join(p.dir, 'archive', receipt.archive))).toEqual(body);
    // the same workbook again changes nothing
    const again = (await post(body)).body as unknown as Receipt;
    expect(again.counts).toMatchObject({ unchanged: 20, created: 0 });
  });

  it('a bad row, a formula and a date typed as a date: a receipt row for each, the others go in', async () => {
    const [a, b, c, d] = records.slice(20, 24) as Record<string, unknown>[];
    const body = await workbookOf([
      cellsOf(a ?? {}, { received: -1 }),
      cellsOf(b ?? {}, { resolvedLate: { value: 'C3+1', type: 'Formula' } }),
      cellsOf(c ?? {}, { date: { value: new Date(Date.UTC(2025, 9, 1)), type: Date, format: 'dd/mm/yyyy' } }),
      d ?? {},
    ]);
    const receipt = (await post(body)).body as unknown as Receipt;
    expect(receipt.rows.map((x) => [x.row, x.outcome, x.reasons?.[0]?.rule])).toEqual([
      [2, 'rejected', 'non-negative'],
      [3, 'rejected', 'formula'],
      [4, 'created', undefined],
      [5, 'created', undefined],
    ]);
    expect(receipt.rows[1]?.reasons?.[0]?.message).toMatch(/^cell \w+3 holds a formula \(=C3\+1\)/);
    expect(await stored(String(a?.unitCode), '2025-10-01')).toBe(0);
    expect(await stored(String(b?.unitCode), '2025-10-01')).toBe(0);
    expect(await stored(String(c?.unitCode), '2025-10-01')).toBe(1);
  });

  it('a merged header, a file that is not a workbook: 400 naming the fault, nothing written', async () => {
    const e = records[30] as Record<string, unknown>;
    const header = [{ value: 'unitCode', columnSpan: 2 }, null, ...RECORD_FIELD_NAMES.slice(2)] as never[];
    const merged = await post(await workbookOf([e], { header }));
    expect(merged.status).toBe(400);
    expectMatchesOpenApi('/api/ingest', 'post', 400, merged.type, merged.body);
    expect(merged.body.detail).toMatch(/header \(row 1\) has merged cells \(A1:B1\)/);
    const notWorkbook = await post(Buffer.from('this is not a workbook'));
    expect(notWorkbook.status).toBe(400);
    expect(notWorkbook.body.detail).toBe('the file is not an Excel workbook (.xlsx)');
    expect(await stored(String(e.unitCode), '2025-10-01')).toBe(0);
  });

  it('a 50 MB workbook: 413 before anything is read or kept', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    big.write('PK\u0003\u0004', 0, 'latin1');
    const r = await post(big);
    expect(r.status).toBe(413);
  });
});
