import type { Lang } from './i18n.ts';

/**
 * Everything a view shows is in the URL: a link reopens the same view, and the
 * browser's back and forward buttons move between views.
 */
export type View = 'ranking' | 'map' | 'unit' | 'compare' | 'methodology';

export interface AppState {
  view: View;
  province: string;
  /** a period key: 2025-11, 2025-Q4, 2025-H2, 2025, all, or FROM..TO; empty for the default */
  period: string;
  asOf: string;
  unit: string;
  units: string[];
  sort: string;
  dir: 'asc' | 'desc';
  q: string;
  type: string;
  band: string;
  /** the ranking narrowed to the units a data-quality item names: days missing, rows rejected, published figures that part */
  flag: '' | Flag;
  colour: 'band' | 'score';
  lang: Lang;
  /** where the ranking comes from: the portal's published figures or the daily records; empty for the province's own */
  source: '' | 'portal' | 'records';
}

const VIEWS: View[] = ['ranking', 'map', 'unit', 'compare', 'methodology'];

export type Flag = 'missing' | 'rejected' | 'differs';
const FLAGS: Flag[] = ['missing', 'rejected', 'differs'];

export const DEFAULTS: AppState = {
  view: 'ranking',
  /** empty until the API names the deployment's default province (/api/provinces) */
  province: '',
  period: '',
  asOf: '',
  unit: '',
  units: [],
  sort: 'rank',
  dir: 'asc',
  q: '',
  type: '',
  band: '',
  flag: '',
  colour: 'band',
  lang: 'vi',
  source: '',
};

/** A unit's key: its official code, or its portal code when the portal's unit matches none. */
const UNIT_KEY = /^(\d{5}|H\d{2}\.\d+)$/;

const LANG_KEY = 'si-lang';

/** Where the browser remembers that the first visit's line was dismissed. */
export const INTRO_KEY = 'si-intro-seen';

/** The language chosen last on this browser, remembered across visits. */
function rememberedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // a browser that keeps nothing (private mode) forgets it: the URL still carries it
  }
}

export function readState(search = window.location.search): AppState {
  const p = new URLSearchParams(search);
  const view = p.get('view') as View | null;
  return {
    view: view && VIEWS.includes(view) ? view : DEFAULTS.view,
    province: /^\d{2}$/.test(p.get('province') ?? '') ? (p.get('province') as string) : DEFAULTS.province,
    period: p.get('period') ?? '',
    asOf: p.get('asOf') ?? '',
    unit: p.get('unit') ?? '',
    units: (p.get('units') ?? '')
      .split(',')
      .filter((u) => UNIT_KEY.test(u))
      .slice(0, 6),
    sort: p.get('sort') ?? DEFAULTS.sort,
    dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
    q: p.get('q') ?? '',
    type: p.get('type') ?? '',
    band: p.get('band') ?? '',
    flag: FLAGS.find((f) => f === p.get('flag')) ?? '',
    colour: p.get('colour') === 'score' ? 'score' : 'band',
    // a link's language first; else the one chosen last on this browser; else Vietnamese
    lang: p.get('lang') === 'en' ? 'en' : p.get('lang') === 'vi' ? 'vi' : rememberedLang(),
    source: p.get('source') === 'portal' ? 'portal' : p.get('source') === 'records' ? 'records' : '',
  };
}

/** The URL of a state: only what differs from the defaults. */
export function stateUrl(state: AppState): string {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(state) as [keyof AppState, AppState[keyof AppState]][]) {
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const fallback = DEFAULTS[key];
    const defaultText = Array.isArray(fallback) ? fallback.join(',') : String(fallback);
    if (text !== defaultText) p.set(key, text);
  }
  const query = p.toString();
  return query ? `?${query}` : window.location.pathname;
}
