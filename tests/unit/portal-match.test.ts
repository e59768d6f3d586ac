import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchUnits, type PortalUnitRef, readPortalName } from '#core/portal/match.ts';
import { looseKey, nameKey } from '#core/portal/names.ts';
import { parseObservationFile } from '#core/portal/observation.ts';
import {
  matchOverrides,
  OVERRIDE_FILES,
  portalProvince,
  portalProvinces,
  provinceOfPortal,
} from '#core/portal/provinces.ts';
import { registry, type Unit, UnitRegistry } from '#core/registry/registry.ts';

const ref = (name: string, portalCode = 'H21.1', childGroup: PortalUnitRef['childGroup'] = 'COMMUNE') => ({
  portalId: `id-${portalCode}`,
  portalCode,
  name,
  childGroup,
});

const unit = (code: string, fullName: string, type: Unit['type'], provinceCode = '52'): Unit => ({
  code,
  name: fullName.replace(/^(Xã|Phường|Đặc khu) /, ''),
  nameEn: fullName,
  fullName,
  type,
  provinceCode,
});

describe('names', () => {
  it('makes one key of the old and the new place of a tone mark, of case, spacing and composition', () => {
    expect(nameKey('Xã An Hòa')).toBe(nameKey('xã  An Hoà'));
    expect(nameKey('Thủy')).toBe(nameKey('Thuỷ'));
    expect(nameKey('Hòa'.normalize('NFD'))).toBe(nameKey('Hòa'));
    expect(nameKey('Văn phòng UBND Thành phố  Hà Nội')).toBe(nameKey('văn phòng ubnd thành phố hà nội'));
  });

  it('keeps names apart that differ in a letter or a mark', () => {
    expect(nameKey('Mỹ Tho')).not.toBe(nameKey('Mỹ Thọ'));
    expect(nameKey('Ia Chía')).not.toBe(nameKey('Ia Chia'));
    expect(nameKey('Albá')).not.toBe(nameKey('Al Bá'));
    // the loose key, for suggestions only, brings them together
    expect(looseKey('Ia Chía')).toBe(looseKey('Ia Chia'));
    expect(looseKey('Albá')).toBe(looseKey('Al Bá'));
  });

  it('reads the type and the name of a portal unit, without the province name the portal sometimes adds', () => {
    expect(readPortalName('UBND xã Kông Bơ La - Gia Lai', 'Gia Lai')).toEqual({
      type: 'commune',
      key: nameKey('Kông Bơ La'),
    });
    expect(readPortalName('UBND phường Kiến Hưng', 'Hà Nội')).toEqual({
      type: 'ward',
      key: nameKey('Kiến Hưng'),
    });
    expect(readPortalName('UBND đặc khu Phú Quốc', 'An Giang')).toEqual({
      type: 'special-zone',
      key: nameKey('Phú Quốc'),
    });
    expect(readPortalName('Sở Tư pháp', 'Gia Lai')).toBeUndefined();
  });
});

