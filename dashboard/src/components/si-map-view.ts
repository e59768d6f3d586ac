import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { css, html, LitElement, nothing, svg } from 'lit';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import topology from '#data/dong-thap-communes.topo.json';
import type { Methodology } from '../lib/api.ts';
import { formatNumber, lang, t } from '../lib/i18n.ts';
import { bandName } from '../lib/methodology.ts';
import { type AppState, type Navigation, navigate } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer } from '../lib/types.ts';
import '../lib/i18n-views.ts';

type Props = { code: string; name: string; fullName: string };

const WIDTH = 640;

/** Colour-blind-safe: the bands on a red-blue diverging scheme, scores on a single-hue blue ramp. */
const BAND_COLOURS: Record<string, string> = {
  excellent: 'var(--si-band-excellent)',
  good: 'var(--si-band-good)',
  average: 'var(--si-band-average)',
  weak: 'var(--si-band-weak)',
};
const SCORE_STEPS = [
  { min: 90, colour: '#08306b' },
  { min: 80, colour: '#2171b5' },
  { min: 70, colour: '#6baed6' },
  { min: 50, colour: '#c6dbef' },
  { min: 0, colour: '#f7fbff' },
];

const map = (() => {
  const topo = topology as unknown as Topology<{ communes: GeometryCollection<Props> }>;
  const collection = feature(topo, topo.objects.communes) as FeatureCollection<Geometry, Props>;
  const projection = geoMercator().fitWidth(WIDTH, collection);
  const path = geoPath(projection);
  const [[, top], [, bottom]] = path.bounds(collection);
  return {
    height: Math.ceil(bottom - top),
    shapes: collection.features.map((f: Feature<Geometry, Props>) => ({
      code: f.properties.code,
      d: path(f) ?? '',
    })),
  };
})();
const HEIGHT = map.height;
const shapes = map.shapes;
/** the units the map draws */
const MAPPED = new Set(shapes.map((s) => s.code));

/**
 * The province as a map, each commune and ward coloured by its band or score.
 * Hover or focus shows the unit and its score; a click or Enter opens it. On a
 * touch screen, where there is no hover, the first tap shows the unit (its
 * score, band and rank, with a button to open it) and a second tap opens it.
 *
 * @fires si-navigate to open a unit or change the colouring
 */
export class SiMapView extends LitElement {
  static override properties = {
    ranking: { attribute: false },
    state: { attribute: false },
    hovered: { state: true },
    methodology: { attribute: false },
  };
  declare ranking: RankingAnswer;
  /** the bands' names, as the server gives them */
  declare methodology: Methodology | undefined;
  declare state: AppState;
  declare hovered: string | undefined;
  /** how the last press came: a touch previews before it opens */
  #pointer = 'mouse';
  /** the unit a first tap showed (a tap also fires the mouse's enter, so hovering cannot tell) */
  #previewed: string | undefined;

