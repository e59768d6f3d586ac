import { css, html, LitElement, nothing } from 'lit';
import { api, type Methodology } from '../lib/api.ts';
import { errorView } from '../lib/errors.ts';
import { formatDay, formatPeriod, langReady, loadLang, provinceName, setLang, t } from '../lib/i18n.ts';
import { methodologyOf } from '../lib/methodology.ts';
import {
  type AppState,
  introSeen,
  type Navigation,
  readState,
  rememberIntroSeen,
  rememberLang,
  stateUrl,
  type View,
} from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type {
  ProvinceAnswer,
  ProvinceListAnswer,
  RankingAnswer,
  RankingSource,
  Trend,
} from '../lib/types.ts';
import './si-period-picker.ts';
import './si-ranking-view.ts';

/**
 * The dashboard's shell: header, navigation, period, language, and the view
 * the URL names. It loads the ranking the views share and hands it down.
 *
 * @fires nothing; listens for `si-navigate` from every view.
 */
export class SiApp extends LitElement {
  static override properties = {
    state: { state: true },
    ranking: { state: true },
    trend: { state: true },
    error: { state: true },
    loading: { state: true },
    lastIngestAt: { state: true },
    facts: { state: true },
    provinces: { state: true },
    methodology: { state: true },
    intro: { state: true },
    copied: { state: true },
  };

  declare state: AppState;
  declare ranking: RankingAnswer | undefined;
  declare trend: Trend | undefined;
  declare error: unknown;
  /** the first visit's line about the index and its sources, until it is dismissed */
  declare intro: boolean;
  /** the copy-link button's answer */
  declare copied: string;
  declare loading: boolean;
  declare lastIngestAt: string | null;
  /** what the platform holds of the province: its sources, the portal's periods */
  declare facts: ProvinceAnswer | undefined;
  /** the provinces the platform holds data of, for the province picker */
  declare provinces: ProvinceListAnswer;
  /** what the ranking was scored under: its groups' maxima and its bands, as the server gives them */
  declare methodology: Methodology | undefined;
  #loadedKey = '';
  #trendKey = '';
  #provinceReady: Promise<unknown> = Promise.resolve();
  #abort: AbortController | undefined;

  constructor() {
    super();
    this.state = readState();
    this.loading = false;
    this.lastIngestAt = null;
    this.provinces = [];
    this.copied = '';
    this.intro = !introSeen();
    setLang(this.state.lang);
    // a page opened in English waits for its texts (a few KB, loaded once) before it draws anything
    if (!langReady(this.state.lang)) {
      void loadLang(this.state.lang).then(() => {
        this.state = { ...this.state };
      });
    }
  }

  /** The province picker shows the address's province, after Back too. */
  override updated(): void {
    const province = this.renderRoot.querySelector<HTMLSelectElement>('select#province');
    if (province) province.value = this.state.province;
  }

  override firstUpdated(): void {
    api.provinces().then(
      (list) => {
        // a link without a province opens the deployment's default, as the server names it
        const fallback = list.find((p) => p.default)?.code ?? list[0]?.code ?? '';
        if (!this.state.province && fallback) this.navigate({ province: fallback }, true);
        this.provinces = list.filter((p) => p.sources.length > 0 || p.code === this.state.province);
      },
      (error: unknown) => {
        this.error = error;
      },
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onPop);
    this.addEventListener('si-navigate', this.#onNavigate as EventListener);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.#onPop);
    super.disconnectedCallback();
  }

  /** Back and Forward move between views; the language stays the one chosen last. */
  #onPop = () => {
    this.state = { ...readState(), lang: this.state.lang };
  };

