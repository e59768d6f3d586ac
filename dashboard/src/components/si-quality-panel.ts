import { css, html, LitElement, nothing } from 'lit';
import type { Methodology } from '../lib/api.ts';
import { formatNumber, lang, t } from '../lib/i18n.ts';
import { groupName } from '../lib/methodology.ts';
import { type AppState, type Navigation, navigate } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import type { RankingAnswer } from '../lib/types.ts';
import { reconciliationText } from './si-ranking-view.ts';
import '../lib/i18n-views.ts';

/**
 * The data-quality panel under the ranking: days missing and rows rejected
 * (daily records), or where the portal's figures part and the portal's units
 * not matched (published figures), and the units without data. Each item
 * opens its unit; each list can narrow the table to its units. Loaded once
 * the table is laid out: it is below the fold.
 *
 * @fires si-navigate to open a unit or narrow the table
 */
export class SiQualityPanel extends LitElement {
  static override properties = {
    ranking: { attribute: false },
    state: { attribute: false },
    methodology: { attribute: false },
  };
  declare ranking: RankingAnswer;
  declare state: AppState;
  declare methodology: Methodology | undefined;

  #go(change: Navigation) {
    navigate(this, change);
  }

  #openUnit(code: string) {
    this.#go({ view: 'unit', unit: code });
  }

  #groupName(code: string): string {
    return groupName(this.methodology, code, lang());
  }

  /** A button that narrows the table to the units a data-quality item names, and back. */
  #filterButton(flag: AppState['flag'], count: number) {
    const on = this.state.flag === flag;
    if (!count) return nothing;
    return html`<button
      class="filter no-print"
      aria-pressed=${on ? 'true' : 'false'}
      @click=${() => {
        this.#go({ flag: on ? '' : flag, replace: true });
        // back to the table, where the filter shows
        (this.getRootNode() as ShadowRoot)
          .querySelector?.('.ranking-wrap')
          ?.scrollIntoView({ block: 'start' });
      }}
    >
      ${on ? t('show_all_units') : `${t('show_in_table')} (${count})`}
    </button>`;
  }

  /** The portal's side of data quality: where published and computed part, and units not matched. */
  #publishedQuality() {
    const r = this.ranking;
    const differing = r.units.filter((u) => u.published?.reconciliation.differs);
    const counts = r.reconciliation;
    const more = (n: number) =>
      n > 0 ? html`<li class="muted">${t('and_more')} ${n} ${t('more_units')}</li>` : nothing;
    return html`
      <div>
        <h3>${t('reconciliation')}</h3>
        ${this.#filterButton('differs', differing.length)}
        <ul class="counts">
          <li>${t('pages_differ')}: <strong>${counts?.pagesDiffer ?? 0}</strong></li>
          <li>${t('total_differs')}: <strong>${counts?.totalDiffers ?? 0}</strong></li>
          <li>${t('groups_differ')}: <strong>${counts?.groupsDiffer ?? 0}</strong></li>
        </ul>
        ${
          differing.length
            ? html`<ul class="differing">
              ${differing.slice(0, 20).map(
                (u) => html`<li>
                  <button class="link" @click=${() => this.#openUnit(u.unitCode)}>${u.name}</button>: ${reconciliationText(u)}
                  ${(u.published?.reconciliation.groups ?? []).map(
                    (g) =>
                      html`<br /><span class="muted">${this.#groupName(g.group)}: ${t('published')} ${formatNumber(g.published)},
                        ${t('computed')} ${formatNumber(g.computed)}</span>`,
                  )}
                </li>`,
              )}
              ${more(differing.length - 20)}
            </ul>`
            : html`<p class="muted">${t('none')}</p>`
        }
      </div>
      <div>
        <h3>${t('unsettled')}</h3>
        ${
          r.unsettled?.length
            ? html`<ul>
              ${r.unsettled.map(
                (u) => html`<li>
                  ${u.portalName} <span class="muted">(${u.portalCode})</span>: ${t(u.status)}${
                    u.candidates.length ? html`, ${t('may_be')} ${u.candidates.join(', ')}` : nothing
                  }
                </li>`,
              )}
            </ul>`
            : html`<p class="muted">${t('none')}</p>`
        }
      </div>
    `;
  }

  #quality() {
    const name = (code: string) =>
      this.ranking.units.find((u) => u.unitCode === code)?.name ??
      this.ranking.unranked.find((u) => u.unitCode === code)?.name ??
      code;
    const portal = this.ranking.source === 'portal';
    return html`<section class="quality" aria-labelledby="quality-title">
      <h2 id="quality-title">${t('data_quality')}</h2>
      <div class="quality-grid">
        ${portal ? this.#publishedQuality() : this.#recordsQuality(name)}
        <div>
          <h3>${t('unranked')}</h3>
          ${
            this.ranking.unranked.length
              ? html`<ul>
                ${this.ranking.unranked.map((u) => html`<li>${u.name}</li>`)}
              </ul>`
              : html`<p class="muted">${t('none')}</p>`
          }
        </div>
      </div>
    </section>`;
  }

  /** The daily records' side of data quality: days missing, rows rejected. */
  #recordsQuality(name: (code: string) => string) {
    const s = this.ranking.summary;
    return html`
        <div>
          <h3>${t('missing_days')}</h3>
          ${this.#filterButton('missing', s.missingDays.length)}
          ${
            s.missingDays.length
              ? html`<ul>
                ${s.missingDays.slice(0, 20).map((m) => html`<li><button class="link" @click=${() => this.#openUnit(m.unitCode)}>${name(m.unitCode)}</button>: ${m.missing} ${t('days')}</li>`)}
              </ul>`
              : html`<p class="muted">${t('none')}</p>`
          }
        </div>
        <div>
          <h3>${t('rejected_rows')}</h3>
          ${this.#filterButton('rejected', s.rejectedRows.length)}
          ${
            s.rejectedRows.length
              ? html`<ul>
                ${s.rejectedRows.slice(0, 20).map((m) => html`<li><button class="link" @click=${() => this.#openUnit(m.unitCode)}>${name(m.unitCode)}</button>: ${m.rows} ${t('rows')}</li>`)}
              </ul>`
              : html`<p class="muted">${t('none')}</p>`
          }
        </div>
    `;
  }

  override render() {
    return this.#quality();
  }

  static override styles = [
    shared,
    css`
      .quality {
        /* below the table: laid out only when scrolled near */
        content-visibility: auto;
        contain-intrinsic-size: auto 20rem;
      }
      .quality-grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
        gap: 1rem;
      }
      .quality ul {
        margin: 0;
        padding-left: 1.2rem;
      }
      .quality ul.counts {
        list-style: none;
        padding: 0;
        margin-bottom: 0.5rem;
      }
      button.filter {
        font-size: 0.85rem;
        padding: 0.15rem 0.5rem;
        margin-bottom: 0.4rem;
      }
      button.filter[aria-pressed='true'] {
        border-color: var(--si-accent);
        font-weight: 600;
      }
      @media print {
        :host {
          display: none;
        }
      }
    `,
  ];
}

customElements.define('si-quality-panel', SiQualityPanel);

declare global {
  interface HTMLElementTagNameMap {
    'si-quality-panel': SiQualityPanel;
  }
}
