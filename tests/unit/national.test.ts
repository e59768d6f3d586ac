import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isNationalFile,
  rankProvinces,
  readNationalAnswer,
  readNationalFile,
} from '#core/portal/national.ts';

const FILE = 'data/portal/national-2026-09-17.json';
const text = readFileSync(FILE, 'utf8');

describe("the portal's national list", () => {
  it('reads the 34 provinces of the real answer of 2026-09-17, each by its official code', () => {
    expect(isNationalFile(text)).toBe(true);
    const n = readNationalFile(text);
    expect([n.period, n.observedOn, n.countryTotal, n.provinces.length]).toEqual([
      '2026',
      '2026-09-17',
      56.56,
      34,
    ]);
    expect(n.provinces[0]).toEqual({
      province: '82',
      portalCode: 'H20',
      portalName: 'UBND tỉnh Đồng Tháp',
      total: 68.32,
      groups: { CKMB: 11.45, TDGQ: 17.72, CLGQ: 8.83, TTTT: 6.22, MDHL: 14.45, MDSH: 9.65 },
      scoreDelta: 24.71,
    });
    expect(new Set(n.provinces.map((p) => p.province)).size).toBe(34);
    const ranked = rankProvinces(n.provinces);
    expect(ranked.slice(0, 2).map((p) => [p.rank, p.province, p.total])).toEqual([
      [1, '82', 68.32],
      [2, '75', 67.55],
    ]);
  });

  it('ranks ties together, and names what is not a national list', () => {
    const p = (province: string, total: number) => ({
      province,
      portalCode: 'H00',
      portalName: '',
      total,
      groups: {},
      scoreDelta: null,
    });
    expect(
      rankProvinces([p('01', 60), p('04', 70), p('08', 60), p('11', 50)]).map((x) => [x.province, x.rank]),
    ).toEqual([
      ['04', 1],
      ['01', 2],
      ['08', 2],
      ['11', 4],
    ]);
    expect(isNationalFile('{"request":{}}')).toBe(false);
    expect(() => readNationalFile('[]')).toThrow(/not a captured national list/);
    const file = JSON.parse(text);
    const request = file.request.body;
    const body = structuredClone(file.response);
    body.data.evaluation[3].departmentCode = 'H99';
    expect(() => readNationalAnswer(body, request, '2026-09-17')).toThrow(
      /names H99 \(UBND .+\), which is not one of the 34 provinces/,
    );
    expect(() =>
      readNationalAnswer(file.response, { ...request, departmentType: 'X' }, '2026-09-17'),
    ).toThrow(/not a national list request/);
  });
});
