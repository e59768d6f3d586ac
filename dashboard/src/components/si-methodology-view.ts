import { css, html, LitElement, nothing } from 'lit';
import { api, type Methodology } from '../lib/api.ts';
import { downloadTable, downloadWorkbook } from '../lib/download.ts';
import { errorView } from '../lib/errors.ts';
import { exportButtons } from '../lib/export.ts';
import { lang, t, today } from '../lib/i18n.ts';
import { methodologyInForce } from '../lib/methodology.ts';
import type { AppState } from '../lib/state.ts';
import { shared } from '../lib/styles.ts';
import { noCasesText, ruleText } from '../lib/words.ts';
import '../lib/i18n-views.ts';

/** The methodology in force, from the API: groups, indicators, rules, bands. */
export class SiMethodologyView extends LitElement {
  static override properties = {
    state: { attribute: false },
    methodology: { state: true },
    error: { state: true },
  };
  declare state: AppState;
  declare methodology: Methodology | undefined;
  declare error: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#load();
  }

  #load() {
    this.error = undefined;
    methodologyInForce().then(
      (m) => {
        this.methodology = m;
      },
      (e: unknown) => {
        this.error = e;
      },
    );
  }

  override render() {
    const m = this.methodology;
    if (this.error) return errorView(this.error, { retry: () => this.#load() });
    if (!m) return html`<p class="state" role="status">${t('loading')}</p>`;
    const l = lang();
    return html`
      <h2>${t('methodology_title')}</h2>
      <p>${m.name[l]} <span class="hint" title=${m.id}>· ${t('methodology_version')} ${m.id}</span></p>
      <p class="muted">${m.notApplicable.note[l]}</p>
      ${exportButtons(
        (format) =>
          downloadTable(
            {
              file: `methodology-${m.id}`,
              sheet: t('methodology_title'),
              title: `${t('methodology_title')} — ${m.name[l]} — ${t('methodology_version')} ${m.id}`,
              columns: [
                t('groups'),
                t('indicator'),
                t('max'),
                t('rule'),
                t('no_cases'),
                t('unconfirmed'),
                t('indicator_code'),
              ],
              rows: m.groups.flatMap((g) =>
                g.indicators.map((i) => [
                  g.name[l],
                  i.name[l],
                  i.points,
                  ruleText(i),
                  noCasesText(i),
                  i.unconfirmed?.[l] ?? '',
                  i.code,
                ]),
              ),
            },
            format,
          ),
        '',
      )}
      ${m.groups.map(
        (g) => html`<section>
          <h3 title=${g.code}>${g.name[l]} · ${g.max} ${t('points_unit')}</h3>
          <ul class="indicators">
            ${g.indicators.map(
              (i) => html`<li>
                <div class="head">
                  <strong title=${i.code}>${i.name[l]}</strong>
                  <span class="pts">${i.points} ${t('points_unit')}</span>
                </div>
                <div class="rule">${ruleText(i)}</div>
                <div class="muted">${noCasesText(i)}</div>
                ${i.unconfirmed ? html`<div class="muted">${t('unconfirmed')}: ${i.unconfirmed[l]}</div>` : nothing}
              </li>`,
            )}
          </ul>
        </section>`,
      )}
      <h3>${t('bands_title')}</h3>
      <ul class="bands">
        ${m.bands.map((b) => html`<li><span class="badge ${b.id}">${b.label[l]}</span> ${t('from_score')} ${b.min}</li>`)}
      </ul>
      <section class="template no-print">
        <h3>${t('template_title')}</h3>
        <p>${t('template_text')}</p>
        <button @click=${() => void this.#template()}>${t('template_download')}</button>
      </section>
    `;
  }

  /** The daily-record template of the province on screen, with its units; the writer comes with the first download. */
  async #template() {
    const province = this.state.province;
    const [{ templateWorkbook }, facts, units] = await Promise.all([
      import('#core/records/template.ts'),
      api.province(province),
      api.units(province),
    ]);
    await downloadWorkbook(`mau-so-lieu-${province}`, templateWorkbook(facts, units, today(-1)));
  }

  static override styles = [
    shared,
    css`
      ul.indicators {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ul.indicators li {
        border-bottom: 1px solid var(--si-border);
        padding: 0.5rem 0;
      }
      .head {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
      }
      .pts {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      .rule {
        margin: 0.2rem 0;
      }
      .hint {
        color: var(--si-muted);
        font-size: 0.85rem;
      }
    `,
  ];
}

customElements.define('si-methodology-view', SiMethodologyView);

declare global {
  interface HTMLElementTagNameMap {
    'si-methodology-view': SiMethodologyView;
  }
}
