import { api, type Methodology } from './api.ts';

const cached = new Map<string, Promise<Methodology>>();

/**
 * A methodology version, fetched once per page: what a ranking was scored
 * under (its groups' maxima, its bands and their names), from the server.
 */
export function methodologyOf(id: string): Promise<Methodology> {
  let found = cached.get(id);
  if (!found) {
    found = api.methodology(id).catch((error: unknown) => {
      cached.delete(id);
      throw error;
    });
    cached.set(id, found);
  }
  return found;
}

/** The methodology in force. */
export const methodologyInForce = (): Promise<Methodology> => methodologyOf('current');

/** A band's name in the language shown, as the methodology names it; its id when the methodology does not know it. */
export function bandName(m: Methodology | undefined, band: string, lang: 'vi' | 'en'): string {
  return m?.bands.find((b) => b.id === band)?.label[lang] ?? band;
}

/** A group's name in the language shown, as the methodology names it; its code when the methodology does not know it. */
export function groupName(m: Methodology | undefined, group: string, lang: 'vi' | 'en'): string {
  return m?.groups.find((g) => g.code === group)?.name[lang] ?? group;
}

/** A group's maximum, as the methodology gives it. */
export function groupMax(m: Methodology | undefined, group: string): number | undefined {
  return m?.groups.find((g) => g.code === group)?.max;
}