  #onNavigate = (event: CustomEvent<Navigation>) => {
    const { replace, ...change } = event.detail;
    this.navigate(change, replace);
  };

  /** Moves to a new state; a new history entry unless `replace`. */
  navigate(change: Partial<AppState>, replace = false): void {
    this.state = { ...this.state, ...change };
    setLang(this.state.lang);
    const url = stateUrl(this.state);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    if (change.view) window.scrollTo?.(0, 0);
  }

  override willUpdate(): void {
    // nothing to load until the province is known (the URL's, or the server's default)
    if (!this.state.province) return;
    // the province's trend and facts first, so that the ranking's first render already has them
    const trendKey = `${this.state.province}|${this.state.source}`;
    if (trendKey !== this.#trendKey) {
      this.#trendKey = trendKey;
      const province = this.state.province;
      const trend = api.trend(province, this.state.source).then(
        (t) => {
          this.trend = t;
        },
        () => {
          this.trend = undefined;
        },
      );
      const facts = api.province(province).then(
        (p) => {
          this.facts = p;
          this.lastIngestAt = p.lastIngestAt;
        },
        () => undefined,
      );
      this.#provinceReady = Promise.race([
        Promise.all([trend, facts]),
        new Promise((r) => setTimeout(r, 1500)),
      ]);
    }
    const key = `${this.state.province}|${this.state.period}|${this.state.asOf}|${this.state.source}|${this.#kind()}`;
    if (key !== this.#loadedKey) {
      this.#loadedKey = key;
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.loading = true;
    this.error = undefined;
    try {
      const [ranking] = await Promise.all([
        api.ranking(
          this.state.province,
          this.state.period,
          this.state.asOf,
          this.state.source,
          abort.signal,
          this.#kind(),
        ),
        // one render of the table with its sparklines, not one without and one with; never waits more than 1.5 s
        this.#provinceReady,
      ]);
      // the methodology the ranking was scored under, once per page and version
      this.methodology = await methodologyOf(ranking.methodology);
      if (abort.signal.aborted) return;
      this.ranking = ranking;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error;
      this.ranking = undefined;
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  /** What the views rank: the departments when asked for, except on the map, which draws communes and wards. */
  #kind(): '' | 'agencies' {
    return this.state.view === 'map' ? '' : this.state.kind;
  }

  /**
   * The switch between the communes and wards and the departments, for a
   * province the portal publishes (departments are ranked by the portal only).
   */
  #kindSwitch() {
    const s = this.state;
    if (!this.facts?.sources.includes('portal') || s.view === 'map') return nothing;
    const go = (kind: '' | 'agencies') =>
      this.navigate({
        kind,
        unit: '',
        units: [],
        type: '',
        band: '',
        flag: '',
        q: '',
        source: kind ? 'portal' : s.source,
        view: s.view === 'unit' || s.view === 'compare' ? 'ranking' : s.view,
      });
    return html`<div class="kind-switch" role="group" aria-label=${t('kind_label')}>
      <button aria-pressed=${s.kind ? 'false' : 'true'} @click=${() => go('')}>${t('kind_communes')}</button>
      <button aria-pressed=${s.kind ? 'true' : 'false'} @click=${() => go('agencies')}>${t('kind_agencies')}</button>
    </div>`;
  }

  #nav(view: View, label: string) {
    const current = this.state.view === view;
    return html`<a
      href=${stateUrl({ ...this.state, view })}
      aria-current=${current ? 'page' : 'false'}
      @click=${(e: MouseEvent) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        this.navigate({ view });
      }}
      >${label}</a
    >`;
  }

  #view() {
    if (this.error) {
      const s = this.state;
      // a way back: the province's default ranking, when the link asked for something else
      const elsewhere = s.view !== 'ranking' || s.period || s.asOf || s.source;
      return errorView(this.error, {
        retry: () => void this.#load(),
        back: elsewhere
          ? () => this.navigate({ view: 'ranking', period: '', asOf: '', unit: '', units: [], source: '' })
          : undefined,
      });
    }
    if (!this.ranking) return html`<div class="state" role="status">${t('loading')}</div>`;
    const common = {
      ranking: this.ranking,
      state: this.state,
      trend: this.trend,
      methodology: this.methodology,
    };
    switch (this.state.view) {
      case 'ranking':
        return html`<si-ranking-view
          .ranking=${common.ranking}
          .state=${common.state}
          .trend=${common.trend}
          .methodology=${common.methodology}
          .lastIngestAt=${this.lastIngestAt}
          .provinceLabel=${this.facts ? provinceName(this.facts) : ''}
          .latestDay=${this.facts?.latestDay}
        ></si-ranking-view>`;
      case 'map':
        return html`${lazy(import('./si-map-view.ts'))}<si-map-view .ranking=${common.ranking} .state=${common.state} .methodology=${common.methodology}></si-map-view>`;
      case 'unit':
        return html`${lazy(import('./si-unit-view.ts'))}<si-unit-view .ranking=${common.ranking} .state=${common.state} .methodology=${common.methodology} .provinceLabel=${this.facts ? provinceName(this.facts) : ''}></si-unit-view>`;
      case 'compare':
        return html`${lazy(import('./si-compare-view.ts'))}<si-compare-view .ranking=${common.ranking} .state=${common.state} .methodology=${common.methodology} .provinceLabel=${this.facts ? provinceName(this.facts) : ''}></si-compare-view>`;
      case 'methodology':
        return html`${lazy(import('./si-methodology-view.ts'))}<si-methodology-view .state=${common.state}></si-methodology-view>`;
    }
  }

  /**
   * What the index is and where its figures come from, for a first visit;
   * dismissed once, remembered. Drawn with the page, never after it, so that
   * nothing below it moves.
   */
  #introLine() {
    return html`<aside class="intro no-print" aria-label=${t('intro_label')}>
      <p>${t('intro_text')}</p>
      <button
        @click=${() => {
          rememberIntroSeen();
          this.intro = false;
        }}
      >
        ${t('intro_ok')}
      </button>
    </aside>`;
  }

  /** Copies the link of exactly what is on screen, for a chat group or an e-mail. */
  async #copyLink() {
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      this.copied = t('link_copied');
    } catch {
      // no clipboard (a page not served over HTTPS, a refusal): the link to copy by hand
      window.prompt(t('copy_link'), url);
      this.copied = '';
    }
    setTimeout(() => {
      this.copied = '';
    }, 4000);
  }

  /** The province picker: the provinces the platform holds data of. */
  #provincePicker() {
    const s = this.state;
    if (this.provinces.length < 2) return nothing;
    const name = provinceName;
    return html`<div class="field province-pick">
      <label for="province">${t('province_pick')}</label>
      <select
        id="province"
        @change=${(e: Event) =>
          this.navigate({
            province: (e.target as HTMLSelectElement).value,
            period: '',
            asOf: '',
            unit: '',
            units: [],
            source: '',
            view: s.view === 'unit' ? 'ranking' : s.view,
          })}
      >
        ${this.provinces.map((p) => html`<option value=${p.code} ?selected=${p.code === s.province}>${name(p)}</option>`)}
      </select>
    </div>`;
  }

  /** The source switch, for a province with both the portal's figures and daily records. */
  #sourcePicker() {
    const sources = this.facts?.sources ?? [];
    if (sources.length < 2) return nothing;
    const shown = this.ranking?.source ?? sources[0];
    return html`<div class="field">
      <label for="source">${t('source_label')}</label>
      <select
        id="source"
        @change=${(e: Event) =>
          this.navigate({
            source: (e.target as HTMLSelectElement).value as RankingSource,
            period: '',
            asOf: '',
          })}
      >
        ${sources.map((x) => html`<option value=${x} ?selected=${x === shown}>${t(`source_${x}`)}</option>`)}
      </select>
    </div>`;
  }

  override render() {
    const s = this.state;
    const r = this.ranking;
    if (!langReady(s.lang)) return html`<main id="main"></main>`;
    return html`
      <header class="no-print">
        <button class="skip" @click=${() => this.renderRoot.querySelector<HTMLElement>('main')?.focus()}>${t('skip')}</button>
        <div class="brand">
          <h1>${t('title')}</h1>
          <p class="muted">${t('subtitle')}</p>
          <p class="province">${this.facts ? provinceName(this.facts) : ''}</p>
        </div>
        <button
          class="lang"
          lang=${s.lang === 'vi' ? 'en' : 'vi'}
          @click=${async () => {
            const next = s.lang === 'vi' ? 'en' : 'vi';
            await loadLang(next);
            rememberLang(next);
            this.navigate({ lang: next }, true);
          }}
        >
          ${t('switch_language')}
        </button>
      </header>
      <nav class="no-print" aria-label=${t('nav_ranking')}>
        ${this.#nav('ranking', t('nav_ranking'))} ${this.#nav('map', t('nav_map'))} ${this.#nav('compare', t('nav_compare'))}
        ${this.#nav('methodology', t('nav_methodology'))} ${this.#nav('national', t('nav_national'))}
      </nav>
      <main id="main" tabindex="-1">
      ${
        s.view === 'national'
          ? html`${lazy(import('./si-national-view.ts'))}<si-national-view .state=${s}></si-national-view>`
          : this.#provinceMain()
      }
      </main>
      <footer class="muted">${t('source_note')}</footer>
    `;
  }

  /** What a province's views share above them: the first-visit line, the pickers, the period, then the view. */
  #provinceMain() {
    const s = this.state;
    const r = this.ranking;
    return html`
        ${this.intro ? this.#introLine() : nothing}
        <div class="toolbar no-print">${this.#provincePicker()} ${this.#sourcePicker()} ${this.#kindSwitch()}</div>
        <si-period-picker
          class="no-print"
          .period=${s.period}
          .asOf=${s.asOf}
          .current=${r?.period.key ?? ''}
          .inForce=${r?.asOf ?? ''}
          .lang=${s.lang}
        ></si-period-picker>
      ${
        r
          ? html`<p class="period-line no-print">
            <strong>${formatPeriod(r.period.key)}</strong>
            ${r.asOf ? html`· ${r.source === 'portal' ? t('observed_on') : t('as_of')} ${formatDay(r.asOf)}` : nothing}
            ${r.source === 'portal' ? html`· <span class="source">${t('source_label')}: ${t('source_portal')}</span>` : nothing}
            ${this.loading ? html`<span class="muted" role="status"> · ${t('loading')}</span>` : nothing}
            <button class="copy no-print" @click=${() => void this.#copyLink()}>${t('copy_link')}</button>
            <span class="muted no-print" role="status">${this.copied}</span>
          </p>
          ${
            // asked for a day the data does not reach yet: the ranking is as of the latest before it
            s.asOf && r.asOf && r.asOf !== s.asOf
              ? html`<p class="notice no-print" role="status">${formatDay(s.asOf)}: ${t('as_of_moved')} ${formatDay(r.asOf)}.</p>`
              : nothing
          }`
          : nothing
      }
        ${this.#view()}
    `;
  }

  static override styles = [
    shared,
    css`
      :host {
        max-width: 80rem;
        margin: 0 auto;
        padding: 0 1rem 2rem;
      }
      .kind-switch {
        display: inline-flex;
        align-self: end;
      }
      .kind-switch button {
        border-radius: 0;
      }
      .kind-switch button:first-child {
        border-radius: 4px 0 0 4px;
      }
      .kind-switch button:last-child {
        border-radius: 0 4px 4px 0;
        border-left: none;
      }
      .kind-switch button[aria-pressed='true'] {
        background: var(--si-accent);
        border-color: var(--si-accent);
        color: #fff;
      }
      .skip {
        position: absolute;
        left: -999px;
      }
      .skip:focus {
        left: 1rem;
        top: 0.5rem;
        background: var(--si-bg);
        padding: 0.4rem;
        z-index: 10;
      }
      header {
        display: flex;
        justify-content: space-between;
        align-items: start;
        gap: 1rem;
        padding-top: 0.8rem;
      }
      h1 {
        font-size: 1.4rem;
        margin: 0;
      }
      .brand p {
        margin: 0.2rem 0 0;
      }
      .province {
        /* held open until the name arrives, so nothing below it moves */
        min-height: 1.3em;
        font-weight: 600;
      }
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 1.2rem;
        margin: 0.8rem 0 0.4rem;
        border-bottom: 1px solid var(--si-border);
        padding-bottom: 0.4rem;
      }
      nav a {
        text-decoration: none;
        padding: 0.2rem 0;
      }
      nav a[aria-current='page'] {
        font-weight: 700;
        border-bottom: 3px solid var(--si-accent);
      }
      .period-line {
        margin: 0.4rem 0;
      }
      .intro {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 0.6rem 0;
        padding: 0.5rem 0.8rem;
        background: var(--si-surface);
        border-left: 4px solid var(--si-accent);
      }
      .intro p {
        margin: 0;
        flex: 1 1 20rem;
      }
      button.copy {
        margin-left: 0.5rem;
        font-size: 0.85rem;
        padding: 0.15rem 0.5rem;
      }
      .notice {
        margin: 0.2rem 0 0.4rem;
        padding: 0.4rem 0.6rem;
        border-left: 4px solid var(--si-accent);
        background: var(--si-surface);
      }
      main {
        /* the footer starts below the fold, so the ranking's arrival moves nothing in view */
        min-height: 100vh;
      }
      main:focus {
        outline: none;
      }
      footer {
        margin-top: 2rem;
        font-size: 0.8rem;
      }
      /* a phone: the title in less of the first screen */
      @media (max-width: 40rem) {
        h1 {
          font-size: 1.15rem;
        }
        .brand .muted {
          font-size: 0.85rem;
        }
      }
      @media print {
        :host {
          padding: 0;
        }
        main {
          min-height: 0;
        }
        footer {
          margin-top: 0.5rem;
        }
      }
    `,
  ];
}

/** Renders nothing; starts loading a view's module (the browser loads each once), which then upgrades its element. */
function lazy(load: Promise<unknown>) {
  load.catch((error: unknown) => console.error('a view could not be loaded', error));
  return nothing;
}

customElements.define('si-app', SiApp);

declare global {
  interface HTMLElementTagNameMap {
    'si-app': SiApp;
  }
}
