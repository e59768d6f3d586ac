/**
 * Vietnamese unit names as the portal writes them and as the official list
 * does, brought to one form for comparison. Only spellings that mean the same
 * name are made equal: case, spacing, Unicode composition, and where the tone
 * mark sits ("Hòa" and "Hoà" are one name written in the old and the new
 * style). Names that differ in a letter or a mark stay different.
 */

/** The five tone marks, as combining characters after canonical decomposition. */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * One syllable with its tone mark moved to its end: the same key whichever
 * vowel the writer put the mark on.
 */
function syllableKey(syllable: string): string {
  const decomposed = syllable.normalize('NFD');
  const tones = decomposed.match(TONES) ?? [];
  return `${decomposed.replace(TONES, '')}${tones.join('')}`.normalize('NFC');
}

/** A name as a comparison key: lower case, single spaces, tone marks placed one way. */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s*-\s*/g, ' - ')
    .split(/\s+/)
    .filter(Boolean)
    .map(syllableKey)
    .join(' ');
}

/**
 * A looser key, for suggesting candidates only, never for matching: no marks
 * at all, no spaces ("Albá" and "Al Bá", "Ia Chía" and "Ia Chia" meet here).
 */
export function looseKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
