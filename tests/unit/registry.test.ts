import { describe, expect, it } from 'vitest';
import { compactUnits, expandProvince, expandUnits } from '#core/registry/compact.ts';
import { registry, registrySchema, UnitRegistry, UnknownProvinceError } from '#core/registry/registry.ts';
import map from '#data/dong-thap-communes.topo.json' with { type: 'json' };
import dongThap from '#data/dong-thap-units.json' with { type: 'json' };
import compact from '#data/vietnam-units.compact.json' with { type: 'json' };
import national from '#data/vietnam-units.json' with { type: 'json' };

describe('the unit registry', () => {
  it('holds the 34 provinces and 3,321 units of Vietnam', () => {
    expect(registry.provinces()).toHaveLength(34);
    expect(registry.size).toBe(3321);
  });

  it('holds the 102 units of Đồng Tháp: 82 communes and 20 wards', () => {
    const units = registry.unitsOf('82');
    expect(units).toHaveLength(102);
    expect(units.filter((u) => u.type === 'commune')).toHaveLength(82);
    expect(units.filter((u) => u.type === 'ward')).toHaveLength(20);
    expect(registry.province('82')?.name).toBe('Đồng Tháp');
  });

  it('agrees with the Đồng Tháp list and map copied beside it', () => {
    expect(dongThap.units).toEqual(registry.unitsOf('82').map((u) => ({ ...u })));
    const mapCodes = map.objects.communes.geometries.map((g) => g.properties.code).sort();
    expect(mapCodes).toEqual(registry.unitsOf('82').map((u) => u.code));
  });

  it('counts, for every province, the units its entry announces', () => {
    for (const p of registry.provinces()) expect(registry.unitsOf(p.code)).toHaveLength(p.units);
  });

  it('matches units on their code, never on their name', () => {
    expect(registry.unit('28261')).toMatchObject({
      fullName: 'Phường Mỹ Tho',
      type: 'ward',
      provinceCode: '82',
    });
    expect(registry.unit('30076')).toMatchObject({
      fullName: 'Xã Mỹ Thọ',
      type: 'commune',
      provinceCode: '82',
    });
    expect(registry.unit('00004')).toMatchObject({ name: 'Ba Đình', provinceCode: '01' });
    expect(registry.unit('99999')).toBeUndefined();
  });

  it('names an unknown province and the form codes take', () => {
    expect(() => registry.unitsOf('99')).toThrow(UnknownProvinceError);
    expect(() => registry.requireProvince('8')).toThrow(
      /unknown province "8"; province codes are two digits/,
    );
  });

  it('refuses a list in which a code repeats', () => {
    const data = {
      source: 'test',
      provinces: [{ code: '82', name: 'A', nameEn: 'A', fullName: 'A', units: 2 }],
      units: [
        { code: '30001', name: 'a', nameEn: 'a', fullName: 'Xã a', type: 'commune', provinceCode: '82' },
        { code: '30001', name: 'b', nameEn: 'b', fullName: 'Xã b', type: 'commune', provinceCode: '82' },
      ],
    };
    expect(() => UnitRegistry.fromData(data)).toThrow(/30001 appears twice/);
  });

  it('loads the published list exactly, through its compact form', () => {
    const published = registrySchema.parse(national);
    // the compact file is what `npm run data:compact` makes of the published list now
    expect(compactUnits(published)).toEqual(compact);
    expect(expandUnits(compact)).toEqual(published);
    // the two exceptions to the usual names survive the round trip
    expect(registry.unit('20333')).toMatchObject({ nameEn: 'Paracel', fullName: 'Đặc khu Hoàng Sa' });
    expect(registry.unit('06325')?.fullName).toBe('xã Bắc Sơn');
  });

  it('names the line of a compact list that is broken', () => {
    expect(() => expandProvince('82', '30001\tc\tA\n30002\tq\tB')).toThrow(/line 2 of province 82/);
  });
});
