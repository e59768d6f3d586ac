import { z } from 'zod';
import national from '#data/vietnam-units.json' with { type: 'json' };

/**
 * The official unit lists: the 34 provinces and their 3,321 communes, wards and
 * special zones, matched on the official code only (names repeat).
 * Source: vietnamese-provinces-database (MIT), see data/README.md.
 */

const unitSchema = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  fullName: z.string().min(1),
  type: z.enum(['ward', 'commune', 'special-zone']),
  provinceCode: z.string().regex(/^\d{2}$/),
});

const provinceSchema = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  fullName: z.string().min(1),
  units: z.number().int().positive(),
});

const registrySchema = z.object({
  source: z.string(),
  provinces: z.array(provinceSchema),
  units: z.array(unitSchema),
});

export type Unit = z.infer<typeof unitSchema>;
export type UnitType = Unit['type'];
export type Province = z.infer<typeof provinceSchema>;

/** The province the platform shows when none is named: Đồng Tháp. A default, never a rule. */
export const DEFAULT_PROVINCE = '82';

/** A province code that is not in the registry. */
export class UnknownProvinceError extends Error {
  override name = 'UnknownProvinceError';
}

/** Look-ups by official code over the national unit list. */
export class UnitRegistry {
  readonly source: string;
  readonly #units = new Map<string, Unit>();
  readonly #provinces = new Map<string, Province>();
  readonly #byProvince = new Map<string, Unit[]>();

  constructor(data: unknown) {
    const parsed = registrySchema.parse(data);
    this.source = parsed.source;
    for (const p of parsed.provinces) this.#provinces.set(p.code, p);
    for (const u of parsed.units) {
      if (this.#units.has(u.code)) throw new Error(`unit code ${u.code} appears twice in the registry`);
      if (!this.#provinces.has(u.provinceCode))
        throw new Error(`unit ${u.code} names unknown province ${u.provinceCode}`);
      this.#units.set(u.code, u);
      const list = this.#byProvince.get(u.provinceCode) ?? [];
      list.push(u);
      this.#byProvince.set(u.provinceCode, list);
    }
    for (const list of this.#byProvince.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }

  /** The unit with this official code, or undefined. */
  unit(code: string): Unit | undefined {
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
    return this.#byProvince.get(provinceCode) ?? [];
  }

  /** Number of units in the whole country. */
  get size(): number {
    return this.#units.size;
  }
}

/** The national registry, read and checked once per process. */
export const registry = new UnitRegistry(national);
