import * as z from '#core/zod.ts';
import overrides52 from '#data/portal/overrides/52.json' with { type: 'json' };
import data from '#data/portal/provinces.json' with { type: 'json' };

/**
 * The national portal's ids of the 34 provinces (data/portal/provinces.json,
 * built from the portal's national list by `npm run data:portal-provinces`),
 * and the explicit unit matches kept per province (data/portal/overrides/).
 */

export interface PortalProvince {
  /** the official two-digit province code */
  code: string;
  /** the portal's code, H## (not the official code) */
  portalCode: string;
  /** the portal's id of the province: rootDepartmentId in every call */
  rootDepartmentId: string;
  portalName: string;
}

const provinces: readonly PortalProvince[] = data.provinces;

/** A province the portal list does not hold. */
export class UnknownPortalProvinceError extends Error {
  override name = 'UnknownPortalProvinceError';
}

/** The portal's ids of a province, by its official code. */
export function portalProvince(code: string): PortalProvince {
  const p = provinces.find((x) => x.code === code);
  if (!p) throw new UnknownPortalProvinceError(`the portal's list of provinces has no province ${code}`);
  return p;
}

/** The province an observation names by the portal's ids (its H## code or its id). */
export function provinceOfPortal(ids: { portalCode?: string; rootDepartmentId?: string }): PortalProvince {
  const p = provinces.find(
    (x) => x.portalCode === ids.portalCode || x.rootDepartmentId === ids.rootDepartmentId,
  );
  if (!p) {
    throw new UnknownPortalProvinceError(
      `the portal's list of provinces has no province ${ids.portalCode ?? ids.rootDepartmentId}`,
    );
  }
  if (ids.portalCode && ids.rootDepartmentId && p.rootDepartmentId !== ids.rootDepartmentId) {
    throw new UnknownPortalProvinceError(
      `province ${ids.portalCode} has the id ${p.rootDepartmentId} at the portal, not ${ids.rootDepartmentId}`,
    );
  }
  return p;
}

export function portalProvinces(): readonly PortalProvince[] {
  return provinces;
}

const overrideFile = z.object({
  province: z.string().check(z.regex(/^\d{2}$/)),
  overrides: z.array(
    z.object({
      portalCode: z.string().check(z.regex(/^H\d{2}\.\d+$/)),
      portalName: z.string(),
      /** the official unit, or null: the portal unit is not a unit of the official list */
      unitCode: z.nullable(z.string().check(z.regex(/^\d{5}$/))),
      reason: z.string().check(z.minLength(1)),
    }),
  ),
});
export type MatchOverride = z.infer<typeof overrideFile>['overrides'][number];

/**
 * The override files shipped with the code, one per province that needs one.
 * A new file is listed here too; a test checks the folder and this list agree
 * and that every override names a unit of its province.
 */
export const OVERRIDE_FILES: readonly unknown[] = [overrides52];

let overridesByProvince: Map<string, readonly MatchOverride[]> | undefined;

/** The explicit matches of a province's portal units (checked when first asked for, not at load). */
export function matchOverrides(province: string): readonly MatchOverride[] {
  overridesByProvince ??= new Map(
    OVERRIDE_FILES.map((f) => {
      const parsed = overrideFile.parse(f);
      return [parsed.province, parsed.overrides] as const;
    }),
  );
  return overridesByProvince.get(province) ?? [];
}
