import type { Province, Unit, UnitType } from '#core/registry/schema.ts';
import { UNIT_TYPE_NAMES } from '#core/registry/unit-types.ts';

/**
 * The national unit list in the compact form the code loads: per province,
 * one line per unit, `code<TAB>type<TAB>name`, plus the English name and the
 * full name only where they are not the usual ones (the name without
 * diacritics; "Xã", "Phường" or "Đặc khu" and the name). A few strings load
 * far faster than 3,321 objects, and a province's units are unpacked only
 * when it is first asked for, which keeps each Lambda function's cold start
 * short. `npm run data:compact` writes it from data/vietnam-units.json, and a
 * unit test proves the two hold the same list.
 */
export interface CompactUnits {
  source: string;
  provinces: Province[];
  /** by province code: one unit per line */
  units: Record<string, string>;
}

const TYPE_LETTERS: Record<UnitType, string> = { ward: 'w', commune: 'c', 'special-zone': 's' };
const LETTER_TYPES: Record<string, UnitType> = { w: 'ward', c: 'commune', s: 'special-zone' };
const PREFIX: Record<UnitType, string> = {
  ward: UNIT_TYPE_NAMES.ward.vi,
  commune: UNIT_TYPE_NAMES.commune.vi,
  'special-zone': UNIT_TYPE_NAMES['special-zone'].vi,
};

const folded = new Map<string, string>();

/** The usual English name: the Vietnamese one without its diacritics. Letter by letter, each worked out once. */
export function withoutDiacritics(name: string): string {
  let out = '';
  for (const c of name) {
    if (c.charCodeAt(0) < 128) {
      out += c;
      continue;
    }
    let f = folded.get(c);
    if (f === undefined) {
      f = c === 'đ' ? 'd' : c === 'Đ' ? 'D' : c.normalize('NFD').replace(/\p{Mn}/gu, '');
      folded.set(c, f);
    }
    out += f;
  }
  return out;
}

export function compactUnits(data: { source: string; provinces: Province[]; units: Unit[] }): CompactUnits {
  const units: Record<string, string[]> = {};
  for (const u of data.units) {
    const fields = [u.code, TYPE_LETTERS[u.type], u.name];
    const usualFull = `${PREFIX[u.type]} ${u.name}`;
    if (u.nameEn !== withoutDiacritics(u.name) || u.fullName !== usualFull) {
      fields.push(u.nameEn === withoutDiacritics(u.name) ? '' : u.nameEn);
      if (u.fullName !== usualFull) fields.push(u.fullName);
    }
    const lines = units[u.provinceCode] ?? [];
    lines.push(fields.join('\t'));
    units[u.provinceCode] = lines;
  }
  return {
    source: data.source,
    provinces: data.provinces,
    units: Object.fromEntries(Object.entries(units).map(([p, lines]) => [p, lines.join('\n')])),
  };
}

/** The units of one province from its lines. */
export function expandProvince(provinceCode: string, lines: string): Unit[] {
  if (!lines) return [];
  return lines.split('\n').map((line, k): Unit => {
    const [code, letter, name, nameEn, fullName] = line.split('\t');
    const type = LETTER_TYPES[letter ?? ''];
    if (!code || !type || !name) {
      throw new Error(
        `line ${k + 1} of province ${provinceCode} in the compact unit list is not code, type and name`,
      );
    }
    return {
      code,
      name,
      nameEn: nameEn || withoutDiacritics(name),
      fullName: fullName || `${PREFIX[type]} ${name}`,
      type,
      provinceCode,
    };
  });
}

/** The whole list, as data/vietnam-units.json holds it. */
export function expandUnits(compact: CompactUnits): { source: string; provinces: Province[]; units: Unit[] } {
  return {
    source: compact.source,
    provinces: compact.provinces,
    // in the provinces' order: codes such as "82" would otherwise come before "01" as object keys
    units: compact.provinces.flatMap((p) => expandProvince(p.code, compact.units[p.code] ?? '')),
  };
}
