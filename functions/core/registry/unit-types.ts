import type { Lang } from '#core/export/labels.ts';

/**
 * The kinds of unit in words: the registry's full names start with the
 * Vietnamese one (Phường Cao Lãnh), and exports and briefings name a unit's
 * kind in Vietnamese or English. Departments (the portal's AGENCY units) are
 * no kind of the registry's, but are ranked beside its units.
 */
export const UNIT_TYPE_NAMES = {
  ward: { vi: 'Phường', en: 'Ward' },
  commune: { vi: 'Xã', en: 'Commune' },
  'special-zone': { vi: 'Đặc khu', en: 'Special zone' },
  agency: { vi: 'Sở, ban, ngành', en: 'Department' },
} as const satisfies Record<string, Record<Lang, string>>;

/** A unit's kind in words: ward -> "Phường" / "Ward"; an unknown kind as it is. */
export const unitTypeLabel = (type: string, lang: Lang): string =>
  (UNIT_TYPE_NAMES as Record<string, Record<Lang, string>>)[type]?.[lang] ?? type;
