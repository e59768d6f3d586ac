import { looseKey, nameKey } from '#core/portal/names.ts';
import type { MatchOverride } from '#core/portal/provinces.ts';
import type { Unit, UnitType } from '#core/registry/registry.ts';

/**
 * The portal names a commune "UBND xã Vân Canh" and gives it a code of its
 * own (H21.227); the official list says "Xã Vân Canh", 23674. A portal unit
 * is matched to the official unit of its province whose type and name are the
 * same (names compared as names.ts says), and only when exactly one unit has
 * them. Anything less is listed, never guessed: "doubtful" with the official
 * units it may be, or "unmatched". An explicit override (data/portal/overrides/)
 * settles a unit by hand. Departments ("AGENCY") are units of their own kind,
 * with no official code.
 */

export type MatchStatus = 'matched' | 'override' | 'doubtful' | 'unmatched' | 'agency';

export interface PortalUnitRef {
  portalId: string;
  portalCode: string;
  name: string;
  childGroup: 'COMMUNE' | 'AGENCY';
}

export interface UnitMatch {
  portalId: string;
  portalCode: string;
  portalName: string;
  childGroup: 'COMMUNE' | 'AGENCY';
  /** the official unit code; null unless the status is matched or override */
  unitCode: string | null;
  status: MatchStatus;
  /** official units a doubtful match may be */
  candidates: string[];
  /** why, in words an operator reads */
  reason: string;
}

/** The words before a name, as name keys (keys move tone marks, so they are compared as keys). */
const TYPE_WORDS: [string, UnitType][] = [
  [`${nameKey('xã')} `, 'commune'],
  [`${nameKey('phường')} `, 'ward'],
  [`${nameKey('đặc khu')} `, 'special-zone'],
];
const COUNCIL_WORDS = ['ubnd', 'ủy ban nhân dân', 'uỷ ban nhân dân'].map((w) => `${nameKey(w)} `);

/**
 * A portal name as a type and a name key: "UBND xã Kông Bơ La - Gia Lai"
 * is a commune named "kông bơ la" (the portal adds the province's name to a
 * few names). Undefined when the name does not say the unit's type.
 */
export function readPortalName(
  portalName: string,
  provinceName: string,
): { type: UnitType; key: string } | undefined {
  let rest = nameKey(portalName);
  const council = COUNCIL_WORDS.find((w) => rest.startsWith(w));
  if (council) rest = rest.slice(council.length);
  const suffix = ` - ${nameKey(provinceName)}`;
  if (rest.endsWith(suffix)) rest = rest.slice(0, -suffix.length);
  for (const [word, type] of TYPE_WORDS) {
    if (rest.startsWith(word)) return { type, key: rest.slice(word.length) };
  }
  return undefined;
}

/** Matches a province's portal units to its official units; every portal unit gets an answer. */
export function matchUnits(
  units: readonly Unit[],
  provinceName: string,
  refs: readonly PortalUnitRef[],
  overrides: readonly MatchOverride[] = [],
): UnitMatch[] {
  const exact = new Map<string, Unit[]>();
  const loose = new Map<string, Unit[]>();
  const push = (map: Map<string, Unit[]>, key: string, u: Unit) => map.set(key, [...(map.get(key) ?? []), u]);
  for (const u of units) {
    push(exact, `${u.type}|${nameKey(u.name)}`, u);
    push(loose, looseKey(u.name), u);
  }
  const byPortalCode = new Map(overrides.map((o) => [o.portalCode, o]));
  const matches = refs.map((ref): UnitMatch => {
    const base = {
      portalId: ref.portalId,
      portalCode: ref.portalCode,
      portalName: ref.name,
      childGroup: ref.childGroup,
      candidates: [] as string[],
    };
    if (ref.childGroup === 'AGENCY') {
      return {
        ...base,
        unitCode: null,
        status: 'agency',
        reason: 'a department of the province: kept as a unit of its own kind, with no official code',
      };
    }
    const override = byPortalCode.get(ref.portalCode);
    if (override) {
      return {
        ...base,
        unitCode: override.unitCode,
        status: override.unitCode ? 'override' : 'unmatched',
        reason: `override: ${override.reason}`,
      };
    }
    const read = readPortalName(ref.name, provinceName);
    if (!read) {
      return {
        ...base,
        unitCode: null,
        status: 'unmatched',
        reason: 'the name does not say whether the unit is a xã, a phường or a đặc khu',
      };
    }
    const same = exact.get(`${read.type}|${read.key}`) ?? [];
    if (same.length === 1) {
      const [unit] = same as [Unit];
      return {
        ...base,
        unitCode: unit.code,
        status: 'matched',
        reason: `same type and name as ${unit.fullName}`,
      };
    }
    if (same.length > 1) {
      return {
        ...base,
        unitCode: null,
        status: 'doubtful',
        candidates: same.map((u) => u.code),
        reason: `${same.length} official units share this type and name`,
      };
    }
    const near = loose.get(looseKey(read.key)) ?? [];
    return near.length
      ? {
          ...base,
          unitCode: null,
          status: 'doubtful',
          candidates: near.map((u) => u.code),
          reason: `no official unit has this name; ${near.map((u) => u.fullName).join(', ')} is spelt nearly alike`,
        }
      : {
          ...base,
          unitCode: null,
          status: 'unmatched',
          reason: 'no official unit of the province has this type and name',
        };
  });
  // one official unit for one portal unit: a unit two portal units lead to is taken by neither, unless by override
  const claims = new Map<string, UnitMatch[]>();
  for (const m of matches) if (m.unitCode) claims.set(m.unitCode, [...(claims.get(m.unitCode) ?? []), m]);
  for (const [code, claimants] of claims) {
    if (claimants.length < 2) continue;
    const settled = claimants.filter((c) => c.status === 'override');
    for (const c of claimants) {
      if (settled.length === 1 && c.status === 'override') continue;
      c.status = 'doubtful';
      c.candidates = [code];
      c.reason = `${claimants.map((x) => x.portalCode).join(' and ')} would both be unit ${code}`;
      c.unitCode = null;
    }
  }
  return matches;
}

/** Whether a match settles the unit (an official code to file it under). */
export const isSettled = (m: UnitMatch): boolean => m.status === 'matched' || m.status === 'override';

/** A portal unit not settled to an official unit, as receipts and rankings list it. */
export type UnsettledUnit = Pick<UnitMatch, 'portalCode' | 'portalName' | 'status' | 'candidates' | 'reason'>;

/** The communes and wards among these matches that are not settled: listed, never dropped, never guessed. */
export function unsettled(matches: Iterable<UnitMatch>): UnsettledUnit[] {
  return [...matches]
    .filter((m) => m.childGroup === 'COMMUNE' && !isSettled(m))
    .map(({ portalCode, portalName, status, candidates, reason }) => ({
      portalCode,
      portalName,
      status,
      candidates,
      reason,
    }));
}