  #press(code: string) {
    if (this.#pointer !== 'mouse' && this.#previewed !== code) {
      this.#previewed = code;
      this.hovered = code;
      return;
    }
    this.#go({ view: 'unit', unit: code });
  }

  #go(change: Navigation) {
    navigate(this, change);
  }

  override render() {
    // the map shipped is one province's: shown when the ranking's units are on it
    const onMap = [...this.ranking.units, ...this.ranking.unranked].some((u) => MAPPED.has(u.unitCode));
    if (!onMap) return html`<p class="state">${t('map_other_province')}</p>`;
    const byCode = new Map(this.ranking.units.map((u) => [u.unitCode, u]));
    const names = new Map(this.ranking.unranked.map((u) => [u.unitCode, u.name]));
    const byScore = this.state.colour === 'score';
    const fill = (code: string) => {
      const u = byCode.get(code);
      if (!u) return '#bdbdbd';
      return byScore
        ? (SCORE_STEPS.find((s) => u.total >= s.min)?.colour ?? '#f7fbff')
        : (BAND_COLOURS[u.band] ?? '#bdbdbd');
    };
    const label = (code: string) => {
      const u = byCode.get(code);
      return u
        ? `${u.name}: ${formatNumber(u.total)} · ${bandName(this.methodology, u.band, lang())} · ${t('rank')} ${u.rank}`
        : `${names.get(code) ?? code}: ${t('no data')}`;
    };
    const hovered = this.hovered;
    return html`
      <h2>${t('map_title')}</h2>
      <div class="toolbar no-print">
        <div class="field">
          <label for="colour">${t('map_colour')}</label>
          <select
            id="colour"
            @change=${(e: Event) => this.#go({ colour: (e.target as HTMLSelectElement).value as 'band' | 'score', replace: true })}
          >
            <option value="band" ?selected=${!byScore}>${t('map_by_band')}</option>
            <option value="score" ?selected=${byScore}>${t('map_by_score')}</option>
          </select>
        </div>
        <span class="muted hint-hover">${t('map_hint')}</span>
        <span class="muted hint-touch">${t('map_hint_touch')}</span>
      </div>
      <div class="layout">
        <svg
          viewBox="0 0 ${WIDTH} ${HEIGHT}"
          role="group"
          aria-label=${t('map_title')}
          @pointerdown=${(e: PointerEvent) => {
            this.#pointer = e.pointerType || 'mouse';
          }}
        >
          ${shapes.map(
            (s) => svg`<path
              d=${s.d}
              fill=${fill(s.code)}
              class=${s.code === hovered ? 'hovered' : ''}
              tabindex="0"
              role="link"
              aria-label=${label(s.code)}
              data-code=${s.code}
              @mouseenter=${() => {
                this.hovered = s.code;
              }}
              @focus=${() => {
                this.hovered = s.code;
              }}
              @click=${() => this.#press(s.code)}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  this.#go({ view: 'unit', unit: s.code });
                }
              }}
            ><title>${label(s.code)}</title></path>`,
          )}
        </svg>
        <aside>
          <div class="tip" aria-live="polite">
            ${
              hovered
                ? html`<p>${label(hovered)}</p>
                    <button @click=${() => this.#go({ view: 'unit', unit: hovered })}>${t('open_unit')}</button>`
                : nothing
            }
          </div>
          <h3>${t('map_legend')}</h3>
          <ul class="legend">
            ${
              byScore
                ? SCORE_STEPS.map(
                    (s) =>
                      html`<li><span class="swatch" style="background:${s.colour}"></span>≥ ${s.min}</li>`,
                  )
                : (this.methodology?.bands ?? []).map(
                    (b) =>
                      html`<li><span class="swatch" style="background:${BAND_COLOURS[b.id] ?? '#bdbdbd'}"></span>${b.label[lang()]}</li>`,
                  )
            }
            <li><span class="swatch" style="background:#bdbdbd"></span>${t('no data')}</li>
          </ul>
        </aside>
      </div>
    `;
  }

  static override styles = [
    shared,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(12rem, 1fr);
        gap: 1rem;
      }
      svg {
        width: 100%;
        height: auto;
        background: var(--si-surface);
      }
      path {
        stroke: #ffffff;
        stroke-width: 0.6;
        cursor: pointer;
      }
      path.hovered,
      path:focus-visible {
        stroke: #000;
        stroke-width: 2;
        outline: none;
      }
      .legend {
        list-style: none;
        padding: 0;
      }
      .legend li {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        margin: 0.2rem 0;
      }
      .swatch {
        display: inline-block;
        width: 1rem;
        height: 1rem;
        border: 1px solid var(--si-border);
      }
      .tip {
        min-height: 3rem;
        font-weight: 600;
      }
      .tip p {
        margin: 0 0 0.3rem;
      }
      .hint-touch {
        display: none;
      }
      @media (hover: none) {
        .hint-hover {
          display: none;
        }
        .hint-touch {
          display: inline;
        }
      }
      /* a phone: the legend in one line and the unit tapped, both right under the map */
      @media (max-width: 40rem) {
        .layout {
          grid-template-columns: 1fr;
        }
        aside h3 {
          display: none;
        }
        .legend {
          display: flex;
          flex-wrap: wrap;
          gap: 0.2rem 0.8rem;
          margin: 0.3rem 0;
        }
        aside {
          display: flex;
          flex-direction: column-reverse;
        }
      }
    `,
  ];
}

customElements.define('si-map-view', SiMapView);

declare global {
  interface HTMLElementTagNameMap {
    'si-map-view': SiMapView;
  }
}
