import type { Lang } from './i18n.ts';

/**
 * Everything a view shows is in the URL: a link reopens the same view, and the
 * browser's back and forward buttons move between views.
 */
export type View = 'ranking' | 'map' | 'unit' | 'compare' | 'methodology' | 'national';

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
  /** what is ranked: the communes and wards (empty), or the province's departments */
  kind: '' | 'agencies';
}

const VIEWS: View[] = ['ranking', 'map', 'unit', 'compare', 'methodology', 'national'];

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
  kind: '',
};

/** A unit's key: its official code, or its portal code when the portal's unit matches none. */
const UNIT_KEY = /^(\d{5}|H\d{2}\.\d+)$/;

const LANG_KEY = 'si-lang';
const INTRO_KEY = 'si-intro-seen';

/** What this browser remembers under a key; null where it keeps nothing (private mode, storage refused). */
function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Remembers a value on this browser; a browser that keeps nothing forgets it (the URL still carries the state). */
function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // nothing kept: asked again next time
  }
}

/** The language chosen last on this browser, remembered across visits. */
const rememberedLang = (): Lang => (remembered(LANG_KEY) === 'en' ? 'en' : 'vi');

export const rememberLang = (lang: Lang): void => remember(LANG_KEY, lang);

/** Whether this browser has dismissed the first visit's line. */
export const introSeen = (): boolean => remembered(INTRO_KEY) === '1';

export const rememberIntroSeen = (): void => remember(INTRO_KEY, '1');

/** A move to another state, as views ask the shell for it: a new history entry unless `replace`. */
export type Navigation = Partial<AppState> & { replace?: boolean };

/** Asks the shell (si-app) to move to another state, from any element inside it. */
export function navigate(from: EventTarget, change: Navigation): void {
  from.dispatchEvent(new CustomEvent('si-navigate', { detail: change, bubbles: true, composed: true }));
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
    kind: p.get('kind') === 'agencies' ? 'agencies' : '',
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
