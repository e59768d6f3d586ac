import { type CompactUnits, compactUnits, expandProvince } from '#core/registry/compact.ts';
import { type Province, registrySchema, type Unit } from '#core/registry/schema.ts';

export type { Province, Unit, UnitType } from '#core/registry/schema.ts';
export { registrySchema } from '#core/registry/schema.ts';

import compact from '#data/vietnam-units.compact.json' with { type: 'json' };

/**
 * The official unit lists: the 34 provinces and their 3,321 communes, wards and
 * special zones, matched on the official code only (names repeat).
 * Source: vietnamese-provinces-database (MIT), see data/README.md.
 */

/** The province the platform shows when none is named: Đồng Tháp. A default, never a rule. */
export const DEFAULT_PROVINCE = '82';

/** A province code that is not in the registry. */
export class UnknownProvinceError extends Error {
  override name = 'UnknownProvinceError';
}

/** Look-ups by official code over the national unit list. */
export class UnitRegistry {
  readonly source: string;
  readonly #provinces = new Map<string, Province>();
  readonly #lines: Record<string, string>;
  /** each province's units, unpacked when first asked for */
  readonly #byProvince = new Map<string, Unit[]>();
  /** the units of the provinces unpacked so far, by code */
  readonly #units = new Map<string, Unit>();
  /** unit code to province code, built at the first look-up by code */
  #provinceOf: Map<string, string> | undefined;

  /** A registry over the compact list; the shipped one is checked by the tests. See also UnitRegistry.fromData. */
  constructor(compact: CompactUnits) {
    this.source = compact.source;
    for (const p of compact.provinces) this.#provinces.set(p.code, p);
    for (const code of Object.keys(compact.units)) {
      if (!this.#provinces.has(code)) throw new Error(`the unit list names unknown province ${code}`);
    }
    this.#lines = compact.units;
  }

  /** A registry over a list shaped like data/vietnam-units.json, checked against registrySchema first. */
  static fromData(data: unknown): UnitRegistry {
    const registry = new UnitRegistry(compactUnits(registrySchema.parse(data)));
    registry.#index();
    return registry;
  }

  #index(): Map<string, string> {
    if (this.#provinceOf) return this.#provinceOf;
    const index = new Map<string, string>();
    for (const [province, lines] of Object.entries(this.#lines)) {
      // the code is the first five characters of each line: no need to unpack the units
      for (let at = 0; at < lines.length; at = lines.indexOf('\n', at) + 1 || lines.length) {
        const code = lines.slice(at, at + 5);
        if (index.has(code)) throw new Error(`unit code ${code} appears twice in the registry`);
        index.set(code, province);
      }
    }
    this.#provinceOf = index;
    return index;
  }

  #unitsOf(province: string): Unit[] {
    let units = this.#byProvince.get(province);
    if (!units) {
      units = expandProvince(province, this.#lines[province] ?? '').sort((a, b) =>
        a.code.localeCompare(b.code),
      );
      this.#byProvince.set(province, units);
      for (const u of units) this.#units.set(u.code, u);
    }
    return units;
  }

  /** The unit with this official code, or undefined. */
  unit(code: string): Unit | undefined {
    // validation asks this for every row: a map look-up once the unit's province is unpacked
    const known = this.#units.get(code);
    if (known) return known;
    const province = this.#index().get(code);
    if (province === undefined) return undefined;
    this.#unitsOf(province);
    return this.#units.get(code);
  }

  /** The province with this code, or undefined. */
  province(code: string): Province | undefined {
    return this.#provinces.get(code);
  }

  /** The province with this code; throws UnknownProvinceError naming the known codes. */
  requireProvince(code: string): Province {
    const p = this.#provinces.get(code);
    if (!p) {
      throw new UnknownProvinceError(
        `unknown province "${code}"; province codes are two digits, e.g. ${[...this.#provinces.keys()].slice(0, 5).join(', ')}, ...`,
      );
    }
    return p;
  }

  /** All 34 provinces, in code order. */
  provinces(): Province[] {
    return [...this.#provinces.values()];
  }

  /** The units of a province, in code order. */
  unitsOf(provinceCode: string): readonly Unit[] {
    this.requireProvince(provinceCode);
    return this.#unitsOf(provinceCode);
  }

  /** Number of units in the whole country. */
  get size(): number {
    return this.#index().size;
  }
}

/** The national registry, from the compact list shipped with the code (checked by tests/unit/registry.test.ts). */
export const registry = new UnitRegistry(compact);