describe('matchUnits', () => {
  const units = [
    unit('00001', 'Xã An Hoà', 'commune'),
    unit('00002', 'Phường Mỹ Tho', 'ward'),
    unit('00003', 'Xã Mỹ Tho', 'commune'),
    unit('00004', 'Xã Al Bá', 'commune'),
    unit('00005', 'Xã Bình Minh', 'commune'),
    unit('00006', 'Xã Bình Minh', 'commune'),
  ];

  it('matches on the type and the name, whichever way the tone mark is placed', () => {
    const [m] = matchUnits(units, 'Gia Lai', [ref('UBND xã An Hòa')]);
    expect(m).toMatchObject({ unitCode: '00001', status: 'matched' });
  });

  it('tells a ward from a commune of the same name by the type', () => {
    const found = matchUnits(units, 'Gia Lai', [
      ref('UBND phường Mỹ Tho', 'H21.1'),
      ref('UBND xã Mỹ Tho', 'H21.2'),
    ]);
    expect(found.map((m) => m.unitCode)).toEqual(['00002', '00003']);
  });

  it('never matches on a name two official units share: doubtful, with both as candidates', () => {
    const [m] = matchUnits(units, 'Gia Lai', [ref('UBND xã Bình Minh')]);
    expect(m).toMatchObject({ unitCode: null, status: 'doubtful', candidates: ['00005', '00006'] });
  });

  it('never guesses a name spelt nearly alike: doubtful, with the candidate named', () => {
    const [m] = matchUnits(units, 'Gia Lai', [ref('UBND xã Albá')]);
    expect(m).toMatchObject({ unitCode: null, status: 'doubtful', candidates: ['00004'] });
    expect(m?.reason).toMatch(/Xã Al Bá is spelt nearly alike/);
  });

  it('lists a unit no official unit resembles as unmatched, and one whose name says no type', () => {
    const found = matchUnits(units, 'Gia Lai', [
      ref('UBND xã Không Có', 'H21.1'),
      ref('Trung tâm X', 'H21.2'),
    ]);
    expect(found.map((m) => [m.status, m.unitCode])).toEqual([
      ['unmatched', null],
      ['unmatched', null],
    ]);
  });

  it('settles a unit by an explicit override, which wins over the names', () => {
    const [m] = matchUnits(
      units,
      'Gia Lai',
      [ref('UBND xã Albá', 'H21.108')],
      [
        {
          portalCode: 'H21.108',
          portalName: 'UBND xã Albá',
          unitCode: '00004',
          reason: 'one word at the portal',
        },
      ],
    );
    expect(m).toMatchObject({ unitCode: '00004', status: 'override' });
  });

  it('gives an official unit to neither of two portal units that lead to it', () => {
    const found = matchUnits(units, 'Gia Lai', [
      ref('UBND xã An Hòa', 'H21.1'),
      ref('UBND xã An Hoà', 'H21.2'),
    ]);
    expect(found.map((m) => [m.status, m.unitCode, m.candidates])).toEqual([
      ['doubtful', null, ['00001']],
      ['doubtful', null, ['00001']],
    ]);
  });

  it('keeps departments as units of their own kind, with no official code', () => {
    const [m] = matchUnits(units, 'Gia Lai', [ref('Sở Tư pháp', 'H21.9', 'AGENCY')]);
    expect(m).toMatchObject({ status: 'agency', unitCode: null });
  });

  it('never matches across provinces: only the units it is given, those of the province', () => {
    const hanoi = registry.unitsOf('01');
    const [m] = matchUnits(hanoi, 'Hà Nội', [ref('UBND xã Vân Canh')]);
    expect(m?.unitCode).toBeNull();
    // Vân Canh is a commune of Gia Lai, not of Hà Nội
    const [gl] = matchUnits(registry.unitsOf('52'), 'Gia Lai', [ref('UBND xã Vân Canh')]);
    expect(registry.unit(gl?.unitCode ?? '')?.provinceCode).toBe('52');
  });

  it('matches 133 of the 135 communes of Gia Lai by name, and the two others only by their overrides', () => {
    const [o] = parseObservationFile(readFileSync('data/portal/gia-lai-2026-10-01.jsonl', 'utf8'));
    const refs = o?.units ?? [];
    const byName = matchUnits(registry.unitsOf('52'), 'Gia Lai', refs);
    expect(byName.filter((m) => m.status === 'matched')).toHaveLength(133);
    expect(
      byName
        .filter((m) => m.status === 'doubtful')
        .map((m) => m.portalName)
        .sort(),
    ).toEqual(['UBND xã Albá', 'UBND xã Ia Chía']);
    const withOverrides = matchUnits(registry.unitsOf('52'), 'Gia Lai', refs, matchOverrides('52'));
    expect(withOverrides.filter((m) => m.status === 'override')).toHaveLength(2);
    expect(new Set(withOverrides.map((m) => m.unitCode)).size).toBe(135);
  });
});

describe('the portal ids of the provinces and the override files', () => {
  it('knows the 34 provinces by their official code, with the ids API.md names', () => {
    expect(portalProvinces()).toHaveLength(34);
    expect(portalProvince('82')).toMatchObject({
      portalCode: 'H20',
      rootDepartmentId: '019d2be3-6a85-74ec-a344-751a7a0bbdb5',
    });
    expect(portalProvince('52')).toMatchObject({
      portalCode: 'H21',
      rootDepartmentId: '019d2be3-6a85-74ec-a346-6489e82ae4c7',
    });
    expect(portalProvince('01')).toMatchObject({ portalCode: 'H26' });
    expect(provinceOfPortal({ portalCode: 'H21' }).code).toBe('52');
    expect(() => provinceOfPortal({ portalCode: 'H21', rootDepartmentId: 'other' })).toThrow(/has the id/);
  });

  it('agrees with the national list it was built from (npm run data:portal-provinces)', () => {
    const national = JSON.parse(readFileSync('data/portal/national-2026-09-17.json', 'utf8'));
    const listed = national.response.data.evaluation as { departmentId: string; departmentCode: string }[];
    expect(listed.map((e) => [e.departmentCode, e.departmentId]).sort()).toEqual(
      portalProvinces()
        .map((p) => [p.portalCode, p.rootDepartmentId])
        .sort(),
    );
  });

  it('lists every override file of data/portal/overrides, each naming units of its own province', () => {
    const files = readdirSync('data/portal/overrides').filter((f) => f.endsWith('.json'));
    expect(OVERRIDE_FILES).toHaveLength(files.length);
    const national = UnitRegistry.fromData(JSON.parse(readFileSync('data/vietnam-units.json', 'utf8')));
    for (const f of files) {
      const province = f.replace('.json', '');
      const overrides = matchOverrides(province);
      expect(overrides.length).toBeGreaterThan(0);
      for (const o of overrides) {
        if (o.unitCode) expect(national.unit(o.unitCode)?.provinceCode).toBe(province);
        expect(o.portalCode.startsWith(`${portalProvince(province).portalCode}.`)).toBe(true);
      }
    }
  });
});
